import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Queries shoppers run, with how often; feeds autocomplete and the typo corrector's sense of
 * which spelling is meant. The full-text index itself is raw FTS5 SQL (migrations/*_search_index*.sql).
 */
export const popularQueries = sqliteTable("popular_queries", {
  query: text("query").primaryKey(),
  popularity: integer("popularity").notNull().default(0),
  updatedAt: text("updated_at").notNull(),
});

/** Units sold per product per day, fed by confirmed orders; ranks "trending in this category". */
export const productSalesDaily = sqliteTable(
  "product_sales_daily",
  {
    day: text("day").notNull(),
    productId: text("product_id").notNull(),
    categoryId: text("category_id").notNull(),
    units: integer("units").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.productId] }), index("product_sales_daily_category_idx").on(t.categoryId, t.day)],
);
