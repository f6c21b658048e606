import { flushSearchLog } from "./query-log";
import { rebuildSuggestions } from "./suggestions";
import { prunePopularQueries, refreshVocabulary } from "./vocabulary";

/** Minutes between refreshes of the corrector's word list and the suggestion index. */
export const MAINTENANCE_EVERY_MINUTES = 10;

/**
 * The search housekeeping the minute cron calls. Every minute it writes the searches this
 * isolate counted; every ten minutes (or at once after a fresh import left them empty) it
 * refreshes the spelling vocabulary, trims the popular queries and rebuilds the suggestions, so
 * what shoppers search for becomes a suggestion within minutes. The rebuild scans the whole
 * index, and D1 runs one query at a time, so it does not run every minute.
 */
export async function maintainSearch(db: D1Database, at: Date): Promise<boolean> {
  await flushSearchLog(db);
  const empty = await db
    .prepare("SELECT NOT EXISTS (SELECT 1 FROM search_vocabulary) OR NOT EXISTS (SELECT 1 FROM search_suggestions) AS empty")
    .first<{ empty: number }>();
  if (at.getUTCMinutes() % MAINTENANCE_EVERY_MINUTES !== 0 && !empty?.empty) return false;
  await refreshVocabulary(db);
  await prunePopularQueries(db);
  await rebuildSuggestions(db);
  return true;
}
