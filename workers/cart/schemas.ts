import { z } from "@hono/zod-openapi";

/** A listing id in the path. */
export const ListingParam = z.object({
  listing_id: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/)
    .openapi({ param: { name: "listing_id", in: "path" } }),
});

/** Body of PUT /api/cart/items/{listing_id}. */
export const SetQtyBody = z
  .object({ qty: z.number().int().min(0).max(10) })
  .strict()
  .openapi("CartQty");

const Availability = z.enum(["in_stock", "few_left", "sold_out", "unavailable"]);

/** The cart as GET /api/cart returns it. */
export const CartSchema = z
  .object({
    items: z.array(
      z.object({
        listing_id: z.string(),
        product_id: z.string().nullable(),
        title: z.string().nullable(),
        seller_name: z.string().nullable().openapi({ description: "Who sells the line: one product may be in the cart from two sellers" }),
        image: z.string().nullable().openapi({ description: "The product's picture (a path on this site), or null" }),
        qty: z.number().int(),
        price: z.number().int().nullable().openapi({ description: "Current unit price, paise" }),
        price_when_added: z.number().int().openapi({ description: "Unit price the shopper last saw, paise" }),
        mrp: z.number().int().nullable(),
        line_total: z
          .number()
          .int()
          .openapi({ description: "Current unit price times qty, paise, whether or not all of it can be bought now" }),
        counted_qty: z.number().int().openapi({
          description:
            "Units of the line counted in `totals`: qty when all of it can be bought now, `max_qty` when fewer can, 0 when sold out or no longer on sale",
        }),
        availability: Availability,
        max_qty: z.number().int().nullable().openapi({
          description:
            "Most units one order can buy now, when fewer than qty (stock split across warehouses counts per warehouse; a deal's limit per shopper)",
        }),
        deal_id: z.string().nullable(),
        deal_limit: z
          .object({
            per_shopper: z.number().int().openapi({ description: "Most units of the deal one shopper may buy" }),
            ordered: z.number().int().openapi({ description: "Units of it already in the shopper's orders that were not cancelled" }),
          })
          .nullable()
          .openapi({ description: "The line's deal's limit per shopper and what the shopper's orders hold of it; null without a deal" }),
        changes: z.array(z.enum(["price_up", "price_down", "sold_out", "unavailable", "qty_exceeds_stock", "qty_exceeds_limit"])).openapi({
          description:
            "What changed since the line was added: `qty_exceeds_stock`, more than one order can buy now (`max_qty`); `qty_exceeds_limit`, more than the line's deal lets the shopper buy (`max_qty` is its limit less what their orders hold of it)",
        }),
      }),
    ),
    totals: z
      .object({
        subtotal: z.number().int(),
        mrp: z.number().int(),
        savings: z.number().int(),
        total: z.number().int().openapi({ description: "What the cart would cost now: each line's price times its `counted_qty`, paise" }),
        items: z.number().int().openapi({ description: "Units counted in the total (the lines' `counted_qty`)" }),
        not_included: z
          .object({
            items: z.number().int().openapi({ description: "Units in the cart the totals leave out" }),
            sold_out: z.number().int().openapi({ description: "Of them, on sold-out lines" }),
            unavailable: z.number().int().openapi({ description: "Of them, on lines no longer on sale" }),
            qty_exceeds_stock: z.number().int().openapi({ description: "Of them, beyond what one order can buy now" }),
            qty_exceeds_limit: z.number().int().openapi({ description: "Of them, beyond what the line's deal lets the shopper buy" }),
          })
          .openapi({ description: "What the totals leave out, by why; checkout refuses the cart until the lines are changed" }),
        currency: z.literal("INR"),
      })
      .openapi({ description: "Only what can be bought now is counted; `not_included` says what is left out" }),
    changed: z.boolean(),
    saved: z
      .array(
        z.object({
          listing_id: z.string(),
          product_id: z.string().nullable(),
          title: z.string().nullable(),
          seller_name: z.string().nullable().openapi({ description: "Who sells it" }),
          image: z.string().nullable().openapi({ description: "The product's picture (a path on this site), or null" }),
          qty: z.number().int().openapi({ description: "The quantity the line had; Move to cart brings it back" }),
          price: z.number().int().nullable().openapi({ description: "Current unit price, paise" }),
          mrp: z.number().int().nullable(),
          availability: Availability,
          deal_id: z.string().nullable(),
          saved_at: z.string().openapi({ description: "When it was saved (RFC 3339)" }),
        }),
      )
      .openapi({
        description: "Items saved for later, newest first: priced like the lines, counted in no total, never checked out (at most 50)",
      }),
  })
  .openapi("Cart");
