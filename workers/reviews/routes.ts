import { requireUser } from "../accounts/authorize";
import { bodyEtag } from "../platform/body-etag";
import { problem } from "../catalog/schemas";
import { AppError } from "../platform/errors";
import { relaySoon } from "../platform/outbox";
import { createRouter, route } from "../platform/router";
import { deleteReview } from "./delete-review";
import { helpfulMarks, helpfulVote, markHelpful, unmarkHelpful } from "./helpful-votes";
import { fileReport, reportOf } from "../platform/shopper-reports";
import { REPORTABLE_REVIEW, keepReportedReview, reportedReviews } from "./review-reports";
import { listReviews } from "./list-reviews";
import { listRemovals, listStoreReviews } from "./moderation-lists";
import {
  RemovalBody,
  RemovalsQuery,
  ReviewIdParams,
  ReviewRemovalListSchema,
  StoreReviewPageSchema,
  StoreReviewsQuery,
} from "./moderation-schemas";
import { myReview } from "./my-review";
import { readReview } from "./reviews-read";
import { removeReview } from "./remove-review";
import { saveReview } from "./save-review";
import {
  HelpfulMarksSchema,
  HelpfulVoteSchema,
  MyReportSchema,
  MyReviewSchema,
  ProductReviewSchema,
  ReportBody,
  type ReportReason,
  ReportedQuery,
  ReportedReviewPageSchema,
  ReviewBody,
  ReviewListQuery,
  ReviewPageSchema,
  ReviewProductParams,
  ReviewParams,
} from "./schemas";

/** Product reviews: anyone reads them; a shopper who received a product writes one of it; ops remove abuse. */
export const reviewRoutes = createRouter();

/**
 * Reviews change far less often than price or stock, and a new one showing a few seconds late
 * harms no one; the page that shows them is purged on every review, so this only bounds clients.
 */
export const REVIEWS_CACHE_CONTROL = "public, max-age=30, stale-while-revalidate=60";

const mine = {
  description: "The shopper's review and whether they may write one",
  content: { "application/json": { schema: MyReviewSchema } },
};

