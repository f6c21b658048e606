import { AppError } from "../platform/errors";
import { RECEIVED_ORDER } from "../reviews/eligibility";
import { FIRST_DELIVERED_AT, feedbackWindow } from "./feedback-window";
import type { OrderFeedback } from "./feedback-schemas";

interface SellerRow {
  seller_id: string;
  seller_name: string;
  rating: number | null;
  comment: string | null;
  created_at: string | null;
  updated_at: string | null;
}

/**
 * The sellers of a buyer's order, each with whether it may be rated now and what the buyer gave
 * it, in one D1 batch: the order through its key (the buyer's own only: another's is a 404, as if
 * it did not exist), its sellers from its lines, and their feedback rows through their unique key.
 */
export async function orderFeedback(d1: D1Database, userId: string, orderId: string, now: Date = new Date()): Promise<OrderFeedback> {
  const [order, sellers] = await d1.batch([
    d1
      .prepare(
        `SELECT ${RECEIVED_ORDER} AS received, ${FIRST_DELIVERED_AT} AS delivered_at FROM orders o WHERE o.id = ?1 AND o.user_id = ?2`,
      )
      .bind(orderId, userId),
    d1
      .prepare(
        `SELECT s.id AS seller_id, s.name AS seller_name, f.rating, f.comment, f.created_at, f.updated_at
         FROM (SELECT DISTINCT seller_id FROM order_items WHERE order_id = ?1) i
         JOIN sellers s ON s.id = i.seller_id
         LEFT JOIN seller_feedback f ON f.order_id = ?1 AND f.seller_id = s.id
         WHERE EXISTS (SELECT 1 FROM orders o WHERE o.id = ?1 AND o.user_id = ?2)
         ORDER BY s.name, s.id`,
      )
      .bind(orderId, userId),
  ]);
  const o = order?.results[0] as { received: number; delivered_at: string | null } | undefined;
  if (!o) throw new AppError("not_found", `No order with id ${orderId}.`);
  const window = feedbackWindow(o.received === 1, o.delivered_at, now);
  return {
    sellers: ((sellers?.results ?? []) as unknown as SellerRow[]).map((r) => ({
      seller_id: r.seller_id,
      seller_name: r.seller_name,
      window: window.state,
      until: window.until,
      feedback:
        r.rating !== null && r.created_at && r.updated_at
          ? { rating: r.rating, comment: r.comment, created_at: r.created_at, updated_at: r.updated_at }
          : null,
    })),
  };
}
