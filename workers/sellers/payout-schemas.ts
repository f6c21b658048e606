import { z } from "@hono/zod-openapi";
import { queryInt } from "../platform/query-number";
import { cursorFrom, OrderCursorField } from "../orders/cursor";
import { ORDER_STATUSES } from "../orders/state-machine";
import { sellerPayoutsScope, STATEMENT_DAYS } from "./payouts";
import { PAYOUT_STATES } from "./settlement";
import { isCalendarDay, STATEMENT_FILE_DEFAULT_DAYS, STATEMENT_FILE_MAX_DAYS } from "./statement-days";

/** Query of GET /api/seller/payouts: the seller's payments statement, newest sales first. */
export const SellerPayoutsQuery = z
  .object({
    state: z.enum(PAYOUT_STATES).optional().openapi({
      description:
        "`pending`: not delivered yet, its return window is open, or a return of its order waits for a decision; `payable`: its window closed, payable on `settles_on`; `no_payout`: cancelled, refunded or every unit returned. A partly returned order can have lines both in `payable` (or `pending`) and in `no_payout`",
    }),
    limit: queryInt(z.number().int().min(1).max(100).default(20)).openapi({
      description: "Orders per page, at most 100; every line of an order comes on one page",
    }),
    cursor: OrderCursorField.optional(),
  })
  .strict()
  .superRefine(cursorFrom((q) => sellerPayoutsScope(q.state)));

const istDayField = (description: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "A day as YYYY-MM-DD", abort: true })
    .refine(isCalendarDay, "Not a calendar day")
    .openapi({ format: "date", description });

/** Query of GET /api/seller/payouts.csv: the statement's lines of orders placed on a range of IST days. */
export const SellerStatementCsvQuery = z
  .object({
    from: istDayField(
      `The first day (IST) whose orders are listed; by default ${STATEMENT_FILE_DEFAULT_DAYS - 1} days before \`to\``,
    ).optional(),
    to: istDayField(
      `The last day (IST) whose orders are listed, at most ${STATEMENT_FILE_MAX_DAYS} days after \`from\` counting both; by default today`,
    ).optional(),
    state: z.enum(PAYOUT_STATES).optional().openapi({ description: "Only the lines in this state, as on the statement" }),
  })
  .strict();

/** The statement file's body, as the response documents it. */
export const StatementCsvBody = z.string().openapi({
  description:
    "UTF-8 with a byte-order mark; a header row, then one row per statement line, oldest orders first. Amounts in rupees with two decimals; days in IST.",
  example:
    "Order ID,Placed on (IST),Order status,Listing ID,Product ID,Product title,Units bought,Units kept,Units on hold,Unit price (₹),Sale value (₹),Commission %,Commission (₹),Closing fee (₹),GST on fees (₹),TCS (₹),TDS (₹),Net payout (₹),State,Payable on (IST)\r\n",
});

const paise = (description: string) =>
  z
    .number()
    .int()
    .openapi({ description: `paise: ${description}` });

const Totals = {
  lines: z.number().int(),
  sale_value: paise("the lines' sale value, GST included"),
  net: paise("what the lines pay you after fees and taxes withheld"),
};

/** One line of the statement. */
export const PayoutLineSchema = z
  .object({
    order_id: z.string(),
    placed_at: z.string().openapi({ format: "date-time" }),
    order_status: z.enum(ORDER_STATUSES),
    listing_id: z.string(),
    product_id: z.string(),
    title: z.string(),
    qty: z.number().int().openapi({ description: "Units sold" }),
    units_kept: z.number().int().openapi({
      description:
        "Of those, units the shopper kept: you are paid for these. An accepted return of part of the order keeps the units it did not ask back (so 2 of 3); a refund without a return, a cancellation or a failed payment keeps none",
    }),
    units_on_hold: z.number().int().openapi({
      description:
        "Of the units kept, those a return waiting for a decision asks back: counted as kept (and pending) until ops decide, paid if the return is declined, taken off if it is accepted. 0 otherwise",
    }),
    returnable: z.boolean().openapi({
      description:
        "Whether goods of this kind can be returned at all. False for groceries: their money waits for the rest of the order's return window but no return can take it",
    }),
    return_decided: z.boolean().openapi({
      description:
        "Whether a return of this order was already decided (accepted or declined). An order takes one return, so what its lines kept is no longer at stake: they are paid when the window closes",
    }),
    unit_price: paise("per unit, as sold, GST included"),
    sale_value: paise("unit_price × units_kept"),
    commission_percent: z.number().openapi({ description: "The rate card's commission for the product's category" }),
    commission: paise("commission_percent of sale_value"),
    closing_fee: paise("the closing fee per unit by price slab × units_kept"),
    fees_gst: paise("18% GST on commission and closing fee"),
    tcs: paise(
      "TCS under section 52 of the CGST Act: 0.5% of the taxable value of the units kept on your tax invoice, less what its credit note cancelled",
    ),
    tds: paise("TDS under section 194-O of the Income-tax Act: 0.1% of sale_value"),
    net: paise("sale_value − commission − closing_fee − fees_gst − tcs − tds"),
    state: z.enum(PAYOUT_STATES),
    settles_on: z.string().nullable().openapi({
      format: "date",
      description:
        "The day (IST) it is payable: 7 days after the return window closes; while the window is open, the day it will be. Null before delivery, while a return is asked for, and for no payout",
    }),
  })
  .openapi("SellerPayoutLine");

/** The seller's payments statement. */
export const SellerPayoutsSchema = z
  .object({
    summary: z
      .object({
        days: z.number().int().openapi({ example: STATEMENT_DAYS, description: "How many days of sales the summary covers" }),
        since: z.string().openapi({ format: "date-time", description: "Lines of orders placed since then are summed" }),
        pending: z.object(Totals).openapi({ description: "Not payable yet: not delivered, or within the return window" }),
        payable: z.object(Totals).openapi({ description: "Return window closed: payable on each line's settlement day" }),
        no_payout: z
          .object({ lines: z.number().int() })
          .openapi({ description: "Cancelled, refunded, or every unit returned: nothing is paid for these lines" }),
        settlements: z
          .array(z.object({ date: z.string().openapi({ format: "date" }), ...Totals }))
          .openapi({ description: "The payable lines by settlement day (IST), the soonest first" }),
      })
      .openapi({ description: "Your lines of orders placed in the last `days` days, summed" }),
    lines: z.array(PayoutLineSchema).openapi({ description: "Your lines, newest orders first; only your own" }),
    next_cursor: z.string().nullable(),
    currency: z.literal("INR"),
  })
  .openapi("SellerPayouts");
