import { processedMessages } from "../db/schema";
import type { Db } from "./context";
import { nowIso } from "./time";

/**
 * Claims a message for a consumer; false when that consumer already applied it.
 * Queue delivery is at least once, so every consumer goes through this (or an equivalent
 * UNIQUE constraint in the same batch as its effect).
 */
export function markProcessed(db: Db, consumer: string, messageId: string) {
  return db.insert(processedMessages).values({ consumer, messageId, processedAt: nowIso() }).onConflictDoNothing();
}

/**
 * Runs a batch whose first statement is a plain INSERT of its processed-message row, so the
 * batch applies once: true when it did, false when that row already existed (a redelivery, or a
 * concurrent delivery that won and applied the batch itself). Any other failure is thrown.
 */
export async function batchOnce(d1: D1Database, statements: D1PreparedStatement[]): Promise<boolean> {
  try {
    await d1.batch(statements);
    return true;
  } catch (err) {
    if (String(err).includes("UNIQUE constraint failed: processed_messages")) return false;
    throw err;
  }
}
