import { STORE_ANSWER_COLUMNS, STORE_ANSWER_FROM, type StoreAnswerRow, toStoreAnswer } from "./moderation-lists";
import type { StoreAnswer } from "./moderation-schemas";

/**
 * One seller's answer as anyone may read it, with its question and product: only while it and its
 * question are shown, as on the product's pages. Null otherwise. For a page about that one answer.
 */
export async function readShownAnswer(d1: D1Database, answerId: string): Promise<StoreAnswer | null> {
  const row = await d1
    .prepare(`SELECT ${STORE_ANSWER_COLUMNS} ${STORE_ANSWER_FROM} WHERE a.id = ?1 AND a.status = 'visible'`)
    .bind(answerId)
    .first<StoreAnswerRow>();
  return row ? toStoreAnswer(row) : null;
}
