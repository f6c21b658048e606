import { z } from "@hono/zod-openapi";
import { queryInt } from "../platform/query-number";
import { CatalogId } from "../catalog/schemas";
import { RemovalCursorField, StoreReviewCursorField } from "./cursor";

/** The longest reason ops may give for removing a review, in characters as a person counts them. */
export const REASON_MAX = 500;

/** Path parameters of DELETE /api/admin/reviews/{id}: the review removed. */
export const ReviewIdParams = z.object({
  id: CatalogId.openapi({ param: { name: "id", in: "path" }, example: "rev_3kTq9v2LmX0aZb7c" }),
});

/** Body of DELETE /api/admin/reviews/{id}: why it goes, kept with the removal for whoever asks later. */
export const RemovalBody = z
  .object({
    reason: z
      .string()
      .trim()
      .min(1, { message: "Say why the review is removed" })
      .refine((s) => [...s].length <= REASON_MAX, { message: `Must be at most ${REASON_MAX} characters` })
      .openapi({ type: "string", minLength: 1, maxLength: REASON_MAX, example: "Shares the seller's phone number" }),
  })
  .strict()
  .openapi("ReviewRemovalInput");
export type RemovalInput = z.infer<typeof RemovalBody>;

/** Query of GET /api/admin/reviews. */
export const StoreReviewsQuery = z
  .object({
    limit: queryInt(z.number().int().min(1).max(100).default(50)).openapi({ description: "Reviews per page, at most 100" }),
    cursor: StoreReviewCursorField.optional(),
  })
  .strict();

/** Query of GET /api/admin/reviews/removals. */
export const RemovalsQuery = z
  .object({
    limit: queryInt(z.number().int().min(1).max(100).default(50)).openapi({ description: "Removals per page, newest first, at most 100" }),
    cursor: RemovalCursorField.optional(),
  })
  .strict();

/** A review as ops moderate it: which product it is of, and what it says. */
export const StoreReviewSchema = z
  .object({
    id: z.string(),
    product_id: z.string(),
    product_title: z.string(),
    rating: z.int(),
    title: z.string(),
    body: z.string(),
    reviewer: z.string().openapi({ description: "The reviewer's first name, as shoppers see it" }),
    created_at: z.string().openapi({ format: "date-time" }),
  })
  .openapi("StoreReview");
export type StoreReview = z.infer<typeof StoreReviewSchema>;

/** A page of the store's reviews, newest first. */
export const StoreReviewPageSchema = z
  .object({ items: z.array(StoreReviewSchema), next_cursor: z.string().nullable() })
  .openapi("StoreReviewPage");
export type StoreReviewPage = z.infer<typeof StoreReviewPageSchema>;

/** One removal: the review as it read when it went, who removed it, when and why. */
export const ReviewRemovalSchema = z
  .object({
    review_id: z.string(),
    product_id: z.string(),
    product_title: z.string(),
    user_id: z.string().nullable().openapi({ description: "The review's author; null for a review written before accounts" }),
    rating: z.int(),
    title: z.string(),
    body: z.string(),
    removed_by: z.string().openapi({ description: "The ops account that removed it" }),
    removed_by_name: z.string().nullable(),
    reason: z.string(),
    removed_at: z.string().openapi({ format: "date-time" }),
  })
  .openapi("ReviewRemoval");
export type ReviewRemoval = z.infer<typeof ReviewRemovalSchema>;

export const ReviewRemovalListSchema = z
  .object({ items: z.array(ReviewRemovalSchema), next_cursor: z.string().nullable() })
  .openapi("ReviewRemovalList");
export type ReviewRemovalList = z.infer<typeof ReviewRemovalListSchema>;
