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
