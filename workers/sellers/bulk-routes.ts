import { problem } from "../catalog/schemas";
import { AppError } from "../platform/errors";
import { relaySoon } from "../platform/outbox";
import { createRouter, route } from "../platform/router";
import { json, SELLER, sellerErrors, sellerIdOf } from "./access";
import { BulkCsvBody, BulkHeaders, BulkJsonBody, BulkResult, MAX_BULK_ROWS } from "./bulk-schemas";
import { bulkTemplate } from "./bulk-template";
import { type BulkSource, bulkUpdateListings } from "./bulk-update";

/** Many of a seller's listings changed at once, from a CSV file or JSON rows. */
export const sellerBulkRoutes = createRouter();

// Referenced rather than given as a zod schema, so the router does not validate the JSON body
// itself: the rows are checked by the same code as a CSV's, numbered from 1, every bad row at once.
sellerBulkRoutes.openAPIRegistry.register("BulkListingUpdate", BulkJsonBody);

/** The body of a bulk update, by its declared type; anything but CSV or JSON is a 415. */
async function bulkSource(request: Request): Promise<BulkSource> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "text/csv") return { csv: await request.text() };
  if (type === "application/json") {
    try {
      return { json: await request.json() };
    } catch {
      throw new AppError("bad_request", "The body is not valid JSON.");
    }
  }
  throw new AppError("unsupported_media_type", 'Send the rows as text/csv or as application/json ({ "rows": [...] }).');
}

sellerBulkRoutes.openapi(
  route({
    method: "post",
    path: "/seller/listings/bulk",
    access: SELLER,
    tags: ["sellers"],
    summary: `Change the price, MRP, status and stock of up to ${MAX_BULK_ROWS} of your listings at once, from a CSV file or JSON rows`,
    description:
      "Every row is checked before anything is written: one bad row (unknown listing or another seller's, unknown warehouse, a malformed or negative number, a price above the MRP, a listing and warehouse named twice, two rows giving one listing different prices) refuses the whole file with a 400 listing each error as `rows.{n}.{field}` (the first 100; `more_errors` counts the rest), and nothing is written. A valid file is applied in one transaction; each row's write is conditional, as a single edit's is, and a row whose listing or stock changed since it was checked is reported as `conflict` while the rest apply. Each product touched is announced once, so its page is rebuilt once. A stock count sets the units for sale in that warehouse, as `PUT /api/seller/listings/{id}/stock` does.",
    request: {
      headers: BulkHeaders,
      body: {
        content: {
          "text/csv": { schema: BulkCsvBody },
          "application/json": { schema: { $ref: "#/components/schemas/BulkListingUpdate" } },
        },
        required: true,
      },
    },
    responses: {
      200: {
        ...json(BulkResult, "What became of each row: updated, unchanged or conflict (with the reason), and the counts"),
        headers: {
          "Idempotent-Replayed": { description: "`true` on a retry answered from the first request", schema: { type: "string" } },
        },
      },
      ...sellerErrors,
      400: problem("Rows with errors, each named `rows.{n}.{field}`, or a CSV header missing a column: nothing was changed"),
      409: problem("A request with this Idempotency-Key is still running"),
      413: problem(`More than ${MAX_BULK_ROWS} rows (or a body over 512 KiB): nothing was changed`),
      415: problem("Neither text/csv nor application/json"),
      422: problem("The Idempotency-Key was used for other rows"),
    },
  }),
  async (c) => {
    const key = c.req.valid("header")["idempotency-key"];
    const { result, replayed } = await bulkUpdateListings(c.env.DB, sellerIdOf(c), await bulkSource(c.req.raw), key);
    if (replayed) c.header("idempotent-replayed", "true");
    else relaySoon(c.env, c.executionCtx);
    return c.json(result, 200);
  },
);

sellerBulkRoutes.openapi(
  route({
    method: "get",
    path: "/seller/listings/bulk/template",
    access: SELLER,
    tags: ["sellers"],
    summary: "Your listings as a bulk update CSV with their current values, to edit and upload",
    description:
      "One row per warehouse a listing has stock in (a listing without stock has one row with the stock columns empty), with the product's title in a last column that an upload ignores. Uploaded unedited, it changes nothing.",
    responses: {
      200: { description: "The CSV", content: { "text/csv": { schema: BulkCsvBody } } },
      ...sellerErrors,
    },
  }),
  async (c) => {
    const csv = await bulkTemplate(c.env.DB, sellerIdOf(c));
    return c.body(csv, 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="listings.csv"',
      // One seller's exact stock: never kept by a browser or anything between.
      "cache-control": "private, no-store",
    });
  },
);
