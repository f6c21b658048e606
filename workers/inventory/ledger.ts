import { stockMoveCatalogStatements } from "../catalog/stock-moves";
import { bySpeedTo } from "../delivery/nearest-warehouse";
import { nowIso } from "../platform/time";
import { type StockLevelChange, stockLevelStatements } from "./stock-levels";

/**
 * The inventory ledger for normal (non-deal) SKUs.
 *
 * Every mutation is one D1 batch (a transaction) whose first statement is a conditional
 * UPDATE; the statements after it are guarded by `changes() = 1`, so the reservation row and
 * the journal entry exist exactly when the counter moved, and so do the product summary refresh
 * and catalog change that follow a movement that changed what shoppers see, or any stock count
 * or receipt (see `stockMoveCatalogStatements`, `stockLevelStatements`). Nothing reads a balance
 * and then writes it back. At every moment, per (sku, warehouse):
 *   initial + received = available + allocated + reserved + sold - returned
 * (`returned`: sold units shoppers sent back that went on sale again, see `returnedLineStatements`).
 */

/** Why a hold was given back. */
export type ReleaseReason = "released" | "expired";

export interface Reservation {
  id: string;
  skuId: string;
  warehouseId: string;
  qty: number;
  status: "held" | "committed" | "released" | "expired" | "restocked";
  ref: string;
  expiresAt: string;
}

const JOURNAL_FROM_ROW = `INSERT INTO inventory_journal
  (sku_id, warehouse_id, kind, reason, ref, d_available, d_reserved, d_allocated, d_sold, d_initial, d_received,
   available_after, reserved_after, allocated_after, sold_after, version_after, created_at)
  SELECT sku_id, warehouse_id, ?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, ?8, available, reserved, allocated, sold, version, ?9
  FROM inventory WHERE sku_id = ?10 AND warehouse_id = ?11 AND changes() = 1`;

function journal(
  db: D1Database,
  kind: string,
  reason: string,
  ref: string,
  d: { available?: number; reserved?: number; allocated?: number; sold?: number; received?: number },
  skuId: string,
  warehouseId: string,
  now: string,
) {
  return db
    .prepare(JOURNAL_FROM_ROW)
    .bind(kind, reason, ref, d.available ?? 0, d.reserved ?? 0, d.allocated ?? 0, d.sold ?? 0, d.received ?? 0, now, skuId, warehouseId);
}

/** Looks up a reservation by its idempotency reference. */
export async function findReservation(db: D1Database, ref: string): Promise<Reservation | null> {
  const row = await db
    .prepare(
      "SELECT id, sku_id AS skuId, warehouse_id AS warehouseId, qty, status, ref, expires_at AS expiresAt FROM inventory_reservations WHERE ref = ?",
    )
    .bind(ref)
    .first<Reservation>();
  return row ?? null;
}

/**
 * Holds `qty` units of a SKU for `ttlSeconds`, from the first warehouse that has them all: with
 * `toPincode`, the one that delivers there soonest, as the delivery date the shopper was shown
 * was worked out from it (then the one holding most). Idempotent under `ref`: a replay returns
 * the existing reservation and moves nothing. Returns null when no warehouse has enough stock.
 */
export async function reserveStock(
  db: D1Database,
  input: { skuId: string; qty: number; ref: string; ttlSeconds: number; toPincode?: string },
): Promise<Reservation | null> {
  const existing = await findReservation(db, input.ref);
  if (existing) return existing;
  // Candidate order only; the conditional UPDATE below is what decides.
  const { results: stocked } = await db
    .prepare(
      `SELECT i.warehouse_id AS warehouseId, w.city, w.pincode FROM inventory i JOIN warehouses w ON w.id = i.warehouse_id
       WHERE i.sku_id = ? AND i.available >= ? ORDER BY i.available DESC`,
    )
    .bind(input.skuId, input.qty)
    .all<{ warehouseId: string; city: string; pincode: string | null }>();
  const candidates = input.toPincode ? bySpeedTo(stocked, input.toPincode) : stocked;
  const now = nowIso();
  const expiresAt = new Date(Date.now() + input.ttlSeconds * 1000).toISOString();
  for (const { warehouseId } of candidates) {
    const id = `rsv_${crypto.randomUUID()}`;
    const [update] = await db.batch([
      db
        .prepare(
          `UPDATE inventory SET available = available - ?1, reserved = reserved + ?1, version = version + 1, updated_at = ?2
           WHERE sku_id = ?3 AND warehouse_id = ?4 AND available >= ?1
             AND NOT EXISTS (SELECT 1 FROM inventory_reservations WHERE ref = ?5)`,
        )
        .bind(input.qty, now, input.skuId, warehouseId, input.ref),
      db
        .prepare(
          `INSERT INTO inventory_reservations (id, sku_id, warehouse_id, qty, status, ref, expires_at, created_at, updated_at)
           SELECT ?1, ?2, ?3, ?4, 'held', ?5, ?6, ?7, ?7 WHERE changes() = 1`,
        )
        .bind(id, input.skuId, warehouseId, input.qty, input.ref, expiresAt, now),
      journal(db, "reserve", "checkout hold", input.ref, { available: -input.qty, reserved: input.qty }, input.skuId, warehouseId, now),
      ...stockMoveCatalogStatements(db, { skuId: input.skuId, dAvailable: -input.qty }, now),
    ]);
    if (update?.meta.changes === 1) {
      return { id, skuId: input.skuId, warehouseId, qty: input.qty, status: "held", ref: input.ref, expiresAt };
    }
    // Lost the race for this warehouse, or a concurrent call with the same ref won.
    const raced = await findReservation(db, input.ref);
    if (raced) return raced;
  }
  return null;
}

