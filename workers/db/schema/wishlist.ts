import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "./accounts";
import { products } from "./catalog";

/**
 * Products a shopper saved to watch. `price_when_saved` (paise) is the buy-box price they saw
 * then, so the list can say when it has dropped since; saving again keeps the first one.
 */
export const wishlistItems = sqliteTable(
  "wishlist_items",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    productId: text("product_id")
      .notNull()
      .references(() => products.id),
    priceWhenSaved: integer("price_when_saved"),
    /**
     * The buy-box price (paise) at or under which the shopper is next told of a drop: 5% under the
     * price saved, then 5% under the last price they were told of, so one drop is told once.
     */
    dropAlertPrice: integer("drop_alert_price"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.productId] }),
    // The shopper's list, newest first, is read in this index's order.
    index("wishlist_items_user_created_idx").on(t.userId, t.createdAt),
    // A deal's alerts walk its product's wishlisters in user order, a batch at a time.
    index("wishlist_items_product_user_idx").on(t.productId, t.userId),
    // A price change finds who is owed a drop alert by range, without reading the other wishlisters.
    index("wishlist_items_product_drop_idx").on(t.productId, t.dropAlertPrice, t.userId),
  ],
);
