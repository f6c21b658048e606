import { PAYMENT_METHODS } from "../payments/provider";
import { z } from "@hono/zod-openapi";
import { queryInt } from "../platform/query-number";
import { Address } from "../checkout/schemas";
import { CatalogId } from "../catalog/schemas";
import { cursorFrom, OrderCursorField } from "./cursor";
import { LOOKUP_WORDS, lookupScope, parseLookup } from "./order-lookup";
import { ORDER_PICTURES, ORDER_SORTS, myOrdersScope, opsListScope } from "./queries";
import { LATE_SCOPE } from "./late-orders";
import { FIRST_ORDER_YEAR, ORDER_GROUPS, ORDER_GROUP_WORDS, yearInIndia } from "./order-groups";
import { BUY_AGAIN_SKIPS, BUY_AGAIN_CAPS } from "./buy-again";
import { SELLER_DUE } from "./seller-hand-over";
import { sellerOrdersScope } from "./seller-orders";
import { ADDRESS_ID, ADDRESS_SCOPES, MAX_ADDED_ADDRESSES, MAX_LISTED_ADDRESSES, MAX_SAVED_ADDRESSES } from "./saved-addresses";
import { RETURN_NOTE_MAX, RETURN_REASONS } from "./return-reasons";
import { ORDER_STATUSES } from "./state-machine";
import { RETURN_CONDITIONS } from "../inventory/returns";
import { CARRIERS, CARRIER_IDS, type CarrierId, OTHER_CARRIER, normalizeTrackingNumber, trackingNumberProblem } from "./carriers";
import { OpsMessageSchema } from "../notifications/schemas";
import { lfLineEnds } from "../platform/line-ends";

/** The shape of an order id. */
export const OrderId = z.string().regex(/^ord_[A-Za-z0-9_-]{1,64}$/);

/** An order id in the path. */
export const OrderParam = z.object({
  id: OrderId.openapi({ param: { name: "id", in: "path" }, example: "ord_3f9c2a7d1e0b4c6a8f2d1e0b4c" }),
});

/** One line of an order, with its price as sold. */
const Line = z.object({
  listing_id: z.string(),
  product_id: z.string(),
  title: z.string(),
  qty: z.number().int(),
  unit_price: z.number().int().openapi({ description: "paise, as sold" }),
  mrp: z.number().int(),
  deal_id: z.string().nullable(),
});

const TimelineEntry = z.object({ from: z.string().nullable(), to: z.string(), actor: z.string(), reason: z.string(), at: z.string() });

/** A line of the shopper's (and ops') order view: the sold line plus the product's picture to recognise it by. */
const OrderLine = Line.extend({
  image: z.string().nullable().openapi({
    description: "The product's picture as it is now (a site path), not as sold; null when it has none or no longer exists",
    example: "/art/phone/teal.svg",
  }),
  return_days: z.number().int().nullable().openapi({
    description: "Days after delivery this line may be returned, by its product's department; null when it cannot be returned",
    example: 10,
  }),
  return_qty: z.number().int().nullable().openapi({
    description:
      "Units of this line the shopper asked to send back (the units refunded once the return is accepted, and booked back once received); null when the line was not asked back",
    example: 1,
  }),
  reviewed: z.boolean().openapi({
    description:
      "The order's shopper has reviewed this product (one review per shopper and product, edited at /api/products/{id}/reviews/mine)",
  }),
});

/** Whether an order may be returned now, and until when. */
const ReturnWindowSchema = z
  .object({
    state: z.enum(["open", "closed", "not_returnable", "not_delivered", "requested", "declined"]).openapi({
      description:
        "`open` until `until`, `closed` after it; `not_returnable` when no line of the order can ever be returned; `not_delivered` before delivery; " +
        "`requested` once a return was asked for (an order is returned once; `return_request` says where it stands); " +
        "`declined` once ops declined its return, which is final: no return can be asked for again",
    }),
    until: z.string().nullable().openapi({
      description: "The last moment a return may be asked for (the end of the window's last day in India); null without a window",
    }),
    not_returnable: z
      .array(z.object({ listing_id: z.string(), title: z.string(), why: z.string() }))
      .openapi({ description: "The lines that can never be returned, and why; the rest of the order can be" }),
    decline_reason: z
      .string()
      .nullable()
      .openapi({ description: "Why ops declined the order's return, as the shopper is told; null unless `state` is `declined`" }),
  })
  .openapi("ReturnWindow");

