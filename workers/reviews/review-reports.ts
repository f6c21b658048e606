import { AppError } from "../platform/errors";
import { type ReportOutcome, type ReportOutcomeKind, reportOutcome } from "../platform/report-outcome";
import {
  type QueueQuery,
  type ReportColumns,
  type Reportable,
  type ReportedPosition,
  keepReported,
  reportedPage,
  reportColumns,
} from "../platform/shopper-reports";
import { REPORTED_REVIEWS_CURSOR } from "./cursor";
import type { StoreReviewRow } from "./moderation-lists";
import { firstName, readReview } from "./reviews-read";
import type { StoreReview } from "./moderation-schemas";
import type { ReportedReviewPage } from "./schemas";

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
export function reportedReviews(
  d1: D1Database,
  page: { limit: number; cursor?: ReportedPosition | undefined },
): Promise<ReportedReviewPage> {
  return reportedPage<StoreReviewRow & ReportColumns, StoreReview>(d1, REPORTABLE_REVIEW, REPORTED_REVIEWS, page, {
    item: ({ reviewer_name, id, product_id, product_title, rating, title, body, created_at }) => ({
      id,
      product_id,
      product_title,
      rating,
      title,
      body,
      created_at,
      reviewer: firstName(reviewer_name),
    }),
    at: (r) => r.created_at,
    cursor: REPORTED_REVIEWS_CURSOR,
  });
}

/** Ops keep a reported review: its reports are cleared, and its reporters told it stays, naming it as they saw it. */
export async function keepReportedReview(d1: D1Database, reviewId: string, by: string): Promise<void> {
  const review = await readReview(d1, reviewId);
  if (!review) throw new AppError("not_found", `No review with id ${reviewId}; it may have been removed.`);
  await keepReported(d1, REPORTABLE_REVIEW, reviewId, by, reviewOutcome("report_kept", review));
}

/** What a review's reporters are told (report-outcome.ts), naming it by its product and its first words. */
export function reviewOutcome(
  kind: ReportOutcomeKind,
  review: { id: string; product_id: string; product_title: string; title: string; body: string },
): ReportOutcome {
  const { id, product_id: productId, product_title: productTitle } = review;
  return reportOutcome(kind, { noun: "review", id, productId, productTitle, words: review.title || review.body });
}
