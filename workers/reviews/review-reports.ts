import { AppError } from "../platform/errors";
import { nowIso } from "../platform/time";
import type { StoreReviewRow } from "./moderation-lists";
import { firstName } from "./reviews-read";
import type { ReportedReview, ReportReason } from "./schemas";

/** Why a shopper's own review takes no report of theirs: they may change or delete it themselves. */
export const OWN_REVIEW_REPORT = "This is your own review: edit or delete it from its product's review page.";

/** The most reported reviews the moderation queue shows at once; ops keep or remove them, and the next come up. */
export const REPORTED_QUEUE = 50;

/**
 * Reports a review to ops for the shopper: the report and the count's step are one D1 batch, the
 * step only if the report was new, so sending it twice counts once (the first reason stands). The
 * report is written only for a review that exists and is not the shopper's own, in the statement
 * that checks so. The batch ends by reading the review as it stands.
 */
export async function reportReview(d1: D1Database, userId: string, reviewId: string, reason: ReportReason): Promise<void> {
  const [, , read] = await d1.batch([
    d1
      .prepare(
        `INSERT INTO review_reports (review_id, user_id, reason, created_at)
         SELECT id, ?2, ?3, ?4 FROM reviews WHERE id = ?1 AND (user_id IS NULL OR user_id <> ?2)
         ON CONFLICT (review_id, user_id) DO NOTHING`,
      )
      .bind(reviewId, userId, reason, nowIso()),
    d1.prepare("UPDATE reviews SET report_count = report_count + 1 WHERE id = ?1 AND changes() = 1").bind(reviewId),
    d1.prepare("SELECT user_id FROM reviews WHERE id = ?1").bind(reviewId),
  ]);
  const review = (read?.results as { user_id: string | null }[] | undefined)?.[0];
  if (!review) throw new AppError("not_found", `No review with id ${reviewId}; it may have been deleted.`);
  if (review.user_id === userId) throw new AppError("forbidden", OWN_REVIEW_REPORT);
}

/** The shopper's report of a review, if they made one that ops have not yet dealt with. */
export function myReport(d1: D1Database, userId: string, reviewId: string): Promise<{ reason: ReportReason; reported_at: string } | null> {
  return d1
    .prepare("SELECT reason, created_at AS reported_at FROM review_reports WHERE review_id = ?1 AND user_id = ?2")
    .bind(reviewId, userId)
    .first<{ reason: ReportReason; reported_at: string }>();
}

/**
 * Ops looked at a reported review and keep it: its reports are cleared and it leaves the queue,
 * with who kept it and when recorded on the review. Reports sent after this put it back, showing
 * that it was kept before. Throws not_found when there is no such review.
 */
export async function keepReportedReview(d1: D1Database, reviewId: string, by: string): Promise<void> {
  const [, kept] = await d1.batch([
    d1.prepare("DELETE FROM review_reports WHERE review_id = ?1").bind(reviewId),
    d1
      .prepare("UPDATE reviews SET report_count = 0, reports_kept_by = ?2, reports_kept_at = ?3 WHERE id = ?1")
      .bind(reviewId, by, nowIso()),
  ]);
  if (kept?.meta.changes !== 1) throw new AppError("not_found", `No review with id ${reviewId}; it may have been removed.`);
}

interface ReportedRow extends StoreReviewRow {
  report_count: number;
  reasons: string | null;
  kept_by_name: string | null;
  reports_kept_at: string | null;
}

/** The queue's statement, `?1` rows; the (partial) index holds only reported reviews, in queue order. */
export const REPORTED_SQL = `SELECT r.id, r.product_id, p.title AS product_title, r.rating, r.title, r.body, r.created_at, u.name AS reviewer_name,
         r.report_count, k.name AS kept_by_name, r.reports_kept_at,
         (SELECT json_group_object(reason, n) FROM (
            SELECT reason, COUNT(*) AS n FROM review_reports WHERE review_id = r.id GROUP BY reason)) AS reasons
       FROM reviews r JOIN products p ON p.id = r.product_id LEFT JOIN users u ON u.id = r.user_id
         LEFT JOIN users k ON k.id = r.reports_kept_by
       WHERE r.report_count > 0
       ORDER BY r.report_count DESC, r.created_at DESC, r.id DESC LIMIT ?1`;

/**
 * The moderation queue: the reported reviews, the most reported first, then the newest, read from
 * the partial index of reported reviews alone, each with how many reports gave each reason.
 */
export async function reportedReviews(d1: D1Database): Promise<ReportedReview[]> {
  const { results } = await d1.prepare(REPORTED_SQL).bind(REPORTED_QUEUE).all<ReportedRow>();
  return results.map(({ reviewer_name, reasons, kept_by_name, reports_kept_at, ...r }) => ({
    ...r,
    reviewer: firstName(reviewer_name),
    reasons: JSON.parse(reasons ?? "{}") as Record<string, number>,
    kept_before: reports_kept_at ? { by: kept_by_name ?? "ops", at: reports_kept_at } : null,
  }));
}
