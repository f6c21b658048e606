import { eq } from "drizzle-orm";
import { passwordResetTokens, users } from "../db/schema";
import type { Db } from "../platform/context";
import { isoIn } from "../platform/time";
import { consumeLink, expireLinks, linkWorks, madeBefore, storeLimitedLink, withdrawLink } from "./single-use-links";

/** The password reset links' rows (`password_reset_tokens`), made and used as every single-use link is (single-use-links.ts). */

/** How long a reset link works. */
export const RESET_LINK_TTL_SECONDS = 30 * 60;

/** Reset mails one account is sent per hour at most, whoever asks. */
export const RESET_MAILS_PER_HOUR = 3;

/**
 * Stores a new link for `userId` unless the account was sent `RESET_MAILS_PER_HOUR` in the last
 * hour; true when stored. Every link sent counts, used or not, as the rows are kept (a newer link
 * ends an older one by expiring it, never by deleting it).
 */
export function storeResetLink(d1: D1Database, id: string, userId: string, now: Date): Promise<boolean> {
  return storeLimitedLink(
    d1,
    passwordResetTokens,
    { id, userId },
    { ttlSeconds: RESET_LINK_TTL_SECONDS, perHour: RESET_MAILS_PER_HOUR },
    now,
  );
}

/**
 * A link handed at once to whoever just proved the account's mailbox another way (a "secure your
 * account" link, account-recovery.ts), as an insert for the batch that proves it. It is not mailed,
 * so it is not held to the hourly limit: someone who spent the account's reset mails must not keep
 * its owner from a new password. It still counts against the limit, as a row.
 */
export function resetLinkRow(db: Db, id: string, userId: string, now: string) {
  return db.insert(passwordResetTokens).values({ id, userId, createdAt: now, expiresAt: isoIn(RESET_LINK_TTL_SECONDS, new Date(now)) });
}

/** Removes a link whose mail was never sent, so it neither works nor counts against the account's hourly mails. */
export function withdrawResetLink(db: Db, id: string): Promise<void> {
  return withdrawLink(db, passwordResetTokens, id);
}

/**
 * Ends the account's links sent before `before` that still work: once a newer link is in the
 * shopper's mailbox, only it opens the account.
 */
export function expireEarlierResetLinks(db: Db, userId: string, before: string, now: string) {
  return expireLinks(db, passwordResetTokens, userId, now, madeBefore(passwordResetTokens, before));
}

/** Ends every link of the account that still works (its password was just reset). */
export function expireLiveResetLinks(db: Db, userId: string, now: string) {
  return expireLinks(db, passwordResetTokens, userId, now);
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
    .where(linkWorks(passwordResetTokens, id, now))
    .limit(1);
  return row ?? null;
}

/** Uses up the link `id` if it works, answering its account; null when it is unknown, used or expired. */
export async function consumeResetLink(db: Db, id: string, now: string): Promise<string | null> {
  const [row] = await consumeLink(db, passwordResetTokens, id, now, { userId: passwordResetTokens.userId });
  return row?.userId ?? null;
}
