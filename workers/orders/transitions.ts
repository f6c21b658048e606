import { AppError } from "../platform/errors";
import { nowIso } from "../platform/time";
import { type OrderStatus, type TransitionActor, asOrderStatus, canTransition } from "./state-machine";
import { readyToShipStatement } from "./ready-to-ship";
import { shopperCancelRefusal } from "./cancel-refusal";

/** The message the order-events queue carries for every status change (one per transition). */
export interface OrderEvent {
  type: "order.transition";
  transitionId: number;
  orderId: string;
  userId: string;
  from: OrderStatus | null;
  to: OrderStatus;
  actor: string;
  at: string;
}

/** A requested status change: who asks, and why (both end up in the shopper's timeline). */
export interface TransitionRequest {
  orderId: string;
  to: OrderStatus;
  actor: TransitionActor;
  /** Who exactly: a user id, or "checkout-saga". Recorded in the transition log. */
  actorId: string;
  reason: string;
  /**
   * The status the asker saw the order in (an ops form drawn for it). When the order has moved on
   * since, the move is refused rather than made from a status nobody chose it for.
   */
  expected?: OrderStatus | undefined;
}

/** `done` moved the order; `noop` found it already there (a replayed step or a duplicate request). */
export type TransitionResult = { outcome: "done" | "noop"; from: OrderStatus };

/**
 * Checks a move without making it, for moves that must take or return money first: the money moves
 * only once the move is known to be legal, and the order only once the money has moved. Returns the
 * order's status now (`to` itself when it is there already); throws as `transitionOrder` does.
 */
export async function checkTransition(
  db: D1Database,
  req: Pick<TransitionRequest, "orderId" | "to" | "actor" | "expected">,
): Promise<OrderStatus> {
  const row = await db.prepare("SELECT status FROM orders WHERE id = ?").bind(req.orderId).first<{ status: string }>();
  if (!row) throw new AppError("not_found", "No such order.");
  const from = asOrderStatus(row.status);
  // Already where it was asked to go: a double-click or a retried form, answered as done.
  if (req.expected && from !== req.expected && from !== req.to) throw movedOn(req.expected, from);
  if (from !== req.to && !canTransition(from, req.to, req.actor)) {
    const words =
      req.to === "cancelled" && req.actor === "shopper"
        ? shopperCancelRefusal(from)
        : `An order that is ${from.replaceAll("_", " ")} cannot become ${req.to.replaceAll("_", " ")}.`;
    throw new AppError("illegal_transition", words, { extensions: { from, to: req.to } });
  }
  return from;
}

/** The refusal of a move asked for an order seen in `expected` that is `current` now. */
function movedOn(expected: OrderStatus, current: OrderStatus): AppError {
  const words = (s: OrderStatus) => s.replaceAll("_", " ");
  return new AppError("conflict", `This order is no longer ${words(expected)}: it is ${words(current)} now. Nothing changed.`, {
    extensions: { expected_status: expected, current_status: current },
  });
}

/**
 * Moves an order along one legal edge. The status UPDATE is conditional on the from-status it
 * was checked against, and the transition row and the outbox event are inserted in the same
 * batch guarded by `changes() = 1`, so all three happen together or not at all. A concurrent
 * change between the read and the write makes the UPDATE miss, and we re-check from the new
 * status rather than overwrite it; with `expected`, that re-check refuses the move, so the status the
 * asker saw is a condition of the write itself. Throws `illegal_transition` (409) when the edge is not legal.
 * `alongside` gives statements that must happen with the move or not at all (a shipment's invoices),
 * appended to the batch for the moment the move is made; they guard themselves, as the batch runs
 * them whether the UPDATE hit or missed.
 */
export async function transitionOrder(
  db: D1Database,
  req: TransitionRequest,
  alongside?: (at: string) => D1PreparedStatement[],
): Promise<TransitionResult> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const from = await checkTransition(db, req);
    if (from === req.to) return { outcome: "noop", from };
    const now = nowIso();
    const [update] = await db.batch([
      db.prepare("UPDATE orders SET status = ?1, updated_at = ?2 WHERE id = ?3 AND status = ?4").bind(req.to, now, req.orderId, from),
      db
        .prepare(
          `INSERT INTO order_transitions (order_id, from_status, to_status, actor, reason, at)
           SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE changes() = 1`,
        )
        .bind(req.orderId, from, req.to, `${req.actor}:${req.actorId}`, req.reason, now),
      db
        .prepare(
          `INSERT INTO outbox (topic, payload, created_at)
           SELECT 'order', json_object('type', 'order.transition', 'transitionId', last_insert_rowid(), 'orderId', o.id,
             'userId', o.user_id, 'from', ?2, 'to', ?3, 'actor', ?4, 'at', ?5), ?5
           FROM orders o WHERE o.id = ?1 AND changes() = 1`,
        )
        .bind(req.orderId, from, req.to, `${req.actor}:${req.actorId}`, now),
      ...(alongside?.(now) ?? []),
      readyToShipStatement(db, req.orderId, now),
    ]);
    if (update?.meta.changes === 1) return { outcome: "done", from };
  }
  throw new AppError("conflict", "The order changed while we were updating it; try again.");
}