/** The shopper's latest return request and what became of it. */
const ReturnRequestSchema = z
  .object({
    reason: z.enum(RETURN_REASONS),
    note: z.string().nullable(),
    requested_at: z.string(),
    outcome: z.enum(["pending", "accepted", "declined"]),
    decided_at: z.string().nullable(),
    decline_reason: z.string().nullable().openapi({ description: "Why ops declined it, as the shopper is told" }),
    units: z.number().int().openapi({ description: "Units asked back (see each line's `return_qty`)", example: 1 }),
    of_units: z.number().int().openapi({ description: "Units the order holds", example: 2 }),
    refund_amount: z.number().int().openapi({
      description:
        "paise: the asked-back units at the price paid, which accepting the return refunds (the order's total when all of it goes back)",
      example: 49900,
    }),
  })
  .openapi("ReturnRequest");

/** How a shipped order travels, as its shopper follows it. */
const ShipmentSchema = z
  .object({
    carrier: z.enum(CARRIER_IDS),
    carrier_name: z.string().openapi({ description: "The courier's name as shoppers know it", example: "Delhivery" }),
    tracking_number: z.string().openapi({ description: "The AWB or article number", example: "1234567890123" }),
    tracking_url: z.string().nullable().openapi({
      description:
        "The carrier's public tracking page for the parcel (for a few carriers their tracking page, where the number is typed); null for a courier not on the list",
      example: "https://www.delhivery.com/track/package/1234567890123",
    }),
    updated_at: z.string().openapi({ description: "When it was last set or corrected" }),
  })
  .openapi("Shipment");

/** The day an order on its way is due by, on the order and on the shopper's list alike. */
const DeliveryBy = z
  .string()
  .nullable()
  .openapi({
    description:
      "While the order is on its way (paid, not yet delivered), the day it is due by (YYYY-MM-DD, in India): the last day of the window " +
      "checkout promised for its slowest line, from the warehouse it is held in; null otherwise",
    example: "2026-12-14",
  });

/** An order with items, payment and timeline. */
export const OrderSchema = z
  .object({
    id: z.string(),
    status: z.enum(ORDER_STATUSES),
    created_at: z.string(),
    updated_at: z.string(),
    total: z.number().int(),
    currency: z.literal("INR"),
    address: z.record(z.string(), z.string()),
    items: z.array(OrderLine),
    payment: z
      .object({
        id: z.string(),
        method: z.string(),
        status: z.string(),
        amount: z.number().int(),
        captured: z.number().int(),
        refunded: z.number().int(),
        redirect_url: z.string().nullable(),
      })
      .nullable(),
    timeline: z.array(TimelineEntry),
    return_window: ReturnWindowSchema,
    return_request: ReturnRequestSchema.nullable(),
    shipment: ShipmentSchema.nullable().openapi({
      description: "The courier and tracking number, once ops have given them (as they ship the order, or later); null before",
    }),
    delivery_by: DeliveryBy,
  })
  .openapi("Order");

/** A row of an order list. */
export const OrderSummarySchema = z
  .object({
    id: z.string(),
    status: z.string(),
    created_at: z.string(),
    total: z.number().int(),
    currency: z.literal("INR"),
    items: z.number().int(),
  })
  .openapi("OrderSummary");

/** A line as the shopper's list shows it: enough to recognise the order by. */
const LinePicture = z.object({
  product_id: z.string().nullable(),
  title: z.string(),
  image: z.string().nullable().openapi({ description: "The product's picture as it is now (a site path), or null" }),
});

/** A row of the shopper's own list: the summary, and what the order was. */
export const MyOrderSummarySchema = OrderSummarySchema.extend({
  lead_item: LinePicture.nullable().openapi({ description: "The order's costliest line, which the shopper recognises the order by" }),
  item_images: z
    .array(LinePicture)
    .max(ORDER_PICTURES)
    .openapi({
      description: `The pictures of the order's first ${ORDER_PICTURES} lines, costliest first (the first is \`lead_item\`); \`lines\` counts them all`,
    }),
  lines: z.number().int().openapi({ description: "How many lines the order has (items counts units)" }),
  unreviewed: z
    .number()
    .int()
    .openapi({ description: "How many of its lines' products the shopper has not reviewed yet (one review per shopper and product)" }),
  payment_url: z.string().nullable().openapi({
    description: "Where the shopper completes the order's payment while it waits for them (as the order's `redirect_url`); null otherwise",
  }),
  delivery_by: DeliveryBy,
}).openapi("MyOrderSummary");

