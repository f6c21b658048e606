/**
 * Order counters (daily sales, trending, "people also bought") are taken when an order is
 * confirmed and given back when it is cancelled or refunded after that. Each counter's consumer
 * marks the order counted with a processed-message row named after the consumer; the reversal
 * adds a second row, so each direction applies once however often its event is delivered.
 */

/** Statuses that undo a sale: an order cancelled or refunded after it was confirmed was not sold. */
export const UNSOLD: ReadonlySet<string> = new Set(["cancelled", "refunded"]);

const reversedId = (orderId: string) => `${orderId}:reversed`;

/** When `consumer` counted the order (its processed-message time), or null if it never did. */
export async function countedAt(db: D1Database, consumer: string, orderId: string): Promise<string | null> {
  const row = await db
    .prepare("SELECT processed_at AS at FROM processed_messages WHERE consumer = ?1 AND message_id = ?2")
    .bind(consumer, orderId)
    .first<{ at: string }>();
  return row?.at ?? null;
}

/** Whether `consumer` has already taken the order back (or settled it before it was counted). */
export async function wasReversed(db: D1Database, consumer: string, orderId: string): Promise<boolean> {
  return (await countedAt(db, consumer, reversedId(orderId))) !== null;
}

/** The statement that marks the order counted; a plain INSERT, so a replay fails its whole batch (`batchOnce`). */
export function countedMarker(db: D1Database, consumer: string, orderId: string, at: string): D1PreparedStatement {
  return db.prepare("INSERT INTO processed_messages (consumer, message_id, processed_at) VALUES (?1, ?2, ?3)").bind(consumer, orderId, at);
}

/** The statement that marks the order taken back, under the same rule. */
export function reversalMarker(db: D1Database, consumer: string, orderId: string, at: string): D1PreparedStatement {
  return countedMarker(db, consumer, reversedId(orderId), at);
}
