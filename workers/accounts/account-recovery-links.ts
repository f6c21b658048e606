import { eq, gt } from "drizzle-orm";
import { accountRecoveryTokens, users } from "../db/schema";
import type { Db } from "../platform/context";
import { derivedSecret, hmacSign } from "../platform/hmac";
import { isoIn } from "../platform/time";
import { consumeLink, expireLinks, linkWorks, linkTokenId } from "./single-use-links";

/**
 * The "secure your account" links' rows (`account_recovery_tokens`), one per email change, for the
 * address the account moved from. Used once, as every single-use link is (single-use-links.ts).
 */

/** How long a link works: a week, as the owner may read the old mailbox only days later. */
export const RECOVERY_LINK_TTL_SECONDS = 7 * 24 * 60 * 60;

const KEY_LABEL = "account-recovery-link";

/**
 * The token of the link in the notice recorded as `eventId`. The notice is sent by the durable
 * mail path, perhaps by the minute cron, so the token cannot wait in memory for it, and stored
 * beside the notice it would sit in D1 in the clear, on the Updates row the new address reads too.
 * So it is derived, with a key of its own from SESSION_SECRET, from the notice's event id (which
 * holds a random UUID): the row stores its SHA-256 as any link's, and only a holder of the secret
 * can make it. Rotating SESSION_SECRET ends the links already mailed.
 */
export async function recoveryToken(secret: string, eventId: string): Promise<string> {
  return hmacSign(await derivedSecret(secret, KEY_LABEL), JSON.stringify(["account-recovery", eventId]));
}

/** The id the link of the notice `eventId` is stored under. */
export async function recoveryLinkId(secret: string, eventId: string): Promise<string> {
  return linkTokenId(await recoveryToken(secret, eventId));
}

/** The link `id` (`recoveryLinkId`), as an insert for the batch that changes the email. */
export function recoveryLinkRow(db: Db, link: { id: string; userId: string; oldEmail: string }, now: string) {
  return db.insert(accountRecoveryTokens).values({
    id: link.id,
    userId: link.userId,
    oldEmail: link.oldEmail,
    createdAt: now,
    expiresAt: isoIn(RECOVERY_LINK_TTL_SECONDS, new Date(now)),
  });
}

/**
 * Ends the account's links made after `after` that still work. Those went to addresses the account
 * was moved to later, perhaps by whoever took it; earlier ones, to addresses it had before, stay,
 * so that a later link used first cannot take the way back from the owner of an earlier address.
 */
export function expireLaterRecoveryLinks(db: Db, userId: string, after: string, now: string) {
  return expireLinks(db, accountRecoveryTokens, userId, now, gt(accountRecoveryTokens.createdAt, after));
}

/** A working link: the account's address now, the one the link gives back, and until when. */
export interface LiveRecoveryLink {
  email: string;
  oldEmail: string;
  expiresAt: string;
}

/** The link `id` if it works now; null when it is unknown, used or expired. Reads only. */
export async function liveRecoveryLink(db: Db, id: string, now: string): Promise<LiveRecoveryLink | null> {
  const [row] = await db
    .select({ email: users.email, oldEmail: accountRecoveryTokens.oldEmail, expiresAt: accountRecoveryTokens.expiresAt })
    .from(accountRecoveryTokens)
    .innerJoin(users, eq(users.id, accountRecoveryTokens.userId))
    .where(linkWorks(accountRecoveryTokens, id, now))
    .limit(1);
  return row ?? null;
}

/** Uses up the link `id` if it works, answering what it gives back; null when it is unknown, used or expired. */
export async function consumeRecoveryLink(
  db: Db,
  id: string,
  now: string,
): Promise<{ userId: string; oldEmail: string; createdAt: string } | null> {
  const [row] = await consumeLink(db, accountRecoveryTokens, id, now, {
    userId: accountRecoveryTokens.userId,
    oldEmail: accountRecoveryTokens.oldEmail,
    createdAt: accountRecoveryTokens.createdAt,
  });
  return row ?? null;
}
