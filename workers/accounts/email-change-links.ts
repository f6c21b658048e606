import { eq } from "drizzle-orm";
import { emailChangeTokens, users } from "../db/schema";
import type { Db } from "../platform/context";
import { consumeLink, expireLinks, linkWorks, madeBefore, storeLimitedLink, withdrawLink } from "./single-use-links";

/** The email change links' rows (`email_change_tokens`), made and used as every single-use link is (single-use-links.ts). */

/** How long an email change link works. */
export const EMAIL_CHANGE_LINK_TTL_SECONDS = 60 * 60;

/** Email changes one account may ask for per hour, mailed or not. */
export const EMAIL_CHANGES_PER_HOUR = 3;

/**
 * Stores a new link for `userId` to change its email to `newEmail`, unless the account asked
 * `EMAIL_CHANGES_PER_HOUR` times in the last hour; true when stored.
 */
export function storeEmailChangeLink(
  d1: D1Database,
  link: { id: string; userId: string; newEmail: string; sessionId: string },
  now: Date,
): Promise<boolean> {
  return storeLimitedLink(
    d1,
    emailChangeTokens,
    {
      id: link.id,
      userId: link.userId,
      own: [
        [emailChangeTokens.newEmail, link.newEmail],
        [emailChangeTokens.sessionId, link.sessionId],
      ],
    },
    { ttlSeconds: EMAIL_CHANGE_LINK_TTL_SECONDS, perHour: EMAIL_CHANGES_PER_HOUR },
    now,
  );
}

/** Removes a link whose mail was never sent, so it neither works nor counts against the account's hourly requests. */
export function withdrawEmailChangeLink(db: Db, id: string): Promise<void> {
  return withdrawLink(db, emailChangeTokens, id);
}

/** Ends the account's links asked for before `before` that still work: only the newest request stands. */
export function expireEarlierEmailChangeLinks(db: Db, userId: string, before: string, now: string) {
  return expireLinks(db, emailChangeTokens, userId, now, madeBefore(emailChangeTokens, before));
}

/** Ends every link of the account that still works (its email, or its password, just changed). */
export function expireLiveEmailChangeLinks(db: Db, userId: string, now: string) {
  return expireLinks(db, emailChangeTokens, userId, now);
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
    .where(linkWorks(emailChangeTokens, id, now))
    .limit(1);
  return row ?? null;
}

/** Uses up the link `id` if it works, answering what it changes; null when it is unknown, used or expired. */
export async function consumeEmailChangeLink(
  db: Db,
  id: string,
  now: string,
): Promise<{ userId: string; newEmail: string; sessionId: string | null } | null> {
  const [row] = await consumeLink(db, emailChangeTokens, id, now, {
    userId: emailChangeTokens.userId,
    newEmail: emailChangeTokens.newEmail,
    sessionId: emailChangeTokens.sessionId,
  });
  return row ?? null;
}
