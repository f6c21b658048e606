import { z } from "@hono/zod-openapi";
import { AppError } from "../platform/errors";
import { createRouter, route } from "../platform/router";
import { CatalogId } from "../catalog/schemas";
import { auditSku } from "./audit";
import { DEAL_UNITS_MAX_SKUS, dealUnitsOf } from "./deal-units";

/** Inventory audit for ops, and the units a deal can carve for those who create deals. */
export const inventoryRoutes = createRouter();

const BalancesSchema = z.object({
  initial: z.number().int(),
  received: z.number().int().openapi({
    description:
      "Units received since the initial stock, net of stock counts: a count that found fewer units than the books held is a negative receipt",
  }),
  available: z.number().int(),
  allocated: z.number().int(),
  reserved: z.number().int(),
  sold: z.number().int().openapi({ description: "Every unit sold, the ones shoppers returned since included" }),
  returned: z.number().int().openapi({
    description: "Sold units shoppers sent back that went on sale again: no longer sold on net, and no new stock received",
  }),
  damaged: z.number().int().openapi({
    description:
      "Sold units shoppers sent back damaged, kept off sale: still counted in `sold` on net, so no term of the identity; rows and journal must agree on it",
  }),
});

const AuditSchema = BalancesSchema.extend({
  sku_id: z.string(),
  conserved: z.boolean().openapi({
    description: "initial + received = available + allocated + reserved + sold - returned, from rows and journal alike",
  }),
  journal: BalancesSchema.openapi({ description: "The same counters rebuilt from the journal's deltas" }),
  journal_agrees: z.boolean(),
  journal_entries: z.number().int(),
  warehouses: z.array(BalancesSchema.extend({ warehouse_id: z.string(), conserved: z.boolean() })),
}).openapi("InventoryAudit");

inventoryRoutes.openapi(
  route({
    method: "get",
    path: "/admin/inventory/{sku_id}/audit",
    access: ["ops"],
    rateClass: "admin",
    tags: ["inventory"],
    summary: "The ledger's conservation check for one SKU",
    request: { params: z.object({ sku_id: z.string().min(1).max(64) }) },
    responses: {
      200: { description: "The audit", content: { "application/json": { schema: AuditSchema } } },
      404: { description: "No inventory for this SKU" },
    },
  }),
  async (c) => {
    const { sku_id } = c.req.valid("param");
    const audit = await auditSku(c.env.DB, sku_id);
    if (!audit) throw new AppError("not_found", `No inventory for SKU ${sku_id}.`);
    c.header("cache-control", "no-store");
    return c.json(
      {
        sku_id: audit.skuId,
        initial: audit.initial,
        received: audit.received,
        available: audit.available,
        allocated: audit.allocated,
        reserved: audit.reserved,
        sold: audit.sold,
        returned: audit.returned,
        damaged: audit.damaged,
        conserved: audit.conserved,
        journal: audit.journal,
        journal_agrees: audit.journalAgrees,
        journal_entries: audit.journalEntries,
        warehouses: audit.warehouses.map(({ warehouseId, ...w }) => ({ warehouse_id: warehouseId, ...w })),
      },
      200,
    );
  },
);

const DealUnitsQuery = z
  .object({
    // A query string carries one value as a string and a repeated one as an array.
    listing_id: z
      .union([CatalogId, z.array(CatalogId).min(1).max(DEAL_UNITS_MAX_SKUS)])
      .transform((v) => (Array.isArray(v) ? v : [v]))
      .openapi({
        type: "array",
        items: { type: "string", minLength: 1, maxLength: 64, pattern: "^[A-Za-z0-9_-]+$" },
        maxItems: DEAL_UNITS_MAX_SKUS,
        description: "The listings (SKUs) to read; repeat for several",
      }),
  })
  .strict();

const DealUnitsSchema = z
  .object({
    items: z.array(
      z.object({
        listing_id: z.string(),
        deal_units: z.int().openapi({
          description:
            "The most units one new deal can carve now: the largest available count in one warehouse, as a deal takes all its units from one",
        }),
        available: z.int().openapi({ description: "Available units summed over every warehouse" }),
        warehouses: z.int().openapi({ description: "Warehouses holding any available units" }),
        active: z.boolean().openapi({
          description:
            "Whether the listing exists and is on sale, as a deal needs; an unknown listing has zeros like one without stock, and false here",
        }),
      }),
    ),
  })
  .openapi("DealUnits");

inventoryRoutes.openapi(
  route({
    method: "get",
    path: "/admin/inventory/deal-units",
    // Exact counts: shoppers only ever see the availability band.
    access: ["deal_manager", "ops"],
    rateClass: "admin",
    tags: ["inventory"],
    summary: "How many units a new flash deal can carve out of each listing's stock now",
    request: { query: DealUnitsQuery },
    responses: {
      200: {
        description: "One item per listing asked for, in that order; a listing without stock, or unknown, has zeros",
        content: { "application/json": { schema: DealUnitsSchema } },
      },
    },
  }),
  async (c) => {
    const units = await dealUnitsOf(c.env.DB, c.req.valid("query").listing_id);
    c.header("cache-control", "no-store");
    return c.json(
      {
        items: units.map((u) => ({
          listing_id: u.skuId,
          deal_units: u.dealUnits,
          available: u.available,
          warehouses: u.warehouses,
          active: u.active,
        })),
      },
      200,
    );
  },
);
