import { primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "./accounts";

/**
 * Saved delivery addresses a shopper removed. Saved addresses are read from orders, which keep
 * their addresses as the record of where goods went, so removing one records that it is no longer
 * offered instead of changing an order. `address_id` is the address's keyed id (see
 * `workers/orders/saved-addresses.ts`); an address used again after `forgotten_at` is offered again.
 */
export const forgottenAddresses = sqliteTable(
  "forgotten_addresses",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    addressId: text("address_id").notNull(),
    forgottenAt: text("forgotten_at").notNull(),
  },
  // The shopper's forgotten ids are one range of the key, read beside their latest orders.
  (t) => [primaryKey({ columns: [t.userId, t.addressId] })],
);
