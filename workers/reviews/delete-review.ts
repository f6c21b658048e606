import { AppError } from "../platform/errors";
import { nowIso } from "../platform/time";
import { productExists, readOwnReview } from "./own-review";
import { afterReviewChange } from "./totals";

/**
 * Removes the shopper's review of a product and takes its stars out of the product's totals, in
 * one batch with the version bump and the catalog change. Conditional on the review as read, so
 * a delete racing an edit takes out exactly the stars it removed. False when there was none.
 */
export async function deleteReview(d1: D1Database, userId: string, productId: string): Promise<boolean> {
  if (!(await productExists(d1, productId))) throw new AppError("not_found", `No product with id ${productId}.`);
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await readOwnReview(d1, userId, productId);
    if (!current) return false;
    const now = nowIso();
    const [removed] = await d1.batch([
      d1.prepare("DELETE FROM reviews WHERE id = ?1 AND rating = ?2").bind(current.id, current.rating),
      ...afterReviewChange(d1, productId, { sum: -current.rating, count: -1 }, now),
    ]);
    // D1 counts the review's helpful votes and reports, deleted with it, among the delete's changes.
    if ((removed?.meta.changes ?? 0) > 0) return true;
  }
  throw new AppError("conflict", "Your review changed while it was being removed; read it again and retry.");
}
