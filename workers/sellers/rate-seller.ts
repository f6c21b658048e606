import { AppError } from "../platform/errors";
import { newId } from "../platform/ids";
import { RECEIVED_ORDER } from "../reviews/eligibility";
import { FEEDBACK_DAYS, FIRST_DELIVERED_AT, earliestRatableDelivery, feedbackWindow } from "./feedback-window";
import type { SellerFeedbackInput } from "./feedback-schemas";

/**
 * SQL true when the buyer ?3 may rate seller ?2 for order ?1 now: the order is theirs, they have
 * it in hand, it was first delivered at or after ?4 (`earliestRatableDelivery`), and it holds the
 * seller's lines. Read through the order's key, its transitions' index and its lines' key.
 */
const MAY_RATE = `EXISTS (SELECT 1 FROM orders o WHERE o.id = ?1 AND o.user_id = ?3 AND ${RECEIVED_ORDER}
  AND ${FIRST_DELIVERED_AT} >= ?4
  AND EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.id AND i.seller_id = ?2))`;

/** The buyer's feedback on (order ?1, seller ?2) as it stands before this write. */
const EARLIER = "FROM seller_feedback f WHERE f.order_id = ?1 AND f.seller_id = ?2";

/**
 * Rates the seller of some of an order's lines, for the buyer who owns the order, or replaces their
 * earlier rating of it. One D1 batch of two statements, which D1 runs as one transaction with no
 * other write between them:
 *
 * 1. the seller's totals move by the difference, read in SQL from the feedback row as it stands
 *    (a first rating adds to the count, a replacement only moves the sum) and the seller is marked
 *    due for the cron's recompute of its shown rating; only if the buyer may rate it now;
 * 2. the feedback row is written or replaced, only if the statement before it changed the seller.
 *
 * So two submissions at once are applied one after the other, each subtracting what the other
 * left, and a refused one writes nothing. Only after a refusal is the order read again, to say why.
 */
export async function rateSeller(
  d1: D1Database,
  userId: string,
  orderId: string,
  sellerId: string,
  input: SellerFeedbackInput,
  now: Date = new Date(),
): Promise<void> {
  const at = now.toISOString();
  const comment = input.comment === "" ? null : input.comment;
  const [totals] = await d1.batch([
    d1
      .prepare(
        `UPDATE sellers SET
           rating_sum = rating_sum + ?5 - COALESCE((SELECT f.rating ${EARLIER}), 0),
           rating_count = rating_count + NOT EXISTS (SELECT 1 ${EARLIER}),
           rating_due = 1
         WHERE id = ?2 AND ${MAY_RATE}`,
      )
      .bind(orderId, sellerId, userId, earliestRatableDelivery(now), input.rating),
    d1
      .prepare(
        `INSERT INTO seller_feedback (id, order_id, seller_id, user_id, rating, comment, created_at, updated_at)
         SELECT ?3, ?1, ?2, ?4, ?5, ?6, ?7, ?7 WHERE changes() = 1
         ON CONFLICT (order_id, seller_id) DO UPDATE SET rating = excluded.rating, comment = excluded.comment, updated_at = excluded.updated_at
           WHERE seller_feedback.rating IS NOT excluded.rating OR seller_feedback.comment IS NOT excluded.comment`,
      )
      .bind(orderId, sellerId, newId("sfb"), userId, input.rating, comment, at),
  ]);
  if (totals?.meta.changes === 1) return;
  throw await whyNot(d1, userId, orderId, sellerId, now);
}

/** Why the buyer may not rate this seller for this order, read after the write was refused. */
async function whyNot(d1: D1Database, userId: string, orderId: string, sellerId: string, now: Date): Promise<AppError> {
  const order = await d1
    .prepare(
      `SELECT o.status, ${RECEIVED_ORDER} AS received, ${FIRST_DELIVERED_AT} AS delivered_at,
              EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.id AND i.seller_id = ?3) AS holds_seller
       FROM orders o WHERE o.id = ?1 AND o.user_id = ?2`,
    )
    .bind(orderId, userId, sellerId)
    .first<{ status: string; received: number; delivered_at: string | null; holds_seller: number }>();
  // Another shopper's order is answered as one that does not exist: its id says nothing to them.
  if (!order) return new AppError("not_found", `No order with id ${orderId}.`);
  if (order.holds_seller !== 1) return new AppError("not_found", `Order ${orderId} holds nothing sold by seller ${sellerId}.`);
  const window = feedbackWindow(order.received === 1, order.delivered_at, now);
  if (window.state === "not_delivered") {
    // One that will never arrive is not told to wait for it.
    if (order.status === "cancelled" || order.status === "payment_failed")
      return new AppError(
        "not_delivered_yet",
        "This order was cancelled before it was delivered, so there is no delivery to rate. Nothing was saved.",
      );
    return new AppError("not_delivered_yet", "You can rate the seller once the order is delivered. Nothing was saved.");
  }
  if (window.state === "closed") {
    return new AppError(
      "feedback_window_closed",
      `Sellers can be rated for ${FEEDBACK_DAYS} days after delivery; the time to rate this order's ended on ${window.until}. Nothing was saved.`,
    );
  }
  // Eligible now, so the seller row itself is missing; nothing was written.
  return new AppError("not_found", `No seller with id ${sellerId}.`);
}
