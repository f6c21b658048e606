import type { CatalogChange } from "../catalog/changes";
import { stockCountCatalogStatements } from "../catalog/stock-moves";

/**
 * The two ways a seller's stock enters one (SKU, warehouse): a count sets `available` to what is
 * on the shelf for sale, a receipt adds the units that just arrived. Both book the difference as
 * `received`, so initial + received = available + allocated + reserved + sold still holds, and
 * both create the warehouse's row if the SKU had no stock there. They differ only in how far
 * `available` moves, so they share one set of statements.
 */

/** One stock count or receipt, as the shared statements take it. */
export interface StockLevelChange {
  skuId: string;
  warehouseId: string;
  /** The journal kind: (ref, kind) is unique, so a replay of either is a no-op. */
  kind: "adjust" | "receive";
  /** The count (`adjust`) or the units received (`receive`). */
  units: number;
  ref: string;
  reason: string;
  /** A count's If-Match: the row's version when it was read (see `SetAvailableInput`). */
  expectedVersion?: number | undefined;
  /** A count's If-None-Match: *: apply only while the SKU has no row in the warehouse. */
  expectAbsent?: boolean | undefined;
}

// How far `available` moves, over the journal's LEFT JOIN (`i`, absent for a new row) and over the
// upsert's conflict row; ?5 is the change's `units`. A count moves it to ?5, a receipt by ?5.
const MOVED: Record<StockLevelChange["kind"], { journal: string; row: string }> = {
  adjust: { journal: "?5 - COALESCE(i.available, 0)", row: "excluded.available - available" },
  receive: { journal: "?5", row: "excluded.available" },
};

const CATALOG_REASON: Record<StockLevelChange["kind"], Extract<CatalogChange["reason"], "stock_set" | "stock_received">> = {
  adjust: "stock_set",
  receive: "stock_received",
};

/**
 * A count's or receipt's statements, for the caller's own D1 batch. The journal insert comes
 * first and decides: it changes one row exactly when the change applies (its ref unused, and for a
 * guarded count the version or absence still as read), and it computes its deltas from the row as
 * it was. The upsert and the catalog's statements (summary refresh, outbox row, as for a count:
 * see `stockCountCatalogStatements`) are chained on it, so a refused or replayed change writes
 * nothing and no applied one goes unannounced to the product page and search. With `announce`
 * false the catalog's statements are left out, for a batch that writes its own after this one
 * (a listing created with its opening stock), so the consumer rebuilds the page once, not twice.
 */
export function stockLevelStatements(
  db: D1Database,
  change: StockLevelChange,
  now: string,
  { announce = true }: { announce?: boolean } = {},
): D1PreparedStatement[] {
  const moved = MOVED[change.kind];
  return [
    db
      .prepare(
        `INSERT INTO inventory_journal
           (sku_id, warehouse_id, kind, reason, ref, d_available, d_received, available_after, reserved_after, allocated_after, sold_after,
            version_after, created_at)
         SELECT ?1, ?2, ?9, ?3, ?4, ${moved.journal}, ${moved.journal}, COALESCE(i.available, 0) + ${moved.journal},
                COALESCE(i.reserved, 0), COALESCE(i.allocated, 0), COALESCE(i.sold, 0), COALESCE(i.version + 1, 1), ?6
         FROM (SELECT 1) LEFT JOIN inventory i ON i.sku_id = ?1 AND i.warehouse_id = ?2
         WHERE NOT EXISTS (SELECT 1 FROM inventory_journal WHERE ref = ?4 AND kind = ?9)
           AND (?7 IS NULL OR i.version = ?7)
           AND (?8 = 0 OR i.sku_id IS NULL)`,
      )
      .bind(
        change.skuId,
        change.warehouseId,
        change.reason,
        change.ref,
        change.units,
        now,
        change.expectedVersion ?? null,
        change.expectAbsent ? 1 : 0,
        change.kind,
      ),
    // SQLite evaluates every SET expression against the row as it was, so `received` and
    // `available` both move by the same difference.
    db
      .prepare(
        `INSERT INTO inventory (sku_id, warehouse_id, available, received, updated_at) SELECT ?1, ?2, ?3, ?3, ?4 WHERE changes() = 1
         ON CONFLICT (sku_id, warehouse_id) DO UPDATE SET
           received = received + (${moved.row}), available = available + (${moved.row}),
           version = version + 1, updated_at = excluded.updated_at
         WHERE ?5 IS NULL OR version = ?5`,
      )
      .bind(change.skuId, change.warehouseId, change.units, now, change.expectedVersion ?? null),
    ...(announce ? stockCountCatalogStatements(db, change.skuId, now, CATALOG_REASON[change.kind]) : []),
  ];
}

/** Units received into one warehouse; `ref` makes a retried receipt a no-op. */
export interface StockReceipt {
  skuId: string;
  warehouseId: string;
  units: number;
  ref: string;
  reason?: string;
}

/**
 * Adds received units to one warehouse's `available`, whatever reserves, sales or counts moved
 * it meanwhile: unlike a count it needs no version, because "200 more arrived" is right against
 * any balance. Reserved, allocated and sold are left as they are. The first statement's change
 * count says whether the receipt applied (0: its ref was already used).
 */
export function receiveStockStatements(db: D1Database, receipt: StockReceipt, now: string): D1PreparedStatement[] {
  return stockLevelStatements(
    db,
    {
      skuId: receipt.skuId,
      warehouseId: receipt.warehouseId,
      kind: "receive",
      units: receipt.units,
      ref: receipt.ref,
      reason: receipt.reason ?? "stock receipt",
    },
    now,
  );
}
