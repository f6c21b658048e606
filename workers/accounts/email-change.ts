import type { Background } from "../platform/background";
import { and, eq, isNull, notInArray } from "drizzle-orm";
import { sessions, users } from "../db/schema";
import { mailRecordedSoon } from "../notifications/email-delivery";
import { readConfig } from "../platform/config";
import type { Db, Principal } from "../platform/context";
import { AppError } from "../platform/errors";
import { fieldsRefused } from "../platform/failed-fields";
import { nowIso } from "../platform/time";
import { normalizeEmail } from "./accounts";
import {
  EMAIL_CHANGES_PER_HOUR,
  type LiveEmailChangeLink,
  consumeEmailChangeLink,
  expireEarlierEmailChangeLinks,
  expireLiveEmailChangeLinks,
  liveEmailChangeLink,
  storeEmailChangeLink,
  withdrawEmailChangeLink,
} from "./email-change-links";
import { emailChangeMail } from "./email-change-mail";
import { emailChangedEventId, emailChangedNotice } from "./email-changed-notice";
import { recoveryLinkId, recoveryLinkRow } from "./account-recovery-links";
import { verifyPassword } from "./password";
import { countPasswordChangeAttempt } from "./password-change-budget";
import { expireLiveResetLinks } from "./reset-links";
import { linkTokenId, newLinkToken } from "./single-use-links";
import { noteSendingRequest, paceLikeASend } from "./send-pace";

/** What a request answers once the password is right, whether or not the address was free. */
export function emailChangeRequestedMessage(email: string, newEmail: string): string {
  return (
    `We sent a link to ${newEmail}; your sign-in address stays ${email} until you open it. It works for 1 hour. ` +
    "No mail within a few minutes? That address may already belong to another account."
  );
}

export const EMAIL_CHANGE_LINK_REFUSED =
  "This link to change your email has expired or was already used. Ask for a new one from your account page.";

/**
 * Asks to change the signed-in account's email to `newEmail`: once the current password is given
 * (counted against the same per-account budget as a password change), a single-use link is mailed
 * to the new address, and nothing else changes until it is opened.
 *
 * An address another account uses is answered exactly as a free one is, and in about the same
 * time (send-pace.ts), so this form cannot be used to learn which addresses have accounts; it is
 * simply sent no link. Nothing is mailed to that other account's owner either: they did nothing,
 * and a mail they did not ask for would only alarm them. The answer's words cover both cases.
 *
 * The link's row is stored, taken address or not, so every request counts against the hourly
 * limit alike (a limit reached only by free addresses would tell them apart); a row whose token
 * was never mailed opens nothing, as the token exists nowhere else. The row is stored before the
 * mail is sent and withdrawn if the send fails, as a reset link's is (see password-reset.ts).
 */
export async function requestEmailChange(env: Env, db: Db, user: Principal, input: { password: string; email: string }): Promise<string> {
  await countPasswordChangeAttempt(env, user.id);
  const [account] = await db.select().from(users).where(eq(users.id, user.id)).limit(1);
  if (!account) throw new AppError("unauthenticated", "Sign in again to change your email.");
  const stored = { hash: account.passwordHash, salt: account.passwordSalt, iterations: account.passwordIterations };
  if (!(await verifyPassword(input.password, stored)))
    throw fieldsRefused([{ path: "current_password", message: "is not your current password" }]);
  const newEmail = normalizeEmail(input.email);
  if (newEmail === account.email) throw fieldsRefused([{ path: "new_email", message: "is already your email" }]);

  const startedAt = Date.now();
  const { token, id } = await newLinkToken();
  const now = new Date();
  if (!(await storeEmailChangeLink(env.DB, { id, userId: account.id, newEmail, sessionId: user.sessionId }, now))) {
    throw new AppError("rate_limited", `You can ask to change your email ${EMAIL_CHANGES_PER_HOUR} times an hour. Try again later.`, {
      headers: { "retry-after": "3600" },
    });
  }
  const answer = emailChangeRequestedMessage(account.email, newEmail);
  const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.email, newEmail)).limit(1);
  if (taken) {
    await paceLikeASend(startedAt);
    return answer;
  }
  try {
    await env.EMAIL.send(emailChangeMail(readConfig(env), account, newEmail, token));
  } catch (err) {
    console.error(JSON.stringify({ level: "warn", message: "email change mail not sent", userId: account.id, error: String(err) }));
    await withdrawEmailChangeLink(db, id).catch((e) =>
      console.error(
        JSON.stringify({ level: "warn", message: "unsent email change link not withdrawn", userId: account.id, error: String(e) }),
      ),
    );
    throw new AppError("email_unavailable", "We could not send the email; try again in a minute.", { headers: { "retry-after": "60" } });
  }
  noteSendingRequest(Date.now() - startedAt);
  // Only the newest request stands: an address mistyped a minute ago must not be confirmable later.
  await expireEarlierEmailChangeLinks(db, account.id, now.toISOString(), nowIso());
  return answer;
}

