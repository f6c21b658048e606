import { rebuildSuggestions } from "./suggestions";
import { refreshVocabulary } from "./vocabulary";

/** Minutes between refreshes of the corrector's word list and the suggestion index. */
export const MAINTENANCE_EVERY_MINUTES = 10;

/**
 * The search housekeeping the minute cron calls: every ten minutes (or at once after a fresh
 * import left them empty) it refreshes the spelling vocabulary and rebuilds the suggestions.
 * Both scan the whole index, and D1 runs one query at a time, so they do not run every minute.
 */
export async function maintainSearch(db: D1Database, at: Date): Promise<boolean> {
  const empty = await db
    .prepare("SELECT NOT EXISTS (SELECT 1 FROM search_vocabulary) OR NOT EXISTS (SELECT 1 FROM search_suggestions) AS empty")
    .first<{ empty: number }>();
  if (at.getUTCMinutes() % MAINTENANCE_EVERY_MINUTES !== 0 && !empty?.empty) return false;
  await refreshVocabulary(db);
  await rebuildSuggestions(db);
  return true;
}
