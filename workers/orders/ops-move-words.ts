/**
 * Why an order moved, when ops gave no reason: the shopper's timeline shows a cancellation's and
 * a refund's reason, so those are in the store's voice; the rest only the audit reads.
 */
export function opsMoveWords(to: string): string {
  if (to === "cancelled") return "We cancelled this order";
  if (to === "refunded") return "We refunded this order";
  if (to === "delivered") return "We marked this order delivered";
  return `moved to ${to} by ops`;
}
