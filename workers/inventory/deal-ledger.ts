import { stockMoveCatalogStatements } from "../catalog/stock-moves";

/**
 * The ledger's side of flash deals: units move available → allocated when a deal is carved out,
 * allocated → sold as the deal's SkuGate sells them, and allocated → available when the deal
 * returns what it did not sell. Like the rest of the ledger each move is one conditional UPDATE
 * whose journal row is guarded by `changes() = 1`, and each is idempotent under its (ref, kind):
 * the UPDATE only matches while no journal row with that ref and kind exists. A move that changes
 * what shoppers see of the listing ends with the catalog's statements, chained the same way.
 */

/** One stock move between the ledger's counters for a deal. */
export interface DealMove {
  skuId: string;
  warehouseId: string;
  qty: number;
  /** Idempotency reference; a second move with the same ref and kind changes nothing. */
  ref: string;
  reason: string;
}

type Kind = "deal_allocate" | "deal_return" | "deal_sale" | "deal_restock" | "deal_note";

const COUNTERS: Record<Exclude<Kind, "deal_note">, { set: string; guard: string; d: [number, number, number] }> = {
  // d = [available, allocated, sold] per unit
  deal_allocate: { set: "available = available - ?1, allocated = allocated + ?1", guard: "available >= ?1", d: [-1, 1, 0] },
  deal_return: { set: "available = available + ?1, allocated = allocated - ?1", guard: "allocated >= ?1", d: [1, -1, 0] },
  deal_sale: { set: "allocated = allocated - ?1, sold = sold + ?1", guard: "allocated >= ?1", d: [0, -1, 1] },
  deal_restock: { set: "available = available + ?1, sold = sold - ?1", guard: "sold >= ?1", d: [1, 0, -1] },
};

function moveStatements(
  db: D1Database,
  kind: Exclude<Kind, "deal_note">,
  m: DealMove,
  now: string,
  chained = false,
): D1PreparedStatement[] {
  const c = COUNTERS[kind];
  const [da, dal, ds] = c.d;
  return [
    db
      .prepare(
        `UPDATE inventory SET ${c.set}, version = version + 1, updated_at = ?2
         WHERE sku_id = ?3 AND warehouse_id = ?4 AND ${c.guard}
           AND NOT EXISTS (SELECT 1 FROM inventory_journal WHERE ref = ?5 AND kind = ?6)${chained ? " AND changes() = 1" : ""}`,
      )
      .bind(m.qty, now, m.skuId, m.warehouseId, m.ref, kind),
    db
      .prepare(
        `INSERT INTO inventory_journal
           (sku_id, warehouse_id, kind, reason, ref, d_available, d_allocated, d_sold,
            available_after, reserved_after, allocated_after, sold_after, created_at)
         SELECT sku_id, warehouse_id, ?1, ?2, ?3, ?4, ?5, ?6, available, reserved, allocated, sold, ?7
         FROM inventory WHERE sku_id = ?8 AND warehouse_id = ?9 AND changes() = 1`,
      )
      .bind(kind, m.reason, m.ref, da * m.qty, dal * m.qty, ds * m.qty, now, m.skuId, m.warehouseId),
    ...stockMoveCatalogStatements(db, { skuId: m.skuId, dAvailable: da * m.qty }, now),
  ];
}

/**
 * Statements carving `qty` units out of available stock into a deal's allocation. The first
 * statement's `meta.changes` is 1 when the units moved, 0 when there was not enough stock (or
 * the ref was already applied). The second is the journal row; any after it are the catalog's,
 * chained on the journal row. With `afterRecord`, put them right after the statement that
 * records the deal: the units move only if that statement changed a row, so a deal its own
 * guards refused takes none.
 */
export function allocateToDealStatements(
  db: D1Database,
  m: DealMove,
  now: string,
  opts: { afterRecord?: boolean } = {},
): D1PreparedStatement[] {
  return moveStatements(db, "deal_allocate", m, now, opts.afterRecord);
}

/** Statements giving a deal's unsold units back to available stock. */
export function returnFromDealStatements(db: D1Database, m: DealMove, now: string): D1PreparedStatement[] {
  return moveStatements(db, "deal_return", m, now);
}

/** Statements booking deal units sold by the SkuGate (allocated → sold). */
export function dealSaleStatements(db: D1Database, m: DealMove, now: string): D1PreparedStatement[] {
  return moveStatements(db, "deal_sale", m, now);
}

/** Statements putting a sold deal unit back on the shelf (the order was cancelled before shipping). */
export function dealRestockStatements(db: D1Database, m: DealMove, now: string): D1PreparedStatement[] {
  return moveStatements(db, "deal_restock", m, now);
}

/**
 * A journal row that moves no counter: the SkuGate's holds and releases, recorded so the D1
 * journal tells a deal's whole story. Idempotent under (ref, kind) through the UNIQUE index.
 */
export function dealNoteStatement(db: D1Database, m: DealMove, now: string): D1PreparedStatement {
  return dealNotesStatement(db, m, [m], now);
}

/**
 * `dealNoteStatement` for many notes at once: one statement, the notes bound as one JSON array,
 * so a deal's hold traffic costs D1 a statement per run of notes rather than one per hold. Every
 * note still gets its own row, with the balances it was written at and its own (ref, kind).
 */
export function dealNotesStatement(
  db: D1Database,
  at: { skuId: string; warehouseId: string },
  notes: Array<Pick<DealMove, "ref" | "reason">>,
  now: string,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO inventory_journal
         (sku_id, warehouse_id, kind, reason, ref, available_after, reserved_after, allocated_after, sold_after, created_at)
       SELECT i.sku_id, i.warehouse_id, 'deal_note', json_extract(n.value, '$.reason'), json_extract(n.value, '$.ref'),
              i.available, i.reserved, i.allocated, i.sold, ?2
       FROM json_each(?1) n JOIN inventory i ON i.sku_id = ?3 AND i.warehouse_id = ?4
       WHERE true ORDER BY n.key
       ON CONFLICT (ref, kind) DO NOTHING`,
    )
    .bind(JSON.stringify(notes.map((n) => ({ ref: n.ref, reason: n.reason }))), now, at.skuId, at.warehouseId);
}

/** Puts a sold deal unit back on the shelf; true when it moved, false for a replay. */
export async function restockDealUnit(db: D1Database, m: DealMove, now: string): Promise<boolean> {
  const [update] = await db.batch(dealRestockStatements(db, m, now));
  return update?.meta.changes === 1;
}
