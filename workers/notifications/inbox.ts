import type { z } from "@hono/zod-openapi";
import { encodeKeyset } from "../platform/keyset-cursor";
import { INBOX_PAGE, type InboxItemSchema, type InboxPosition } from "./schemas";

type InboxItem = z.infer<typeof InboxItemSchema>;

/**
 * A page of the messages a shopper was sent, newest first, paged by keyset on (created_at, id).
 * Every message goes out on each channel with the same text, so the email channel's rows are the
 * inbox: one per event. One read of the (user, channel, created_at, id) index. Each message says
 * whether it is newer than the user's seen mark (unread.ts), read in the same statement, so the
 * marks always agree with the list they come with.
 */
export async function listInbox(
  db: D1Database,
  userId: string,
  position?: InboxPosition,
): Promise<{ items: InboxItem[]; next_cursor: string | null }> {
  // Two statements rather than an OR, so a later page seeks straight to its place in the index.
  const after = position ? "AND (created_at, id) < (?3, ?4)" : "";
  const { results } = await db
    .prepare(
      `SELECT id, kind, subject, body, link, created_at,
              created_at > COALESCE((SELECT updates_seen_at FROM users WHERE id = ?1), '') AS unread
       FROM notifications
       WHERE user_id = ?1 AND channel = 'email' ${after}
       ORDER BY created_at DESC, id DESC LIMIT ?2`,
    )
    .bind(userId, INBOX_PAGE + 1, ...(position ? [position.at, position.id] : []))
    .all<{ id: number; kind: string; subject: string; body: string; link: string | null; created_at: string; unread: number }>();
  const items = results.slice(0, INBOX_PAGE).map((r) => ({ ...r, id: String(r.id), unread: r.unread === 1 }));
  const last = items.at(-1);
  return { items, next_cursor: results.length > INBOX_PAGE && last ? encodeKeyset([last.created_at, last.id]) : null };
}
