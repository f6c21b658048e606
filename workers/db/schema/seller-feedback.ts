import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./accounts";
import { sellers } from "./catalog";
import { orders } from "./orders";

/**
 * A buyer's rating of a seller for one delivered order (1-5 stars, an optional comment). One per
 * (order, seller): an order can hold several sellers' lines, and rating again replaces the first.
 * The seller's running totals move in the same batch as each write (workers/sellers/rate-seller.ts).
 */
export const sellerFeedback = sqliteTable(
  "seller_feedback",
  {
    id: text("id").primaryKey(),
    orderId: text("order_id")
      .notNull()
      .references(() => orders.id),
    sellerId: text("seller_id")
      .notNull()
      .references(() => sellers.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    rating: integer("rating").notNull(),
    /** Trimmed; null when the buyer wrote none. */
    comment: text("comment"),
    createdAt: text("created_at").notNull(),
    /** When the buyer last gave this rating or comment: a changed mind is the newest thing they said. */
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("seller_feedback_order_seller_uq").on(t.orderId, t.sellerId),
    // The seller's list, newest first, paged by keyset in index order without a sort.
    index("seller_feedback_seller_newest_idx").on(t.sellerId, t.updatedAt, t.id),
    // The summary's count by stars reads one seller's entries of this index, never a feedback row.
    index("seller_feedback_seller_rating_idx").on(t.sellerId, t.rating),
  ],
);
