import type { Context } from "hono";
import type { AppEnv } from "../platform/context";
import { settleWithin } from "../platform/settle-within";
import { type ApiFetch, callApi } from "./api";
import { Countdown } from "./components";
import { clockTime } from "./format";
import type { Cart } from "./types";

/** A deal hold as `GET /api/deals/{id}/hold` answers it. */
interface HoldAnswer {
  status: "held" | "claimed" | "committed" | "released" | "expired";
  qty: number;
  expires_at: string;
  paused?: boolean;
  over_limit?: boolean;
  turn_ends_at?: string;
}

/**
 * What checkout tells a shopper about a deal line's hold: held until when, run out, never held
 * under their admission, or an admission checkout would refuse (its turn over, or someone else's).
 * A hold an order has taken over or bought is that order's business, not this checkout's, and
 * gets no notice.
 */
export type DealHoldNotice =
  | { dealId: string; title: string; state: "held"; qty: number; expiresAt: string; paused: boolean; endsTurn: boolean }
  | { dealId: string; title: string; state: "lapsed" | "none" | "over_limit" | "turn_over" };

/** Every sentence the checkout's hold notices use. */
const TEXTS = {
  held: (title: string, qty: number, until: string) =>
    qty === 1
      ? `Your deal unit of ${title} is held for you until ${until}.`
      : `Your ${qty} deal units of ${title} are held for you until ${until}.`,
  within: "Place your order within",
  lastMinute: "One minute left to place your order before your deal unit is released.",
  // While the deal is paused the hold's time stands still, so a ticking clock would be wrong.
  paused: (title: string, qty: number) =>
    `The deal is paused for a moment, so the time to buy your ${qty === 1 ? "unit" : `${qty} units`} of ${title} is standing still. You keep ${qty === 1 ? "it" : "them"}: place your order once it resumes.`,
  lapsed: (title: string) => `Your hold on ${title} ran out.`,
  lapsedWithTurn: (title: string) => `Your hold on ${title} ran out, and your turn from the waiting room with it.`,
  none: (title: string) => `No unit of ${title} is held for you.`,
  // The hold was taken signed out; the account signed in since has had its share of the deal.
  overLimit: (title: string) =>
    `Your account already has this deal's limit per shopper of ${title}, so the unit held in this browser cannot be ordered.`,
  removeIt: "Remove it from your cart to check out the rest; it goes back to the deal when its hold runs out.",
  turnOver: (title: string) => turnOverWords(title),
  rejoin: "Go to the deal's waiting room",
  stillLeft: "Units may still be left: place your order to try to get one.",
};

/**
 * A deal's admission checkout refuses, said before the shopper fills in the form and, in the same
 * words, when checkout refuses the order for it.
 */
export function turnOverWords(title: string): string {
  return `Your turn from the waiting room for ${title} has run out, or was given to another account.`;
}

/** How long checkout waits for a hold's clock: a deal's gate slow to answer must not hold up the form. */
const HOLD_READ_MS = 1_500;

/**
 * The shopper's hold on each flash deal in the cart that `token` admits them to, read through the
 * hold API: one read per deal line, side by side. An admission the API refuses (403: its turn is
 * over, or it is someone else's) is said at once, as checkout would refuse the order for it; a
 * read that fails otherwise gives no notice: the clock helps, and checkout waits on it at most
 * `HOLD_READ_MS`.
 */
export async function loadDealHolds(
  c: Context<AppEnv>,
  fetchApi: ApiFetch,
  cart: Cart,
  token: string | undefined,
): Promise<DealHoldNotice[]> {
  if (!token) return [];
  const titles = new Map<string, string>();
  for (const l of cart.items) if (l.deal_id && !titles.has(l.deal_id)) titles.set(l.deal_id, l.title ?? l.listing_id);
  const notices = await Promise.all(
    [...titles].map(([dealId, title]) => settleWithin(holdNotice(c, fetchApi, dealId, title, token), HOLD_READ_MS, null)),
  );
  return notices.filter((n): n is DealHoldNotice => n !== null);
}

