import { type ReturnCondition, type ReturnedLine, returnRef, returnedLineStatements } from "../inventory/returns";
import { AppError } from "../platform/errors";
import type { Mover } from "./lifecycle";
import { readOrder } from "./queries";
import { askedBackUnitsSql } from "./return-lines";
import type { OrderStatus } from "./state-machine";
import { transitionOrder } from "./transitions";

/**
 * Each line of an order the shopper sent back, with the units asked back (not the line's whole
 * quantity: a line kept stays sold) and the warehouse it shipped from: a normal line's hold recorded it, a deal
 * line's deal took all its units from one. A line with neither (an order from before holds were
 * kept) goes back where most of its listing's sales were made, its warehouse of record; null when the
 * listing has no stock row anywhere.
 */
async function linesWithWarehouse(db: D1Database, orderId: string): Promise<Array<ReturnedLine & { listingId: string }>> {
  const { results } = await db
    .prepare(
      `SELECT i.listing_id AS listingId, ${askedBackUnitsSql("i")} AS qty,
         COALESCE(d.warehouse_id, r.warehouse_id,
           (SELECT v.warehouse_id FROM inventory v WHERE v.sku_id = i.listing_id ORDER BY v.sold DESC, v.warehouse_id LIMIT 1)) AS warehouseId
       FROM order_items i
       LEFT JOIN inventory_reservations r ON i.deal_id IS NULL AND r.ref = i.reservation_id
       LEFT JOIN deals d ON d.id = i.deal_id
       WHERE i.order_id = ? AND i.return_requested_at IS NOT NULL ORDER BY i.listing_id`,
    )
    .bind(orderId)
    .all<{ listingId: string; qty: number; warehouseId: string | null }>();
  return results.map((l) => {
    if (!l.warehouseId)
      throw new AppError("conflict", `No warehouse holds listing ${l.listingId}, so its return cannot be booked. Nothing changed.`);
    return { listingId: l.listingId, skuId: l.listingId, warehouseId: l.warehouseId, qty: l.qty, ref: returnRef(orderId, l.listingId) };
  });
}

/** How a receipt's timeline words begin for each condition; the receipt's condition is read back by it. */
const RECEIPT_OPENINGS: Readonly<Record<ReturnCondition, string>> = {
  sellable: "Return received in sellable condition",
  damaged: "Return received damaged",
};

/** What the timeline records for a receipt, which ops and the shopper read. */
function receiptWords(condition: ReturnCondition, units: number, note: string | null): string {
  const what =
    condition === "sellable"
      ? `${RECEIPT_OPENINGS.sellable}: ${units} ${units === 1 ? "unit" : "units"} back on sale`
      : `${RECEIPT_OPENINGS.damaged}: kept off sale`;
  return note ? `${what} (${note})` : what;
}

/** The goods' condition that a receipt's timeline words record; null for words `receiptWords` did not write. */
export function receiptConditionOf(words: string): ReturnCondition | null {
  if (words.startsWith(`${RECEIPT_OPENINGS.sellable}:`)) return "sellable";
  if (words.startsWith(`${RECEIPT_OPENINGS.damaged}:`)) return "damaged";
  return null;
}

/**
 * Records that an accepted return's goods are back at the warehouse (ops), in one batch: the order
 * moves from refunded to return_received, and each returned line's asked-back units are booked as returned to the
 * warehouse it shipped from (sellable ones back on sale, damaged ones recorded only), every line's
 * statements guarded by the order having made that move. So the receipt and the stock move together
 * or not at all, and a double click or a retry, which finds the order received already, is refused
 * (409) and books nothing; each line's journal ref would refuse a second booking even then.
 * An order whose refund accepted no return (a cancellation, a refund ops made on their own) has no
 * goods coming back and is refused too.
 */
export async function receiveReturn(
  env: Env,
  orderId: string,
  receipt: { condition: ReturnCondition | undefined; note: string | null },
  by: Mover,
  expected?: OrderStatus,
): Promise<void> {
  const { condition } = receipt;
  if (!condition) {
    throw new AppError("validation_failed", "Receiving a return needs the goods' condition: sellable or damaged. Nothing changed.", {
      errors: [{ path: "condition", message: "Required to receive a return" }],
    });
  }
  const found = await readOrder(env.DB, orderId);
  if (!found) throw new AppError("not_found", "No such order.");
  const order = found.order;
  if (order.status === "return_received") throw alreadyReceived(order.timeline.at(-1)?.reason);
  if (order.status !== "refunded" || order.return_request?.outcome !== "accepted") {
    const now = order.status === "refunded" ? "was refunded without a return" : `is ${order.status.replaceAll("_", " ")}`;
    throw new AppError(
      "illegal_transition",
      `Only an order whose return was accepted can be received back, and this one ${now}. Nothing changed.`,
      {
        extensions: { from: order.status, to: "return_received" },
      },
    );
  }
  const lines = await linesWithWarehouse(env.DB, orderId);
  const units = lines.reduce((n, l) => n + l.qty, 0);
  const guard = { sql: "(SELECT status FROM orders WHERE id = ?6) = 'return_received'", binds: [orderId] };
  const moved = await transitionOrder(
    env.DB,
    {
      orderId,
      to: "return_received",
      actor: by.actor,
      actorId: by.actorId,
      reason: receiptWords(condition, units, receipt.note),
      expected,
    },
    (at) => lines.flatMap((line) => returnedLineStatements(env.DB, line, condition, guard, at)),
  );
  // Another request received it between the read and the write: its batch booked the goods.
  if (moved.outcome === "noop") throw alreadyReceived(null);
}

/** The refusal of a second receipt of the same return. */
function alreadyReceived(how: string | null | undefined): AppError {
  return new AppError("conflict", `This return was received already${how ? ` (${how})` : ""}. Nothing changed.`, {
    extensions: { current_status: "return_received" },
  });
}
