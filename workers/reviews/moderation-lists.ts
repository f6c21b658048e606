import { encodeRemovalCursor, encodeStoreReviewCursor, type RemovalPosition, type StoreReviewPosition } from "./cursor";
import type { ReviewRemovalList, StoreReviewPage } from "./moderation-schemas";
import { firstName } from "./reviews-read";

const STORE_REVIEW_SELECT = `SELECT r.id, r.product_id, p.title AS product_title, r.rating, r.title, r.body, r.created_at,
    u.name AS reviewer_name
  FROM reviews r JOIN products p ON p.id = r.product_id LEFT JOIN users u ON u.id = r.user_id`;

/** A review as the moderation lists read it, before the reviewer's name is cut to the first. */
export interface StoreReviewRow {
  id: string;
  product_id: string;
  product_title: string;
  rating: number;
  title: string;
  body: string;
  created_at: string;
  reviewer_name: string | null;
}

/**
 * One page of `select`'s rows, newest first by the (time, id) pair `keys` names, read in the order
 * of the index on that pair: one row more than the page, to know whether another follows.
 */
async function newestFirst<Row>(
  d1: D1Database,
  select: string,
  keys: readonly [time: string, id: string],
  page: { limit: number; after?: readonly [string, string] | undefined },
): Promise<{ rows: Row[]; more: boolean }> {
  const [time, id] = keys;
  const order = `ORDER BY ${time} DESC, ${id} DESC`;
  const query = page.after
    ? d1.prepare(`${select} WHERE (${time}, ${id}) < (?1, ?2) ${order} LIMIT ?3`).bind(page.after[0], page.after[1], page.limit + 1)
    : d1.prepare(`${select} ${order} LIMIT ?1`).bind(page.limit + 1);
  const rows = (await query.all<Row>()).results;
  return { rows: rows.slice(0, page.limit), more: rows.length > page.limit };
}

/** One page of the whole store's reviews, newest first, read in the order of their (time, id) index. */
export async function listStoreReviews(
  d1: D1Database,
  page: { limit: number; cursor?: StoreReviewPosition | undefined },
): Promise<StoreReviewPage> {
  const after = page.cursor ? ([page.cursor.at, page.cursor.id] as const) : undefined;
  const { rows, more } = await newestFirst<StoreReviewRow>(d1, STORE_REVIEW_SELECT, ["r.created_at", "r.id"], { limit: page.limit, after });
  const items = rows.map(({ reviewer_name, ...r }) => ({ ...r, reviewer: firstName(reviewer_name) }));
  const last = items.at(-1);
  return { items, next_cursor: more && last ? encodeStoreReviewCursor(last) : null };
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
  const after = page.cursor ? ([page.cursor.at, page.cursor.reviewId] as const) : undefined;
  const { rows: items, more } = await newestFirst<ReviewRemovalList["items"][number]>(d1, REMOVAL_SELECT, ["m.removed_at", "m.review_id"], {
    limit: page.limit,
    after,
  });
  const last = items.at(-1);
  return { items, next_cursor: more && last ? encodeRemovalCursor(last) : null };
}
