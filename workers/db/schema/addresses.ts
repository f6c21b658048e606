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

/**
 * Delivery addresses a shopper added in their account ahead of an order (moving house, a gift to
 * send on sale day), as checkout's address schema parsed them. They join the addresses read from
 * orders as uses at `added_at`, so the list's order, its 5 and removals treat both alike. Keyed by
 * the address's keyed id, so adding the same address again, however spelled, moves its time and
 * keeps one row; the number of rows per shopper is capped where they are added.
 */
export const addedAddresses = sqliteTable(
  "added_addresses",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    addressId: text("address_id").notNull(),
    /** The address as JSON, as orders keep theirs, so both are read by the same code. */
    address: text("address").notNull(),
    addedAt: text("added_at").notNull(),
  },
  // One range of the key per shopper, read in the same batch as their orders and removals.
  (t) => [primaryKey({ columns: [t.userId, t.addressId] })],
);
