import { z } from "@hono/zod-openapi";
import { CatalogId } from "../catalog/schemas";

const Paise = z.int().min(100, "At least ₹1 (100 paise)").max(1_000_000_000, "At most ₹1,00,00,000");

/** Path parameters naming one of the seller's listings. */
export const ListingParams = z.object({ id: CatalogId.openapi({ param: { name: "id", in: "path" }, example: "lst_0000007_0" }) });

/** Query of GET /api/seller/listings: keyset pagination by listing id. */
export const ListingsQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: CatalogId.optional().openapi({ description: "next_cursor from the previous page" }),
  })
  .strict();

/** Body of POST /api/seller/listings. */
export const CreateListingBody = z
  .object({
    product_id: CatalogId,
    price: Paise,
    mrp: Paise,
    active: z.boolean().default(true),
  })
  .strict()
  .refine((b) => b.price <= b.mrp, { path: ["price"], message: "Price cannot be above the MRP" })
  .openapi("CreateListing");

/** Body of PATCH /api/seller/listings/{id}: any of price, mrp, active. */
export const UpdateListingBody = z
  .object({ price: Paise.optional(), mrp: Paise.optional(), active: z.boolean().optional() })
  .strict()
  .refine((b) => b.price !== undefined || b.mrp !== undefined || b.active !== undefined, {
    message: "Give at least one of price, mrp, active",
  })
  .openapi("UpdateListing");

/** Body of PUT /api/seller/listings/{id}/stock. */
export const SetStockBody = z
  .object({
    warehouse_id: CatalogId,
    available: z.int().min(0, "Cannot be negative").max(1_000_000),
  })
  .strict()
  .openapi("SetStock");

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
    stock: z.array(z.object({ warehouse_id: z.string(), available: z.int(), reserved: z.int() })),
    updated_at: z.string().openapi({ format: "date-time" }),
  })
  .openapi("SellerListing");

/** One page of the seller's listings. */
export const SellerListingsPage = z
  .object({ items: z.array(SellerListingSchema), next_cursor: z.string().nullable() })
  .openapi("SellerListingsPage");

export type CreateListingInput = z.infer<typeof CreateListingBody>;
export type UpdateListingInput = z.infer<typeof UpdateListingBody>;
export type SetStockInput = z.infer<typeof SetStockBody>;
export type SellerListing = z.infer<typeof SellerListingSchema>;