/** A row of the ops queue. */
export const OpsOrderSummarySchema = OrderSummarySchema.extend({
  refundable: z.number().int().openapi({ description: "Captured money not yet refunded, in paise; a refund needs it above 0" }),
  return_awaited: z.boolean().openapi({
    description: "Refunded by accepting a return whose goods are not received back yet: ops can mark them received (`to: return_received`)",
  }),
  lead_title: z
    .string()
    .nullable()
    .openapi({ description: "The title of the order's costliest line, which the shopper's list leads with" }),
  lines: z.number().int().openapi({ description: "How many lines the order has (items counts units)" }),
  payment_method: z
    .enum(PAYMENT_METHODS)
    .openapi({ description: "How the shopper chose to pay; `cod` is cash on delivery, which the courier collects" }),
  delivery_by: DeliveryBy,
}).openapi("OpsOrderSummary");

/** Body of POST /api/orders/{id}/cancel. */
export const CancelBody = z
  .object({ reason: z.string().trim().max(200).optional() })
  .strict()
  .openapi("CancelOrder");

/** Body of POST /api/orders/{id}/return. */
export const ReturnBody = z
  .object({
    reason: z.enum(RETURN_REASONS).openapi({ description: "Why the order is going back" }),
    note: z
      .string()
      .overwrite(lfLineEnds)
      .trim()
      .max(RETURN_NOTE_MAX)
      .optional()
      .openapi({ description: "Anything ops should know, in the shopper's words" }),
    items: z
      .array(
        z
          .object({
            listing_id: z
              .string()
              .min(1)
              .max(64)
              .openapi({ description: "The line of this order, by its `listing_id`", example: "lst_case" }),
            quantity: z
              .number()
              .int()
              .min(1)
              .openapi({ description: "Units of the line going back, at most the line's `qty`", example: 1 }),
          })
          .strict()
          .openapi("ReturnItem"),
      )
      .min(1)
      .max(100)
      .optional()
      .openapi({
        description:
          "The lines going back and how many units of each. Left out, every line that can be returned goes back whole. A line not in this order, named twice, never returnable (`return_days` null), or more units than were bought is refused (400, naming `items.<i>.listing_id` or `items.<i>.quantity`) and nothing changes",
      }),
  })
  .strict()
  .openapi("ReturnOrder");

const carrierList = Object.values(CARRIERS)
  .map((c) => `${c.name} (${c.format})`)
  .join(", ");

/**
 * A shipment's fields as ops give them: a carrier of the list with a number of its format, or `other`
 * with the courier's name. Spaces and dashes in the number are dropped and letters capitalized before
 * the check. Kept apart from `shipmentRules` so a bulk move's entry can add the order it is for and
 * still be checked by the same rules.
 */
export const ShipmentShape = z.object({
  carrier: z.enum(CARRIER_IDS).openapi({ description: `The courier: ${carrierList}; or \`other\` with its \`name\`` }),
  name: z.string().trim().min(2).max(60).optional().openapi({ description: "The courier's name, for `other` only", example: "Gati" }),
  tracking_number: z
    .string()
    .max(60)
    .transform(normalizeTrackingNumber)
    .openapi({
      type: "string",
      maxLength: 60,
      description:
        "The AWB or article number, checked against the carrier's format (a format check: whether the carrier issued it is not known here); " +
        "another courier's is 4 to 40 letters and digits",
      example: "1234567890123",
    }),
});

/** The checks across a shipment's fields, naming the field at fault relative to the shipment itself. */
export function shipmentRules(s: { carrier: CarrierId; name?: string | undefined; tracking_number: string }, ctx: z.RefinementCtx): void {
  const problem = trackingNumberProblem(s.carrier, s.tracking_number);
  if (problem) ctx.addIssue({ code: "custom", message: problem, path: ["tracking_number"] });
  if (s.carrier === OTHER_CARRIER && !s.name) ctx.addIssue({ code: "custom", message: "Name the courier.", path: ["name"] });
  if (s.carrier !== OTHER_CARRIER && s.name !== undefined) {
    ctx.addIssue({ code: "custom", message: "A courier of the list is named by `carrier` alone.", path: ["name"] });
  }
}

