import { availabilitySql, crossesFewLeftSql, crossesLowStockSql } from "./availability";

/**
 * A product's denormalized buy-box summary (buy-box listing, its price and mrp, total sellable
 * stock, offer count), recomputed from its listings and inventory by plain SQL statements, so a
 * seller write or a stock movement can put them in the same D1 batch as the change itself.
 *
 * The buy box is the best active offer: in stock before out of stock, then lowest price,
 * then the better-rated seller (`chooseBuyBox` is the same rule for a page being built).
 */

const BUY_BOX = `buy_box_listing_id = (
  SELECT l.id FROM listings l JOIN sellers s ON s.id = l.seller_id
  WHERE l.product_id = products.id AND l.active = 1
  ORDER BY (SELECT COALESCE(SUM(i.available), 0) FROM inventory i WHERE i.sku_id = l.id) > 0 DESC,
           l.price ASC, s.rating_x10 DESC, l.id ASC
  LIMIT 1)`;

const STOCK_TOTAL = `(SELECT COALESCE(SUM(i.available), 0) FROM inventory i JOIN listings l ON l.id = i.sku_id
  WHERE l.product_id = products.id AND l.active = 1)`;

// A SET expression reads the row as it was, so `stock_total` here is the total before the
// change; the live total is summed a second time only for a product that was sold out.
const BACK_IN_STOCK = `CASE WHEN stock_total > 0 THEN back_in_stock_at WHEN ${STOCK_TOTAL} > 0 THEN ?2 ELSE back_in_stock_at END`;

// Reads the buy box the statement before it set, so it must run second; ?2 is the change's time.
const TOTALS = `price = (SELECT price FROM listings WHERE id = products.buy_box_listing_id),
  mrp = (SELECT mrp FROM listings WHERE id = products.buy_box_listing_id),
  back_in_stock_at = ${BACK_IN_STOCK},
  stock_total = ${STOCK_TOTAL},
  offer_count = (SELECT COUNT(*) FROM listings WHERE product_id = products.id AND active = 1),
  version = version + 1,
  updated_at = ?2`;

/** Both statements of a summary recompute; `productId` is SQL naming the product from ?1, bound to `key`. */
function recompute(db: D1Database, productId: string, key: string, now: string, guard: string): D1PreparedStatement[] {
  return [
    db.prepare(`UPDATE products SET ${BUY_BOX} WHERE id = ${productId}${guard}`).bind(key),
    db.prepare(`UPDATE products SET ${TOTALS} WHERE id = ${productId}${guard}`).bind(key, now),
  ];
}

/**
 * Recomputes one product's summary. With `afterChange`, each statement runs only if the
 * statement before it in the batch changed exactly one row, so a conditional change that was
 * refused leaves the summary (and its version) untouched.
 */
export function refreshProductSummary(
  db: D1Database,
  productId: string,
  now: string,
  opts: { afterChange?: boolean } = {},
): D1PreparedStatement[] {
  return recompute(db, "?1", productId, now, opts.afterChange ? " AND changes() = 1" : "");
}

/**
 * Recomputes the summaries of several products at once (`productIds`, a JSON array bound to ?1; ?2
 * is the change's time), for a write that changes many products in one batch. `guard` is SQL
 * ANDed to each statement's WHERE, read against `products`, that keeps a product whose changes
 * were all refused untouched; its parameters are bound from ?3 on and it must use ?2.
 */
export function refreshProductsSummary(
  db: D1Database,
  productIds: string[],
  now: string,
  guard: string,
  ...guardParams: unknown[]
): D1PreparedStatement[] {
  const where = `id IN (SELECT value FROM json_each(?1)) AND ${guard}`;
  const ids = JSON.stringify(productIds);
  return [
    db.prepare(`UPDATE products SET ${BUY_BOX} WHERE ${where}`).bind(ids, now, ...guardParams),
    db.prepare(`UPDATE products SET ${TOTALS} WHERE ${where}`).bind(ids, now, ...guardParams),
  ];
}

/**
 * Recomputes the summary of a SKU's product, chained like `refreshProductSummary` with
 * `afterChange`, for a ledger batch that knows the SKU but not its product (a stock count).
 */
export function refreshSkuSummaryAfterChange(db: D1Database, skuId: string, now: string): D1PreparedStatement[] {
  return recompute(db, "(SELECT product_id FROM listings WHERE id = ?1)", skuId, now, " AND changes() = 1");
}

/**
 * Recomputes the summary of a SKU's product after a stock movement of `dAvailable` sellable
 * units, for the end of the movement's own batch. It runs only if the statement before it (the
 * movement's journal row) changed one row, and only when shoppers would see a difference:
 *
 * - the listing's availability bucket differs before and after the movement (its offer, and the
 *   buy box, which prefers offers in stock, change with it), or
 * - the product's total crossed a bucket, which search and browsing show. With the listing's
 *   bucket unchanged that can only be the few-left line, crossed while the listing stays "few
 *   left" and another offer holds the rest; only then is the product's whole stock read.
 *
 * - the listing's units crossed the seller's low-stock line (`listings.low_stock_at`), either way:
 *   the catalog change then lets the consumer tell the seller it is running low, or re-arm that
 *   alert after a restock (workers/sellers/low-stock.ts). Once per crossing, so a few a day.
 *
 * Anywhere else a movement inside its listing's bucket, most reservations on a sale day, reads the
 * listing's own rows and writes nothing more. Every path that changes stock or offers keeps the
 * summary in step in its own batch (ledger movements and counts, seller edits), so a movement
 * compares only its own before and after, never the stored summary against a fresh total.
 */
export function refreshSummaryAfterStockMove(db: D1Database, skuId: string, dAvailable: number, now: string): D1PreparedStatement[] {
  const units = "(SELECT COALESCE(SUM(available), 0) FROM inventory WHERE sku_id = ?1)";
  const after = availabilitySql(units);
  const bucketMoved = `${after} != ${availabilitySql(`${units} - ?2`)}`;
  // The listing's row is read once, by the lookup of its product, which also weighs the seller's
  // low-stock line: a movement that matters for neither finds no product and reads nothing more.
  // CASE rather than OR: SQLite evaluates a CASE's branches only as far as it needs them.
  return [
    db
      .prepare(
        `UPDATE products SET ${BUY_BOX}
         WHERE id = (SELECT product_id FROM listings WHERE id = ?1 AND active = 1
                       AND CASE WHEN ${bucketMoved} OR ${after} = 1 THEN 1 ELSE ${crossesLowStockSql(units, "?2", "low_stock_at")} END)
           AND changes() = 1
           AND CASE WHEN ${bucketMoved} THEN 1
                    WHEN ${after} = 1 AND ${crossesFewLeftSql(STOCK_TOTAL, "?2")} THEN 1
                    WHEN ${after} = 1 THEN ${crossesLowStockSql(units, "?2", "(SELECT low_stock_at FROM listings WHERE id = ?1)")}
                    ELSE 1 END`,
      )
      .bind(skuId, dAvailable),
    db
      .prepare(`UPDATE products SET ${TOTALS} WHERE id = (SELECT product_id FROM listings WHERE id = ?1) AND changes() = 1`)
      .bind(skuId, now),
  ];
}
