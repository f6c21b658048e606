import { UNSOLD, countedAt, reversalMarker, wasReversed } from "./counter-reversal";
import type { OrderEvent } from "./transitions";

/** The consumer name under which a confirmed order's sales are counted exactly once. */
export const SALES_ANALYTICS = "sales-analytics";

/**
 * Adds a confirmed order to the day's sales per category. The processed-message row is a plain
 * INSERT at the head of the same batch, so a redelivered event fails the whole batch on the
 * PRIMARY KEY and counts nothing twice. Returns false when already counted.
 */
export async function recordSale(db: D1Database, event: OrderEvent): Promise<boolean> {
  if (event.to !== "confirmed") return false;
  // A cancel applied before this (events can arrive out of order) already settled the order.
  if (await wasReversed(db, SALES_ANALYTICS, event.orderId)) return false;
  const { results } = await db
    .prepare(
      `SELECT p.category_id AS categoryId, SUM(i.qty) AS units, SUM(i.qty * i.unit_price) AS revenue
       FROM order_items i JOIN products p ON p.id = i.product_id WHERE i.order_id = ? GROUP BY p.category_id`,
    )
    .bind(event.orderId)
    .all<{ categoryId: string; units: number; revenue: number }>();
  const day = event.at.slice(0, 10);
  try {
    await db.batch([
      db
        .prepare("INSERT INTO processed_messages (consumer, message_id, processed_at) VALUES (?1, ?2, ?3)")
        .bind(SALES_ANALYTICS, event.orderId, event.at),
      ...results.map((r) =>
        db
          .prepare(
            `INSERT INTO sales_daily (day, category_id, orders, units, revenue) VALUES (?1, ?2, 1, ?3, ?4)
             ON CONFLICT (day, category_id) DO UPDATE SET orders = orders + 1, units = units + excluded.units, revenue = revenue + excluded.revenue`,
          )
          .bind(day, r.categoryId, r.units, r.revenue),
      ),
    ]);
    return true;
  } catch (err) {
    if (String(err).includes("UNIQUE constraint failed: processed_messages")) return false;
    throw err;
  }
}

/**
 * Takes a cancelled or refunded order back out of the day it was counted in. Once per order
 * (its own processed-message row heads the batch); an order never counted as a sale is only
 * marked, so a late `confirmed` delivery does not count it afterwards. Returns false for a replay.
 */
export async function reverseSale(db: D1Database, event: OrderEvent): Promise<boolean> {
  if (!UNSOLD.has(event.to)) return false;
  const counted = await countedAt(db, SALES_ANALYTICS, event.orderId);
  const { results } = counted
    ? await db
        .prepare(
          `SELECT p.category_id AS categoryId, SUM(i.qty) AS units, SUM(i.qty * i.unit_price) AS revenue
           FROM order_items i JOIN products p ON p.id = i.product_id WHERE i.order_id = ? GROUP BY p.category_id`,
        )
        .bind(event.orderId)
        .all<{ categoryId: string; units: number; revenue: number }>()
    : { results: [] };
  try {
    await db.batch([
      reversalMarker(db, SALES_ANALYTICS, event.orderId, event.at),
      ...results.map((r) =>
        db
          .prepare(
            `UPDATE sales_daily SET orders = orders - 1, units = units - ?3, revenue = revenue - ?4
             WHERE day = ?1 AND category_id = ?2`,
          )
          .bind(counted?.slice(0, 10), r.categoryId, r.units, r.revenue),
      ),
    ]);
    return true;
  } catch (err) {
    if (String(err).includes("UNIQUE constraint failed: processed_messages")) return false;
    throw err;
  }
}