/** A shipment as ops give it with a single order's move or on its own. */
export const ShipmentInput = ShipmentShape.strict().superRefine(shipmentRules).openapi("ShipmentInput");

/** Body of POST /api/admin/orders/{id}/transitions. */
export const OpsTransitionBody = z
  .object({
    to: z.enum(ORDER_STATUSES),
    reason: z.string().trim().max(200).optional().openapi({
      description:
        "Recorded in the timeline. Required to decline a return (`to: delivered` from `return_requested`): the shopper is shown it",
    }),
    condition: z
      .enum(RETURN_CONDITIONS)
      .optional()
      .openapi({
        description:
          "Required to receive an accepted return's goods back (`to: return_received` from `refunded`): `sellable` puts every line's units " +
          "back on sale at the warehouse it shipped from, `damaged` records them and keeps them off sale. Ignored for other moves",
      }),
    from: z
      .enum(ORDER_STATUSES)
      .optional()
      .openapi({
        description:
          "The status the order was seen in when the move was chosen. When the order is no longer in it, the move is refused " +
          "with 409 naming `current_status`, and nothing changes (no money moves). Omitted, the move is made from whatever status the order is in, if legal",
      }),
    shipment: ShipmentInput.optional().openapi({
      description:
        "Only with `to: shipped`: the courier and tracking number, recorded with the move (a malformed number is 400 naming " +
        "`shipment.tracking_number`, and the order does not move). Optional: `PUT /api/admin/orders/{id}/shipment` adds it later",
    }),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.shipment && b.to !== "shipped") {
      ctx.addIssue({ code: "custom", message: "A shipment is given only when shipping (`to: shipped`).", path: ["shipment"] });
    }
  })
  .openapi("OrderTransitionRequest");

/** One page of the shopper's own orders. */
export const MyOrderPage = z
  .object({
    items: z.array(MyOrderSummarySchema),
    next_cursor: z.string().nullable().openapi({ description: "The next page of the same filtered list; null on the last" }),
    years: z.array(z.number().int()).openapi({
      description: "The years (in India) from the shopper's first order to this one, newest first: the choices for `year`",
      example: [2026, 2025],
    }),
  })
  .openapi("MyOrderPage");

/** A page of the ops lists. */
export const OpsOrderPage = z.object({ items: z.array(OpsOrderSummarySchema), next_cursor: z.string().nullable() }).openapi("OpsOrderPage");

const limit = (max: number, fallback: number) =>
  queryInt(z.number().int().min(1).max(max).default(fallback)).openapi({ description: `Orders per page, at most ${max}` });

const groupWords = ORDER_GROUPS.map((g) => `\`${g}\` (${ORDER_GROUP_WORDS[g]})`).join(", ");

/** Query of GET /api/orders: the shopper's orders, newest first, a page at a time, narrowed by group and year. */
export const MyOrdersQuery = z
  .object({
    status: z
      .enum(ORDER_GROUPS)
      .optional()
      .openapi({
        description: `Only the orders in one group: ${groupWords}. A cancelled order whose payment was refunded counts as cancelled`,
        example: "delivered",
      }),
    year: queryInt(z.number().int().min(FIRST_ORDER_YEAR).max(2999))
      // As a year before the store's first is refused, so is one still to come: neither holds orders.
      .refine((y) => y <= yearInIndia(new Date().toISOString()), { message: "Is after this year: no orders are placed yet" })
      .optional()
      .openapi({ description: "Only the orders placed in this calendar year, as counted in India (IST)", example: 2026 }),
    limit: limit(100, 50),
    cursor: OrderCursorField.optional().openapi({
      description: "The `next_cursor` of the previous page, sent with the same `status` and `year`",
    }),
  })
  .strict()
  .superRefine(cursorFrom((q) => myOrdersScope(q)));

/** Why a line of an order could not go back into the cart. */
const BuyAgainSkip = z
  .object({
    listing_id: z.string(),
    title: z.string().openapi({ description: "The line's title as it was sold" }),
    why: z.enum(BUY_AGAIN_SKIPS).openapi({
      description:
        "`not_sold`: the seller no longer sells it (withdrawn or gone); `sold_out`: none left now; `product_gone`: the product is no longer in the catalog; `cart_full`: the cart already holds its most lines",
    }),
  })
  .openapi("BuyAgainSkip");

