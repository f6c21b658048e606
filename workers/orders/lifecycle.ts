import { undoLine } from "../checkout/holds";
import { nudgeSaga } from "../checkout/start-saga";
import { capturePayment, paymentForOrder, paymentProvider, returnMoney } from "../payments/payment-actions";
import { AppError } from "../platform/errors";
import type { OrderStatus, TransitionActor } from "./state-machine";
import { transitionOrder } from "./transitions";

/** Who is moving an order, and from which origin (the provider needs it for links). */
export interface Mover {
  actor: TransitionActor;
  actorId: string;
  origin: string;
}

async function orderHolds(db: D1Database, orderId: string) {
  const { results } = await db
    .prepare("SELECT listing_id AS listingId, qty, reservation_id AS ref, deal_id AS dealId FROM order_items WHERE order_id = ?")
    .bind(orderId)
    .all<{ listingId: string; qty: number; ref: string | null; dealId: string | null }>();
  return results.flatMap((r) => (r.ref ? [{ ...r, orderId, ref: r.ref }] : []));
}

/**
 * Cancels an order before it ships: the status moves first (a conditional UPDATE, so a shipped
 * order cannot be cancelled by a race), then held stock is released or sold stock restocked, and
 * the payment voided or refunded; once the money is back, the order moves on to refunded. Every
 * step is idempotent, so calling this again after a crash finishes the job without doing any of it twice.
 */
export async function cancelOrder(env: Env, orderId: string, by: Mover, reason: string): Promise<void> {
  const { from } = await transitionOrder(env.DB, { orderId, to: "cancelled", actor: by.actor, actorId: by.actorId, reason });
  for (const hold of await orderHolds(env.DB, orderId)) await undoLine(env, hold, `order cancelled: ${reason}`);
  const payment = await paymentForOrder(env.DB, orderId);
  if (!payment) return;
  const outcome = await returnMoney(paymentProvider(env, by.origin), env.DB, payment, `${orderId}:cancel`);
  if (from === "created") {
    // Its saga is still waiting on the payment page; let it see the void and finish now.
    const saga = await env.DB.prepare("SELECT saga_id AS sagaId FROM orders WHERE id = ?").bind(orderId).first<{ sagaId: string | null }>();
    if (saga?.sagaId) await nudgeSaga(env, saga.sagaId, outcome);
  }
  if (outcome === "refunded") {
    await transitionOrder(env.DB, { orderId, to: "refunded", actor: "system", actorId: "payments", reason: "captured amount refunded" });
  }
}

/**
 * Applies an ops transition with what it implies: cancelling gives stock and money back, delivering
 * a cash-on-delivery order captures its payment, and refunding a delivered order returns the money.
 */
export async function applyOpsTransition(env: Env, orderId: string, to: OrderStatus, by: Mover, reason: string): Promise<void> {
  if (to === "cancelled") return cancelOrder(env, orderId, by, reason);
  if (to === "refunded") {
    const payment = await paymentForOrder(env.DB, orderId);
    await transitionOrder(env.DB, { orderId, to, actor: by.actor, actorId: by.actorId, reason });
    if (payment) await returnMoney(paymentProvider(env, by.origin), env.DB, payment, `${orderId}:refund`);
    return;
  }
  await transitionOrder(env.DB, { orderId, to, actor: by.actor, actorId: by.actorId, reason });
  if (to === "delivered") {
    const payment = await paymentForOrder(env.DB, orderId);
    if (payment?.method === "cod" && payment.status === "authorized") {
      const ok = await capturePayment(paymentProvider(env, by.origin), env.DB, payment, `${orderId}:cod-capture`);
      if (!ok) throw new AppError("conflict", "Delivered, but the cash-on-delivery capture was refused; reconciliation will flag it.");
    }
  }
}
