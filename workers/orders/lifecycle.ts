import { nudgeSaga } from "../checkout/start-saga";
import { AppError } from "../platform/errors";
import type { OrderStatus, TransitionActor } from "./state-machine";
import { settleCancellation } from "./cancellation";
import type { ReturnCondition } from "../inventory/returns";
import { deliverOrder, refundOrder } from "./money-moves";
import { opsMoveWords } from "./ops-move-words";
import { receiveReturn } from "./return-receipt";
import type { ShipmentRequest } from "./shipment";
import { shipOrder } from "./shipping";
import { transitionOrder } from "./transitions";

/** Who is moving an order, and from which origin (the provider needs it for links). */
export interface Mover {
  actor: TransitionActor;
  actorId: string;
  origin: string;
}

/**
 * Cancels an order before it ships: the status moves first (a conditional UPDATE, so a shipped
 * order cannot be cancelled by a race), then the stock and money are given back. Calling this
 * again, or the minute cron finding the cancellation unsettled, finishes a cancel that died
 * between the two without doing any of it twice.
 */
export async function cancelOrder(env: Env, orderId: string, by: Mover, reason: string, expected?: OrderStatus): Promise<void> {
  let from: OrderStatus;
  try {
    ({ from } = await transitionOrder(env.DB, { orderId, to: "cancelled", actor: by.actor, actorId: by.actorId, reason, expected }));
  } catch (err) {
    // A cancel of captured money moves straight on to refunded, so a double-clicked or retried
    // cancel finds the order past cancelled: it asked for what already happened, not for a move.
    if (!(err instanceof AppError && err.code === "illegal_transition") || !(await refundedAfterCancel(env.DB, orderId))) throw err;
    await settleCancellation(env, orderId, by.origin, `order cancelled: ${reason}`);
    return;
  }
  const outcome = await settleCancellation(env, orderId, by.origin, `order cancelled: ${reason}`);
  if (from === "created" && outcome) {
    // Its saga is still waiting on the payment page; let it see the void and finish now.
    const saga = await env.DB.prepare("SELECT saga_id AS sagaId FROM orders WHERE id = ?").bind(orderId).first<{ sagaId: string | null }>();
    if (saga?.sagaId) await nudgeSaga(env, saga.sagaId, outcome);
  }
}

/** Whether the order is refunded because it was cancelled (not refunded after delivery). */
async function refundedAfterCancel(db: D1Database, orderId: string): Promise<boolean> {
  const row = await db
    .prepare(
      `SELECT 1 AS yes FROM orders o WHERE o.id = ?1 AND o.status = 'refunded'
         AND EXISTS (SELECT 1 FROM order_transitions t WHERE t.order_id = o.id AND t.to_status = 'cancelled')`,
    )
    .bind(orderId)
    .first<{ yes: number }>();
  return row !== null;
}

/** A move ops ask for: where to, why, and the status they saw the order in (a form's, or none from an API client). */
export interface OpsMove {
  to: OrderStatus;
  reason?: string | undefined;
  from?: OrderStatus | undefined;
  /** How an accepted return's goods came back; receiving them needs it. */
  condition?: ReturnCondition | undefined;
  /** How a shipped order travels (courier and tracking number), when ops know it as they ship it. */
  shipment?: ShipmentRequest | undefined;
}

/**
 * Applies an ops transition with what it implies: cancelling gives stock and money back, shipping
 * issues the sellers' tax invoices (and records the shipment, when given), delivering a cash-on-delivery order captures its payment,
 * refunding returns the captured money (accepting a return is that refund), and declining a return
 * needs a reason the shopper is shown; receiving a returned order's goods books them back into stock
 * (see `receiveReturn`). Moves that take or return money make the order move only
 * once the money has. With `from`, an order no longer in that status is refused (409) and nothing moves:
 * a form drawn before another operator moved the order acts on nothing it was not drawn for.
 */
export async function applyOpsTransition(env: Env, orderId: string, move: OpsMove, by: Mover): Promise<void> {
  const { to, reason, from, condition, shipment } = move;
  const why = reason || opsMoveWords(to);
  if (to === "cancelled") return cancelOrder(env, orderId, by, why, from);
  if (to === "refunded") return refundOrder(env, orderId, by, reason || null, from);
  if (to === "delivered") return deliverOrder(env, orderId, by, reason || null, from);
  if (to === "shipped") return shipOrder(env, orderId, by, why, from, shipment);
  if (to === "return_received") return receiveReturn(env, orderId, { condition, note: reason || null }, by, from);
  await transitionOrder(env.DB, { orderId, to, actor: by.actor, actorId: by.actorId, reason: why, expected: from });
}