/** A line of an order as it went back into the cart. */
const BuyAgainAdded = z
  .object({
    listing_id: z.string(),
    title: z.string().openapi({ description: "The product's title today" }),
    qty: z.number().int().openapi({ description: "Units of it the cart holds now" }),
    ordered_qty: z.number().int().openapi({ description: "Units of it the order bought" }),
    price: z.number().int().openapi({ description: "paise: today's unit price, the one the cart shows and checkout charges" }),
    price_then: z.number().int().openapi({ description: "paise: the unit price the order paid" }),
    capped: z.enum(BUY_AGAIN_CAPS).nullable().openapi({
      description:
        "Why fewer units than ordered went in: `cart_limit`, the most one cart line holds; `stock`, the most one order can buy now. Null when the whole quantity did",
    }),
    deal_price_ended: z.boolean().openapi({
      description: "The order bought it at a flash deal's price that no longer applies: it is in the cart at today's price",
    }),
  })
  .openapi("BuyAgainAdded");

/** What POST /api/orders/{id}/buy-again did with each line of the order. */
export const BuyAgainResult = z
  .object({
    order_id: z.string(),
    ordered_at: z.string().openapi({ description: "When the order was placed" }),
    added: z.array(BuyAgainAdded),
    skipped: z.array(BuyAgainSkip),
  })
  .openapi("BuyAgainResult");

/**
 * The `q` of GET /api/admin/orders: what a caller told ops, decoded during validation to the lookup it
 * asks for, so a `q` that is nothing ops can search by is a 400 naming `q` like any other bad field.
 */
const LookupField = z
  .string()
  .max(254, { message: `search by ${LOOKUP_WORDS}`, abort: true })
  .transform((typed, ctx) => {
    const lookup = parseLookup(typed);
    if (lookup) return lookup;
    ctx.addIssue({ code: "custom", message: `search by ${LOOKUP_WORDS}`, continue: false });
    return z.NEVER;
  })
  .openapi({
    type: "string",
    maxLength: 254,
    description:
      "Find orders by what a caller says instead of listing a status: an order id (exact; surrounding spaces and its case do not matter), " +
      "a shopper's email address (exact, any case: all that shopper's orders) or a phone number as the delivery address gave it " +
      "(+91 98765 43210, 098765-43210 and 9876543210 are one number). Every status, newest first; `status` and `sort` do not apply. " +
      "Anything else is a 400 naming `q`; nothing found is an empty page.",
    example: "shopper@example.com",
  });

/** Query of GET /api/admin/orders: one status, the late orders, or the orders a lookup finds, a page at a time. */
export const OpsListQuery = z
  .object({
    q: LookupField.optional(),
    due: z
      .enum(["late"])
      .optional()
      .openapi({
        description:
          "`late`: the orders on their way (payment authorized, confirmed, packed or shipped) whose `delivery_by` is before today in India, " +
          "oldest placed first; `status` and `sort` do not apply. A page may hold fewer than `limit` orders, even none, and still a " +
          "`next_cursor` when many orders near their due day were looked through first. Not with `q`.",
      }),
    status: z.enum(ORDER_STATUSES).default("confirmed"),
    sort: z
      .enum(ORDER_SORTS)
      .default("newest")
      .openapi({ description: "`oldest` works a queue in the order it filled; `newest` looks back at recent orders" }),
    limit: limit(200, 50),
    cursor: OrderCursorField.optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.due !== undefined && q.q !== undefined) ctx.addIssue({ code: "custom", path: ["due"], message: "cannot be combined with q" });
  })
  .superRefine(cursorFrom((q) => (q.q ? lookupScope(q.q) : q.due ? LATE_SCOPE : opsListScope(q.status, q.sort))));

