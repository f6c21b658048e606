/**
 * The largest order, in paise, couriers collect in cash: above it the cash at the door becomes a
 * risk for the delivery agent, and most Indian marketplaces draw the line near here.
 */
export const COD_LIMIT_PAISE = 5_000_000;

/** Why cash on delivery is refused for an order at or above the limit, in the shopper's words. */
export const COD_LIMIT_WORDS = `Cash on delivery is available for orders under ₹${(COD_LIMIT_PAISE / 100).toLocaleString("en-IN")}`;

/** Whether an order of `totalPaise` is small enough to be paid cash on delivery: the one rule checkout and estimates share. */
export function codWithinLimit(totalPaise: number): boolean {
  return totalPaise < COD_LIMIT_PAISE;
}

/** Whether an order of `amountPaise` may be paid cash on delivery to an address we deliver to. */
export function codAvailable(amountPaise: number, deliverable: boolean): boolean {
  return deliverable && codWithinLimit(amountPaise);
}
