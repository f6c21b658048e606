import { AppError } from "../platform/errors";
import { type ReviewPosition, encodeReviewCursor } from "./cursor";
import { REVIEW_SELECT, type ReviewRow, toReview } from "./reviews-read";
import type { ReviewPage } from "./schemas";

/**
 * One page of a product's reviews, newest first, read in the order of its (product, time, id)
 * index. The first page also counts the product's reviews by stars from the (product, rating)
 * index, which holds everything the count reads. Null when the product does not exist.
 */
export async function listReviews(
  d1: D1Database,
  productId: string,
  page: { limit: number; cursor?: ReviewPosition | undefined },
): Promise<ReviewPage | null> {
  const { cursor, limit } = page;
  if (cursor && cursor.productId !== productId) {
    throw new AppError("validation_failed", "1 field(s) failed validation: cursor", {
      errors: [{ path: "cursor", message: "belongs to another product's reviews" }],
    });
  }
  const rows = cursor
    ? d1
        .prepare(
          `${REVIEW_SELECT} WHERE r.product_id = ?1 AND (r.created_at, r.id) < (?2, ?3) ORDER BY r.created_at DESC, r.id DESC LIMIT ?4`,
        )
        .bind(productId, cursor.at, cursor.id, limit + 1)
    : d1.prepare(`${REVIEW_SELECT} WHERE r.product_id = ?1 ORDER BY r.created_at DESC, r.id DESC LIMIT ?2`).bind(productId, limit + 1);
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
    next_cursor: all.length > limit && last ? encodeReviewCursor(productId, last) : null,
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
