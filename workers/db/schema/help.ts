import { sql } from "drizzle-orm";
import { index, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./accounts";
import { orders } from "./orders";

/**
 * A shopper's request for help with one of their orders (where it is, a payment, anything else),
 * answered by ops. `open` until answered; the answer, who gave it and when are kept on the row,
 * so the shopper's order page and the ops console read the same record. While open, one ops member
 * may take it, so that a team working the queue after a sale day does not look into it twice.
 */
export const helpRequests = sqliteTable(
  "help_requests",
  {
    id: text("id").primaryKey(),
    orderId: text("order_id")
      .notNull()
      .references(() => orders.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    /** One of `HELP_TOPICS`. */
    topic: text("topic").notNull(),
    message: text("message").notNull(),
    /** `open` or `answered`. */
    status: text("status").notNull().default("open"),
    createdAt: text("created_at").notNull(),
    answer: text("answer"),
    answeredBy: text("answered_by").references(() => users.id),
    answeredAt: text("answered_at"),
    /** The ops member who took it to answer, so colleagues working the queue leave it to them. */
    takenBy: text("taken_by").references(() => users.id),
    takenAt: text("taken_at"),
  },
  (t) => [
    // One open request per order: a second tap, or asking again before an answer, finds the first.
    uniqueIndex("help_requests_open_uq").on(t.orderId).where(sql`${t.status} = 'open'`),
    // An order's requests, newest first, for its page.
    index("help_requests_order_idx").on(t.orderId, t.createdAt),
    // The ops queue: open requests oldest first, answered ones newest first, paged by keyset.
    index("help_requests_status_idx").on(t.status, t.createdAt, t.id),
    // The open requests one ops member took, or no one has, oldest first.
    index("help_requests_taken_idx").on(t.status, t.takenBy, t.createdAt, t.id),
  ],
);

/**
 * What a shopper added to their request while it waited for an answer (the parcel came after
 * all, or came damaged): kept apart from the question so that ops read what was asked first and
 * what came later, each with its time.
 */
export const helpAdditions = sqliteTable(
  "help_additions",
  {
    id: text("id").primaryKey(),
    requestId: text("request_id")
      .notNull()
      .references(() => helpRequests.id, { onDelete: "cascade" }),
    message: text("message").notNull(),
    createdAt: text("created_at").notNull(),
  },
  // A request's additions in the order they were made.
  (t) => [index("help_additions_request_idx").on(t.requestId, t.createdAt)],
);
