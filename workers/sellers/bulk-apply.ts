import { refreshProductsSummary } from "../catalog/summary";
import { nowIso } from "../platform/time";
import { inboxOnSwitchStatements } from "../questions/inbox";
import type { BulkPlan } from "./bulk-check";
import type { BulkRowResult, BulkUpdateResult } from "./bulk-schemas";

/**
 * Applying a checked bulk update: the whole file is ONE D1 batch (one transaction) of a fixed
 * handful of statements, whatever its size, each reading the file's rows from one JSON parameter.
 * A batch of statements per row would pass D1's per-invocation query limit long before 1,000 rows,
 * and chunks would announce a product once per chunk. Each row's write is conditional as the
 * single-listing paths are: a listing only if it is as it was checked (`updated_at`) and its price
 * stays within its MRP; a stock count only if the warehouse's stock is at the version the file
 * gave or, without one, the version checked (or still absent), journaled through the ledger's own columns. A row that loses is a `conflict`; the
 * rest apply. Then each product touched is recomputed and announced once, only if one of its rows
 * applied.
 */

/** The journal's reason for a count made by a bulk update. */
export const BULK_COUNT_REASON = "seller bulk stock count";

const LISTINGS = `SELECT json_extract(value, '$.id') AS lid, json_extract(value, '$.price') AS price, json_extract(value, '$.mrp') AS mrp,
  json_extract(value, '$.active') AS active, json_extract(value, '$.seen') AS seen FROM json_each(?1)`;

const COUNTS = `SELECT json_extract(value, '$.sku') AS sku, json_extract(value, '$.wh') AS wh, json_extract(value, '$.units') AS units,
  json_extract(value, '$.version') AS version, json_extract(value, '$.ref') AS ref FROM json_each(?1)`;

// A product changed in this batch: one of the seller's listings of it was updated now, or counted
// now under one of the file's refs. ?2 is the batch's time, ?3 the seller, ?4 the refs.
const TOUCHED = `EXISTS (SELECT 1 FROM listings l WHERE l.product_id = products.id AND l.seller_id = ?3
  AND (l.updated_at = ?2 OR EXISTS (SELECT 1 FROM inventory_journal ij
    WHERE ij.ref IN (SELECT value FROM json_each(?4)) AND ij.kind = 'adjust' AND ij.sku_id = l.id AND ij.created_at = ?2)))`;

const LISTING_CONFLICT =
  "The listing changed after the file was checked (another edit landed first), so its price, MRP and status were left as they are. Read it again and send this row again if it still applies.";
const STOCK_CONFLICT =
  "The stock in this warehouse moved since its figures were read (units were reserved, sold, received, set aside for a deal or counted), so this count was not applied. Download your listings again and send this row again if it still applies.";

/**
 * The products whose listings the plan switches on and off, for the seller's inbox of questions.
 * Unlike a single edit, a row here is written only if its listing is as the plan read it (`seen`),
 * so a switch read from the plan is what the batch writes, and a row sending a listing on it already
 * was (a file sent back with every status as it stands) reads no questions.
 */
function switchedProducts(plan: BulkPlan): { on: string[]; off: string[] } {
  const turning = (to: "on" | "off") => plan.listings.filter((l) => l.turns === to).map((l) => l.productId);
  return { on: turning("on"), off: turning("off") };
}

