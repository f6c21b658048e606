import { z } from "@hono/zod-openapi";
import { CatalogId } from "../catalog/schemas";

/** Most products one shopper may keep saved. */
export const WISHLIST_LIMIT = 200;

/** A product id in the path. */
export const WishlistProductParam = z.object({
  product_id: CatalogId.openapi({ param: { name: "product_id", in: "path" }, example: "prd_0000001" }),
});

const SavedDeal = z
  .object({
    id: z.string(),
    listing_id: z.string(),
    deal_price: z.int().openapi({ description: "What the deal sells at, paise" }),
    status: z.enum(["live", "paused", "upcoming"]).openapi({
      description: "`paused`: the deal manager paused it within its window; it still prices the listing, and its waiting room keeps places",
    }),
    starts_at: z.string().openapi({ format: "date-time" }),
    ends_at: z.string().openapi({ format: "date-time" }),
  })
  .openapi("WishlistDeal", { description: "The product's flash deal that is live now, or else the next one to open" });

/** One saved product with what it costs and how it can be bought now. */
export const WishlistItemSchema = z
  .object({
    product_id: z.string(),
    title: z.string(),
    brand: z.string(),
    image: z.string().nullable().openapi({ description: "The product's picture (a path on this site), or null" }),
    listing_id: z
      .string()
      .nullable()
      .openapi({ description: "The buy box's listing, what Add to cart buys; null when no seller offers it" }),
    price: z
      .int()
      .nullable()
      .openapi({ description: "The buy box's price now, paise (a live deal's on that listing), or null with no offer" }),
    mrp: z.int().nullable(),
    price_when_saved: z.int().nullable().openapi({ description: "The buy box's price when the product was saved, paise" }),
    price_dropped: z.boolean().openapi({ description: "Whether the price now is lower than when saved" }),
    currency: z.literal("INR"),
    availability: z.enum(["in_stock", "few_left", "sold_out"]).openapi({ description: "Never the exact count" }),
    deal: SavedDeal.nullable(),
    saved_at: z.string().openapi({ format: "date-time" }),
  })
  .openapi("WishlistItem");

/** GET /api/wishlist. */
export const WishlistSchema = z
  .object({
    items: z.array(WishlistItemSchema).openapi({ description: "Newest first" }),
    limit: z.int().openapi({ description: "Most products the wishlist holds", example: WISHLIST_LIMIT }),
  })
  .openapi("Wishlist");

/** GET /api/wishlist/{product_id}: what a product page asks to draw its Save button. */
export const WishlistEntrySchema = z.object({ product_id: z.string(), saved: z.boolean() }).openapi("WishlistEntry");
