import { type ReviewOrder, type ReviewPosition, encodeReviewCursor } from "./cursor";
import { REVIEW_SELECT, type ReviewRow, toReview } from "./reviews-read";
import type { ReviewPage } from "./schemas";
import { fieldsRefused } from "../platform/failed-fields";

/**
 * The statement of a page of product `?1`'s reviews, `?6` rows, newest first or the most helpful
 * first (by helpful votes, then newest): only those of `?2` stars when `oneRating`, and only those
 * after the place (`?5` votes, `?3` time, `?4` id) when `after`. A cursor is a place in its order,
 * so it continues a list of one rating as well as the whole list.
 */
export function reviewPageSql(list: { oneRating: boolean; after: boolean; order?: ReviewOrder }): string {
  const helpful = list.order === "helpful";
  const where = [
    "r.product_id = ?1",
    ...(list.oneRating ? ["r.rating = ?2"] : []),
    ...(list.after ? [helpful ? "(r.helpful_count, r.created_at, r.id) < (?5, ?3, ?4)" : "(r.created_at, r.id) < (?3, ?4)"] : []),
  ].join(" AND ");
  const order = helpful ? "r.helpful_count DESC, r.created_at DESC, r.id DESC" : "r.created_at DESC, r.id DESC";
  return `${REVIEW_SELECT} WHERE ${where} ORDER BY ${order} LIMIT ?6`;
}

/**
 * One page of a product's reviews, newest first or the most helpful first: all of them in the
 * order of a (product, [votes,] time, id) index, or those of one star `rating` in the order of a
 * (product, rating, [votes,] time, id) index. The first page also counts all the product's reviews
 * by stars from the (product, rating, time, id) index, which holds everything the count reads.
 * Null when the product does not exist.
 */
export async function listReviews(
  d1: D1Database,
  productId: string,
  page: { limit: number; cursor?: ReviewPosition | undefined; rating?: number | undefined; sort?: ReviewOrder },
): Promise<ReviewPage | null> {
  const { cursor, limit, rating } = page;
  const order = page.sort ?? "newest";
  const refused = cursor && cursorRefusal(cursor, productId, order);
  if (refused) {
    throw fieldsRefused([{ path: "cursor", message: refused }]);
  }
  const rows = d1
    .prepare(reviewPageSql({ oneRating: rating !== undefined, after: cursor !== undefined, order }))
    .bind(productId, rating ?? null, cursor?.at ?? null, cursor?.id ?? null, cursor?.helpful ?? null, limit + 1);
  const [product, found, stars] = await d1.batch([
    d1.prepare("SELECT id FROM products WHERE id = ?1").bind(productId),
    rows,
    // Counted on the first page only: the pages after it are for reading on, not for the summary.
    d1.prepare("SELECT rating, COUNT(*) AS n FROM reviews WHERE product_id = ?1 AND ?2 GROUP BY rating").bind(productId, cursor ? 0 : 1),
  ]);
  if (!product?.results.length) return null;
  const all = ((found?.results ?? []) as unknown as ReviewRow[]).map(toReview);
  const items = all.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    next_cursor: all.length > limit && last ? encodeReviewCursor(productId, last, order) : null,
    stars: cursor ? null : starCounts((stars?.results ?? []) as { rating: number; n: number }[]),
  };
}

function starCounts(rows: { rating: number; n: number }[]): NonNullable<ReviewPage["stars"]> {
  const counts = { "5": 0, "4": 0, "3": 0, "2": 0, "1": 0 };
  for (const r of rows) {
    const key = String(r.rating);
    if (key in counts) counts[key as keyof typeof counts] = r.n;
  }
  return counts;
}

/** Why a cursor cannot continue this list: it was issued for another product's reviews, or another order. */
function cursorRefusal(cursor: ReviewPosition, productId: string, order: ReviewOrder): string | null {
  if (cursor.productId !== productId) return "belongs to another product's reviews";
  if ((cursor.helpful !== undefined) !== (order === "helpful")) return "continues the reviews listed in another order";
  return null;
}
