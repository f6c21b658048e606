import { AppError } from "../platform/errors";
import { reportOutcomeStatement } from "../platform/shopper-reports";
import { nowIso } from "../platform/time";
import { productTitle, readOwnReview } from "./own-review";
import { REPORTABLE_REVIEW, reviewOutcome } from "./review-reports";
import { afterReviewChange } from "./totals";

/**
 * Removes the shopper's review of a product and takes its stars out of the product's totals, in
 * one batch with the version bump and the catalog change. Conditional on the review as read, so
 * a delete racing an edit takes out exactly the stars it removed. Whoever reported it is told it
 * was deleted, from its reports read before the delete takes them. False when there was none.
 */
export async function deleteReview(d1: D1Database, userId: string, productId: string): Promise<boolean> {
  const title = await productTitle(d1, productId);
  if (title === null) throw new AppError("not_found", `No product with id ${productId}.`);
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await readOwnReview(d1, userId, productId);
    if (!current) return false;
    const now = nowIso();
    const told = reviewOutcome("report_deleted", { ...current, product_id: productId, product_title: title });
    const [, removed] = await d1.batch([
      // The delete's own condition, so the reporters hear only of a delete that happens.
      reportOutcomeStatement(d1, REPORTABLE_REVIEW, current.id, { ...told, now, when: "t.rating = ?7", arg: current.rating }),
      d1.prepare("DELETE FROM reviews WHERE id = ?1 AND rating = ?2").bind(current.id, current.rating),
      ...afterReviewChange(d1, productId, { sum: -current.rating, count: -1 }, now),
    ]);
    // D1 counts the review's helpful votes and reports, deleted with it, among the delete's changes.
    if ((removed?.meta.changes ?? 0) > 0) return true;
  }
  throw new AppError("conflict", "Your review changed while it was being removed; read it again and retry.");
}
