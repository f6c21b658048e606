import { createRouter, route } from "../platform/router";
import { json, SELLER, sellerErrors, sellerIdOf } from "./access";
import { SellerPayoutsQuery, SellerPayoutsSchema } from "./payout-schemas";
import { sellerPayouts } from "./payouts";

/** What sellers are paid for what they sold, and from when. */
export const sellerPayoutRoutes = createRouter();

sellerPayoutRoutes.openapi(
  route({
    method: "get",
    path: "/seller/payouts",
    access: SELLER,
    tags: ["sellers", "orders"],
    summary: "Your payments statement: what each of your sales pays you after fees and taxes withheld, and from when",
    description:
      "Worked out from your orders; nothing is paid out by the store itself. A line is pending until its order is delivered and its return window has closed, then payable 7 days later. Cancelled orders and orders refunded in full pay nothing; when a return of part of an order is accepted, the units it did not ask back are still paid for.",
    request: { query: SellerPayoutsQuery },
    responses: { 200: json(SellerPayoutsSchema, "The statement"), ...sellerErrors },
  }),
  async (c) => {
    c.header("cache-control", "private, no-store");
    return c.json(await sellerPayouts(c.env.DB, sellerIdOf(c), c.req.valid("query")), 200);
  },
);