async function holdNotice(
  c: Context<AppEnv>,
  fetchApi: ApiFetch,
  dealId: string,
  title: string,
  token: string,
): Promise<DealHoldNotice | null> {
  try {
    const path = `/api/deals/${encodeURIComponent(dealId)}/hold?admission_token=${encodeURIComponent(token)}`;
    const res = await callApi<HoldAnswer>(c, fetchApi, path);
    if (!res.ok) {
      if (res.problem.status === 404) return { dealId, title, state: "none" };
      return res.problem.status === 403 ? { dealId, title, state: "turn_over" } : null;
    }
    const hold = res.data;
    if (hold.status === "held" && hold.over_limit === true) return { dealId, title, state: "over_limit" };
    if (hold.status === "held") {
      // A hold kept until the turn's very end (a deal's default) runs out with it: ordering after that is refused.
      const endsTurn = hold.turn_ends_at !== undefined && Date.parse(hold.expires_at) >= Date.parse(hold.turn_ends_at);
      return { dealId, title, state: "held", qty: hold.qty, expiresAt: hold.expires_at, paused: hold.paused === true, endsTurn };
    }
    return hold.status === "expired" || hold.status === "released" ? { dealId, title, state: "lapsed" } : null;
  } catch {
    return null;
  }
}

/** The clock a shopper pays against, or the warning that it ran out, shown above the checkout form. */
export function DealHoldPanel(props: { notice: DealHoldNotice }) {
  const n = props.notice;
  if (n.state === "held" && n.paused) {
    return (
      <section class="panel" role="status" data-deal-hold={n.dealId} data-hold-state="paused">
        <p>
          <strong>{TEXTS.paused(n.title, n.qty)}</strong>
        </p>
      </section>
    );
  }
  if (n.state === "held") {
    // app.js shows the second part, and marks the panel lapsed (an alert), when the countdown reaches
    // zero. The ticking countdown is outside any live region, which would have a screen reader read
    // the panel again every second while the shopper fills in the form; it hears the minute left.
    return (
      <section class="panel ok" data-deal-hold={n.dealId} data-hold-state="held" data-lapses="">
        <div data-until-lapse="">
          <p role="status">
            <strong>{TEXTS.held(n.title, n.qty, `${clockTime(n.expiresAt)} IST`)}</strong>
          </p>
          <Countdown to={n.expiresAt} label={TEXTS.within} atLabel="Place your order by" />
          <p class="visually-hidden" role="status" data-hold-warning={TEXTS.lastMinute} />
        </div>
        {n.endsTurn ? (
          <p data-after-lapse="" hidden>
            <strong>{TEXTS.lapsedWithTurn(n.title)}</strong>{" "}
            <a class="button primary" href={`/deals/${encodeURIComponent(n.dealId)}`}>
              {TEXTS.rejoin}
            </a>
          </p>
        ) : (
          <p data-after-lapse="" hidden>
            <strong>{TEXTS.lapsed(n.title)}</strong> {TEXTS.stillLeft}
          </p>
        )}
      </section>
    );
  }
  if (n.state === "turn_over") {
    // checkout.js forgets an admission this tab stored once it is marked refused, as after a refused order.
    return (
      <section class="panel error" role="alert" data-deal-hold={n.dealId} data-hold-state={n.state} data-admission-refused={n.dealId}>
        <p>
          <strong>{TEXTS.turnOver(n.title)}</strong>
        </p>
        <p>
          <a class="button primary" href={`/deals/${encodeURIComponent(n.dealId)}`}>
            {TEXTS.rejoin}
          </a>
        </p>
      </section>
    );
  }
  if (n.state === "over_limit") {
    return (
      <section class="panel error" role="alert" data-deal-hold={n.dealId} data-hold-state={n.state}>
        <p>
          <strong>{TEXTS.overLimit(n.title)}</strong> {TEXTS.removeIt}
        </p>
      </section>
    );
  }
  return (
    <section class="panel error" role="alert" data-deal-hold={n.dealId} data-hold-state={n.state}>
      <p>
        <strong>{n.state === "lapsed" ? TEXTS.lapsed(n.title) : TEXTS.none(n.title)}</strong> {TEXTS.stillLeft}
      </p>
    </section>
  );
}
