import { AppError } from "../platform/errors";
import { applyOpsTransition, type Mover } from "./lifecycle";
import type { ShipmentRequest } from "./shipment";
import { type OrderStatus, asOrderStatus } from "./state-machine";

/**
 * The moves ops make many orders at a time: the ones a queue is worked through with, which need
 * no decision per order. Shipping in bulk may carry each order's courier and AWB (a courier's
 * manifest), so shoppers can follow their parcels from the moment they ship; cancelling, refunding
 * and returns stay one at a time, as each needs a decision about that order.
 */
export const BULK_MOVES = { confirmed: "packed", packed: "shipped", shipped: "delivered" } as const;

/** A status orders are moved on from in bulk. */
export type BulkFrom = keyof typeof BULK_MOVES;

/** The statuses orders are moved on from in bulk, in the order an order moves through them. */
export const BULK_FROM = Object.keys(BULK_MOVES) as BulkFrom[];

/** Where orders are moved to in bulk. */
export const BULK_TO = Object.values(BULK_MOVES);

/** Orders one bulk move names at most: a page of the ops list. */
export const BULK_MAX = 50;

/** What a bulk move did to one order. */
export interface BulkResult {
  id: string;
  /** `moved` by this request; `already` in the status asked for before it; `refused` left where it was. */
  outcome: "moved" | "already" | "refused";
  /** The order's status after the request; null for an order that does not exist. */
  status: OrderStatus | null;
  /** Why a refused order did not move, in the words the single-order move answers with. */
  detail?: string;
}

async function statusOf(db: D1Database, orderId: string): Promise<OrderStatus | null> {
  const row = await db.prepare("SELECT status FROM orders WHERE id = ?").bind(orderId).first<{ status: string }>();
  return row ? asOrderStatus(row.status) : null;
}

/**
 * Moves one order as the single-order route does (`applyOpsTransition`, with `from`, so an order that
 * has moved on since the list was drawn is refused and nothing of it changes) and says what happened.
 */
async function moveOne(env: Env, orderId: string, from: BulkFrom, by: Mover, shipment?: ShipmentRequest): Promise<BulkResult> {
  const to = BULK_MOVES[from];
  const before = await statusOf(env.DB, orderId);
  if (!before) return { id: orderId, outcome: "refused", status: null, detail: "No such order." };
  // Told apart here, as the move itself answers a repeat as done without saying so. A repeat carrying
  // a shipment still goes through the move, which records it as the single move's repeat does, so a
  // manifest sent again after a dropped request loses none of its numbers.
  if (before === to && !shipment) return { id: orderId, outcome: "already", status: to };
  try {
    await applyOpsTransition(env, orderId, { to, from, shipment }, by);
  } catch (err) {
    // Only a refusal is this order's alone; anything else (D1 itself failing) would fail the rest too.
    if (!(err instanceof AppError)) throw err;
    const now = (await statusOf(env.DB, orderId)) ?? before;
    if (now === to) return { id: orderId, outcome: "already", status: to };
    return { id: orderId, outcome: "refused", status: now, detail: err.detail };
  }
  return { id: orderId, outcome: before === to ? "already" : "moved", status: to };
}

/**
 * Moves each of `orderIds` from `from` to its bulk move's status, one after another, answering one
 * result per order in the order asked. One order's refusal leaves the others to move, and each move
 * is whole or not made at all, as the single-order move is. One at a time rather than concurrently:
 * D1 runs one database's statements one after another anyway, so concurrency would buy little, while
 * delivering may call the payment provider per order (a cash-on-delivery capture), which a sale
 * day's rush should not see in bursts. A request dropped midway leaves the orders moved so far moved;
 * sending it again reports them `already` and moves the rest. `shipments` gives some orders their
 * courier and AWB, recorded with their own move.
 */
export async function moveOrders(
  env: Env,
  orderIds: readonly string[],
  from: BulkFrom,
  by: Mover,
  shipments: ReadonlyMap<string, ShipmentRequest> = new Map(),
): Promise<BulkResult[]> {
  const results: BulkResult[] = [];
  for (const id of orderIds) results.push(await moveOne(env, id, from, by, shipments.get(id)));
  return results;
}
