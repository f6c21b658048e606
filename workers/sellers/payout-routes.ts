import { createRouter, route } from "../platform/router";
import { json, SELLER, sellerErrors, sellerIdOf } from "./access";
import { SellerPayoutsQuery, SellerPayoutsSchema, SellerStatementCsvQuery, StatementCsvBody } from "./payout-schemas";
import { sellerPayouts } from "./payouts";
import { statementCsv, statementCsvFilename } from "./statement-csv";
import { STATEMENT_FILE_MAX_DAYS, statementDays } from "./statement-days";

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

sellerPayoutRoutes.openapi(
  route({
    method: "get",
    path: "/seller/payouts.csv",
    access: SELLER,
    tags: ["sellers", "orders"],
    summary: "Your payments statement as a CSV file, for a spreadsheet or accounting software",
    description: `Every line of your orders placed from \`from\` to \`to\` (IST days, both included, at most ${STATEMENT_FILE_MAX_DAYS} days; by default the last 30), with the same figures as GET /api/seller/payouts. A range too long, or ending before it starts, is a 400 naming the field.`,
    request: { query: SellerStatementCsvQuery },
    responses: {
      200: { description: "The CSV", content: { "text/csv": { schema: StatementCsvBody } } },
      ...sellerErrors,
    },
  }),
  (c) => {
    const query = c.req.valid("query");
    const sellerId = sellerIdOf(c);
    const days = statementDays(query);
    return c.body(statementCsv(c.env.DB, sellerId, days, query.state), 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${statementCsvFilename(sellerId, days)}"`,
      // One seller's sales and money: never kept by a browser or anything between.
      "cache-control": "private, no-store",
    });
  },
);