/**
 * Outcome of moving a reservation on. `noop` means it was already in the target state; `refused`
 * that it is in another, or that the counter it draws on holds fewer units than it moves.
 */
export type TransitionOutcome = "done" | "noop" | "refused";

async function transition(
  db: D1Database,
  ref: string,
  spec: {
    from: Reservation["status"];
    to: Reservation["status"];
    kind: string;
    reason: string;
    requireUnexpired: boolean;
    /** The counter the units leave, which the move may not take below zero. */
    takes: "reserved" | "sold";
    counters: string;
    deltas: (qty: number) => { available?: number; reserved?: number; sold?: number };
  },
): Promise<TransitionOutcome> {
  const r = await findReservation(db, ref);
  if (!r) return "refused";
  if (r.status === spec.to) return "noop";
  if (r.status !== spec.from) return "refused";
  const now = nowIso();
  const deltas = spec.deltas(r.qty);
  const [update] = await db.batch([
    // The reservation moves only if the counters can: a balance driven below zero would fail the
    // table's CHECK and with it the whole batch, and the move would then fail on every retry.
    db
      .prepare(
        `UPDATE inventory_reservations SET status = ?1, updated_at = ?2
         WHERE ref = ?3 AND status = ?4 ${spec.requireUnexpired ? "AND expires_at > ?2" : ""}
           AND EXISTS (SELECT 1 FROM inventory WHERE sku_id = ?5 AND warehouse_id = ?6 AND ${spec.takes} >= ?7)`,
      )
      .bind(spec.to, now, ref, spec.from, r.skuId, r.warehouseId, r.qty),
    db
      .prepare(
        `UPDATE inventory SET ${spec.counters}, version = version + 1, updated_at = ?2
         WHERE sku_id = ?3 AND warehouse_id = ?4 AND changes() = 1`,
      )
      .bind(r.qty, now, r.skuId, r.warehouseId),
    journal(db, spec.kind, spec.reason, ref, deltas, r.skuId, r.warehouseId, now),
    ...stockMoveCatalogStatements(db, { skuId: r.skuId, dAvailable: deltas.available ?? 0 }, now),
  ]);
  if (update?.meta.changes === 1) return "done";
  const again = await findReservation(db, ref);
  return again?.status === spec.to ? "noop" : "refused";
}

/** Turns a live hold into a sale. An expired or released hold is refused. */
export function commitReservation(db: D1Database, ref: string): Promise<TransitionOutcome> {
  return transition(db, ref, {
    from: "held",
    to: "committed",
    kind: "commit",
    reason: "payment authorized",
    requireUnexpired: true,
    takes: "reserved",
    counters: "reserved = reserved - ?1, sold = sold + ?1",
    deltas: (q) => ({ reserved: -q, sold: q }),
  });
}

/** Gives a hold back to available stock (checkout failed, or the hold expired). */
export function releaseReservation(db: D1Database, ref: string, why: ReleaseReason = "released"): Promise<TransitionOutcome> {
  return transition(db, ref, {
    from: "held",
    to: why,
    kind: why === "expired" ? "expire" : "release",
    reason: why === "expired" ? "hold expired" : "checkout abandoned",
    requireUnexpired: false,
    takes: "reserved",
    counters: "available = available + ?1, reserved = reserved - ?1",
    deltas: (q) => ({ available: q, reserved: -q }),
  });
}

