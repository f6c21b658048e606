import { createRouter, route } from "../platform/router";
import { SellerReturnsPage, SellerReturnsQuery, SellerReturnsSummarySchema } from "../orders/seller-return-schemas";
import { sellerReturnsSummary } from "../orders/seller-return-summary";
import { listSellerReturns } from "../orders/seller-returns";
import { json, SELLER, sellerErrors, sellerIdOf } from "./access";

/** The returns of what sellers sold: why it came back, what ops decided, and what became of the goods. */
export const sellerReturnRoutes = createRouter();

sellerReturnRoutes.openapi(
  route({
    method: "get",
    path: "/seller/returns",
    access: SELLER,
    tags: ["sellers", "orders"],
    summary:
      "Returns of your sales, latest asked first: your lines, the shopper's reason, ops' decision, your refund and the goods' condition",
    description:
      "Only your own lines of each returned order. Nothing of the shopper who sent it back: no name, email, phone or address, and contact details typed into their note are taken out.",
    request: { query: SellerReturnsQuery },
    responses: { 200: json(SellerReturnsPage, "A page of returns"), ...sellerErrors },
  }),
  async (c) => {
    c.header("cache-control", "private, no-store");
    return c.json(await listSellerReturns(c.env.DB, sellerIdOf(c), c.req.valid("query")), 200);
  },
);

sellerReturnRoutes.openapi(
  route({
    method: "get",
    path: "/seller/returns/summary",
    access: SELLER,
    tags: ["sellers", "orders"],
    summary: "How many of your returns wait for ops' decision, and which listings' recent sales came back, and why",
    responses: { 200: json(SellerReturnsSummarySchema, "The summary"), 401: sellerErrors[401], 403: sellerErrors[403] },
  }),
  async (c) => {
    c.header("cache-control", "private, no-store");
    return c.json(await sellerReturnsSummary(c.env.DB, sellerIdOf(c)), 200);
  },
);
