import { z } from "@hono/zod-openapi";
import { AppError } from "../platform/errors";
import { createRouter, route } from "../platform/router";
import { auditSku } from "./audit";

/** Inventory audit for ops. */
export const inventoryRoutes = createRouter();

const BalancesSchema = z.object({
  initial: z.number().int(),
  received: z.number().int(),
  available: z.number().int(),
  allocated: z.number().int(),
  reserved: z.number().int(),
  sold: z.number().int(),
});

const AuditSchema = BalancesSchema.extend({
  sku_id: z.string(),
  conserved: z
    .boolean()
    .openapi({ description: "initial + received = available + allocated + reserved + sold, from rows and journal alike" }),
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
