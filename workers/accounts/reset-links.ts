import { type SQL, and, eq, gt, isNull, lt } from "drizzle-orm";
import { passwordResetTokens, users } from "../db/schema";
import type { Db } from "../platform/context";
import { base64url, sha256Hex } from "../platform/ids";
import { isoIn } from "../platform/time";

/**
 * The password reset links' rows (`password_reset_tokens`). A link's token is 32 random bytes;
 * only its SHA-256 is stored, so neither a leaked table nor anyone reading D1 can reset a password.
 */

/** How long a reset link works. */
export const RESET_LINK_TTL_SECONDS = 30 * 60;

/** Reset mails one account is sent per hour at most, whoever asks. */
export const RESET_MAILS_PER_HOUR = 3;

/** A new link's secret, for the mail, and the id its row is stored under. */
export async function newResetToken(): Promise<{ token: string; id: string }> {
  const token = base64url(crypto.getRandomValues(new Uint8Array(32)));
  return { token, id: await sha256Hex(token) };
}

/** The id a presented token's row has, if it has one. */
export const resetTokenId = (token: string): Promise<string> => sha256Hex(token);

/**
 * Stores a new link for `userId` unless the account was sent `RESET_MAILS_PER_HOUR` in the last
 * hour; true when stored. The count and the insert are one statement, so requests racing for one
 * account cannot each see room and together pass the limit. Every link sent counts, used or not,
 * as the rows are kept (a newer link ends an older one by expiring it, never by deleting it).
 */
export async function storeResetLink(d1: D1Database, id: string, userId: string, now: Date): Promise<boolean> {
  const res = await d1
    .prepare(
      `INSERT INTO password_reset_tokens (id, user_id, created_at, expires_at)
       SELECT ?1, ?2, ?3, ?4
       WHERE (SELECT COUNT(*) FROM password_reset_tokens WHERE user_id = ?2 AND created_at > ?5) < ?6`,
    )
    .bind(id, userId, now.toISOString(), isoIn(RESET_LINK_TTL_SECONDS, now), isoIn(-3600, now), RESET_MAILS_PER_HOUR)
    .run();
  return res.meta.changes === 1;
}

/** Removes a link whose mail was never sent, so it neither works nor counts against the account's hourly mails. */
export async function withdrawResetLink(db: Db, id: string): Promise<void> {
  await db.delete(passwordResetTokens).where(eq(passwordResetTokens.id, id));
}

/**
 * Ends the account's links sent before `before` that still work: once a newer link is in the
 * shopper's mailbox, only it opens the account. They expire now rather than vanish, so they still
 * count against the hourly limit.
 */
export function expireEarlierResetLinks(db: Db, userId: string, before: string, now: string) {
  return expireLinks(db, userId, now, lt(passwordResetTokens.createdAt, before));
}

/** Ends every link of the account that still works (its password was just reset). */
export function expireLiveResetLinks(db: Db, userId: string, now: string) {
  return expireLinks(db, userId, now);
}

function expireLinks(db: Db, userId: string, now: string, also?: SQL) {
  return db
    .update(passwordResetTokens)
    .set({ expiresAt: now })
    .where(and(eq(passwordResetTokens.userId, userId), also, isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, now)));
}

/**
 * When the link `id` stops working and the email of the account it resets, if it works now; null
 * when it is unknown, used or expired. Reads only: the reset page asks on arrival, so a dead link
 * is said to be dead before the shopper types a new password twice, and the link is used up only
 * by `consumeResetLink`.
 */
export async function liveResetLink(db: Db, id: string, now: string): Promise<{ expiresAt: string; email: string } | null> {
  const [row] = await db
    .select({ expiresAt: passwordResetTokens.expiresAt, email: users.email })
    .from(passwordResetTokens)
    .innerJoin(users, eq(users.id, passwordResetTokens.userId))
    .where(and(eq(passwordResetTokens.id, id), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, now)))
    .limit(1);
  return row ?? null;
}

/**
 * Uses up the link `id` if it is unused and unexpired, answering its account; null when it is
 * unknown, used or expired. One conditional UPDATE decides, so a link opened twice at once
 * works for one of them only.
 */
export async function consumeResetLink(db: Db, id: string, now: string): Promise<string | null> {
  const [row] = await db
    .update(passwordResetTokens)
    .set({ usedAt: now })
    .where(and(eq(passwordResetTokens.id, id), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, now)))
    .returning({ userId: passwordResetTokens.userId });
  return row?.userId ?? null;
}
