import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/**
 * Transactional outbox: written in the same D1 batch as the change it describes, relayed to a
 * Queue afterwards (and by cron if that send failed), so an acknowledged change is never lost.
 */
export const outbox = sqliteTable(
  "outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    topic: text("topic", { enum: ["catalog", "order", "journal"] }).notNull(),
    payload: text("payload").notNull(),
    createdAt: text("created_at").notNull(),
    sentAt: text("sent_at"),
    attempts: integer("attempts").notNull().default(0),
    // Set on a row that a retried step may write again (a wishlist alert's next batch, a page of a
    // seller's change): the second write is ignored, so the step hands on once however often it
    // runs. Kept while the row is (a day after it is sent, see pruneOutbox).
    dedupeKey: text("dedupe_key"),
    // Until when one relay has the row to send (see relayOutbox): concurrent relays take disjoint rows.
    claimedUntil: text("claimed_until"),
  },
  (t) => [
    index("outbox_pending_idx").on(t.sentAt, t.id),
    uniqueIndex("outbox_dedupe_key_uq").on(t.dedupeKey),
    // The relay reads each topic's pending rows on their own, so one stuck queue holds back only its topic.
    index("outbox_topic_pending_idx").on(t.topic, t.sentAt, t.id),
  ],
);

/** Message ids a queue consumer has applied, so redelivery is a no-op. */
export const processedMessages = sqliteTable(
  "processed_messages",
  {
    consumer: text("consumer").notNull(),
    messageId: text("message_id").notNull(),
    processedAt: text("processed_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.consumer, t.messageId] })],
);

/** "People also bought" counts, fed by order events. */
export const coPurchases = sqliteTable(
  "co_purchases",
  {
    productId: text("product_id").notNull(),
    otherProductId: text("other_product_id").notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.productId, t.otherProductId] }), index("co_purchases_count_idx").on(t.productId, t.count)],
);

/** Daily sales totals per category, fed by order events. */
export const salesDaily = sqliteTable(
  "sales_daily",
  {
    day: text("day").notNull(),
    categoryId: text("category_id").notNull(),
    orders: integer("orders").notNull().default(0),
    units: integer("units").notNull().default(0),
    revenue: integer("revenue").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.categoryId] })],
);

/**
 * Messages a queue gave up on after its retries, kept from its dead-letter queue (which would
 * drop them after a few days), and messages a consumer could not read, kept on first delivery,
 * until ops replay them onto their queue once the cause is fixed.
 */
export const deadLetters = sqliteTable(
  "dead_letters",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** The queue the message was meant for (its dead-letter queue's name without `-dlq`). */
    queue: text("queue").notNull(),
    messageId: text("message_id").notNull(),
    body: text("body").notNull(),
    receivedAt: text("received_at").notNull(),
    /** Why it was kept; rows from before reasons were recorded all came from a dead-letter queue. */
    reason: text("reason").notNull().default("retries exhausted"),
  },
  (t) => [uniqueIndex("dead_letters_message_uq").on(t.queue, t.messageId), index("dead_letters_queue_idx").on(t.queue, t.id)],
);