/** The link, if it works, for the page to show what it changes before anything is done; a dead link is refused. */
export async function checkEmailChangeLink(db: Db, token: string): Promise<LiveEmailChangeLink> {
  const link = await liveEmailChangeLink(db, await linkTokenId(token), nowIso());
  if (!link) throw new AppError("email_change_link_invalid", EMAIL_CHANGE_LINK_REFUSED);
  return link;
}

/**
 * Makes the change a link asks for, and answers the account's new address. The link is used up by
 * one conditional UPDATE, which alone decides; then, in one batch, the email is changed, every
 * session ends but the one that asked (and the one confirming, when it is the account's), every
 * reset and email change link still working ends (each was mailed to, or names, an address that
 * no longer is the account's), and the notice to the old address is recorded with the "secure your
 * account" link its mail carries (account-recovery-links.ts). Whoever opened the
 * link proved the new mailbox; the password was proved when asking.
 *
 * Should another account have taken the address since the request, the UNIQUE constraint on the
 * email fails the batch, so nothing of it happens, and the refusal says so.
 */
export async function confirmEmailChange(
  db: Db,
  env: Env,
  ctx: Background,
  token: string,
  confirmingSession: string | null,
): Promise<{ email: string }> {
  const now = nowIso();
  const link = await consumeEmailChangeLink(db, await linkTokenId(token), now);
  if (!link) throw new AppError("email_change_link_invalid", EMAIL_CHANGE_LINK_REFUSED);
  const [account] = await db.select({ email: users.email }).from(users).where(eq(users.id, link.userId)).limit(1);
  if (!account) throw new AppError("email_change_link_invalid", EMAIL_CHANGE_LINK_REFUSED);
  const kept = [link.sessionId, confirmingSession].filter((s): s is string => s !== null);
  let done: Awaited<ReturnType<typeof changeBatch>>;
  try {
    done = await changeBatch(db, env, { userId: link.userId, oldEmail: account.email, newEmail: link.newEmail }, kept, now);
  } catch (err) {
    if (!String(err).includes("UNIQUE")) throw err;
    throw new AppError(
      "conflict",
      `${link.newEmail} now belongs to another account, so your email was not changed. You still sign in with ${account.email}.`,
    );
  }
  // Sent once the change is answered, the batch holding it; what fails then the minute cron's sweep sends.
  mailRecordedSoon(
    env,
    ctx,
    done[4].map((r) => r.id),
  );
  return { email: link.newEmail };
}

async function changeBatch(
  db: Db,
  env: Env,
  { userId, oldEmail, newEmail }: { userId: string; oldEmail: string; newEmail: string },
  kept: string[],
  now: string,
) {
  const others = kept.length ? notInArray(sessions.id, kept) : undefined;
  const eventId = emailChangedEventId(userId);
  const wayBack = await recoveryLinkId(readConfig(env).SESSION_SECRET, eventId);
  return db.batch([
    db.update(users).set({ email: newEmail }).where(eq(users.id, userId)),
    db
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.userId, userId), others, isNull(sessions.revokedAt))),
    expireLiveResetLinks(db, userId, now),
    expireLiveEmailChangeLinks(db, userId, now),
    emailChangedNotice(db, eventId, userId, oldEmail, newEmail, now),
    recoveryLinkRow(db, { id: wayBack, userId, oldEmail }, now),
  ]);
}
