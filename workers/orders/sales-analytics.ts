import { batchOnce } from "../platform/dedupe";
import { UNSOLD, countedAt, countedMarker, reversalMarker, wasReversed } from "./counter-reversal";
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
  const rows = await salesByCategory(db, event.orderId);
  return batchOnce(db, [
    countedMarker(db, SALES_ANALYTICS, event.orderId, event.at),
    ...salesStatements(db, rows, event.at.slice(0, 10), 1),
  ]);
}

/**
 * Takes a cancelled or refunded order back out of the day it was counted in. Once per order
 * (its own processed-message row heads the batch); an order never counted as a sale is only
 * marked, so a late `confirmed` delivery does not count it afterwards. Returns false for a replay.
 */
export async function reverseSale(db: D1Database, event: OrderEvent): Promise<boolean> {
  if (!UNSOLD.has(event.to)) return false;
  const counted = await countedAt(db, SALES_ANALYTICS, event.orderId);
  const rows = counted ? await salesByCategory(db, event.orderId) : [];
  return batchOnce(db, [
    reversalMarker(db, SALES_ANALYTICS, event.orderId, event.at),
    ...(counted ? salesStatements(db, rows, counted.slice(0, 10), -1) : []),
  ]);
}

type CategorySales = { categoryId: string; units: number; revenue: number };

/** An order's units and revenue per category, from the prices its lines were sold at. */
async function salesByCategory(db: D1Database, orderId: string): Promise<CategorySales[]> {
  const { results } = await db
    .prepare(
      `SELECT p.category_id AS categoryId, SUM(i.qty) AS units, SUM(i.qty * i.unit_price) AS revenue
       FROM order_items i JOIN products p ON p.id = i.product_id WHERE i.order_id = ? GROUP BY p.category_id`,
    )
    .bind(orderId)
    .all<CategorySales>();
  return results;
}

/** Adds an order to a day's sales per category (`sign` 1), or takes it back out (`sign` -1). */
function salesStatements(db: D1Database, rows: CategorySales[], day: string, sign: 1 | -1): D1PreparedStatement[] {
  return rows.map((r) =>
    db
      .prepare(
        `INSERT INTO sales_daily (day, category_id, orders, units, revenue) VALUES (?1, ?2, max(0, ?3), max(0, ?3 * ?4), max(0, ?3 * ?5))
         ON CONFLICT (day, category_id) DO UPDATE SET
           orders = max(0, orders + ?3), units = max(0, units + ?3 * ?4), revenue = max(0, revenue + ?3 * ?5)`,
      )
      .bind(day, r.categoryId, sign, r.units, r.revenue),
  );
}
