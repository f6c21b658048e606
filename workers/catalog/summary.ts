/**
 * Recomputes a product's denormalized buy-box summary (buy-box listing, its price and mrp,
 * total sellable stock, offer count) from its listings and inventory. These are plain SQL
 * statements so a seller write can put them in the same D1 batch as the change itself.
 *
 * The buy box is the best active offer: in stock before out of stock, then lowest price,
 * then the better-rated seller.
 *
 * With `afterChange`, each statement runs only if the statement before it in the batch changed
 * exactly one row, so a conditional change that was refused leaves the summary (and its version)
 * untouched.
 */
export function refreshProductSummary(
  db: D1Database,
  productId: string,
  now: string,
  opts: { afterChange?: boolean } = {},
): D1PreparedStatement[] {
  const guard = opts.afterChange ? " AND changes() = 1" : "";
  return [
    db
      .prepare(
        `UPDATE products SET buy_box_listing_id = (
           SELECT l.id FROM listings l JOIN sellers s ON s.id = l.seller_id
           WHERE l.product_id = products.id AND l.active = 1
           ORDER BY (SELECT COALESCE(SUM(i.available), 0) FROM inventory i WHERE i.sku_id = l.id) > 0 DESC,
                    l.price ASC, s.rating_x10 DESC, l.id ASC
           LIMIT 1)
         WHERE id = ?1${guard}`,
      )
      .bind(productId),
    db
      .prepare(
        `UPDATE products SET
           price = (SELECT price FROM listings WHERE id = products.buy_box_listing_id),
           mrp = (SELECT mrp FROM listings WHERE id = products.buy_box_listing_id),
           stock_total = (SELECT COALESCE(SUM(i.available), 0) FROM inventory i JOIN listings l ON l.id = i.sku_id
                          WHERE l.product_id = products.id AND l.active = 1),
           offer_count = (SELECT COUNT(*) FROM listings WHERE product_id = products.id AND active = 1),
           version = version + 1,
           updated_at = ?2
         WHERE id = ?1${guard}`,
      )
      .bind(productId, now),
  ];
}
