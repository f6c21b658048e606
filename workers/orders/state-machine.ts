/**
 * The order lifecycle, defined once as data. Every status change anywhere (checkout saga,
 * shopper cancel, ops console, payment webhooks) goes through `canTransition`, and the
 * database write is a conditional UPDATE on the expected from-status, so the rule holds
 * under concurrency too.
 */
export const ORDER_STATUSES = [
  "created",
  "payment_authorized",
  "confirmed",
  "packed",
  "shipped",
  "delivered",
  "return_requested",
  "payment_failed",
  "cancelled",
  "refunded",
  "return_received",
] as const;

/** One state of the order lifecycle. */
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Who may drive an edge: the checkout saga, the shopper who owns the order, or ops. */
export type TransitionActor = "system" | "shopper" | "ops";

interface Edge {
  to: OrderStatus;
  by: readonly TransitionActor[];
}

/** The legal edges out of each status and who may take them. */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly Edge[]>> = {
  created: [
    { to: "payment_authorized", by: ["system"] },
    { to: "payment_failed", by: ["system"] },
    { to: "cancelled", by: ["shopper", "ops", "system"] },
  ],
  payment_authorized: [
    { to: "confirmed", by: ["system"] },
    { to: "payment_failed", by: ["system"] },
    { to: "cancelled", by: ["shopper", "ops", "system"] },
  ],
  confirmed: [
    { to: "packed", by: ["ops"] },
    { to: "cancelled", by: ["shopper", "ops"] },
  ],
  packed: [
    { to: "shipped", by: ["ops"] },
    { to: "cancelled", by: ["shopper", "ops"] },
  ],
  shipped: [{ to: "delivered", by: ["ops"] }],
  // Ops may still refund a delivered order on their own; the shopper asks for a return within its
  // window (checked by `requestReturn`, as the window is not a property of the status).
  delivered: [
    { to: "return_requested", by: ["shopper"] },
    { to: "refunded", by: ["ops"] },
  ],
  // Ops accept a return by refunding it, or decline it (with a reason the shopper sees) back to delivered.
  return_requested: [
    { to: "refunded", by: ["ops"] },
    { to: "delivered", by: ["ops"] },
  ],
  // A cancelled order whose money was captured moves on to refunded once the refund is through.
  cancelled: [{ to: "refunded", by: ["system", "ops"] }],
  payment_failed: [],
  // Once an accepted return's goods are back at the warehouse, ops record it (and put sellable units
  // back on sale). Only a refund that accepted a return has goods coming back: `receiveReturn` checks
  // that, as the edge cannot tell it from a cancelled order's refund.
  refunded: [{ to: "return_received", by: ["ops"] }],
  return_received: [],
};

/** True when `actor` may move an order from `from` to `to`. */
export function canTransition(from: OrderStatus, to: OrderStatus, actor: TransitionActor): boolean {
  return ORDER_TRANSITIONS[from].some((e) => e.to === to && e.by.includes(actor));
}

/** Statuses from which the shopper may still cancel (anything before shipping). */
export const CANCELLABLE: readonly OrderStatus[] = ORDER_STATUSES.filter((s) => canTransition(s, "cancelled", "shopper"));

/** Narrows a stored string to a status; stored values only ever come from this list. */
export function asOrderStatus(value: string): OrderStatus {
  if ((ORDER_STATUSES as readonly string[]).includes(value)) return value as OrderStatus;
  throw new Error(`unknown order status in storage: ${value}`);
}
