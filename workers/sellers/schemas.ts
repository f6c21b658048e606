import { z } from "@hono/zod-openapi";
import { tooFarBelowMrp, tooFarBelowMrpMessage } from "./price-sanity";
import { queryInt } from "../platform/query-number";
import { CatalogId } from "../catalog/schemas";
import { idempotencyKeyHeader, optionalIdempotencyKeyHeader } from "../platform/idempotency-key";

export const Paise = z.int().min(100, "At least ₹1 (100 paise)").max(1_000_000_000, "At most ₹1,00,00,000");

/** Path parameters naming one of the seller's listings. */
export const ListingParams = z.object({ id: CatalogId.openapi({ param: { name: "id", in: "path" }, example: "lst_0000007_0" }) });

/** An invoice id in the path. */
export const InvoiceParams = z.object({
  id: z
    .string()
    .regex(/^inv_[A-Za-z0-9_-]{1,64}$/)
    .openapi({ param: { name: "id", in: "path" }, example: "inv_3f9c2a7d1e0b4c6a8f2d1e0b" }),
});

/** A credit note id in the path. */
export const CreditNoteParams = z.object({
  id: z
    .string()
    .regex(/^cn_[A-Za-z0-9_-]{1,64}$/)
    .openapi({ param: { name: "id", in: "path" }, example: "cn_3f9c2a7d1e0b4c6a8f2d1e0b" }),
});

/** The most products one listings query may name: a page of search results, with room to spare. */
const MAX_PRODUCT_FILTER = 50;

/** Query of GET /api/seller/listings: keyset pagination by listing id, optionally only some products' listings. */
export const ListingsQuery = z
  .object({
    limit: queryInt(z.number().int().min(1, "Ask for 1 to 100 listings").max(100, "Ask for 1 to 100 listings").default(50)),
    cursor: CatalogId.optional().openapi({ description: "next_cursor from the previous page" }),
    // A query string carries one value as a string and a repeated one as an array.
    product_id: z
      .union([CatalogId, z.array(CatalogId).max(MAX_PRODUCT_FILTER)])
      .transform((v) => (Array.isArray(v) ? v : [v]))
      .optional()
      .openapi({
        type: "array",
        items: { type: "string", minLength: 1, maxLength: 64, pattern: "^[A-Za-z0-9_-]+$" },
        maxItems: MAX_PRODUCT_FILTER,
        description: "Only your listings of these products; repeat for several. Tells which search results you already sell.",
      }),
    stock: z.enum(["low"], { error: 'Only "low" is accepted: your listings at or under their low-stock line' }).optional().openapi({
      description:
        "`low`: only listings you were told ran low or sold out and that have not been restocked above their `low_stock_at` since (up to a few seconds behind a sale)",
    }),
  })
  .strict();

/**
 * Optional header of POST /api/seller/listings. Without it a repeated create is refused as a 409
 * (one listing per product and seller), which a client cannot tell from an earlier listing.
 */
export const CreateListingHeaders = z.object({
  "idempotency-key": optionalIdempotencyKeyHeader(
    "A retry with the same key and body creates nothing more and answers 201 with the listing as it now stands; the same key with another body is a 422. Kept for 24 hours.",
  ),
});

// The most units one count may set or one receipt may add: far above any warehouse's real stock,
// low enough that a typo of a few extra digits is refused rather than put on sale.
export const MAX_UNITS = 1_000_000;

/** Units on sale in one warehouse, as a stock count sets them. */
export const AvailableUnits = z.int().min(0, "Cannot be negative").max(MAX_UNITS, "At most 10,00,000 units in one warehouse");

/** Body of POST /api/seller/listings. */
export const CreateListingBody = z
  .object({
    product_id: CatalogId,
    price: Paise,
    mrp: Paise,
    active: z.boolean().default(true),
    stock: z
      .object({ warehouse_id: CatalogId, available: AvailableUnits })
      .strict()
      .optional()
      .openapi({
        description:
          "The opening stock in one warehouse, set with the listing: both are made, or, when the warehouse is unknown or no longer open, neither (400 on `stock.warehouse_id`). Booked as a seller stock count. Leave it out to list with no stock and count it later.",
        example: { warehouse_id: "wh_bhiwandi", available: 25 },
      }),
  })
  .strict()
  .refine((b) => b.price <= b.mrp, { path: ["price"], message: "Price cannot be above the MRP" })
  .superRefine((b, ctx) => {
    if (tooFarBelowMrp(b.price, b.mrp))
      ctx.addIssue({ code: "custom", path: ["price"], message: tooFarBelowMrpMessage("price", b.price, b.mrp) });
  })
  .openapi("CreateListing");

