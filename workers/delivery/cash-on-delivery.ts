/**
 * The largest order, in paise, couriers collect in cash: above it the cash at the door becomes a
 * risk for the delivery agent, and most Indian marketplaces draw the line near here.
 */
export const COD_LIMIT_PAISE = 5_000_000;

/** Whether an order of `amountPaise` may be paid cash on delivery to an address we deliver to. */
export function codAvailable(amountPaise: number, deliverable: boolean): boolean {
  return deliverable && amountPaise < COD_LIMIT_PAISE;
}