/**
 * Puts a committed sale back on the shelf (an order cancelled before shipping). `refused` while
 * the row's `sold` is short of the sale: a deal restock made before its own sale reached D1 took
 * units from it, which that sale's arrival gives back. Nothing moved then, and a retry restocks.
 */
export function restockReservation(db: D1Database, ref: string): Promise<TransitionOutcome> {
  return transition(db, ref, {
    from: "committed",
    to: "restocked",
    kind: "restock",
    reason: "order cancelled",
    requireUnexpired: false,
    takes: "sold",
    counters: "available = available + ?1, sold = sold - ?1",
    deltas: (q) => ({ available: q, sold: -q }),
  });
}

/**
 * Sets the units available in one warehouse (a seller's stock count). The difference is
 * booked as `received` (negative for write-offs), so conservation still holds. One upsert,
 * with the journal entry computed from the row as it was, and the catalog's statements, in the
 * same batch.
 */
export async function setAvailable(db: D1Database, input: SetAvailableInput): Promise<void> {
  await db.batch(setAvailableStatements(db, input, nowIso()));
}

/** A stock count for one (SKU, warehouse); `ref` makes a replayed count a no-op. */
export interface SetAvailableInput {
  skuId: string;
  warehouseId: string;
  available: number;
  ref: string;
  reason?: string;
  /**
   * The row's `version` when the count was read. A count is absolute, so applied after a reserve
   * or sale the counter didn't see it would hand those units out a second time; with this set,
   * the count moves nothing unless the row still has that version.
   */
  expectedVersion?: number;
  /**
   * The count is the warehouse's first for this SKU: it moves nothing if a row already exists, so
   * two people stocking the same new warehouse cannot overwrite each other (or a sale in between).
   */
  expectAbsent?: boolean;
}

/**
 * The statements of `setAvailable`, for callers that must commit the stock count in the same
 * D1 batch as other effects. The first statement (the journal insert) changes one row exactly
 * when the count applies, so the caller reads the outcome from its result; the product summary
 * refresh and the catalog change come last, chained on the count, so no caller can apply a count
 * that search does not hear of. A receipt shares these statements (see `stockLevelStatements`).
 */
export function setAvailableStatements(db: D1Database, input: SetAvailableInput, now: string): D1PreparedStatement[] {
  return stockLevelStatements(db, countOf(input), now);
}

/**
 * The statements of a new listing's opening count, for the batch that creates the listing: the
 * count without the catalog's statements, as that batch recomputes the product's summary and
 * writes the listing's one catalog change after it, and those carry the stock as well. Anywhere
 * else a count announces itself (`setAvailableStatements`).
 */
export function openingStockStatements(db: D1Database, input: SetAvailableInput, now: string): D1PreparedStatement[] {
  return stockLevelStatements(db, countOf(input), now, { announce: false });
}

function countOf(input: SetAvailableInput): StockLevelChange {
  return {
    skuId: input.skuId,
    warehouseId: input.warehouseId,
    kind: "adjust",
    units: input.available,
    ref: input.ref,
    reason: input.reason ?? "stock count",
    expectedVersion: input.expectedVersion,
    expectAbsent: input.expectAbsent,
  };
}

/** How long one sweep may keep paging, so the minute cron's run ends well before the next one. */
export const SWEEP_BUDGET_MS = 20_000;

/**
 * Releases holds whose expiry has passed; run by the cron sweeper. Returns how many it released.
 * At a sale peak far more than one page expires a minute, and every unswept hold keeps its units
 * out of `available`, so it keeps taking pages while they come back full, within `budgetMs`.
 */
export async function sweepExpiredReservations(db: D1Database, limit = 200, budgetMs = SWEEP_BUDGET_MS): Promise<number> {
  const deadline = Date.now() + budgetMs;
  let released = 0;
  for (;;) {
    const { results } = await db
      .prepare("SELECT ref FROM inventory_reservations WHERE status = 'held' AND expires_at <= ? ORDER BY expires_at LIMIT ?")
      .bind(nowIso(), limit)
      .all<{ ref: string }>();
    let moved = 0;
    for (const { ref } of results) {
      if ((await releaseReservation(db, ref, "expired")) === "done") moved++;
    }
    released += moved;
    // A page the sweep could not move would come back unchanged; stop rather than spin on it.
    if (results.length < limit || moved === 0 || Date.now() >= deadline) return released;
  }
}
