import { env } from "cloudflare:workers";
import { newId } from "../../workers/platform/ids";
import { seedOrder } from "./seed";

/** An RFC 3339 time `ms` before now. */
export const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** What `seedSaleDay` wrote, for the figures a test expects of it. */
export interface SaleDay {
  /** Confirmed 3 h 10 min ago: the oldest waiting to be packed. */
  oldestConfirmed: string;
  /** Confirmed 2 minutes ago. */
  newConfirmed: string;
  /** Its return asked for 1 h 5 min ago, though it was placed 10 days ago. */
  returnRequested: string;
}

/**
 * A store mid-sale, written straight into D1: orders in several queues, a checkout saga the cron
 * is due to look at (and one it is not), a cancellation still to settle with a restock owed (and
 * one its saga settles, and one settled), a shipped order still owed its invoice by a seller
 * without a GSTIN, and a message the order-events queue gave up on.
 */
export async function seedSaleDay(): Promise<SaleDay> {
  const db = env.DB;
  const oldestConfirmed = await seedOrder({ status: "confirmed", at: ago(3 * HOUR + 10 * MINUTE), confirmed: true });
  const newConfirmed = await seedOrder({ status: "confirmed", at: ago(2 * MINUTE), confirmed: true });
  await seedOrder({ status: "packed", at: ago(30 * MINUTE), confirmed: true });
  const shipped = await seedOrder({ status: "shipped", at: ago(2 * 24 * HOUR), confirmed: true });
  const returnRequested = await seedOrder({ status: "return_requested", at: ago(10 * 24 * HOUR), confirmed: true });
  // Only a status change writes updated_at: the return was asked for long after the order was placed.
  await db
    .prepare("UPDATE orders SET updated_at = ? WHERE id = ?")
    .bind(ago(HOUR + 5 * MINUTE), returnRequested)
    .run();

  const stuck = await seedOrder({ status: "created", at: ago(20 * MINUTE) });
  const young = await seedOrder({ status: "created", at: ago(MINUTE / 2) });
  await db.batch([
    db.prepare("UPDATE orders SET saga_id = ?, saga_check_at = ? WHERE id = ?").bind(newId("saga"), ago(5 * MINUTE), stuck),
    db
      .prepare("UPDATE orders SET saga_id = ?, saga_check_at = ? WHERE id = ?")
      .bind(newId("saga"), new Date(Date.now() + MINUTE / 2).toISOString(), young),
  ]);

  const unsettled = await seedOrder({ status: "cancelled", at: ago(2 * HOUR), confirmed: true });
  const settled = await seedOrder({ status: "cancelled", at: ago(2 * HOUR), confirmed: true });
  const bySaga = await seedOrder({ status: "cancelled", at: ago(2 * HOUR) });
  const ref = newId("res");
  const at = ago(HOUR);
  await db.batch([
    ...[unsettled, settled].map((id) =>
      db
        .prepare(
          "INSERT INTO order_transitions (order_id, from_status, to_status, actor, reason, at) VALUES (?, 'confirmed', 'cancelled', 'shopper', 'seed', ?)",
        )
        .bind(id, at),
    ),
    db
      .prepare(
        "INSERT INTO order_transitions (order_id, from_status, to_status, actor, reason, at) VALUES (?, 'created', 'cancelled', 'shopper', 'seed', ?)",
      )
      .bind(bySaga, at),
    db.prepare("UPDATE orders SET cancel_settled_at = ?, restocks_done_at = ? WHERE id = ?").bind(at, at, settled),
    // The unsettled cancellation's line is still held: its stock is owed back.
    db.prepare("UPDATE order_items SET reservation_id = ? WHERE order_id = ?").bind(ref, unsettled),
    db
      .prepare(
        `INSERT INTO inventory_reservations (id, sku_id, warehouse_id, qty, status, ref, expires_at, created_at, updated_at)
         VALUES (?1, 'lst_gone', 'wh_gone', 1, 'held', ?1, ?2, ?2, ?2)`,
      )
      .bind(ref, at),
    db.prepare("UPDATE orders SET invoices_owed = 1 WHERE id = ?").bind(shipped),
    db
      .prepare(
        "INSERT INTO dead_letters (queue, message_id, body, received_at, reason) VALUES ('order-events', ?, '{}', ?, 'retries exhausted')",
      )
      .bind(newId("msg"), at),
  ]);
  return { oldestConfirmed, newConfirmed, returnRequested };
}
