import { AppError } from "../platform/errors";
import { reportOutcomeStatement } from "../platform/shopper-reports";
import { nowIso } from "../platform/time";
import type { RemovalInput } from "./moderation-schemas";
import { removedNoticeStatements, removedText } from "./removal-notice";
import { REPORTABLE_REVIEW, reviewOutcome } from "./review-reports";
import { afterReviewChange } from "./totals";

/** Attempts before a removal that keeps losing races to its author's edits gives up. */
const ATTEMPTS = 3;

/**
 * Ops removes a review: the audit row (copied from the review as it stands), the delete, the
 * product's totals, its version and the catalog change are one D1 batch, each statement running
 * only if the one before it changed a row. So the stars come out exactly once however often the
 * request is repeated, and never without the record of who removed the review and why. The copy
 * is conditional on the rating read, so an edit by the author in between takes out the right stars.
 * The author is told, with the reason, on their Updates page and by email, and the shoppers who
 * reported it that it was removed: read from its reports before the delete takes them with it.
 */
export async function removeReview(d1: D1Database, reviewId: string, removal: RemovalInput & { by: string }): Promise<void> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const current = await d1
      .prepare(
        "SELECT r.product_id, r.rating, r.title, r.body, p.title AS product_title FROM reviews r JOIN products p ON p.id = r.product_id WHERE r.id = ?1",
      )
      .bind(reviewId)
      .first<{ product_id: string; rating: number; title: string; body: string; product_title: string }>();
    if (!current) throw new AppError("not_found", await whyMissing(d1, reviewId));
    const now = nowIso();
    const notice = removedText({ productTitle: current.product_title, title: current.title, body: current.body, reason: removal.reason });
    const upheld = reviewOutcome("report_upheld", { ...current, id: reviewId });
    // The removal record this batch writes (dated `now`) is what lets the reporters' messages and
    // the delete run, so neither happens when an edit by the author beat the removal.
    const removedNow = "EXISTS (SELECT 1 FROM review_removals m WHERE m.review_id = ?1 AND m.removed_at = ?2)";
    const [, , removed] = await d1.batch([
      d1
        .prepare(
          `INSERT INTO review_removals (review_id, product_id, user_id, rating, title, body, removed_by, reason, removed_at)
           SELECT id, product_id, user_id, rating, title, body, ?3, ?4, ?5 FROM reviews WHERE id = ?1 AND rating = ?2`,
        )
        .bind(reviewId, current.rating, removal.by, removal.reason, now),
      reportOutcomeStatement(d1, REPORTABLE_REVIEW, reviewId, { ...upheld, now, when: removedNow }),
      d1.prepare(`DELETE FROM reviews WHERE id = ?1 AND ${removedNow}`).bind(reviewId, now),
      ...afterReviewChange(d1, current.product_id, { sum: -current.rating, count: -1 }, now),
      ...removedNoticeStatements(d1, { reviewId, productId: current.product_id, now }, notice),
    ]);
    // D1 counts the review's helpful votes and reports, deleted with it, among the delete's changes.
    if ((removed?.meta.changes ?? 0) > 0) return;
  }
  throw new AppError("conflict", "The review changed while it was being removed; read it again and retry.");
}

/** The 404's detail: a review removed before says when, so a repeated click does not look like a lost one. */
async function whyMissing(d1: D1Database, reviewId: string): Promise<string> {
  const earlier = await d1
    .prepare("SELECT removed_at FROM review_removals WHERE review_id = ?1")
    .bind(reviewId)
    .first<{ removed_at: string }>();
  return earlier ? `Review ${reviewId} was already removed at ${earlier.removed_at}.` : `No review with id ${reviewId}.`;
}
