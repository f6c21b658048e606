import { requireUser } from "../accounts/authorize";
import { problem } from "../catalog/schemas";
import { createRouter, route } from "../platform/router";
import { SELLER, json, sellerErrors, sellerIdOf } from "./access";
import { listSellerFeedback, sellerRatingSummary } from "./feedback-list";
import {
  OrderFeedbackParams,
  OrderFeedbackSchema,
  SellerFeedbackBody,
  SellerFeedbackPageSchema,
  SellerFeedbackParams,
  SellerFeedbackQuery,
  SellerRatingSummarySchema,
} from "./feedback-schemas";
import { FEEDBACK_DAYS } from "./feedback-window";
import { orderFeedback } from "./order-feedback";
import { rateSeller } from "./rate-seller";

/** Buyers rate the sellers of their delivered orders; sellers read what they were given. */
export const sellerFeedbackRoutes = createRouter();

// Rating a seller earns nothing on the day and can wait weeks, so it goes first when the store is busy.
const SHED_NOTE = "Optional under overload: shed with 503 and Retry-After while the store is busy.";
const shed = problem("Shed while the store is busy; nothing was written");

const given = json(OrderFeedbackSchema, "The order's sellers, whether each may be rated now, and what the shopper gave each");

sellerFeedbackRoutes.openapi(
  route({
    method: "get",
    path: "/orders/{order_id}/seller-feedback",
    access: "signed_in",
    tags: ["orders", "sellers"],
    summary: "The sellers of the shopper's order and how the shopper rated each",
    description: SHED_NOTE,
    request: { params: OrderFeedbackParams },
    responses: { 200: given, 400: problem("Invalid order id"), 404: problem("Not the shopper's order"), 503: shed },
  }),
  async (c) => {
    const user = requireUser(c.var.user);
    c.header("cache-control", "private, no-store");
    return c.json(await orderFeedback(c.env.DB, user.id, c.req.valid("param").order_id), 200);
  },
);

sellerFeedbackRoutes.openapi(
  route({
    method: "put",
    path: "/orders/{order_id}/seller-feedback/{seller_id}",
    access: "signed_in",
    tags: ["orders", "sellers"],
    summary: "Rate a seller of the shopper's delivered order (1-5 stars, an optional comment), or change that rating",
    description: `Once the order is delivered, for ${FEEDBACK_DAYS} days. One rating per order and seller: sending another replaces it. The seller's rating shown on product pages is worked out again within a minute or so. ${SHED_NOTE}`,
    request: { params: SellerFeedbackParams, body: { content: { "application/json": { schema: SellerFeedbackBody } } } },
    responses: {
      200: given,
      400: problem("Invalid rating or comment (naming the field); nothing was written"),
      404: problem("Not the shopper's order, or the order holds nothing from this seller; nothing was written"),
      409: problem("The order is not delivered yet, or the time to rate it has passed; nothing was written"),
      503: shed,
    },
  }),
  async (c) => {
    const user = requireUser(c.var.user);
    const { order_id, seller_id } = c.req.valid("param");
    await rateSeller(c.env.DB, user.id, order_id, seller_id, c.req.valid("json"));
    c.header("cache-control", "private, no-store");
    return c.json(await orderFeedback(c.env.DB, user.id, order_id), 200);
  },
);

sellerFeedbackRoutes.openapi(
  route({
    method: "get",
    path: "/seller/feedback",
    access: SELLER,
    tags: ["sellers"],
    summary: "Buyers' ratings of you, newest first, a page at a time",
    description: "Each with the order it is for; never the buyer's name or contact.",
    request: { query: SellerFeedbackQuery },
    responses: { 200: json(SellerFeedbackPageSchema, "A page of ratings"), ...sellerErrors },
  }),
  async (c) => {
    c.header("cache-control", "private, no-store");
    return c.json(await listSellerFeedback(c.env.DB, sellerIdOf(c), c.req.valid("query")), 200);
  },
);

sellerFeedbackRoutes.openapi(
  route({
    method: "get",
    path: "/seller/feedback/summary",
    access: SELLER,
    tags: ["sellers"],
    summary: "Your rating as shoppers see it, how many buyers rated you, and how many gave each number of stars",
    responses: { 200: json(SellerRatingSummarySchema, "The summary"), 401: sellerErrors[401], 403: sellerErrors[403] },
  }),
  async (c) => {
    c.header("cache-control", "private, no-store");
    return c.json(await sellerRatingSummary(c.env.DB, sellerIdOf(c)), 200);
  },
);
