import { z } from "@hono/zod-openapi";
import { queryInt } from "../platform/query-number";
import { CatalogId } from "../catalog/schemas";
import { myReportSchema, reportBody, reportedFieldsOf, reportedPageSchema, reportedQuery } from "../platform/shopper-report-schemas";
import { REPORTED_REVIEWS_CURSOR, REVIEW_ORDERS, ReviewCursorField } from "./cursor";
import { StoreReviewSchema } from "./moderation-schemas";
import { lfLineEnds } from "../platform/line-ends";

/** The longest review title and body, in characters as a shopper counts them (code points). */
export const TITLE_MAX = 120;
export const BODY_MAX = 4000;

/** Path parameters of the review routes: the product reviewed. */
export const ReviewProductParams = z.object({
  id: CatalogId.openapi({ param: { name: "id", in: "path" }, example: "prd_0000001" }),
});

/**
 * Trimmed text of at most `max` characters. Counted by code point, not UTF-16 unit, so a title
 * in Devanagari or with an emoji gets the same room as one in ASCII (and as JSON Schema counts).
 */
const text = (max: number) =>
  z
    .string()
    .overwrite(lfLineEnds)
    .trim()
    .refine((s) => [...s].length <= max, { message: `Must be at most ${max} characters` })
    .default("")
    .openapi({ type: "string", maxLength: max });

/** Body of PUT /api/products/{id}/reviews/mine. */
export const ReviewBody = z
  .object({
    rating: z.int().min(1).max(5).openapi({ description: "Stars, 1 to 5", example: 4 }),
    title: text(TITLE_MAX),
    body: text(BODY_MAX),
  })
  .strict()
  .openapi("ReviewInput");
export type ReviewInput = z.infer<typeof ReviewBody>;

/** Query of GET /api/products/{id}/reviews. */
export const ReviewListQuery = z
  .object({
    limit: queryInt(z.number().int().min(1).max(50).default(10)).openapi({ description: "Reviews per page, at most 50" }),
    cursor: ReviewCursorField.optional(),
    rating: queryInt(z.number().int().min(1).max(5))
      .optional()
      .openapi({ description: "Only the reviews with this many stars, 1 to 5; `stars` still counts them all" }),
    sort: z
      .enum(REVIEW_ORDERS)
      .default("newest")
      .openapi({ description: "`newest` first, or the most `helpful` first (by helpful votes, then newest)" }),
  })
  .strict();

/** One review as anyone may read it: never the reviewer's account, only their first name. */
export const ReviewSchema = z
  .object({
    id: z.string(),
    rating: z.int(),
    title: z.string(),
    body: z.string(),
    reviewer: z.string().openapi({ description: "The reviewer's first name only" }),
    verified_purchase: z.boolean().openapi({ description: "The reviewer received this product in an order from this store" }),
    created_at: z.string().openapi({ format: "date-time" }),
    helpful_count: z.int().openapi({ description: "How many shoppers marked the review helpful" }),
  })
  .openapi("Review");
export type Review = z.infer<typeof ReviewSchema>;

/** One review, with the product it is of. */
export const ProductReviewSchema = ReviewSchema.extend({ product_id: z.string(), product_title: z.string() }).openapi("ProductReview");
export type ProductReview = z.infer<typeof ProductReviewSchema>;

/** A page of a product's reviews, newest first; the first page also counts them by stars. */
export const ReviewPageSchema = z
  .object({
    items: z.array(ReviewSchema),
    next_cursor: z.string().nullable(),
    stars: z
      .object({ "5": z.int(), "4": z.int(), "3": z.int(), "2": z.int(), "1": z.int() })
      .nullable()
      .openapi({ description: "Written reviews by stars; on the first page only, null on the pages after it" }),
  })
  .openapi("ReviewPage");
export type ReviewPage = z.infer<typeof ReviewPageSchema>;

/** The signed-in shopper's own review of a product, and whether they may write one. */
export const MyReviewSchema = z
  .object({
    can_review: z.boolean(),
    why_not: z.string().nullable().openapi({ description: "Why the shopper may not review it, when they may not" }),
    review: ReviewSchema.nullable(),
  })
  .openapi("MyReview");
export type MyReview = z.infer<typeof MyReviewSchema>;

/** Path parameters of the routes of one review: the review read or voted on. */
export const ReviewParams = z.object({
  id: CatalogId.openapi({ param: { name: "id", in: "path" }, example: "rev_3kTq9v2LmX0aZb7c" }),
});

/** The shopper's vote on a review after marking or unmarking it helpful, and the review's count with it. */
export const HelpfulVoteSchema = z
  .object({
    review_id: z.string(),
    helpful: z.boolean().openapi({ description: "Whether the shopper now counts among those who found it helpful" }),
    helpful_count: z.int().openapi({ description: "How many shoppers marked the review helpful, this one included" }),
  })
  .openapi("HelpfulVote");
export type HelpfulVote = z.infer<typeof HelpfulVoteSchema>;

/** The reviews of one product the signed-in shopper marked helpful. */
export const HelpfulMarksSchema = z
  .object({
    review_ids: z.array(z.string()).openapi({ description: "The reviews the shopper marked helpful" }),
    own_review_ids: z
      .array(z.string())
      .openapi({ description: "The shopper's own reviews of the product, which take neither their vote nor their report" }),
  })
  .openapi("HelpfulMarks");

/** Why a shopper reports a review to ops. */
export const REPORT_REASONS = ["spam", "abusive", "off_topic", "personal_details", "fake"] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

/** Body of PUT /api/reviews/{id}/report. */
export const ReportBody = reportBody(
  REPORT_REASONS,
  "spam (advertising or links), abusive (hateful or threatening), off_topic (not about the product: delivery, the seller), personal_details (a phone number, an address), fake (not a real shopper's experience)",
  "ReviewReportInput",
);

/** A reported review in the moderation queue, with how many reports gave each reason. */
export const ReportedReviewSchema = StoreReviewSchema.extend(reportedFieldsOf("review")).openapi("ReportedReview");
export type ReportedReview = z.infer<typeof ReportedReviewSchema>;

/** A page of the moderation queue, and how many reported reviews wait in all. */
export const ReportedReviewPageSchema = reportedPageSchema(ReportedReviewSchema, "reviews", "ReportedReviews");
export type ReportedReviewPage = z.infer<typeof ReportedReviewPageSchema>;

/** Query of GET /api/admin/reviews/reported. */
export const ReportedQuery = reportedQuery(REPORTED_REVIEWS_CURSOR.field, "Reviews");

/** The signed-in shopper's report of a review, while ops have not yet dealt with it. */
export const MyReportSchema = myReportSchema(REPORT_REASONS, "MyReviewReport");
