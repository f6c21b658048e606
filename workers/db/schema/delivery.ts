import { sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "./accounts";

/**
 * Days couriers close that move from year to year or come up at short notice (Holi, Diwali, a
 * strike, a state-wide bandh, an extra gazetted holiday), kept by ops so delivery dates stay right
 * in years the code never listed. Keyed by the IST date (YYYY-MM-DD): a day is closed once,
 * whatever it is called. The national holidays that never move stay in workers/delivery/holidays.ts.
 */
export const courierHolidays = sqliteTable("courier_holidays", {
  date: text("date").primaryKey(),
  name: text("name").notNull(),
  // Null for the dates the migration carried over from the code, which no account added.
  addedBy: text("added_by").references(() => users.id),
  addedAt: text("added_at").notNull(),
});
