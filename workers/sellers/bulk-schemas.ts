import { z } from "@hono/zod-openapi";
import { CatalogId } from "../catalog/schemas";
import { AvailableUnits, Paise } from "./schemas";
import { idempotencyKeyHeader } from "../platform/idempotency-key";

/** The most rows one bulk update may carry; more is a 413 naming how many came. */
export const MAX_BULK_ROWS = 1000;

/** The columns a bulk update's CSV must name in its header row, in the template's order. */
export const BULK_COLUMNS = ["listing_id", "price", "mrp", "active", "warehouse_id", "available"] as const;

/**
 * The optional column the template writes after `available`: the warehouse's stock version as
 * downloaded, so a file edited offline cannot count back units sold (or take away units received)
 * since. Files without it count whatever moved, as before.
 */
export const STOCK_VERSION_COLUMN = "stock_version";

/**
 * One row of a bulk update, as JSON carries it (a CSV row is read into the same shape first, its
 * rupees turned to paise). Every field but `listing_id` may be left out, meaning "unchanged";
 * `warehouse_id` and `available` come together, a stock count for that warehouse.
 */
export const BulkRow = z
  .object({
    listing_id: CatalogId,
    price: Paise.optional().openapi({ description: "Paise" }),
    mrp: Paise.optional().openapi({ description: "Paise" }),
    active: z.boolean().optional(),
    warehouse_id: CatalogId.optional(),
    available: AvailableUnits.optional().openapi({ description: "The units for sale in `warehouse_id`, as a stock count sets them" }),
    stock_version: z
      .int("A whole number: the stock_version the template gave")
      .min(0, "A whole number: the stock_version the template gave")
      .optional()
      .openapi({
        description:
          "The `version` of this warehouse's stock as read (the template writes it): the count applies only if that stock has not moved since, otherwise the row is a `conflict`, unless `available` is still what the stock had at that version (the row left as downloaded), which counts nothing. Left out, the count applies whatever moved.",
      }),
  })
  .strict()
  .refine((r) => r.available === undefined || r.warehouse_id !== undefined, {
    path: ["warehouse_id"],
    message: "Name the warehouse the stock is in",
  })
  .refine((r) => r.warehouse_id === undefined || r.available !== undefined, {
    path: ["available"],
    message: "Give the units for sale in this warehouse, or leave the warehouse empty",
  })
  .openapi("BulkListingRow");

/** The JSON body of POST /api/seller/listings/bulk. */
export const BulkJsonBody = z
  .object({ rows: z.array(BulkRow).min(1).max(MAX_BULK_ROWS) })
  .strict()
  .openapi("BulkListingUpdate", {
    description: "Rows are numbered from 1 in errors and outcomes: `rows[0]` is row 1.",
  });

/** The CSV body of POST /api/seller/listings/bulk, documented as text; it is read and checked row by row. */
export const BulkCsvBody = z
  .string()
  .max(512 * 1024)
  .openapi({
    description: `A header row naming ${BULK_COLUMNS.join(", ")} (in any order; other columns are ignored), optionally ${STOCK_VERSION_COLUMN} as the template writes it, then one row per change. Prices in rupees with up to two decimals ("1299", "1,299.50" quoted); \`active\` is true or false; an empty cell leaves that field as it is. Row 1 is the first row after the header.`,
    example: "listing_id,price,mrp,active,warehouse_id,available\nlst_0000007_0,1299.00,1499.00,true,wh_bhiwandi,40\n",
  });

/** Headers of POST /api/seller/listings/bulk: the key is required, as a replayed count would undo the sales since. */
export const BulkHeaders = z.object({
  "idempotency-key": idempotencyKeyHeader(
    "Required. A retry with the same key and rows applies nothing again and answers what the first request answered (`Idempotent-Replayed: true`); the same key with other rows is 422. Kept 24 hours, per seller.",
  ),
});

/** What became of one row of an applied bulk update. */
export const BulkRowOutcome = z
  .object({
    row: z.int().openapi({ description: "The row's number: 1 for the first row after the CSV's header, or `rows[0]`" }),
    listing_id: z.string(),
    warehouse_id: z.string().nullable(),
    outcome: z.enum(["updated", "unchanged", "conflict"]),
    reason: z.string().nullable().openapi({ description: "Why a `conflict` row was not applied" }),
  })
  .openapi("BulkRowOutcome");

/** The answer of an applied bulk update. */
export const BulkResult = z
  .object({
    rows: z.array(BulkRowOutcome),
    counts: z.object({ updated: z.int(), unchanged: z.int(), conflict: z.int() }),
    products_changed: z
      .int()
      .openapi({ description: "Products whose pages are rebuilt: one catalog change each, however many rows named them" }),
  })
  .openapi("BulkResult");

export type BulkRowInput = z.infer<typeof BulkRow>;
export type BulkRowResult = z.infer<typeof BulkRowOutcome>;
export type BulkUpdateResult = z.infer<typeof BulkResult>;
