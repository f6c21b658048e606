import { withoutContacts } from "../orders/seller-returns";
import { type FeedbackPosition, encodeFeedbackCursor } from "./feedback-cursor";
import type { SellerFeedbackItem, SellerFeedbackPage, SellerRatingSummary } from "./feedback-schemas";
import { PRIOR_WEIGHT } from "./shown-rating";

type Row = SellerFeedbackItem & { id: string };

const SELECT = "SELECT id, order_id, rating, comment, created_at, updated_at FROM seller_feedback";

/**
 * One page of the seller's ratings, newest first, read in the order of its (seller, time, id)
 * index. The seller sees the order each rating is for, never the buyer's name, account or contact.
 */
export async function listSellerFeedback(
  d1: D1Database,
  sellerId: string,
  page: { limit: number; cursor?: FeedbackPosition | undefined },
): Promise<SellerFeedbackPage> {
  const { cursor, limit } = page;
  const stmt = cursor
    ? d1
        .prepare(`${SELECT} WHERE seller_id = ?1 AND (updated_at, id) < (?2, ?3) ORDER BY updated_at DESC, id DESC LIMIT ?4`)
        .bind(sellerId, cursor.at, cursor.id, limit + 1)
    : d1.prepare(`${SELECT} WHERE seller_id = ?1 ORDER BY updated_at DESC, id DESC LIMIT ?2`).bind(sellerId, limit + 1);
  const { results } = await stmt.all<Row>();
  const rows = results.slice(0, limit);
  const last = rows.at(-1);
  return {
    // The buyer's words about the service, without any phone number or email typed into them.
    items: rows.map(({ id: _id, ...item }) => ({ ...item, comment: item.comment === null ? null : withoutContacts(item.comment) })),
    next_cursor: results.length > limit && last ? encodeFeedbackCursor(last) : null,
  };
}

/**
 * The seller's rating as shoppers see it, the buyers' own average and count from its running
 * totals, and the count by stars from the (seller, rating) index, which holds all it reads.
 */
export async function sellerRatingSummary(d1: D1Database, sellerId: string): Promise<SellerRatingSummary> {
  const [seller, stars] = await d1.batch([
    d1.prepare("SELECT rating_x10, rating_sum, rating_count, rating_due FROM sellers WHERE id = ?1").bind(sellerId),
    d1.prepare("SELECT rating, COUNT(*) AS n FROM seller_feedback WHERE seller_id = ?1 GROUP BY rating").bind(sellerId),
  ]);
  const s = (seller?.results[0] as { rating_x10: number; rating_sum: number; rating_count: number; rating_due: number } | undefined) ?? {
    rating_x10: 0,
    rating_sum: 0,
    rating_count: 0,
    rating_due: 0,
  };
  const counts = { "5": 0, "4": 0, "3": 0, "2": 0, "1": 0 };
  for (const r of (stars?.results ?? []) as { rating: number; n: number }[]) {
    const key = String(r.rating);
    if (key in counts) counts[key as keyof typeof counts] = r.n;
  }
  return {
    shown: s.rating_x10 / 10,
    pending: s.rating_due === 1,
    average: s.rating_count > 0 ? Math.round((s.rating_sum / s.rating_count) * 10) / 10 : null,
    count: s.rating_count,
    stars: counts,
    prior_weight: PRIOR_WEIGHT,
  };
}
