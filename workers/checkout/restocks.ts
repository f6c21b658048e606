import { dealNoteStatement } from "../inventory/deal-ledger";
import { RESTOCKED_BY_CRON } from "../orders/settled-by-cron";
import { countSql } from "../platform/count-sql";
import { nowIso } from "../platform/time";
import { type LineHold, undoLine } from "./holds";

/**
 * Ended orders the cron has not found done with yet, as SQL over an order `o`. Worded as
 * orders_restocks_owed_idx is, so that a query over `OWED` may read that partial index only.
 */
const NOT_DONE = "o.status IN ('cancelled', 'refunded', 'payment_failed') AND o.restocks_done_at IS NULL";

/**
 * The orders a run looks through, named by their index: left to itself the planner walks the
 * status index instead, which holds every order ever cancelled or failed.
 */
const OWED = "orders o INDEXED BY orders_restocks_owed_idx";

/** The journal ref of a line's "never sold" note, in SQL over `oi` and `o`, and in code. */
const NEVER_SOLD_REF_SQL = "oi.reservation_id || ':never-sold:' || o.id";
const neverSoldRef = (line: LineHold) => `${line.ref}:never-sold:${line.orderId}`;

/**
 * A line of order `o` whose stock may still have to go back, as SQL over `oi` and `o`: a normal
 * line still held (a commit may yet land on it) or sold, a deal line with neither its restock
 * journaled nor a note that its order never bought the unit. Once a line is none of these it
 * never is again.
 */
const UNFINISHED_LINE = `oi.reservation_id IS NOT NULL
  AND CASE WHEN oi.deal_id IS NULL
    THEN EXISTS (SELECT 1 FROM inventory_reservations r WHERE r.ref = oi.reservation_id AND r.status IN ('held', 'committed'))
    ELSE NOT EXISTS (SELECT 1 FROM inventory_journal j WHERE j.ref = oi.reservation_id || ':restock' AND j.kind = 'deal_restock')
      AND NOT EXISTS (SELECT 1 FROM inventory_journal j WHERE j.ref = ${NEVER_SOLD_REF_SQL} AND j.kind = 'deal_note')
  END`;

/** An order with a restock the cron still owes, as SQL over an order `o`. */
const OWES_RESTOCKS = `(${RESTOCKED_BY_CRON} AND EXISTS (SELECT 1 FROM order_items oi WHERE oi.order_id = o.id AND ${UNFINISHED_LINE}))`;

/** How long a restock may stay pending before each run logs it at error level for ops. */
const RESTOCK_OVERDUE_MS = 3600_000;

/** How many ended orders one run marks done with at most, on top of the ones it works on. */
const MARK_LIMIT = 1000;

/**
 * Finishes restocks the undo of an order could not do yet. Run by the minute cron over orders
 * cancelled or failed once their payment was authorized (`RESTOCKED_BY_CRON`), however long
 * ago: the saga commits stock right after that, so a cancel before the order is confirmed, or the
 * compensation of a commit refused part way, may already find a unit sold. Two kinds of line:
 *
 * - a sold deal unit whose undo came before the gate's sale had reached the D1 ledger (then the
 *   restock finds no sale to undo and moves nothing). It is done once its restock is journaled,
 *   or once the gate says its order never bought the unit, which is noted in the journal so the
 *   line is not asked about again. The note names the order, so it never stands for another
 *   order's line under the same ref. The journal consumer restocks a late sale as it lands, but
 *   not one whose hold id several orders share, and a sale may sit in the dead letters for days.
 * - a normal sale still committed, whose restock found `sold` short (a deal restock had taken
 *   units ahead of its own sale's arrival). It is done once the restock goes through.
 * - a normal hold still held, left by a cancel that died before its stock step: it is given back
 *   as the cancel would, since the saga's commit may still land on it while it is held.
 *
 * An ended order with nothing left to restock (or that never owed any) is marked done, once, and
 * no run reads it again; only the ones still owing stay in the cron's index, however old. Each
 * run works on at most `limit` of them, least recently worked on first and the never tried
 * before all (oldest first), so a few that cannot finish (a gate down, a sale still in the dead
 * letters) do not hold back the rest. One pending longer than `RESTOCK_OVERDUE_MS` is logged at
 * error level on every run, for ops to look into.
 *
 * The cancellation's own stock step is rerun by `finishCancellations` until such a restock is
 * done or the order settles; this covers the sale that reaches D1 after that, and the failed
 * checkouts, whose compensation runs once. Returns how many lines it worked on.
 */