/** Query of GET /api/seller/orders: orders holding the seller's listings, newest first, one of them, or those due. */
export const SellerOrdersQuery = z
  .object({
    order: OrderId.optional().openapi({
      description:
        "Only this order, as a message about it links to it: your lines of it, or an empty page when it holds none of your listings (or does not exist)",
      example: "ord_3f9c2a7d1e0b4c6a8f2d1e0b4c",
    }),
    due: z.enum(SELLER_DUE).optional().openapi({
      description:
        "Only the orders still to hand over (confirmed or packed) that are `late` (their `hand_over_by` is before today in India) or due `today`, oldest first. Not with `order`.",
    }),
    product_id: CatalogId.optional().openapi({
      description:
        "Only the orders holding your listing of this product, newest first, each with all your lines as in the full list: the orders your console shows beside that listing. Not with `order` or `due`.",
    }),
    limit: limit(100, 50),
    cursor: OrderCursorField.optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.order !== undefined && q.due !== undefined)
      ctx.addIssue({ code: "custom", path: ["due"], message: "cannot be combined with order" });
    if (q.product_id !== undefined && (q.order !== undefined || q.due !== undefined))
      ctx.addIssue({ code: "custom", path: ["product_id"], message: `cannot be combined with ${q.order !== undefined ? "order" : "due"}` });
  })
  .superRefine(cursorFrom((q) => sellerOrdersScope(q)));

/** An order as ops see it: the shopper's view plus whose it is, without the shopper's payment link. */
export const OpsOrderSchema = z
  .object({
    ...OrderSchema.shape,
    user_id: z.string(),
    timeline: z.array(
      TimelineEntry.extend({
        actor_name: z.string().nullable().openapi({
          description: "The name of the account behind `actor` (`ops:<user id>`, `shopper:<user id>`); null for the system's own steps",
          example: "Asha Rao",
        }),
      }),
    ),
    payment: OrderSchema.shape.payment.unwrap().omit({ redirect_url: true }).nullable(),
    shipment_trail: z
      .array(
        z.object({
          carrier: z.enum(CARRIER_IDS),
          carrier_name: z.string(),
          tracking_number: z.string(),
          actor: z.string().openapi({ description: "Who set it (`ops:<user id>`)" }),
          actor_name: z.string().nullable().openapi({
            description: "The name of the account behind `actor`; null when it names no account, or one no longer there",
            example: "Asha Rao",
          }),
          at: z.string(),
        }),
      )
      .openapi({ description: "Every setting of the shipment, oldest first: the last is `shipment`, the others what it corrected" }),
    messages: z
      .array(
        OpsMessageSchema.extend({
          resent_by_name: z.string().nullable().openapi({
            description: "The name of the account behind `resent_by`; null when the mail was never sent again, or the account is gone",
            example: "Asha Rao",
          }),
        }),
      )
      .openapi({
        description: "What the store told the shopper about the order, newest first, one per channel, with each mail's delivery",
      }),
  })
  .openapi("OpsOrder");

/** One order as a seller sees it: only their lines, and where it ships to at city level. */
export const SellerOrderSchema = z
  .object({
    id: z.string(),
    status: z.enum(ORDER_STATUSES).openapi({
      description:
        "Where your part of the order stands: the order's status, except `delivered` when a return took back only other sellers' goods and yours were kept",
    }),
    created_at: z.string(),
    updated_at: z.string(),
    items: z.array(Line).openapi({ description: "Only this seller's lines of the order" }),
    subtotal: z.number().int().openapi({ description: "paise: this seller's lines only" }),
    currency: z.literal("INR"),
    ship_to: z.object({ city: z.string(), state: z.string(), pincode: z.string() }),
    invoice: z.object({ id: z.string(), number: z.string() }).nullable().openapi({
      description: "Your own tax invoice for your lines, issued when the order shipped (GET /api/seller/invoices/{id}); null before",
    }),
    credit_note: z
      .object({
        id: z.string(),
        number: z.string(),
        amount: z.number().int().openapi({
          description:
            "paise credited, GST included: `subtotal` when it cancels the invoice, less when a part return credits some of your lines",
        }),
      })
      .nullable()
      .openapi({
        description:
          "Your own credit note cancelling that invoice, or crediting the part that came back, issued when the shipped order was refunded (GET /api/seller/credit-notes/{id}); null before",
      }),
    hand_over_by: z.string().nullable().openapi({
      format: "date",
      description:
        "The day (IST, YYYY-MM-DD) you must hand the order to the courier by, as the new-order message said: the dispatch day of when it was placed, never before that of when it was confirmed, never a Sunday or a courier holiday. Null unless the order is confirmed or packed",
      example: "2026-12-03",
    }),
    late: z.boolean().openapi({ description: "True when today (IST) is after `hand_over_by`; false when that is null" }),
  })
  .openapi("SellerOrder");