/** The most a low-stock line may be: as many units as one count may set. */
export const MAX_LOW_STOCK_AT = MAX_UNITS;

/** The units for sale, over every warehouse, at or under which the seller is told a listing runs low; 0 turns alerts off. */
export const LowStockAt = z
  .int("Enter a whole number of units")
  .min(0, "Cannot be negative (0 turns low-stock alerts off)")
  .max(MAX_LOW_STOCK_AT, `At most ${MAX_LOW_STOCK_AT.toLocaleString("en-IN")} units`)
  .openapi({
    description:
      "Tell me when units for sale, over every warehouse, fall to this many or fewer (and when they sell out); 0 turns the alerts off. New listings start at 10.",
    example: 10,
  });

/** Body of PATCH /api/seller/listings/{id}: any of price, mrp, active, low_stock_at. */
export const UpdateListingBody = z
  .object({ price: Paise.optional(), mrp: Paise.optional(), active: z.boolean().optional(), low_stock_at: LowStockAt.optional() })
  .strict()
  .refine((b) => b.price !== undefined || b.mrp !== undefined || b.active !== undefined || b.low_stock_at !== undefined, {
    message: "Give at least one of price, mrp, active, low_stock_at",
  })
  .openapi("UpdateListing");

/** Body of PUT /api/seller/listings/{id}/stock. */
export const SetStockBody = z
  .object({
    warehouse_id: CatalogId,
    available: AvailableUnits,
  })
  .strict()
  .openapi("SetStock");

/** Body of POST /api/seller/listings/{id}/stock/receipts: units that arrived at one warehouse. */
export const ReceiveStockBody = z
  .object({
    warehouse_id: CatalogId,
    units: z
      .int()
      .min(1, "Receive at least one unit")
      .max(MAX_UNITS, "At most 10,00,000 units in one receipt")
      .openapi({ description: "Units added to `available`, whatever reserves, sales or counts moved it since it was read" }),
  })
  .strict()
  .openapi("ReceiveStock");

/**
 * Headers of POST /api/seller/listings/{id}/stock/receipts. The key is required: a receipt adds,
 * so a retry that was not recognised as one would add the units twice.
 */
export const ReceiveStockHeaders = z.object({
  "idempotency-key": idempotencyKeyHeader(
    "Required. A retry with the same key adds nothing more and answers with the listing as it now stands; the same key with another body is a 422.",
  ),
});

/**
 * Optional headers of PUT /api/seller/listings/{id}/stock. All are optional so clients written
 * before them keep working; without If-Match or If-None-Match the count is applied whatever moved
 * since. If-Match guards a warehouse the listing already has stock in; a warehouse it has none in
 * yet has no version to match, so its first count is guarded by `If-None-Match: *` instead.
 */
export const SetStockHeaders = z
  .object({
    "if-match": z
      .string()
      .regex(/^"\d{1,15}"$/, 'Send the warehouse\'s stock version in quotes, e.g. "7"')
      .transform((v) => Number(v.slice(1, -1)))
      .optional()
      .openapi({
        description:
          "The `version` of this warehouse's stock as last read, quoted. The count is applied only if no reserve, sale or other count has moved that stock since; otherwise 412 and nothing changes.",
        example: '"7"',
      }),
    "if-none-match": z
      .literal("*", 'Only "*" is accepted: set stock only if this warehouse has none of the listing yet')
      .optional()
      .openapi({
        description:
          "`*` makes this the warehouse's first count for the listing: it applies only if the listing has no stock row in that warehouse yet; otherwise 412 and nothing changes. Not combined with If-Match.",
        example: "*",
      }),
    "idempotency-key": optionalIdempotencyKeyHeader(
      "A retry with the same key is applied once and answers with the listing as it now stands.",
    ),
  })
  .refine((h) => h["if-match"] === undefined || h["if-none-match"] === undefined, {
    path: ["if-none-match"],
    message: "Send If-Match for a warehouse with stock, or If-None-Match: * for a new one, not both",
  });