export async function finishRestocks(env: Env, limit = 100): Promise<number> {
  // Most ended orders owe nothing (a declined payment, a cancel its saga undid, a cancel that put
  // everything back itself): they leave the index here, without a slot of the work below.
  await env.DB.prepare(
    `UPDATE orders SET restocks_done_at = ?1
     WHERE id IN (SELECT o.id FROM ${OWED} WHERE ${NOT_DONE} AND NOT ${OWES_RESTOCKS} LIMIT ?2)`,
  )
    .bind(nowIso(), MARK_LIMIT)
    .run();
  const { results: owing } = await env.DB.prepare(
    `SELECT o.id,
       (SELECT MIN(t.at) FROM order_transitions t WHERE t.order_id = o.id AND t.to_status IN ('cancelled', 'payment_failed')) AS endedAt
     FROM ${OWED} WHERE ${NOT_DONE} AND ${OWES_RESTOCKS}
     ORDER BY o.restocks_tried_at, o.created_at LIMIT ?1`,
  )
    .bind(limit)
    .all<{ id: string; endedAt: string | null }>();
  if (owing.length === 0) return 0;
  const ids = JSON.stringify(owing.map((o) => o.id));
  const { results: lines } = await env.DB.prepare(
    `SELECT o.id AS orderId, oi.listing_id AS listingId, oi.qty, oi.reservation_id AS ref, oi.deal_id AS dealId
     FROM order_items oi JOIN orders o ON o.id = oi.order_id
     WHERE oi.order_id IN (SELECT value FROM json_each(?1)) AND ${UNFINISHED_LINE}`,
  )
    .bind(ids)
    .all<{ orderId: string; listingId: string; qty: number; ref: string; dealId: string | null }>();
  for (const line of lines) {
    try {
      const undone = await undoLine(env, line, "order cancelled or failed: restock finished by cron");
      if (undone === "never_sold" && line.dealId) await noteNeverSold(env, { ...line, dealId: line.dealId });
    } catch (err) {
      // One line whose gate or ledger fails must not hold up the others; a later run retries it.
      console.error(JSON.stringify({ level: "error", message: "restock not finished", orderId: line.orderId, error: String(err) }));
    }
  }
  const now = nowIso();
  const [, marked] = await env.DB.batch<{ id: string }>([
    env.DB.prepare("UPDATE orders SET restocks_tried_at = ?1 WHERE id IN (SELECT value FROM json_each(?2))").bind(now, ids),
    env.DB.prepare(
      `UPDATE orders SET restocks_done_at = ?1
       WHERE id IN (SELECT o.id FROM json_each(?2) w CROSS JOIN orders o ON o.id = w.value WHERE ${NOT_DONE} AND NOT ${OWES_RESTOCKS})
       RETURNING id`,
    ).bind(now, ids),
  ]);
  const done = new Set(marked?.results.map((r) => r.id));
  for (const { id, endedAt } of owing) {
    if (done.has(id) || !endedAt || Date.parse(endedAt) > Date.now() - RESTOCK_OVERDUE_MS) continue;
    // A unit not back on the shelf is a unit shoppers cannot buy: a person should find out why.
    console.error(JSON.stringify({ level: "error", message: "restock pending for over an hour", orderId: id, endedAt }));
  }
  return lines.length;
}

/**
 * How many ended orders still owe a restock the cron has not finished: the ops overview's figure,
 * counted up to `cap` when given one (see `countSql`).
 */
export function restocksOwedStatement(db: D1Database, cap?: number): D1PreparedStatement {
  return db.prepare(countSql({ from: OWED, where: `${NOT_DONE} AND ${OWES_RESTOCKS}` }, cap));
}

async function noteNeverSold(env: Env, line: LineHold & { dealId: string }): Promise<void> {
  const deal = await env.DB.prepare("SELECT listing_id AS skuId, warehouse_id AS warehouseId FROM deals WHERE id = ?")
    .bind(line.dealId)
    .first<{ skuId: string; warehouseId: string }>();
  if (!deal) return;
  const reason = `order ${line.orderId} cancelled or failed before its deal unit was sold: nothing to restock`;
  await dealNoteStatement(env.DB, { ...deal, qty: line.qty, ref: neverSoldRef(line), reason }, nowIso()).run();
}
