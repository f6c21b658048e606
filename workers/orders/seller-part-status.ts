import type { OrderStatus } from "./state-machine";

/** The statuses a delivered order moves to when the shopper sends something back or ops refund it. */
const AFTER_DELIVERY: ReadonlySet<OrderStatus> = new Set(["return_requested", "refunded", "return_received"]);

/** What a seller's part of an order has been through, beside the order's own status. */
export interface SellerPart {
  /** Some of this seller's lines were asked back by the order's return. */
  askedBack: boolean;
  /** This seller's invoice has a credit note: its goods came back, or ops refunded the order. */
  credited: boolean;
  /** Some line of the order, any seller's, was asked back. */
  orderAskedBack: boolean;
}

/**
 * Where a seller's part of an order stands. It is the order's status, except after a return that
 * took back only other sellers' goods: the order says "refunded" or "return received", but this
 * seller's goods were delivered and kept, and their sale stands, so it is `delivered`. A part with a
 * credit note is never that (ops refunding the whole order credits every seller), nor is one of an
 * order whose return named no lines (before returns named lines, a return took the whole order).
 */
export function sellerPartStatus(status: OrderStatus, part: SellerPart): OrderStatus {
  if (!AFTER_DELIVERY.has(status) || part.askedBack || part.credited || !part.orderAskedBack) return status;
  return "delivered";
}
