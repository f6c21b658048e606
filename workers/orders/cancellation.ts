import { type LineHold, dealRestockRef, undoLine } from "../checkout/holds";
import { type PaymentStatus, paymentForOrder, paymentProvider, retryableKey, returnMoney } from "../payments/payment-actions";
import { nowIso } from "../platform/time";
import { transitionOrder } from "./transitions";
import { backoffAt } from "../platform/backoff";
import { SETTLED_BY_CRON } from "./settled-by-cron";

/** Payment states in which the shopper has their money back, or never gave any. */
const MONEY_BACK: readonly PaymentStatus[] = ["voided", "refunded", "declined"];

async function orderHolds(db: D1Database, orderId: string): Promise<LineHold[]> {
  const { results } = await db
    .prepare("SELECT listing_id AS listingId, qty, reservation_id AS ref, deal_id AS dealId FROM order_items WHERE order_id = ?")
    .bind(orderId)
    .all<{ listingId: string; qty: number; ref: string | null; dealId: string | null }>();
  return results.flatMap((r) => (r.ref ? [{ ...r, orderId, ref: r.ref }] : []));
}

/**
 * Gives back what a cancelled order took: every line's stock is released or restocked, the payment
 * voided or refunded, and once refunded the order moves on to refunded. Every step is idempotent
 * (the money under the order's cancel key, which names the minute so that the cron asks afresh
 * after a refusal), so the cancel request and the cron may both run it, in any order, as often as
 * they like. Once the stock is back it is recorded, so a retry waiting on the money does only
 * that. When stock and money are both back the order is marked
 * settled and the cron stops looking at it. Returns the payment's status after the money step,
 * or null when the order has no payment.
 */
export async function settleCancellation(env: Env, orderId: string, origin: string, why: string): Promise<PaymentStatus | null> {
  // Stock first: it does not depend on the provider answering. A sale that cannot go back yet
  // does not hold up the money.
  const stockBack = await giveStockBack(env, orderId, why);
  const payment = await paymentForOrder(env.DB, orderId);
  const outcome = payment ? await returnMoney(paymentProvider(env, origin), env.DB, payment, retryableKey(`${orderId}:cancel`)) : null;
  if (outcome === "refunded") {
    await transitionOrder(env.DB, {
      orderId,
      to: "refunded",
      actor: "system",
      actorId: "payments",
      reason: "Your payment was refunded in full",
    });
  }
  if (stockBack && (outcome === null || !payment?.providerRef || MONEY_BACK.includes(outcome))) await markSettled(env.DB, orderId);
  return outcome;
}

/**
 * Gives back every line's stock, unless an earlier try recorded it all back. It counts as back
 * once every line is undone and each deal unit the gate sold to this order has its restock
 * journaled: a cancel in the second before the gate's sale reaches D1 finds nothing to restock
 * yet, and the next try gives it back then. Each line's undo stays idempotent on its own, so two
 * settlers racing, or one dying before the record, still restock a unit once.
 *
 * False while a normal line's sale could not go back on the shelf (its restock found `sold` short:
 * see `restockReservation`). The order then stays unsettled, so the cron tries again however long
 * that takes (the deal sale that makes up the shortfall may wait in the dead letters for days);
 * a late deal sale is left to `finishRestocks` and the journal consumer instead, as its arrival
 * restocks it.
 */
async function giveStockBack(env: Env, orderId: string, why: string): Promise<boolean> {
  const order = await env.DB.prepare("SELECT cancel_restocked_at AS restockedAt FROM orders WHERE id = ?")
    .bind(orderId)
    .first<{ restockedAt: string | null }>();
  if (order?.restockedAt) return true;
  const restocks: string[] = [];
  let pending = false;
  for (const hold of await orderHolds(env.DB, orderId)) {
    const undone = await undoLine(env, hold, why);
    if (undone === "restock_pending") pending = true;
    if (undone === "undone" && hold.dealId) restocks.push(dealRestockRef(hold.ref));
  }
  if (pending) return false;
  await env.DB.prepare(
    `UPDATE orders SET cancel_restocked_at = ?1 WHERE id = ?2 AND cancel_restocked_at IS NULL
       AND (SELECT COUNT(*) FROM inventory_journal WHERE kind = 'deal_restock' AND ref IN (SELECT value FROM json_each(?3))) = ?4`,
  )
    .bind(nowIso(), orderId, JSON.stringify(restocks), restocks.length)
    .run();
  return true;
}

/**
 * Marks an order as leaving nothing for the cancellation cron: its stock and money are back, or it
 * was refunded without being cancelled. Only unsettled orders are in the cron's index, so this is
 * also what keeps that index small.
 */