/** One page of a seller's orders. */
export const SellerOrdersPage = z
  .object({ items: z.array(SellerOrderSchema), next_cursor: z.string().nullable() })
  .openapi("SellerOrdersPage");

const dueCount = (which: string) =>
  z
    .number()
    .int()
    .min(0)
    .openapi({ description: `Your orders ${which}, counted up to \`capped_at\` (see \`capped\`)` });

/** How many of a seller's orders are late and due today (GET /api/seller/orders/due). */
export const SellerDueCountsSchema = z
  .object({
    late: dueCount("past their hand-over day, as `?due=late` lists them"),
    today: dueCount("to hand over today, as `?due=today` lists them"),
    capped_at: z.number().int().openapi({ description: "The most a count counts to", example: 100 }),
    capped: z
      .array(z.enum(SELLER_DUE))
      .openapi({ description: "The counts that reached `capped_at`: that list holds more orders than the count says" }),
  })
  .openapi("SellerDueCounts");

/** Cancellations whose stock or money is not back yet (GET /api/admin/cancellations/unsettled). */
export const UnsettledCancellationsSchema = z
  .object({
    items: z.array(
      z.object({
        order_id: z.string(),
        status: z.enum(ORDER_STATUSES),
        total: z.number().int().openapi({ description: "paise" }),
        cancelled_at: z.string(),
        attempts: z.number().int().openapi({ description: "How often the minute cron tried to settle it and could not" }),
        next_try_at: z.string().nullable().openapi({ description: "When the cron tries again; null: at its next run" }),
        payment_status: z.string().nullable(),
      }),
    ),
  })
  .openapi("UnsettledCancellations");

/** One of the shopper's delivery addresses, as GET /api/me/addresses lists it and POST /api/me/addresses answers it. */
// Its own object, not an extension: the strict Address would forbid `last_used_at` in the document.
export const SavedAddressSchema = z
  .object({
    id: z.string().regex(ADDRESS_ID).openapi({
      description:
        "Opaque and stable: a keyed digest (HMAC with a server secret) of the shopper and the address's fields as they are compared for distinctness, so it is the same on every read whatever the address's place in the list, differs between accounts, and cannot be checked against a guessed address. Nothing is stored under it until the shopper adds the address in their account (POST /api/me/addresses) or removes it (DELETE /api/me/addresses/{address_id}).",
      example: "3f9c2a7d1e0b4c6a",
    }),
    ...Address.shape,
    line2: z.string().openapi({ description: "Empty when the address has none" }),
    last_used_at: z.string().openapi({
      format: "date-time",
      description: "When the latest order to this address was placed, or it was last added in the account",
    }),
  })
  .openapi("SavedAddress");

/** Which of the shopper's addresses GET /api/me/addresses lists. */
export const SavedAddressesQuery = z
  .object({
    scope: z
      .enum(ADDRESS_SCOPES)
      .default("recent")
      .openapi({
        description:
          `\`recent\` (the default): the ${MAX_SAVED_ADDRESSES} most recently used, as checkout offers them. ` +
          `\`all\`: those, then every other address the shopper added in their account (at most ${MAX_ADDED_ADDRESSES}), newest first: every address DELETE /api/me/addresses/{address_id} can remove, as the account page lists them.`,
        example: "all",
      }),
  })
  .strict();

/** The shopper's delivery addresses from their own orders and their account (GET /api/me/addresses). */
export const SavedAddressesSchema = z
  .object({
    items: z
      .array(SavedAddressSchema)
      .max(MAX_LISTED_ADDRESSES)
      .openapi({
        description: `Distinct addresses (compared ignoring case and spacing), most recently used first: at most ${MAX_SAVED_ADDRESSES} with \`scope=recent\`, at most ${MAX_LISTED_ADDRESSES} with \`scope=all\``,
      }),
  })
  .openapi("SavedAddresses");

/** One of the shopper's saved addresses, by the `id` GET /api/me/addresses gives it. */
export const AddressParam = z.object({
  address_id: z
    .string()
    .regex(ADDRESS_ID, "An address id is 16 lowercase hexadecimal digits, as GET /api/me/addresses lists it")
    .openapi({ param: { name: "address_id", in: "path" }, example: "3f9c2a7d1e0b4c6a" }),
});