reviewRoutes.openapi(
  route({
    method: "get",
    path: "/products/{id}/reviews",
    access: "public",
    tags: ["reviews"],
    summary: "A product's reviews, newest first, a page at a time, with the count by stars on the first page",
    description: "Optional under overload: shed with 503 and Retry-After while the store is busy.",
    request: { params: ReviewProductParams, query: ReviewListQuery },
    middleware: [bodyEtag],
    responses: {
      200: { description: "A page of reviews", content: { "application/json": { schema: ReviewPageSchema } } },
      304: { description: "Unchanged since the ETag sent in If-None-Match" },
      400: problem("Invalid query (naming the fields)"),
      404: problem("No such product"),
      503: problem("Shed while the store is busy"),
    },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const page = await listReviews(c.env.DB, id, c.req.valid("query"));
    if (!page) throw new AppError("not_found", `No product with id ${id}.`);
    c.header("cache-control", REVIEWS_CACHE_CONTROL);
    return c.json(page, 200);
  },
);

reviewRoutes.openapi(
  route({
    method: "get",
    path: "/products/{id}/reviews/mine",
    access: "signed_in",
    tags: ["reviews"],
    summary: "The shopper's own review of a product, and whether they may write one",
    request: { params: ReviewProductParams },
    responses: { 200: mine, 404: problem("No such product") },
  }),
  async (c) => {
    const user = requireUser(c.var.user);
    c.header("cache-control", "private, no-store");
    return c.json(await myReview(c.env.DB, user.id, c.req.valid("param").id), 200);
  },
);

reviewRoutes.openapi(
  route({
    method: "put",
    path: "/products/{id}/reviews/mine",
    access: "signed_in",
    tags: ["reviews"],
    summary: "Write or replace the shopper's one review of a product they received",
    description:
      "Allowed once an order of the shopper's holding the product is delivered. The product's average moves with the review and shows on its page within seconds. Sending the review it already holds changes nothing.",
    request: { params: ReviewProductParams, body: { content: { "application/json": { schema: ReviewBody } } } },
    responses: {
      200: mine,
      400: problem("Invalid review (naming the fields); nothing was written"),
      403: problem("The shopper has no delivered order holding this product"),
      404: problem("No such product"),
      409: problem("The review changed while this one was being saved"),
    },
  }),
  async (c) => {
    const user = requireUser(c.var.user);
    const { id } = c.req.valid("param");
    const outcome = await saveReview(c.env.DB, user.id, id, c.req.valid("json"));
    if (outcome !== "unchanged") relaySoon(c.env, c.executionCtx);
    c.header("cache-control", "private, no-store");
    return c.json(await myReview(c.env.DB, user.id, id), 200);
  },
);

reviewRoutes.openapi(
  route({
    method: "delete",
    path: "/products/{id}/reviews/mine",
    access: "signed_in",
    tags: ["reviews"],
    summary: "Remove the shopper's review of a product and its stars from the product's rating",
    request: { params: ReviewProductParams },
    responses: {
      204: { description: "The shopper has no review of the product now" },
      404: problem("No such product"),
      409: problem("The review changed while it was being removed"),
    },
  }),
  async (c) => {
    const user = requireUser(c.var.user);
    if (await deleteReview(c.env.DB, user.id, c.req.valid("param").id)) relaySoon(c.env, c.executionCtx);
    return c.body(null, 204);
  },
);

reviewRoutes.openapi(
  route({
    method: "get",
    path: "/reviews/{id}",
    access: "public",
    tags: ["reviews"],
    summary: "One review, with the product it is of and its title",
    request: { params: ReviewParams },
    middleware: [bodyEtag],
    responses: {
      200: { description: "The review", content: { "application/json": { schema: ProductReviewSchema } } },
      304: { description: "Unchanged since the ETag sent in If-None-Match" },
      404: problem("No such review, or it was deleted"),
    },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const review = await readReview(c.env.DB, id);
    if (!review) throw new AppError("not_found", `No review with id ${id}; it may have been deleted.`);
    c.header("cache-control", REVIEWS_CACHE_CONTROL);
    return c.json(review, 200);
  },
);

const vote = {
  description: "The shopper's vote on the review and its count of helpful votes",
  content: { "application/json": { schema: HelpfulVoteSchema } },
};

reviewRoutes.openapi(
  route({
    method: "get",
    path: "/reviews/{id}/helpful",
    access: "signed_in",
    tags: ["reviews"],
    summary: "Whether the shopper marked a review helpful, and its count",
    description: "For a page about this one review; a list of a product's reviews asks `/api/products/{id}/reviews/helpful` once instead.",
    request: { params: ReviewParams },
    responses: { 200: vote, 404: problem("No such review, or it was deleted") },
  }),
  async (c) => {
    const user = requireUser(c.var.user);
    c.header("cache-control", "private, no-store");
    return c.json(await helpfulVote(c.env.DB, user.id, c.req.valid("param").id), 200);
  },
);

reviewRoutes.openapi(
  route({
    method: "put",
    path: "/reviews/{id}/helpful",
    access: "signed_in",
    tags: ["reviews"],
    summary: "Mark a review helpful",
    description:
      "Counts the shopper once however often it is sent. Replacing a review with new words clears its votes. The count shown in a product's shared review lists follows within their 30 s at the edge; this answer has it at once.",
    request: { params: ReviewParams },
    responses: {
      200: vote,
      403: problem("The review is the shopper's own"),
      404: problem("No such review, or it was deleted"),
    },
  }),
  async (c) => {
    const user = requireUser(c.var.user);
    c.header("cache-control", "private, no-store");
    return c.json(await markHelpful(c.env.DB, user.id, c.req.valid("param").id), 200);
  },
);

reviewRoutes.openapi(
  route({
    method: "delete",
    path: "/reviews/{id}/helpful",
    access: "signed_in",
    tags: ["reviews"],
    summary: "Take back the shopper's helpful vote on a review",
    description: "Taking back a vote never given changes nothing.",
    request: { params: ReviewParams },
    responses: { 200: vote, 404: problem("No such review, or it was deleted") },
  }),
  async (c) => {
    const user = requireUser(c.var.user);
    c.header("cache-control", "private, no-store");
    return c.json(await unmarkHelpful(c.env.DB, user.id, c.req.valid("param").id), 200);
  },
);

reviewRoutes.openapi(
  route({
    method: "get",
    path: "/products/{id}/reviews/helpful",
    access: "signed_in",
    tags: ["reviews"],
    summary: "The reviews of a product the shopper marked helpful, and the shopper's own",
    description: "For drawing the shopper's own votes on a review list every shopper shares.",
    request: { params: ReviewProductParams },
    responses: { 200: { description: "The reviews' ids", content: { "application/json": { schema: HelpfulMarksSchema } } } },
  }),
  async (c) => {
    const user = requireUser(c.var.user);
    c.header("cache-control", "private, no-store");
    return c.json(await helpfulMarks(c.env.DB, user.id, c.req.valid("param").id), 200);
  },
);

reviewRoutes.openapi(
  route({
    method: "put",
    path: "/reviews/{id}/report",
    access: "signed_in",
    tags: ["reviews"],
    summary: "Report a review to ops, with the reason",
    description:
      "Puts the review in the ops console's queue of reported reviews, the most reported first. Counts the shopper once however often it is sent; their first reason stands.",
    request: { params: ReviewParams, body: { content: { "application/json": { schema: ReportBody } } } },
    responses: {
      204: { description: "Reported" },
      400: problem("No reason, or one not offered (naming the field); nothing was reported"),
      403: problem("The review is the shopper's own"),
      404: problem("No such review, or it was deleted"),
    },
  }),
  async (c) => {
    const user = requireUser(c.var.user);
    await fileReport(c.env.DB, REPORTABLE_REVIEW, c.req.valid("param").id, user.id, c.req.valid("json").reason);
    return c.body(null, 204);
  },
);

reviewRoutes.openapi(
  route({
    method: "get",
    path: "/reviews/{id}/report",
    access: "signed_in",
    tags: ["reviews"],
    summary: "The shopper's report of a review, while ops have not yet dealt with it",
    request: { params: ReviewParams },
    responses: {
      200: { description: "The report, or null", content: { "application/json": { schema: MyReportSchema } } },
      403: problem("The review is the shopper's own, which they edit or delete rather than report"),
    },
  }),
  async (c) => {
    const user = requireUser(c.var.user);
    c.header("cache-control", "private, no-store");
    return c.json({ report: await reportOf<ReportReason>(c.env.DB, REPORTABLE_REVIEW, c.req.valid("param").id, user.id) }, 200);
  },
);

reviewRoutes.openapi(
  route({
    method: "get",
    path: "/admin/reviews/reported",
    access: ["ops"],
    tags: ["reviews", "ops"],
    summary: "The reviews shoppers reported, the most reported first (the ops console's moderation queue)",
    description: "Paged by `next_cursor`; `waiting` counts every reported review. Keeping or removing one takes it out of the queue.",
    request: { query: ReportedQuery },
    responses: {
      200: { description: "The reported reviews", content: { "application/json": { schema: ReportedReviewPageSchema } } },
      400: problem("A bad limit or cursor (naming the field)"),
    },
  }),
  async (c) => {
    c.header("cache-control", "private, no-store");
    return c.json(await reportedReviews(c.env.DB, c.req.valid("query")), 200);
  },
);

reviewRoutes.openapi(
  route({
    method: "delete",
    path: "/admin/reviews/{id}/reports",
    access: ["ops"],
    tags: ["reviews", "ops"],
    summary: "Keep a reported review: clear its reports, taking it out of the queue",
    description:
      "Records who kept it and when, and tells each shopper who reported it that it stays (Updates page, and email unless they turned `reports` off). " +
      "Reports sent after this put it back in the queue, saying so.",
    request: { params: ReviewIdParams },
    responses: { 204: { description: "The review has no reports now" }, 404: problem("No such review, or it was removed") },
  }),
  async (c) => {
    const ops = requireUser(c.var.user);
    await keepReportedReview(c.env.DB, c.req.valid("param").id, ops.id);
    return c.body(null, 204);
  },
);

reviewRoutes.openapi(
  route({
    method: "get",
    path: "/admin/reviews",
    access: ["ops"],
    tags: ["reviews", "ops"],
    summary: "The whole store's reviews, newest first, a page at a time (the ops console's moderation list)",
    request: { query: StoreReviewsQuery },
    responses: {
      200: { description: "A page of reviews", content: { "application/json": { schema: StoreReviewPageSchema } } },
      400: problem("Invalid query (naming the fields)"),
    },
  }),
  async (c) => {
    c.header("cache-control", "private, no-store");
    return c.json(await listStoreReviews(c.env.DB, c.req.valid("query")), 200);
  },
);

reviewRoutes.openapi(
  route({
    method: "get",
    path: "/admin/reviews/removals",
    access: ["ops"],
    tags: ["reviews", "ops"],
    summary: "Reviews ops removed, newest first: what each said, who removed it, when and why",
    request: { query: RemovalsQuery },
    responses: {
      200: { description: "A page of removals, newest first", content: { "application/json": { schema: ReviewRemovalListSchema } } },
      400: problem("Invalid query (naming the fields)"),
    },
  }),
  async (c) => {
    c.header("cache-control", "private, no-store");
    return c.json(await listRemovals(c.env.DB, c.req.valid("query")), 200);
  },
);

reviewRoutes.openapi(
  route({
    method: "delete",
    path: "/admin/reviews/{id}",
    access: ["ops"],
    tags: ["reviews", "ops"],
    summary: "Remove a review, take its stars out of the product's rating and record who removed it and why",
    description:
      "The product's average moves and shows on its page within seconds. The review is kept, as it read, in the removals list. Its author may write a new review of the product.",
    request: { params: ReviewIdParams, body: { content: { "application/json": { schema: RemovalBody } } } },
    responses: {
      204: { description: "The review is removed" },
      400: problem("No reason, or an invalid one (naming the fields); nothing was removed"),
      404: problem("No such review, or it was removed already; nothing changed"),
      409: problem("The review changed while it was being removed"),
    },
  }),
  async (c) => {
    const ops = requireUser(c.var.user);
    await removeReview(c.env.DB, c.req.valid("param").id, { ...c.req.valid("json"), by: ops.id });
    relaySoon(c.env, c.executionCtx);
    return c.body(null, 204);
  },
);
