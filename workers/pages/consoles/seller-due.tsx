import { deliveryDateLabel } from "../../delivery/estimate";
import type { SellerDue } from "../../orders/seller-hand-over";

/** The day an order still to ship must reach the courier by, and a badge in words when that day is past. */
export function HandOverBy({ order }: { order: { hand_over_by: string | null; late: boolean } }) {
  if (!order.hand_over_by) return <span class="muted">—</span>;
  return (
    <>
      Hand over by {deliveryDateLabel(order.hand_over_by)}
      {order.late && (
        <>
          {" "}
          <span class="tag" data-late>
            Late
          </span>
        </>
      )}
    </>
  );
}

/** Links narrowing the order list to what must leave first, or back to every order: plain links, so they work without script. */
export function DueFilter({ due, ordersAt }: { due: SellerDue | undefined; ordersAt: (due?: SellerDue) => string }) {
  const link = (to: SellerDue) => `${ordersAt(to)}#orders`;
  const allOrders = ordersAt();
  if (due)
    return (
      <p class="muted" data-due-filter={due}>
        Showing {due === "late" ? "the orders past their hand-over day" : "the orders to hand over today"}, oldest first.{" "}
        {due === "late" ? <a href={link("today")}>Due today</a> : <a href={link("late")}>Late</a>} ·{" "}
        <a href={`${allOrders}#orders`}>Show all orders</a>
      </p>
    );
  return (
    <p class="muted" data-due-filter>
      Still to hand over: <a href={link("late")}>Late</a> · <a href={link("today")}>Due today</a>
    </p>
  );
}
