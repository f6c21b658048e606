import { encodeRemovalCursor, encodeStoreReviewCursor, type RemovalPosition, type StoreReviewPosition } from "./cursor";
import type { ReviewRemovalList, StoreReviewPage } from "./moderation-schemas";
import { firstName } from "./reviews-read";

const STORE_REVIEW_SELECT = `SELECT r.id, r.product_id, p.title AS product_title, r.rating, r.title, r.body, r.created_at,
    u.name AS reviewer_name
  FROM reviews r JOIN products p ON p.id = r.product_id LEFT JOIN users u ON u.id = r.user_id`;

interface StoreReviewRow {
  id: string;
  product_id: string;
  product_title: string;
  rating: number;
  title: string;
  body: string;
  created_at: string;
  reviewer_name: string | null;
}

/** One page of the whole store's reviews, newest first, read in the order of their (time, id) index. */
export async function listStoreReviews(
  d1: D1Database,
  page: { limit: number; cursor?: StoreReviewPosition | undefined },
): Promise<StoreReviewPage> {
  const { cursor, limit } = page;
  const query = cursor
    ? d1
        .prepare(`${STORE_REVIEW_SELECT} WHERE (r.created_at, r.id) < (?1, ?2) ORDER BY r.created_at DESC, r.id DESC LIMIT ?3`)
        .bind(cursor.at, cursor.id, limit + 1)
    : d1.prepare(`${STORE_REVIEW_SELECT} ORDER BY r.created_at DESC, r.id DESC LIMIT ?1`).bind(limit + 1);
  const rows = (await query.all<StoreReviewRow>()).results;
  const items = rows.slice(0, limit).map(({ reviewer_name, ...r }) => ({ ...r, reviewer: firstName(reviewer_name) }));
  const last = items.at(-1);
  return { items, next_cursor: rows.length > limit && last ? encodeStoreReviewCursor(last) : null };
}

const REMOVAL_SELECT = `SELECT m.review_id, m.product_id, p.title AS product_title, m.user_id, m.rating, m.title, m.body,
    m.removed_by, u.name AS removed_by_name, m.reason, m.removed_at
  FROM review_removals m JOIN products p ON p.id = m.product_id LEFT JOIN users u ON u.id = m.removed_by`;

/**
 * One page of removals, newest first, with who removed each review and why, read in the order
 * of their (time, review) index: the audit trail reaches back to the first removal.
 */
export async function listRemovals(
  d1: D1Database,
  page: { limit: number; cursor?: RemovalPosition | undefined },
): Promise<ReviewRemovalList> {
  const { cursor, limit } = page;
  const query = cursor
    ? d1
        .prepare(`${REMOVAL_SELECT} WHERE (m.removed_at, m.review_id) < (?1, ?2) ORDER BY m.removed_at DESC, m.review_id DESC LIMIT ?3`)
        .bind(cursor.at, cursor.reviewId, limit + 1)
    : d1.prepare(`${REMOVAL_SELECT} ORDER BY m.removed_at DESC, m.review_id DESC LIMIT ?1`).bind(limit + 1);
  const rows = (await query.all<ReviewRemovalList["items"][number]>()).results;
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, next_cursor: rows.length > limit && last ? encodeRemovalCursor(last) : null };
}
