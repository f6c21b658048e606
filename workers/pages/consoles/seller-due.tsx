import { deliveryDateLabel } from "../../delivery/estimate";
import type { SellerDue } from "../../orders/seller-hand-over";
import { LateTag } from "./due-day";

/** The day an order still to ship must reach the courier by, and a badge in words when that day is past. */
export function HandOverBy({ order }: { order: { hand_over_by: string | null; late: boolean } }) {
  if (!order.hand_over_by) return <span class="muted">—</span>;
  return (
    <>
      Hand over by {deliveryDateLabel(order.hand_over_by)}
      <LateTag late={order.late} />
    </>
  );
}

/** The counts of `GET /api/seller/orders/due`, as the links show them. */
export interface DueCounts {
  late: number;
  today: number;
  capped_at: number;
  capped: SellerDue[];
}

/** A link narrowing the list to `to`, with how many orders it holds when that is known ("100+" past the cap). */
function DueLink({ to, href, counts }: { to: SellerDue; href: string; counts: DueCounts | null }) {
  const name = to === "late" ? "Late" : "Due today";
  if (!counts) return <a href={href}>{name}</a>;
  const n = counts.capped.includes(to) ? `${counts.capped_at}+` : String(counts[to]);
  return (
    <a href={href} data-due-count={to}>
      {name} ({n})
    </a>
  );
}

/**
 * Links narrowing the order list to what must leave first, or back to every order: plain links, so
 * they work without script. Each says how many orders it opens, when the counts could be read; the
 * links work the same without them.
 */
export function DueFilter({
  due,
  ordersAt,
  counts,
}: {
  due: SellerDue | undefined;
  ordersAt: (due?: SellerDue) => string;
  counts: DueCounts | null;
}) {
  const link = (to: SellerDue) => `${ordersAt(to)}#orders`;
  const allOrders = ordersAt();
  if (due) {
    const other: SellerDue = due === "late" ? "today" : "late";
    return (
      <p class="muted" data-due-filter={due}>
        Showing {due === "late" ? "the orders past their hand-over day" : "the orders to hand over today"}, oldest first.{" "}
        <DueLink to={other} href={link(other)} counts={counts} /> · <a href={`${allOrders}#orders`}>Show all orders</a>
      </p>
    );
  }
  return (
    <p class="muted" data-due-filter>
      Still to hand over: <DueLink to="late" href={link("late")} counts={counts} /> ·{" "}
      <DueLink to="today" href={link("today")} counts={counts} />
    </p>
  );
}

/**
 * The console's first word on a busy day, above the listings the orders come after: how many
 * orders are past their hand-over day, with the link to them. Nothing when none is late or the
 * counts could not be read.
 */
export function LateOrdersAlert({ counts, href }: { counts: DueCounts | null; href: string }) {
  if (!counts || counts.late === 0) return null;
  const many = counts.capped.includes("late")
    ? `More than ${counts.capped_at} orders are`
    : counts.late === 1
      ? "1 order is"
      : `${counts.late} orders are`;
  return (
    <div class="panel warning" role="status" data-late-orders>
      <p>
        <strong>{many} past the day to hand over to the courier.</strong> <a href={href}>See the late orders</a>
      </p>
    </div>
  );
}

/**
 * A link from the top of the console down to the orders, which come after a page of listings:
 * with how many are to hand over today when any are, so a seller opening the console on a busy
 * morning sees the day's work without scrolling past every listing.
 */
export function OrdersJump({ counts }: { counts: DueCounts | null }) {
  const today = counts && counts.today > 0 ? (counts.capped.includes("today") ? `${counts.capped_at}+` : String(counts.today)) : null;
  return (
    <a class="button" href="#orders" data-orders-jump>
      Go to your orders{today && ` (${today} to hand over today)`}
    </a>
  );
}
