import { batchOnce } from "../platform/dedupe";
import { countedAt, countedMarker, reversalMarker, wasReversed } from "../orders/counter-reversal";

/** The consumer name under which a confirmed order's counters are recorded exactly once. */
export const RECOMMENDATION_COUNTERS = "recommendations";

// An order with dozens of distinct products would write n² pairs; the first few carry the signal.
const MAX_PRODUCTS = 12;

/**
 * Applies one confirmed order to the recommendation counters: +1 for every ordered pair of
 * distinct products in it ("people also bought") and its units to each product's sales for
 * the day ("trending"). Idempotent: the processed-message row is the first statement of the
 * same D1 transaction, so a redelivered event, even a concurrent one, changes nothing.
 * Returns false when the order was already applied or has no items.
 */
export async function applyOrderToRecommendations(db: D1Database, orderId: string, at: string): Promise<boolean> {
  if ((await countedAt(db, RECOMMENDATION_COUNTERS, orderId)) !== null) return false;
  // A cancel applied before this (events can arrive out of order) already settled the order.
  if (await wasReversed(db, RECOMMENDATION_COUNTERS, orderId)) return false;
  const items = await orderedProducts(db, orderId);
  if (items.length === 0) return false;

  const statements = [countedMarker(db, RECOMMENDATION_COUNTERS, orderId, at), ...counterStatements(db, items, at.slice(0, 10), 1)];
  return batchOnce(db, statements);
}

/**
 * Takes a cancelled or refunded order back out of the counters it was applied to: its units
 * from that day's trending, and its pairs from "people also bought". Once per order; an order
 * never applied is only marked, so a late confirmation does not apply it. False for a replay.
 */
export async function reverseOrderFromRecommendations(db: D1Database, orderId: string, at: string): Promise<boolean> {
  const counted = await countedAt(db, RECOMMENDATION_COUNTERS, orderId);
  const items = counted ? await orderedProducts(db, orderId) : [];
  const statements = [
    reversalMarker(db, RECOMMENDATION_COUNTERS, orderId, at),
    ...(counted ? counterStatements(db, items, counted.slice(0, 10), -1) : []),
  ];
  return batchOnce(db, statements);
}

type OrderedProduct = { product_id: string; category_id: string; units: number };

/**
 * Adds an order's products (`sign` 1) to the day's trending units and to every ordered pair of
 * them in "people also bought", or takes them back out (`sign` -1).
 */
function counterStatements(db: D1Database, items: OrderedProduct[], day: string, sign: 1 | -1): D1PreparedStatement[] {
  const statements: D1PreparedStatement[] = [];
  for (const a of items) {
    statements.push(
      db
        .prepare(
          `INSERT INTO product_sales_daily(day, product_id, category_id, units) VALUES (?1, ?2, ?3, max(0, ?4))
           ON CONFLICT(day, product_id) DO UPDATE SET units = max(0, units + ?4)`,
        )
        .bind(day, a.product_id, a.category_id, sign * a.units),
    );
    for (const b of items) {
      if (a.product_id === b.product_id) continue;
      statements.push(
        db
          .prepare(
            `INSERT INTO co_purchases(product_id, other_product_id, count) VALUES (?1, ?2, max(0, ?3))
             ON CONFLICT(product_id, other_product_id) DO UPDATE SET count = max(0, count + ?3)`,
          )
          .bind(a.product_id, b.product_id, sign),
      );
    }
  }
  return statements;
}

/** The products an order counts for, with their units; the first few by id, as when it was applied. */
async function orderedProducts(db: D1Database, orderId: string) {
  const { results } = await db
    .prepare(
      `SELECT oi.product_id, p.category_id, sum(oi.qty) AS units FROM order_items oi JOIN products p ON p.id = oi.product_id
       WHERE oi.order_id = ?1 GROUP BY oi.product_id, p.category_id ORDER BY oi.product_id LIMIT ${MAX_PRODUCTS}`,
    )
    .bind(orderId)
    .all<OrderedProduct>();
  return results;
}
