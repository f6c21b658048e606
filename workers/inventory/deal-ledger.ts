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
            available_after, reserved_after, allocated_after, sold_after, version_after, created_at)
         SELECT sku_id, warehouse_id, ?1, ?2, ?3, ?4, ?5, ?6, available, reserved, allocated, sold, version, ?7
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
  const [insert] = dealRunStatements(db, m, [{ ref: m.ref, reason: m.reason, qty: m.qty, sale: false }], now);
  return insert as D1PreparedStatement;
}

/** One entry of a run of a deal's journal: a sale (allocated → sold) or a note that moves nothing. */
export interface DealRunEntry {
  ref: string;
  reason: string;
  qty: number;
  sale: boolean;
}

/** A run's entries as one JSON array bound to one parameter: [ref, reason, qty, sale]. */
const RUN_ENTRY = {
  ref: "json_extract(e.value, '$[0]')",
  reason: "json_extract(e.value, '$[1]')",
  qty: "json_extract(e.value, '$[2]')",
  sale: "json_extract(e.value, '$[3]') = 1",
};
/** A sale of the run not yet in the journal. */
const NEW_SALE = `${RUN_ENTRY.sale} AND NOT EXISTS (SELECT 1 FROM inventory_journal j WHERE j.ref = ${RUN_ENTRY.ref} AND j.kind = 'deal_sale')`;

/**
 * Statements booking a run of a deal's journal (sales and notes, in order) at once: one UPDATE
 * moving every sale of the run not booked before, then one INSERT writing each entry's own row,
 * with its own (ref, kind) and the balances just after it (the final balances plus the sales that
 * come after it in the run), exactly the rows a statement pair per sale would write. A deal
 * sells a thousand units a second, and a statement pair per sale made each batch the gate ships a
 * thousand statements that D1 runs back to back. The UPDATE's guard is the whole run's: when the
 * allocation does not cover every new sale of the run it changes no row (`meta.changes` 0), the
 * INSERT after it writes nothing either, and the caller books that run entry by entry
 * (`dealSaleStatements`, `dealNoteStatement`), each sale under its own guard. A run whose sales
 * were all booked before still changes the row (its time kept), so 0 means the guard and nothing
 * else. Only the INSERT when the run has no sale.
 */
export function dealRunStatements(
  db: D1Database,
  at: { skuId: string; warehouseId: string },
  entries: DealRunEntry[],
  now: string,
): D1PreparedStatement[] {
  // The UPDATE counts the run's new sales before the INSERT writes their rows, so a ref listed
  // twice would move its units twice for one row: only its first listing is booked, as a
  // statement per entry would have done.
  const refs = new Set<string>();
  const once = entries.filter((e) => {
    if (refs.has(e.ref)) return false;
    refs.add(e.ref);
    return true;
  });
  const run = JSON.stringify(once.map((e) => [e.ref, e.reason, e.qty, e.sale ? 1 : 0]));
  const sells = once.some((e) => e.sale);
  const moved = sells ? `CASE WHEN ${NEW_SALE} THEN ${RUN_ENTRY.qty} ELSE 0 END` : "0";
  // The UPDATE bumps the version once per new sale (`n.moves`), so an entry's version is the
  // final one less the new sales after it.
  const moves = sells ? `CASE WHEN ${NEW_SALE} THEN 1 ELSE 0 END` : "0";
  const insert = db
    .prepare(
      `INSERT INTO inventory_journal
         (sku_id, warehouse_id, kind, reason, ref, d_allocated, d_sold,
          available_after, reserved_after, allocated_after, sold_after, version_after, created_at)
       SELECT i.sku_id, i.warehouse_id, r.kind, r.reason, r.ref, -r.moved, r.moved,
              i.available, i.reserved, i.allocated + r.later, i.sold - r.later, i.version - r.later_moves, ?2
       FROM (
         SELECT m.*, COALESCE(SUM(m.moved) OVER (ORDER BY m.key ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING), 0) AS later,
                COALESCE(SUM(m.moves) OVER (ORDER BY m.key ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING), 0) AS later_moves
         FROM (
           SELECT e.key, ${RUN_ENTRY.ref} AS ref, ${RUN_ENTRY.reason} AS reason,
                  CASE WHEN ${RUN_ENTRY.sale} THEN 'deal_sale' ELSE 'deal_note' END AS kind, ${moved} AS moved, ${moves} AS moves
           FROM json_each(?1) e
         ) m
       ) r JOIN inventory i ON i.sku_id = ?3 AND i.warehouse_id = ?4
       WHERE ${sells ? "changes() = 1 AND" : ""} (r.kind = 'deal_note' OR r.moved > 0)
       ORDER BY r.key
       ON CONFLICT (ref, kind) DO NOTHING`,
    )
    .bind(run, now, at.skuId, at.warehouseId);
  if (!sells) return [insert];
  const update = db
    .prepare(
      `UPDATE inventory SET allocated = allocated - n.total, sold = sold + n.total, version = version + n.moves,
              updated_at = CASE WHEN n.moves > 0 THEN ?2 ELSE updated_at END
       FROM (SELECT COALESCE(SUM(${RUN_ENTRY.qty}), 0) AS total, COUNT(*) AS moves FROM json_each(?1) e WHERE ${NEW_SALE}) AS n
       WHERE inventory.sku_id = ?3 AND inventory.warehouse_id = ?4 AND inventory.allocated >= n.total`,
    )
    .bind(run, now, at.skuId, at.warehouseId);
  return [update, insert];
}

/** Puts a sold deal unit back on the shelf; true when it moved, false for a replay. */
export async function restockDealUnit(db: D1Database, m: DealMove, now: string): Promise<boolean> {
  const [update] = await db.batch(dealRestockStatements(db, m, now));
  return update?.meta.changes === 1;
}
