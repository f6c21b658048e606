import {
  type QueueQuery,
  type ReportColumns,
  type Reportable,
  type ReportedPosition,
  fileReport,
  keepReported,
  queuePage,
  reportColumns,
  reportFields,
  reportOf,
} from "../platform/shopper-reports";
import { REPORTED_REVIEWS_CURSOR } from "./cursor";
import type { StoreReviewRow } from "./moderation-lists";
import { firstName } from "./reviews-read";
import type { ReportedReviewPage, ReportReason } from "./schemas";

/** Why a shopper's own review takes no report of theirs: they may change or delete it themselves. */
export const OWN_REVIEW_REPORT = "This is your own review: edit or delete it from its product's review page.";

/** Reviews as shoppers report them: any review that is not the shopper's own (reviews before accounts have no author). */
export const REPORTABLE_REVIEW: Reportable = {
  noun: "review",
  table: "reviews",
  reports: "review_reports",
  column: "review_id",
  shown: "1",
  own: "t.user_id IS NOT NULL AND t.user_id = ?2",
  ownRefusal: OWN_REVIEW_REPORT,
};

/** Reports a review to ops for the shopper; sending it twice counts once, and the first reason stands. */
export function reportReview(d1: D1Database, userId: string, reviewId: string, reason: ReportReason): Promise<void> {
  return fileReport(d1, REPORTABLE_REVIEW, reviewId, userId, reason);
}

/** The shopper's report of a review, if they made one that ops have not yet dealt with. */
export function myReport(d1: D1Database, userId: string, reviewId: string): Promise<{ reason: ReportReason; reported_at: string } | null> {
  return reportOf(d1, REPORTABLE_REVIEW, reviewId, userId) as Promise<{ reason: ReportReason; reported_at: string } | null>;
}

/** Ops keep a reported review: its reports are cleared, with who kept it and when. Throws not_found when there is no such review. */
export function keepReportedReview(d1: D1Database, reviewId: string, by: string): Promise<void> {
  return keepReported(d1, REPORTABLE_REVIEW, reviewId, by);
}

/** The queue of reported reviews, read from the partial index that holds them alone. */
export const REPORTED_REVIEWS: QueueQuery = {
  select: `SELECT r.id, r.product_id, p.title AS product_title, r.rating, r.title, r.body, r.created_at, u.name AS reviewer_name,
      ${reportColumns(REPORTABLE_REVIEW, "r")}
    FROM reviews r JOIN products p ON p.id = r.product_id LEFT JOIN users u ON u.id = r.user_id
      LEFT JOIN users k ON k.id = r.reports_kept_by`,
  alias: "r",
  reported: "r.report_count > 0",
  time: "created_at",
};

/**
 * One page of the moderation queue: the reported reviews, the most reported first, then the
 * newest, each with how many reports gave each reason, and how many wait in all.
 */
export async function reportedReviews(
  d1: D1Database,
  page: { limit: number; cursor?: ReportedPosition | undefined },
): Promise<ReportedReviewPage> {
  const { rows, more, waiting } = await queuePage<StoreReviewRow & ReportColumns>(d1, REPORTABLE_REVIEW, REPORTED_REVIEWS, page);
  const items = rows.map(({ reviewer_name, reasons, kept_by_name, reports_kept_at, report_count, ...r }) => ({
    ...r,
    reviewer: firstName(reviewer_name),
    ...reportFields({ reasons, kept_by_name, reports_kept_at, report_count }),
  }));
  const last = items.at(-1);
  return {
    items,
    next_cursor:
      more && last ? REPORTED_REVIEWS_CURSOR.encode({ report_count: last.report_count, at: last.created_at, id: last.id }) : null,
    waiting,
  };
}
