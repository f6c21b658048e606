import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Orders placed in each minute, counted as checkout writes each order (in its batch, so a counter
 * moves only with an order actually made). The ops overview reads the last hour's rate from at
 * most 61 rows here, exact however many orders a sale day brings, where counting the orders
 * themselves would walk one index entry per order. Keyed by the minute's start as RFC 3339 UTC
 * (`2030-01-15T04:30:00.000Z`), so a range of minutes is a range of the key.
 */
export const orderMinutes = sqliteTable("order_minutes", {
  minute: text("minute").primaryKey(),
  placed: integer("placed").notNull(),
});