/**
 * Whether the listing is the offer shoppers see first on its product page (the buy box): the best
 * active offer with stock, by lowest price, then the better-rated seller, then listing id.
 */
export const SellerBuyBoxSchema = z
  .object({
    status: z.enum(["yours", "other_seller", "inactive", "out_of_stock"]).openapi({
      description:
        "`yours`: your offer is shown first. `other_seller`: another seller's offer is shown first; `price` says at what price. `inactive`: the listing is not on sale, so it is never shown, whatever its price. `out_of_stock`: it has no units for sale, so it is not shown first while another seller has some (nor bought while nobody has).",
    }),
    price: z.int().optional().openapi({
      description:
        "Paise: the price of the offer shown first, when it is another seller's and has stock. Price below it to be shown first; at the same price the better-rated seller is.",
      example: 4199900,
    }),
    note: z.string().openapi({
      description: "The status in a sentence for the seller, with what to do about it",
      example:
        "Another seller's offer at ₹41,999 is shown first. Price below ₹41,999 to be shown first (at the same price, the better-rated seller is).",
    }),
  })
  .openapi("SellerBuyBox");

/** A seller's view of one listing: the seller sees their own exact stock. */
export const SellerListingSchema = z
  .object({
    id: z.string(),
    product_id: z.string(),
    product_title: z.string(),
    price: z.int(),
    mrp: z.int(),
    currency: z.literal("INR"),
    active: z.boolean(),
    low_stock_at: z.int().openapi({ description: "Units for sale at or under which you are told the listing runs low; 0: no alerts" }),
    low_stock: z.boolean().openapi({
      description: "Units for sale, over every warehouse, are at or under `low_stock_at` (never with alerts off)",
    }),
    stock: z.array(
      z.object({
        warehouse_id: z.string(),
        warehouse_name: z.string(),
        available: z.int().openapi({ description: "Units on sale now: not held in a checkout, not set aside for a deal, not sold" }),
        reserved: z.int().openapi({ description: "Units held in shoppers' checkouts" }),
        allocated: z.int().openapi({
          description:
            "Units set aside for flash deals: still on the shelf but sold only through the deal. A stock count sets `available` and leaves these out.",
        }),
        sold: z.int().openapi({ description: "Units sold from this warehouse, deal sales included" }),
        version: z.int().openapi({
          description:
            "Moves on every change to this warehouse's stock (reserve, sale, release, count, receipt). Send it quoted as If-Match when setting stock, so a count taken before a sale cannot undo it.",
        }),
      }),
    ),
    buy_box: SellerBuyBoxSchema.openapi({
      description: "Whether shoppers see this offer first on the product page, as of the listing's figures here",
    }),
    updated_at: z.string().openapi({ format: "date-time" }),
  })
  .openapi("SellerListing");

/** One page of the seller's listings. */
export const SellerListingsPage = z
  .object({ items: z.array(SellerListingSchema), next_cursor: z.string().nullable() })
  .openapi("SellerListingsPage");

/** The warehouses a seller may stock: the marketplace's fulfilment network, shared by every seller. */
export const SellerWarehouses = z
  .object({ items: z.array(z.object({ id: z.string(), name: z.string(), city: z.string() })) })
  .openapi("SellerWarehouses");

export type CreateListingInput = z.infer<typeof CreateListingBody>;
export type CreateListingOptions = z.infer<typeof CreateListingHeaders>;
export type UpdateListingInput = z.infer<typeof UpdateListingBody>;
export type SetStockInput = z.infer<typeof SetStockBody>;
export type SetStockOptions = z.infer<typeof SetStockHeaders>;
export type ReceiveStockInput = z.infer<typeof ReceiveStockBody>;
export type SellerListing = z.infer<typeof SellerListingSchema>;
export type SellerBuyBox = z.infer<typeof SellerBuyBoxSchema>;
export type SellerWarehouse = z.infer<typeof SellerWarehouses>["items"][number];
