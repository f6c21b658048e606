import { stockMoveCatalogStatements } from "../catalog/stock-moves";

/**
 * Sold units coming back from a shopper. Sellable ones go back into `available` and are counted in
 * `returned`, not as `received` (no new stock arrived) and not by taking them off `sold` (the sale
 * happened, and sellers' and analytics' figures keep it): they are simply no longer sold on net, so
 * initial + received = available + allocated + reserved + sold - returned. Damaged ones stay off
 * sale and so stay sold on net: they are counted in `damaged`, which says how many of the sold units
 * came back unsellable, and no more units come back, in either state, than were sold.
 */

/** What state returned goods arrive in. */
export const RETURN_CONDITIONS = ["sellable", "damaged"] as const;

/** One condition of returned goods. */
export type ReturnCondition = (typeof RETURN_CONDITIONS)[number];

/** The journal kind of a returned line; with the line's ref, it books each line's return once. */
export const RETURN_KIND = "return";

/** One order line's units coming back to the warehouse it shipped from. */
export interface ReturnedLine {
  skuId: string;
  warehouseId: string;
  qty: number;
  /** Names the order and the line, so a retried or doubled receipt books nothing twice. */
  ref: string;
}

/** The journal ref of an order line's return. */
export function returnRef(orderId: string, listingId: string): string {
  return `${orderId}:return:${listingId}`;
}

/**
 * The statements booking one line's return, for a batch that runs only once `guard` (SQL, true when
 * the return may be booked) holds, so the caller ties them to its own record of the receipt. The
 * first statement is the one conditional write and decides, by its changed-row count: the counter
 * UPDATE (never more units back than were sold and not yet back), then its journal row chained on
 * it; for sellable goods also the catalog's statements, so the product page, search and the
 * projection hear of units back on sale as they do of any stock movement. A line already booked
 * under its ref writes nothing.
 */
export function returnedLineStatements(
  db: D1Database,
  line: ReturnedLine,
  condition: ReturnCondition,
  guard: { sql: string; binds: unknown[] },
  at: string,
): D1PreparedStatement[] {
  const fresh = `NOT EXISTS (SELECT 1 FROM inventory_journal WHERE ref = ?3 AND kind = '${RETURN_KIND}')`;
  // The caller's guard names its binds from ?6 on: these five come first, and every statement names
  // the guard, so each uses every bind.
  const binds = [line.skuId, line.warehouseId, line.ref, at, line.qty, ...guard.binds];
  const journal = (moved: string, damaged: string, reason: string) =>
    db
      .prepare(
        `INSERT INTO inventory_journal
           (sku_id, warehouse_id, kind, reason, ref, d_available, d_returned, d_damaged, available_after, reserved_after, allocated_after, sold_after, version_after, created_at)
         SELECT sku_id, warehouse_id, '${RETURN_KIND}', '${reason}', ?3, ${moved}, ${moved}, ${damaged}, available, reserved, allocated, sold, version, ?4
         FROM inventory WHERE sku_id = ?1 AND warehouse_id = ?2 AND changes() = 1 AND (${guard.sql})`,
      )
      .bind(...binds);
  // Never more units back than were sold and have not come back already, sellable or damaged.
  const counted = `WHERE sku_id = ?1 AND warehouse_id = ?2 AND sold - returned - damaged >= ?5 AND ${fresh} AND (${guard.sql})`;
  // Damaged goods leave available stock as it was, so its version too: a seller's open stock form stays good.
  if (condition === "damaged") {
    return [
      db.prepare(`UPDATE inventory SET damaged = damaged + ?5, updated_at = ?4 ${counted}`).bind(...binds),
      journal("0", "?5", "returned damaged: kept off sale"),
    ];
  }
  return [
    db
      .prepare(
        `UPDATE inventory SET available = available + ?5, returned = returned + ?5, version = version + 1, updated_at = ?4 ${counted}`,
      )
      .bind(...binds),
    journal("?5", "0", "returned sellable: back on sale"),
    ...stockMoveCatalogStatements(db, { skuId: line.skuId, dAvailable: line.qty }, at),
  ];
}
