import { AppError } from "../platform/errors";
import { nowIso } from "../platform/time";
import type { StoreReviewRow } from "./moderation-lists";
import { firstName } from "./reviews-read";
import { encodeReportedCursor, type ReportedPosition } from "./cursor";
import type { ReportedReviewPage, ReportReason } from "./schemas";

/** Why a shopper's own review takes no report of theirs: they may change or delete it themselves. */
export const OWN_REVIEW_REPORT = "This is your own review: edit or delete it from its product's review page.";

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

/**
 * The queue's statement: `?1` rows, after the position `?2`–`?4` when `after`. The (partial)
 * index holds only reported reviews, in queue order, so a page is read from it without sorting.
 */
export function reportedSql(after: boolean): string {
  return `SELECT r.id, r.product_id, p.title AS product_title, r.rating, r.title, r.body, r.created_at, u.name AS reviewer_name,
         r.report_count, k.name AS kept_by_name, r.reports_kept_at,
         (SELECT json_group_object(reason, n) FROM (
            SELECT reason, COUNT(*) AS n FROM review_reports WHERE review_id = r.id GROUP BY reason)) AS reasons
       FROM reviews r JOIN products p ON p.id = r.product_id LEFT JOIN users u ON u.id = r.user_id
         LEFT JOIN users k ON k.id = r.reports_kept_by
       WHERE r.report_count > 0${after ? " AND (r.report_count, r.created_at, r.id) < (?2, ?3, ?4)" : ""}
       ORDER BY r.report_count DESC, r.created_at DESC, r.id DESC LIMIT ?1`;
}

/** How many reviews wait in the queue, counted from the same partial index. */
export const REPORTED_WAITING_SQL = "SELECT COUNT(*) AS n FROM reviews WHERE report_count > 0";

/**
 * One page of the moderation queue: the reported reviews, the most reported first, then the
 * newest, each with how many reports gave each reason, and how many wait in all. Paged by
 * keyset, so ops keeping or removing reviews on one page shifts none onto the next; a report
 * sent meanwhile may move its review up past the page ops are on.
 */
export async function reportedReviews(
  d1: D1Database,
  page: { limit: number; cursor?: ReportedPosition | undefined },
): Promise<ReportedReviewPage> {
  const { limit, cursor } = page;
  const list = cursor
    ? d1.prepare(reportedSql(true)).bind(limit + 1, cursor.reports, cursor.at, cursor.id)
    : d1.prepare(reportedSql(false)).bind(limit + 1);
  const [rows, waiting] = await d1.batch([list, d1.prepare(REPORTED_WAITING_SQL)]);
  const found = (rows?.results ?? []) as ReportedRow[];
  const items = found.slice(0, limit).map(({ reviewer_name, reasons, kept_by_name, reports_kept_at, ...r }) => ({
    ...r,
    reviewer: firstName(reviewer_name),
    reasons: JSON.parse(reasons ?? "{}") as Record<string, number>,
    kept_before: reports_kept_at ? { by: kept_by_name ?? "ops", at: reports_kept_at } : null,
  }));
  const last = items.at(-1);
  return {
    items,
    next_cursor: found.length > limit && last ? encodeReportedCursor(last) : null,
    waiting: (waiting?.results as { n: number }[] | undefined)?.[0]?.n ?? 0,
  };
}
