import { z } from "@hono/zod-openapi";
import { queryInt } from "../platform/query-number";
import { CatalogId } from "../catalog/schemas";
import { OrderId } from "../orders/schemas";
import { FeedbackCursorField } from "./feedback-cursor";
import { lfLineEnds } from "../platform/line-ends";

/** The longest comment, in characters as a buyer counts them (code points). */
export const COMMENT_MAX = 500;

/** Path parameters of the buyer's rating of one seller of one order. */
export const SellerFeedbackParams = z.object({
  order_id: OrderId.openapi({ param: { name: "order_id", in: "path" }, example: "ord_3f9c2a7d1e0b4c6a8f2d1e0b4c" }),
  seller_id: CatalogId.openapi({ param: { name: "seller_id", in: "path" }, example: "sel_00042" }),
});

/** Path parameters naming an order alone. */
export const OrderFeedbackParams = SellerFeedbackParams.pick({ order_id: true });

/** Body of PUT /api/orders/{order_id}/seller-feedback/{seller_id}. */
export const SellerFeedbackBody = z
  .object({
    rating: z.int().min(1).max(5).openapi({ description: "Stars, 1 to 5", example: 5 }),
    // Counted by code point, so a comment in Devanagari or with an emoji gets the same room as one in ASCII.
    comment: z
      .string()
      .overwrite(lfLineEnds)
      .trim()
      .refine((s) => [...s].length <= COMMENT_MAX, { message: `Must be at most ${COMMENT_MAX} characters` })
      .default("")
      .openapi({ type: "string", maxLength: COMMENT_MAX, description: "Optional; trimmed" }),
  })
  .strict()
  .openapi("SellerFeedbackInput");
export type SellerFeedbackInput = z.infer<typeof SellerFeedbackBody>;

/** A rating as its buyer and its seller read it. */
export const FeedbackSchema = z
  .object({
    rating: z.int(),
    comment: z.string().nullable(),
    created_at: z.string().openapi({ format: "date-time" }),
    updated_at: z.string().openapi({ format: "date-time", description: "When the buyer last changed it" }),
  })
  .openapi("SellerFeedback");

/** One seller of an order, as its buyer may rate it. */
export const OrderSellerFeedbackSchema = z
  .object({
    seller_id: z.string(),
    seller_name: z.string(),
    window: z.enum(["open", "closed", "not_delivered"]).openapi({
      description: "`open`: may be rated until `until`; `closed`: the time to rate it has passed; `not_delivered`: not yet",
    }),
    until: z.string().nullable().openapi({ format: "date-time" }),
    feedback: FeedbackSchema.nullable().openapi({ description: "What the buyer gave; null before they rated it" }),
  })
  .openapi("OrderSellerFeedback");

/** The sellers of a buyer's order and what they gave each. */
export const OrderFeedbackSchema = z.object({ sellers: z.array(OrderSellerFeedbackSchema) }).openapi("OrderFeedback");
export type OrderFeedback = z.infer<typeof OrderFeedbackSchema>;

/** Query of GET /api/seller/feedback. */
export const SellerFeedbackQuery = z
  .object({
    limit: queryInt(z.number().int().min(1).max(100).default(20)).openapi({ description: "Ratings per page, at most 100" }),
    cursor: FeedbackCursorField.optional(),
  })
  .strict();

/** One buyer's rating as the seller sees it: the order, never who the buyer is. */
export const SellerFeedbackItemSchema = FeedbackSchema.extend({ order_id: z.string() }).openapi("SellerFeedbackItem");
export type SellerFeedbackItem = z.infer<typeof SellerFeedbackItemSchema>;

/** A page of the seller's ratings, newest first. */
export const SellerFeedbackPageSchema = z
  .object({ items: z.array(SellerFeedbackItemSchema), next_cursor: z.string().nullable() })
  .openapi("SellerFeedbackPage");
export type SellerFeedbackPage = z.infer<typeof SellerFeedbackPageSchema>;

/** The seller's rating as shoppers see it, and what it is made of. */
export const SellerRatingSummarySchema = z
  .object({
    shown: z.number().openapi({ description: "Stars shoppers see beside your offers (one decimal); it breaks buy-box ties" }),
    pending: z.boolean().openapi({ description: "Ratings came in since the shown rating was last worked out (every minute)" }),
    average: z.number().nullable().openapi({ description: "Buyers' own average (one decimal); null before any rated you" }),
    count: z.int(),
    stars: z.object({ "5": z.int(), "4": z.int(), "3": z.int(), "2": z.int(), "1": z.int() }),
    prior_weight: z.int().openapi({ description: "Ratings your starting rating counts as in the shown rating" }),
  })
  .openapi("SellerRatingSummary");
export type SellerRatingSummary = z.infer<typeof SellerRatingSummarySchema>;
