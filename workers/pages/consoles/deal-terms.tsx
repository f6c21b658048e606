import { DealCountdown, Price, dealClock, dealPhase } from "../components";
import { countWords as count, money, whenIst } from "../format";
import type { Deal } from "../types";

/** A deal as `GET /api/admin/deals/{id}` states it, besides its live figures. */
export interface DashboardDeal extends Deal {
  listing_id: string;
  seller_name: string;
  listing_price: number;
  mrp: number;
  units: number;
  per_user_limit: number;
  hold_seconds: number;
  waiting_room: { active_users: number; new_users_per_minute: number; session_minutes: number };
}

/** A length of time set in seconds, in the minutes the create form asks for (and seconds where it is not whole minutes). */
export function minutesWords(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (minutes === 0) return count(rest, "second", "seconds");
  return rest === 0 ? count(minutes, "minute", "minutes") : `${count(minutes, "minute", "minutes")} ${count(rest, "second", "seconds")}`;
}

/** Its end time; for a deal ended before it, when it was ended as well, so an early end does not read as running on. */
function endTerms(d: DashboardDeal): [string, string][] {
  const ends: [string, string] = [d.ended_at && d.ended_at < d.ends_at ? "Was to end" : "Ends", `${whenIst(d.ends_at)}`];
  return d.ended_at && d.ended_at < d.ends_at ? [["Ended", `${whenIst(d.ended_at)}`], ends] : [ends];
}

/**
 * What the deal is, for the manager watching it: its price against the listing's, its window in
 * IST with a countdown to whichever end of it comes next (changed over by app.js at the opening),
 * the per-shopper limit, the waiting room's settings and whose listing it is. `status` is the one
 * the dashboard shows, so a sold-out deal counts down to nothing.
 */
export function DealTerms(props: { deal: DashboardDeal; status: string | undefined }) {
  const d = props.deal;
  const phase = dealPhase({ ...d, status: props.status ?? d.status });
  const room = d.waiting_room;
  const terms: [string, string][] = [
    ["Listing's own price", money(d.listing_price)],
    ["Opens", `${whenIst(d.starts_at)}`],
    ...endTerms(d),
    ["Limit per shopper", count(d.per_user_limit, "unit", "units")],
    ["Shoppers shopping at once", room.active_users.toLocaleString("en-IN")],
    ["New shoppers let in per minute", room.new_users_per_minute.toLocaleString("en-IN")],
    ["Time an admitted shopper has to buy", minutesWords(room.session_minutes * 60)],
    ["A unit held on the deal page waits", minutesWords(d.hold_seconds)],
    ["Seller", d.seller_name],
    ["Listing id", d.listing_id],
  ];
  return (
    <section class="panel" aria-labelledby="deal-terms-h" data-deal-terms {...dealClock(d, phase)}>
      <h2 id="deal-terms-h">Terms</h2>
      <Price price={d.deal_price} mrp={d.mrp} size="large" />
      <DealCountdown deal={d} phase={phase} startLabel="Opens in" />
      <dl class="figures terms">
        {terms.map(([term, value]) => (
          <div>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
