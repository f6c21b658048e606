import { and, eq, isNull } from "drizzle-orm";
import { sessions, users } from "../db/schema";
import type { Db } from "../platform/context";
import { AppError } from "../platform/errors";
import { nowIso } from "../platform/time";
import { type LiveRecoveryLink, consumeRecoveryLink, expireLaterRecoveryLinks, liveRecoveryLink } from "./account-recovery-links";
import { expireLiveEmailChangeLinks } from "./email-change-links";
import { erasedEmail } from "./erased-account";
import { RESET_LINK_TTL_SECONDS, expireLiveResetLinks, resetLinkRow } from "./reset-links";
import { linkTokenId, newLinkToken } from "./single-use-links";

export const RECOVERY_LINK_REFUSED =
  "This link to secure your account has expired or was already used, or the account was deleted. " +
  "If you still cannot sign in, contact Bazaar Edge support.";

/** The link, if it works, for the page to show what it gives back before anything is done; a dead link is refused. */
export async function checkRecoveryLink(db: Db, token: string): Promise<LiveRecoveryLink> {
  const link = await liveRecoveryLink(db, await linkTokenId(token), nowIso());
  if (!link) throw new AppError("account_recovery_link_invalid", RECOVERY_LINK_REFUSED);
  return link;
}

/** What taking an account back answers: the address it signs in with again, and a reset link's token to choose a new password. */
export interface Recovered {
  email: string;
  resetToken: string;
  resetExpiresAt: string;
}

/**
 * Takes an account back through the "secure your account" link mailed to the address an email
 * change moved it from. Whoever opens that link proves the old mailbox; whoever moved the account
 * knew its password. So the link is used up by one conditional UPDATE, which alone decides; then, in
 * one batch, the old address is the account's again, every session ends (the mover's among them),
 * every reset and email change link still working ends, and so do "secure your account" links made
 * after this one (to addresses the mover chose; see `expireLaterRecoveryLinks`). The same batch
 * stores a fresh reset link whose token is answered, not mailed: the password the mover knows must
 * be replaced, and the opener already proved the mailbox a reset mail would go to.
 *
 * A deleted account has no links left (account-deletion.ts); one erased in any other way is refused
 * all the same. Should another account have registered the old address since, the UNIQUE constraint
 * on the email fails the batch, so nothing of it happens, and the refusal says so.
 */
export async function recoverAccount(db: Db, token: string): Promise<Recovered> {
  const now = nowIso();
  const link = await consumeRecoveryLink(db, await linkTokenId(token), now);
  if (!link) throw new AppError("account_recovery_link_invalid", RECOVERY_LINK_REFUSED);
  const [account] = await db.select({ email: users.email }).from(users).where(eq(users.id, link.userId)).limit(1);
  if (!account || account.email === erasedEmail(link.userId)) throw new AppError("account_recovery_link_invalid", RECOVERY_LINK_REFUSED);
  const reset = await newLinkToken();
  try {
    await db.batch([
      db.update(users).set({ email: link.oldEmail }).where(eq(users.id, link.userId)),
      db
        .update(sessions)
        .set({ revokedAt: now })
        .where(and(eq(sessions.userId, link.userId), isNull(sessions.revokedAt))),
      expireLiveResetLinks(db, link.userId, now),
      expireLiveEmailChangeLinks(db, link.userId, now),
      expireLaterRecoveryLinks(db, link.userId, link.createdAt, now),
      resetLinkRow(db, reset.id, link.userId, now),
    ]);
  } catch (err) {
    if (!String(err).includes("UNIQUE")) throw err;
    throw new AppError(
      "conflict",
      `${link.oldEmail} now belongs to another account, so your account could not be moved back to it. Contact Bazaar Edge support.`,
    );
  }
  return {
    email: link.oldEmail,
    resetToken: reset.token,
    resetExpiresAt: new Date(Date.parse(now) + RESET_LINK_TTL_SECONDS * 1000).toISOString(),
  };
}
