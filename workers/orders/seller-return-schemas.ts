import { z } from "@hono/zod-openapi";
import { queryInt } from "../platform/query-number";
import { RETURN_CONDITIONS } from "../inventory/returns";
import { cursorFrom, OrderCursorField } from "./cursor";
import { RETURN_REASONS } from "./return-reasons";
import { RETURN_LOOKBACK_DAYS } from "./seller-return-summary";
import { SELLER_RETURN_STATUSES, sellerReturnsScope } from "./seller-returns";

/** Query of GET /api/seller/returns: the returns of the seller's sales, latest asked first. */
export const SellerReturnsQuery = z
  .object({
    status: z.enum(SELLER_RETURN_STATUSES).optional().openapi({
      description:
        "`requested`: waiting for ops' decision; `accepted`: refunded, goods on their way back; `declined`: ops refused it; `received`: the goods are back",
    }),
    limit: queryInt(z.number().int().min(1).max(100).default(20)).openapi({ description: "Returns per page, at most 100" }),
    cursor: OrderCursorField.optional(),
  })
  .strict()
  .superRefine(cursorFrom((q) => sellerReturnsScope(q.status)));

/** Units of a line put back on sale once the goods came back sellable. */
const BackOnSale = z
  .object({ units: z.number().int(), warehouse_id: z.string(), warehouse_name: z.string() })
  .nullable()
  .openapi({ description: "The units put back on sale when the goods came back sellable, and at which warehouse; null otherwise" });

/** One returned order as its seller sees it. */
export const SellerReturnSchema = z
  .object({
    order_id: z.string(),
    status: z.enum(SELLER_RETURN_STATUSES),
    placed_at: z.string().openapi({ format: "date-time" }),
    requested_at: z.string().openapi({ format: "date-time", description: "When the shopper asked to return it" }),
    reason: z.enum(RETURN_REASONS).openapi({ description: "Why the shopper sent it back" }),
    note: z.string().nullable().openapi({
      description: "The shopper's words about it, with any email address or phone number they typed taken out; null without a note",
    }),
    decision: z
      .object({
        outcome: z.enum(["accepted", "declined"]),
        at: z.string().openapi({ format: "date-time" }),
        decline_reason: z.string().nullable().openapi({ description: "Why ops declined it, as the shopper was told; null when accepted" }),
      })
      .nullable()
      .openapi({ description: "Ops' decision; null while it waits for one" }),
    refunded_after_decline_at: z.string().nullable().openapi({
      format: "date-time",
      description:
        "When ops refunded the whole order after declining its return, so the sale no longer stands; null otherwise (the decline still stands, or there was none)",
    }),
    items: z
      .array(
        z.object({
          listing_id: z.string(),
          product_id: z.string(),
          title: z.string(),
          qty: z.number().int(),
          unit_price: z.number().int().openapi({ description: "paise, as sold" }),
          return_qty: z.number().int().openapi({ description: "Units of the line the shopper sent back, at most `qty`" }),
          amount: z.number().int().openapi({ description: "paise: return_qty × unit_price" }),
          back_on_sale: BackOnSale,
        }),
      )
      .openapi({
        description: "Only your lines of the order that the shopper sent back; lines they kept, and other sellers' lines, are not listed",
      }),
    subtotal: z.number().int().openapi({ description: "paise: your returned units only" }),
    refunded: z.number().int().openapi({
      description:
        "paise refunded to the shopper for your returned units once the return was accepted, or for every unit of the lines listed once the order was refunded after a decline; 0 otherwise",
    }),
    currency: z.literal("INR"),
    received: z
      .object({
        at: z.string().openapi({ format: "date-time" }),
        condition: z.enum(RETURN_CONDITIONS).nullable().openapi({ description: "`sellable`: back on sale; `damaged`: kept off sale" }),
      })
      .nullable()
      .openapi({ description: "When the goods reached the warehouse and in what condition; null until then" }),
  })
  .openapi("SellerReturn");

/** One page of a seller's returns. */
export const SellerReturnsPage = z
  .object({ items: z.array(SellerReturnSchema), next_cursor: z.string().nullable() })
  .openapi("SellerReturnsPage");

/** What the seller's Returns tab opens with. */
export const SellerReturnsSummarySchema = z
  .object({
    awaiting_decision: z.number().int().openapi({ description: "Returns of your sales that ops have not accepted or declined yet" }),
    days: z.number().int().openapi({ description: "How many days back sales are counted", example: RETURN_LOOKBACK_DAYS }),
    since: z.string().openapi({ format: "date-time", description: "Sales placed since then are counted" }),
    listings: z
      .array(
        z.object({
          listing_id: z.string(),
          title: z.string(),
          sold: z.number().int().openapi({ description: "Units shipped in orders placed since `since`" }),
          returned: z.number().int().openapi({
            description: "Of those, units asked back (a declined return does not count, nor do units the shopper kept)",
          }),
          reasons: z.array(z.object({ reason: z.enum(RETURN_REASONS), units: z.number().int() })).openapi({
            description: "The returned units by the shopper's reason, the most frequent first",
          }),
        }),
      )
      .openapi({ description: "Your listings with units asked back, the most first" }),
  })
  .openapi("SellerReturnsSummary");
