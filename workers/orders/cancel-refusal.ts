import type { OrderStatus } from "./state-machine";

/**
 * Why a shopper cannot cancel an order that is `from` now, in words they can act on, rather than
 * the lifecycle's names ("an order that is return_received cannot become cancelled"). Ops, whose
 * consoles speak the lifecycle's names, are refused in those.
 */
export function shopperCancelRefusal(from: OrderStatus): string {
  switch (from) {
    case "shipped":
      return "This order has already shipped, so it can no longer be cancelled. Once it is delivered, it can be returned. Nothing changed.";
    case "delivered":
      return "This order was delivered, so it can no longer be cancelled: it can be returned instead. Nothing changed.";
    case "return_requested":
    case "return_received":
      return "A return of this order was asked for, so it can no longer be cancelled. Nothing changed.";
    case "refunded":
      return "This order was refunded already, so there is nothing to cancel. Nothing changed.";
    case "payment_failed":
      return "This order's payment failed, so it was never placed and there is nothing to cancel. Nothing changed.";
    default:
      return "This order can no longer be cancelled. Nothing changed.";
  }
}
