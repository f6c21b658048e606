import { dealNoteStatement } from "../inventory/deal-ledger";
import { RESTOCKED_BY_CRON } from "../orders/settled-by-cron";
import { nowIso } from "../platform/time";
import { type LineHold, undoLine } from "./holds";

/**
 * Finishes restocks the undo of an order could not do yet. Run by the minute cron over orders
 * cancelled or failed in the last day once their payment was authorized (`RESTOCKED_BY_CRON`):
 * the saga commits stock right after that, so a cancel before the order is confirmed, or the
 * compensation of a commit refused part way, may already find a unit sold. Two kinds of line:
 *
 * - a sold deal unit whose undo came before the gate's sale had reached the D1 ledger (then the
 *   restock finds no sale to undo and moves nothing). It is done once its restock is journaled,
 *   or once the gate says its order never bought the unit, which is noted in the journal so the
 *   line is not asked about again. The note names the order, so it never stands for another
 *   order's line under the same ref.
 * - a normal sale still committed, whose restock found `sold` short (a deal restock had taken
 *   units ahead of its own sale's arrival). It is done once the restock goes through.
 *
 * The cancellation's own stock step is rerun by `finishCancellations` until such a restock is
 * done or the order settles; this covers the sale that reaches D1 after that, and the failed
 * checkouts, whose compensation runs once.
 */
export async function finishRestocks(env: Env, limit = 100): Promise<number> {
  const since = new Date(Date.now() - 24 * 3600 * 1000).toISOString();
  const { results } = await env.DB.prepare(
    `SELECT o.id AS orderId, oi.listing_id AS listingId, oi.qty, oi.reservation_id AS ref, oi.deal_id AS dealId
     FROM order_items oi JOIN orders o ON o.id = oi.order_id
     WHERE o.updated_at > ?1 AND oi.reservation_id IS NOT NULL
       AND ${RESTOCKED_BY_CRON}
       AND CASE WHEN oi.deal_id IS NULL
         THEN EXISTS (SELECT 1 FROM inventory_reservations r WHERE r.ref = oi.reservation_id AND r.status = 'committed')
         ELSE NOT EXISTS (SELECT 1 FROM inventory_journal j WHERE j.ref = oi.reservation_id || ':restock' AND j.kind = 'deal_restock')
           AND NOT EXISTS (SELECT 1 FROM inventory_journal j WHERE j.ref = ${NEVER_SOLD_REF_SQL} AND j.kind = 'deal_note')
       END
     LIMIT ?2`,
  )
    .bind(since, limit)
    .all<{ orderId: string; listingId: string; qty: number; ref: string; dealId: string | null }>();
  for (const line of results) {
    try {
      const undone = await undoLine(env, line, "order cancelled or failed: restock finished by cron");
      if (undone === "never_sold" && line.dealId) await noteNeverSold(env, { ...line, dealId: line.dealId });
    } catch (err) {
      // One line whose gate or ledger fails must not hold up the others; the next tick retries it.
      console.error(JSON.stringify({ level: "error", message: "restock not finished", orderId: line.orderId, error: String(err) }));
    }
  }
  return results.length;
}

/** The journal ref of a line's "never sold" note, in SQL over `oi` and `o`, and in code. */
const NEVER_SOLD_REF_SQL = "oi.reservation_id || ':never-sold:' || o.id";
const neverSoldRef = (line: LineHold) => `${line.ref}:never-sold:${line.orderId}`;

async function noteNeverSold(env: Env, line: LineHold & { dealId: string }): Promise<void> {
  const deal = await env.DB.prepare("SELECT listing_id AS skuId, warehouse_id AS warehouseId FROM deals WHERE id = ?")
    .bind(line.dealId)
    .first<{ skuId: string; warehouseId: string }>();
  if (!deal) return;
  const reason = `order ${line.orderId} cancelled or failed before its deal unit was sold: nothing to restock`;
  await dealNoteStatement(env.DB, { ...deal, qty: line.qty, ref: neverSoldRef(line), reason }, nowIso()).run();
}
