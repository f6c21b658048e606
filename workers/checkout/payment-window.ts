/**
 * The one payment window of a checkout, and every time derived from it: how long the saga waits
 * for the payment, and how long each stock hold taken for the order lasts. A hold that lapsed
 * while the saga still waited would fail an order the shopper paid for and void their money, so
 * both come from here and a hold always outlives the wait.
 */

/** How long the shopper has to pay on the provider's page, counted from the checkout. */
export const PAYMENT_WINDOW_MS = 15 * 60_000;

/**
 * How long an order's holds must still last once its window has closed: time for the saga's steps
 * from a payment made at the window's last moment to the stock's commit.
 */
export const COMMIT_MARGIN_MS = 2 * 60_000;

/**
 * How long a hold taken for an order lasts, in the ledger or a deal's gate (whichever of this and
 * the deal's own hold time is longer). A few minutes past what the window and the margin need, so
 * a checkout retried soon after its request died midway can still use the holds that request took.
 */
export const ORDER_HOLD_MS = PAYMENT_WINDOW_MS + COMMIT_MARGIN_MS + 3 * 60_000;

/**
 * When the window of an order checked out at `checkedOutAt` closes (epoch ms): the time its pages
 * promise and the instant from which a payment no longer counts, so they are one number.
 */
export function paymentDeadline(checkedOutAt: number): number {
  return checkedOutAt + PAYMENT_WINDOW_MS;
}

/** Whether a hold lasting until `expiresAt` (epoch ms) serves an order checked out at `now`. */
export function holdServesOrder(expiresAt: number, now: number): boolean {
  return expiresAt >= paymentDeadline(now) + COMMIT_MARGIN_MS;
}

/**
 * How long the saga still waits for the payment of an order checked out at `checkedOutAt`: what
 * is left of its window, however late the saga started or was restarted.
 */
export function paymentWaitMs(checkedOutAt: number, now: number): number {
  // Workflows reads a timeout of 0 as none given (24 hours): a window already over waits a second.
  return Math.max(1_000, paymentDeadline(checkedOutAt) - now);
}

/**
 * Whether a payment the provider authorized at `authorizedAt` came inside the window of an order
 * checked out at `checkedOutAt`. The order page promised nothing is charged after the window, and
 * the holds outlast it only by the commit margin, so a later authorization never buys the order.
 */
export function paidInWindow(checkedOutAt: number, authorizedAt: number): boolean {
  return authorizedAt <= paymentDeadline(checkedOutAt);
}

/**
 * Whether the window of an order checked out at `checkedOutAt` has closed by `now`: from then on no
 * page offers to pay for it, since a payment made after would only be voided.
 */
export function paymentWindowOver(checkedOutAt: number, now: number): boolean {
  return !paidInWindow(checkedOutAt, now);
}