/** Writes a checked plan in one batch and says what became of each row. */
export async function applyBulkPlan(d1: D1Database, sellerId: string, plan: BulkPlan): Promise<BulkUpdateResult> {
  const now = nowIso();
  const refs = JSON.stringify(plan.stock.map((s) => s.ref));
  const results = await d1.batch([
    d1
      .prepare(
        `UPDATE listings SET price = COALESCE(j.price, listings.price), mrp = COALESCE(j.mrp, listings.mrp),
           active = COALESCE(j.active, listings.active), updated_at = ?2
         FROM (${LISTINGS}) AS j
         WHERE listings.id = j.lid AND listings.seller_id = ?3 AND listings.updated_at = j.seen
           AND COALESCE(j.price, listings.price) <= COALESCE(j.mrp, listings.mrp)
         RETURNING id`,
      )
      .bind(JSON.stringify(plan.listings), now, sellerId),
    // The journal row decides, as in a single count: it is written only where the count applies,
    // with its deltas from the row as it was, and the upsert below moves exactly those rows.
    d1
      .prepare(
        `INSERT INTO inventory_journal
           (sku_id, warehouse_id, kind, reason, ref, d_available, d_received, available_after, reserved_after, allocated_after, sold_after,
            version_after, created_at)
         SELECT j.sku, j.wh, 'adjust', ?4, j.ref, j.units - COALESCE(i.available, 0), j.units - COALESCE(i.available, 0), j.units,
                COALESCE(i.reserved, 0), COALESCE(i.allocated, 0), COALESCE(i.sold, 0), COALESCE(i.version + 1, 1), ?2
         FROM (${COUNTS}) AS j LEFT JOIN inventory i ON i.sku_id = j.sku AND i.warehouse_id = j.wh
         WHERE NOT EXISTS (SELECT 1 FROM inventory_journal x WHERE x.ref = j.ref AND x.kind = 'adjust')
           AND CASE WHEN j.version IS NULL THEN i.sku_id IS NULL ELSE i.version = j.version END
           AND EXISTS (SELECT 1 FROM listings l WHERE l.id = j.sku AND l.seller_id = ?3)
           AND EXISTS (SELECT 1 FROM warehouses w WHERE w.id = j.wh)
         RETURNING sku_id, warehouse_id`,
      )
      .bind(JSON.stringify(plan.stock), now, sellerId, BULK_COUNT_REASON),
    d1
      .prepare(
        `INSERT INTO inventory (sku_id, warehouse_id, available, received, updated_at)
         SELECT ij.sku_id, ij.warehouse_id, ij.available_after, ij.available_after, ?2 FROM inventory_journal ij
         WHERE ij.ref IN (SELECT value FROM json_each(?1)) AND ij.kind = 'adjust' AND ij.created_at = ?2
         ON CONFLICT (sku_id, warehouse_id) DO UPDATE SET
           received = received + (excluded.available - available), available = excluded.available,
           version = version + 1, updated_at = excluded.updated_at`,
      )
      .bind(refs, now),
    ...refreshProductsSummary(d1, plan.productIds, now, TOUCHED, sellerId, refs),
    // Guarded by each listing's status once written, so a row that lost to another edit switches nothing.
    ...inboxOnSwitchStatements(d1, sellerId, switchedProducts(plan), now),
    d1
      .prepare(
        `INSERT INTO outbox (topic, payload, created_at)
         SELECT 'catalog', json_object('type', 'product.changed', 'product_id', id, 'reason', 'listings_bulk_updated', 'at', ?2), ?2
         FROM products WHERE id IN (SELECT value FROM json_each(?1)) AND ${TOUCHED}
         RETURNING id`,
      )
      .bind(JSON.stringify(plan.productIds), now, sellerId, refs),
  ]);
  const updatedListings = new Set((results[0]!.results as { id: string }[]).map((r) => r.id));
  const counted = new Set(
    (results[1]!.results as { sku_id: string; warehouse_id: string }[]).map((r) => `${r.sku_id}\u0000${r.warehouse_id}`),
  );
  const plannedListings = new Set(plan.listings.map((l) => l.id));
  const plannedCounts = new Set(plan.stock.map((s) => `${s.sku}\u0000${s.wh}`));

  const rows: BulkRowResult[] = plan.rows.map(({ row, input }) => {
    const reasons: string[] = [];
    let updated = false;
    const setsListing = input.price !== undefined || input.mrp !== undefined || input.active !== undefined;
    if (setsListing && plannedListings.has(input.listing_id)) {
      if (updatedListings.has(input.listing_id)) updated = true;
      else reasons.push(LISTING_CONFLICT);
    }
    const pair = `${input.listing_id}\u0000${input.warehouse_id}`;
    if (input.warehouse_id !== undefined && plannedCounts.has(pair)) {
      if (counted.has(pair)) updated = true;
      else reasons.push(STOCK_CONFLICT);
    }
    const outcome = reasons.length ? "conflict" : updated ? "updated" : "unchanged";
    return { row, listing_id: input.listing_id, warehouse_id: input.warehouse_id ?? null, outcome, reason: reasons.join(" ") || null };
  });
  const count = (o: BulkRowResult["outcome"]) => rows.filter((r) => r.outcome === o).length;
  return {
    rows,
    counts: { updated: count("updated"), unchanged: count("unchanged"), conflict: count("conflict") },
    products_changed: results.at(-1)!.results.length,
  };
}
