/**
 * The ledger's conservation check for one SKU, computed twice: once from the inventory rows'
 * counters and once by summing the journal's deltas. Both must satisfy
 * initial + received = available + allocated + reserved + sold - returned, and they must agree with
 * each other; a counter moved without a journal row (or the reverse) shows up as a disagreement.
 * `sold` counts every unit sold and `returned` the sold units shoppers sent back that went on sale
 * again (see `returnedLineStatements`): no longer sold on net, and no new stock received either.
 * `damaged` counts the sold units that came back unsellable: still sold on net, so no term of the
 * identity, but rows and journal must agree on it like on any counter.
 */

/** The counters the audit compares. */
export interface Balances {
  initial: number;
  received: number;
  available: number;
  allocated: number;
  reserved: number;
  sold: number;
  returned: number;
  /** Of `sold`, the units that came back damaged and were kept off sale: no term of the identity, still sold on net. */
  damaged: number;
}

/** The audit of one SKU, summed over its warehouses. */
export interface InventoryAudit extends Balances {
  skuId: string;
  conserved: boolean;
  /** The same counters rebuilt from the journal alone. */
  journal: Balances;
  journalAgrees: boolean;
  journalEntries: number;
  warehouses: Array<Balances & { warehouseId: string; conserved: boolean }>;
}

const ZERO: Balances = { initial: 0, received: 0, available: 0, allocated: 0, reserved: 0, sold: 0, returned: 0, damaged: 0 };

function identityHolds(b: Balances): boolean {
  return b.initial + b.received === b.available + b.allocated + b.reserved + b.sold - b.returned;
}

function sameBalances(a: Balances, b: Balances): boolean {
  return (Object.keys(ZERO) as Array<keyof Balances>).every((k) => a[k] === b[k]);
}

/** Audits one SKU; null when the SKU has no inventory rows and no journal. */
export async function auditSku(db: D1Database, skuId: string): Promise<InventoryAudit | null> {
  const [rows, sums] = await db.batch<Balances & { warehouseId: string; entries?: number }>([
    db
      .prepare(
        `SELECT warehouse_id AS warehouseId, initial, received, available, allocated, reserved, sold, returned, damaged
         FROM inventory WHERE sku_id = ? ORDER BY warehouse_id`,
      )
      .bind(skuId),
    db
      .prepare(
        `SELECT COUNT(*) AS entries, COALESCE(SUM(d_initial), 0) AS initial, COALESCE(SUM(d_received), 0) AS received,
                COALESCE(SUM(d_available), 0) AS available, COALESCE(SUM(d_allocated), 0) AS allocated,
                COALESCE(SUM(d_reserved), 0) AS reserved, COALESCE(SUM(d_sold), 0) AS sold,
                COALESCE(SUM(d_returned), 0) AS returned, COALESCE(SUM(d_damaged), 0) AS damaged, '' AS warehouseId
         FROM inventory_journal WHERE sku_id = ?`,
      )
      .bind(skuId),
  ]);
  const warehouses = (rows?.results ?? []).map((w) => ({ ...w, conserved: identityHolds(w) }));
  const fromJournal = sums?.results[0];
  const entries = fromJournal?.entries ?? 0;
  if (warehouses.length === 0 && entries === 0) return null;
  const totals = warehouses.reduce<Balances>(
    (acc, w) => ({
      initial: acc.initial + w.initial,
      received: acc.received + w.received,
      available: acc.available + w.available,
      allocated: acc.allocated + w.allocated,
      reserved: acc.reserved + w.reserved,
      sold: acc.sold + w.sold,
      returned: acc.returned + w.returned,
      damaged: acc.damaged + w.damaged,
    }),
    { ...ZERO },
  );
  const journal: Balances = fromJournal
    ? {
        initial: fromJournal.initial,
        received: fromJournal.received,
        available: fromJournal.available,
        allocated: fromJournal.allocated,
        reserved: fromJournal.reserved,
        sold: fromJournal.sold,
        returned: fromJournal.returned,
        damaged: fromJournal.damaged,
      }
    : { ...ZERO };
  const journalAgrees = sameBalances(totals, journal);
  return {
    skuId,
    ...totals,
    conserved: identityHolds(totals) && warehouses.every((w) => w.conserved) && journalAgrees && identityHolds(journal),
    journal,
    journalAgrees,
    journalEntries: entries,
    warehouses,
  };
}