export async function markSettled(db: D1Database, orderId: string): Promise<void> {
  await db.prepare("UPDATE orders SET cancel_settled_at = ?1 WHERE id = ?2 AND cancel_settled_at IS NULL").bind(nowIso(), orderId).run();
}

/**
 * Finishes cancellations whose request died between moving the order and giving everything back
 * (a D1 error, a provider timeout, an isolate gone): run by the minute cron over orders cancelled
 * once their payment was authorized and not yet settled, however long ago: a cancellation the
 * shopper was told of is never given up on, and ops see the ones still open
 * (`unsettledCancellations`). A cancel from `created`
 * is left to its saga, which is still waiting on the payment and compensates itself (restarted by
 * `resumeStrandedSagas` if it errored). A deal line
 * whose sale reaches D1 only after the cancel settled is restocked by `finishRestocks`.
 * One the cron cannot settle is asked about again after 1, 2, 4 … minutes, then every half hour
 * (`nextCancelTry`), and the ones never tried come first: a few that cannot settle (a payment the
 * provider lost) do not hold back newer ones behind them. Returns how many orders it worked on.
 */
export async function finishCancellations(env: Env, limit = 100): Promise<number> {
  const now = Date.now();
  // Worded as orders_cancel_unsettled_idx is, so this reads that partial index only.
  const { results } = await env.DB.prepare(
    `SELECT o.id, o.cancel_attempts AS attempts FROM orders o
     WHERE o.status IN ('cancelled', 'refunded') AND o.cancel_settled_at IS NULL
       AND (o.cancel_retry_at IS NULL OR o.cancel_retry_at <= ?2)
       AND ${SETTLED_BY_CRON}
     ORDER BY o.cancel_retry_at IS NOT NULL, o.cancel_retry_at, o.updated_at LIMIT ?1`,
  )
    .bind(limit, new Date(now).toISOString())
    .all<{ id: string; attempts: number }>();
  for (const { id, attempts } of results) {
    try {
      // The origin only shapes the provider's links, which a refund or a void does not use.
      await settleCancellation(env, id, "", "order cancelled: finished by cron");
    } catch (err) {
      // One order the provider or D1 fails on must not hold up the others.
      console.error(
        JSON.stringify({ level: "error", message: "cancellation not settled", orderId: id, attempts: attempts + 1, error: String(err) }),
      );
    }
    // Unsettled still (a failure, or money not back yet): asked about again later. Settled: unchanged.
    await env.DB.prepare(
      "UPDATE orders SET cancel_attempts = cancel_attempts + 1, cancel_retry_at = ?1 WHERE id = ?2 AND cancel_settled_at IS NULL",
    )
      .bind(nextCancelTry(attempts + 1, Date.now()), id)
      .run()
      .catch(() => undefined);
  }
  return results.length;
}

/** When the cron asks again about a cancellation it failed to settle `failures` times: 1, 2, 4 … minutes later, at most 30. */
export function nextCancelTry(failures: number, now: number): string {
  return backoffAt(failures, 30, now);
}

/** A cancellation whose stock or money is not back yet, as ops see it. */
export interface UnsettledCancellation {
  order_id: string;
  status: "cancelled" | "refunded";
  total: number;
  cancelled_at: string;
  attempts: number;
  next_try_at: string | null;
  payment_status: string | null;
}

/**
 * A cancellation the cron still owes its stock or money, as SQL over an order `o`: worded as
 * orders_cancel_unsettled_idx is, so a query over it reads that partial index only.
 */
export const UNSETTLED_CANCELLATION = `o.status IN ('cancelled', 'refunded') AND o.cancel_settled_at IS NULL AND ${SETTLED_BY_CRON}`;

/**
 * Cancellations not settled yet, oldest first: the ones the cron keeps retrying, for ops to look
 * into (a refund the provider keeps refusing needs a person). A just-cancelled order appears here
 * only for the moment its cancel request is still giving things back.
 */
export async function unsettledCancellations(db: D1Database, limit = 100): Promise<UnsettledCancellation[]> {
  const { results } = await db
    .prepare(
      `SELECT o.id AS order_id, o.status, o.total, o.cancel_attempts AS attempts, o.cancel_retry_at AS next_try_at,
              (SELECT MAX(t.at) FROM order_transitions t WHERE t.order_id = o.id AND t.to_status = 'cancelled') AS cancelled_at,
              (SELECT p.status FROM payments p WHERE p.order_id = o.id) AS payment_status
       FROM orders o
       WHERE ${UNSETTLED_CANCELLATION}
       ORDER BY o.updated_at LIMIT ?1`,
    )
    .bind(limit)
    .all<UnsettledCancellation>();
  return results;
}
