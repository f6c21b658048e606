/**
 * SQL over an order `o`: it reached the shopper. A delivered order did, so did one whose return
 * is asked for, and so did one refunded after it was delivered (the shopper sent it back): the
 * refund takes the money back, not the fact that they had the product in their hands, which is
 * what a review needs, nor does its goods' coming back (`return_received`). An order refunded after a
 * cancellation never left the warehouse; only a delivered order moves on from `delivered`.
 */
export const RECEIVED_ORDER = `(o.status IN ('delivered', 'return_requested', 'return_received') OR (o.status = 'refunded' AND EXISTS (
    SELECT 1 FROM order_transitions t WHERE t.order_id = o.id AND 'delivered' IN (t.from_status, t.to_status))))`;

/**
 * Whether a shopper may review a product: only once an order of theirs holding it was delivered,
 * so every review comes from someone who has had the product in their hands. Reads the shopper's
 * orders through their (user, time) index and each order's lines through its key.
 */
export async function hasReceived(d1: D1Database, userId: string, productId: string): Promise<boolean> {
  const row = await d1
    .prepare(
      `SELECT 1 AS yes FROM orders o JOIN order_items i ON i.order_id = o.id
       WHERE o.user_id = ?1 AND ${RECEIVED_ORDER} AND i.product_id = ?2 LIMIT 1`,
    )
    .bind(userId, productId)
    .first<{ yes: number }>();
  return row !== null;
}

/** What a shopper is told when they may not review a product yet. */
export const NOT_RECEIVED =
  "You can review this product once an order of yours containing it has been delivered, so that every review comes from someone who received it.";
