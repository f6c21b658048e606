/**
 * Which of a user's messages are new to them: the ones newer than the newest the Updates page
 * showed when they last opened it. The inbox is ordered by time, so "newer than what you saw at
 * the top" is exactly what the page would show above where they left off.
 */

/** Past this many, a count says "at least": the badge shows 99+ and nobody needs the rest counted. */
export const UNREAD_COUNTED = 99;

/** How many messages wait unread, at most `UNREAD_COUNTED`, whether there are more, and the seen mark they are counted from. */
export interface UnreadCount {
  unread: number;
  more: boolean;
  /** The newest message time the Updates page last showed the user, or null before they first opened it. */
  seen_up_to: string | null;
}

/**
 * Counts the unread messages from the user's slice of the (user, channel, created_at) index,
 * reading one row past the cap at most, so a shopper with years of messages costs no more than
 * one with a hundred. The email channel's rows are the inbox (one per event, see inbox.ts).
 */
export async function unreadCount(db: D1Database, userId: string): Promise<UnreadCount> {
  // The mark and the count come from one statement, so a client comparing messages with the
  // mark agrees with the count beside it.
  const row = await db
    .prepare(
      `WITH seen AS (SELECT (SELECT updates_seen_at FROM users WHERE id = ?1) AS at)
       SELECT (SELECT at FROM seen) AS seen_up_to,
              (SELECT COUNT(*) FROM (
                 SELECT 1 FROM notifications
                 WHERE user_id = ?1 AND channel = 'email' AND created_at > COALESCE((SELECT at FROM seen), '')
                 LIMIT ?2)) AS n`,
    )
    .bind(userId, UNREAD_COUNTED + 1)
    .first<{ seen_up_to: string | null; n: number }>();
  const n = row?.n ?? 0;
  return { unread: Math.min(n, UNREAD_COUNTED), more: n > UNREAD_COUNTED, seen_up_to: row?.seen_up_to ?? null };
}

/**
 * Records that the user has seen their messages up to `upTo` (the newest one the page showed).
 * Only ever forward: a tab left open on an older page, reporting late, un-reads nothing.
 */
export async function markSeen(db: D1Database, userId: string, upTo: string): Promise<void> {
  await db
    .prepare("UPDATE users SET updates_seen_at = ?2 WHERE id = ?1 AND (updates_seen_at IS NULL OR updates_seen_at < ?2)")
    .bind(userId, upTo)
    .run();
}
