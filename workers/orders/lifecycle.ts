import { nudgeSaga } from "../checkout/start-saga";
import type { OrderStatus, TransitionActor } from "./state-machine";
import { settleCancellation } from "./cancellation";
import { deliverOrder, refundOrder } from "./money-moves";
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
export async function cancelOrder(env: Env, orderId: string, by: Mover, reason: string): Promise<void> {
  const { from } = await transitionOrder(env.DB, { orderId, to: "cancelled", actor: by.actor, actorId: by.actorId, reason });
  const outcome = await settleCancellation(env, orderId, by.origin, `order cancelled: ${reason}`);
  if (from === "created" && outcome) {
    // Its saga is still waiting on the payment page; let it see the void and finish now.
    const saga = await env.DB.prepare("SELECT saga_id AS sagaId FROM orders WHERE id = ?").bind(orderId).first<{ sagaId: string | null }>();
    if (saga?.sagaId) await nudgeSaga(env, saga.sagaId, outcome);
  }
}

/**
 * Applies an ops transition with what it implies: cancelling gives stock and money back, delivering
 * a cash-on-delivery order captures its payment, and refunding returns the captured money. Moves
 * that take or return money make the order move only once the money has.
 */
export async function applyOpsTransition(env: Env, orderId: string, to: OrderStatus, by: Mover, reason: string): Promise<void> {
  if (to === "cancelled") return cancelOrder(env, orderId, by, reason);
  if (to === "refunded") return refundOrder(env, orderId, by, reason);
  if (to === "delivered") return deliverOrder(env, orderId, by, reason);
  await transitionOrder(env.DB, { orderId, to, actor: by.actor, actorId: by.actorId, reason });
}
