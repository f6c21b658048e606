import { type SQL, and, eq, gt, isNull, lt } from "drizzle-orm";
import { emailChangeTokens, users } from "../db/schema";
import type { Db } from "../platform/context";
import { isoIn } from "../platform/time";

/**
 * The email change links' rows (`email_change_tokens`). Tokens are made and hashed as reset links'
 * are (`newResetToken`, `resetTokenId`): 32 random bytes in the mail, only their SHA-256 in D1.
 */

/** How long an email change link works. */
export const EMAIL_CHANGE_LINK_TTL_SECONDS = 60 * 60;

/** Email changes one account may ask for per hour, mailed or not. */
export const EMAIL_CHANGES_PER_HOUR = 3;

/**
 * Stores a new link for `userId` to change its email to `newEmail`, unless the account asked
 * `EMAIL_CHANGES_PER_HOUR` times in the last hour; true when stored. The count and the insert are
 * one statement, so racing requests cannot each see room and together pass the limit.
 */
export async function storeEmailChangeLink(
  d1: D1Database,
  link: { id: string; userId: string; newEmail: string; sessionId: string },
  now: Date,
): Promise<boolean> {
  const res = await d1
    .prepare(
      `INSERT INTO email_change_tokens (id, user_id, new_email, session_id, created_at, expires_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6
       WHERE (SELECT COUNT(*) FROM email_change_tokens WHERE user_id = ?2 AND created_at > ?7) < ?8`,
    )
    .bind(
      link.id,
      link.userId,
      link.newEmail,
      link.sessionId,
      now.toISOString(),
      isoIn(EMAIL_CHANGE_LINK_TTL_SECONDS, now),
      isoIn(-3600, now),
      EMAIL_CHANGES_PER_HOUR,
    )
    .run();
  return res.meta.changes === 1;
}

/** Removes a link whose mail was never sent, so it neither works nor counts against the account's hourly requests. */
export async function withdrawEmailChangeLink(db: Db, id: string): Promise<void> {
  await db.delete(emailChangeTokens).where(eq(emailChangeTokens.id, id));
}

/** Ends the account's links asked for before `before` that still work: only the newest request stands. */
export function expireEarlierEmailChangeLinks(db: Db, userId: string, before: string, now: string) {
  return expireLinks(db, userId, now, lt(emailChangeTokens.createdAt, before));
}

/** Ends every link of the account that still works (its email, or its password, just changed). */
export function expireLiveEmailChangeLinks(db: Db, userId: string, now: string) {
  return expireLinks(db, userId, now);
}

function expireLinks(db: Db, userId: string, now: string, also?: SQL) {
  return db
    .update(emailChangeTokens)
    .set({ expiresAt: now })
    .where(and(eq(emailChangeTokens.userId, userId), also, isNull(emailChangeTokens.usedAt), gt(emailChangeTokens.expiresAt, now)));
}

/** A working link: the account's address now, the one it would change to, and until when. */
export interface LiveEmailChangeLink {
  email: string;
  newEmail: string;
  expiresAt: string;
}

/** The link `id` if it works now; null when it is unknown, used or expired. Reads only. */
export async function liveEmailChangeLink(db: Db, id: string, now: string): Promise<LiveEmailChangeLink | null> {
  const [row] = await db
    .select({ email: users.email, newEmail: emailChangeTokens.newEmail, expiresAt: emailChangeTokens.expiresAt })
    .from(emailChangeTokens)
    .innerJoin(users, eq(users.id, emailChangeTokens.userId))
    .where(and(eq(emailChangeTokens.id, id), isNull(emailChangeTokens.usedAt), gt(emailChangeTokens.expiresAt, now)))
    .limit(1);
  return row ?? null;
}

/**
 * Uses up the link `id` if it is unused and unexpired, answering what it changes; null when it is
 * unknown, used or expired. One conditional UPDATE decides, so a link opened twice at once works
 * for one of them only.
 */
export async function consumeEmailChangeLink(
  db: Db,
  id: string,
  now: string,
): Promise<{ userId: string; newEmail: string; sessionId: string | null } | null> {
  const [row] = await db
    .update(emailChangeTokens)
    .set({ usedAt: now })
    .where(and(eq(emailChangeTokens.id, id), isNull(emailChangeTokens.usedAt), gt(emailChangeTokens.expiresAt, now)))
    .returning({ userId: emailChangeTokens.userId, newEmail: emailChangeTokens.newEmail, sessionId: emailChangeTokens.sessionId });
  return row ?? null;
}
