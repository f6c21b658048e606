import type { Background } from "../platform/background";
import { and, eq, isNull } from "drizzle-orm";
import { sessions, users } from "../db/schema";
import type { Db } from "../platform/context";
import { readConfig } from "../platform/config";
import { AppError } from "../platform/errors";
import { nowIso } from "../platform/time";
import { normalizeEmail } from "./accounts";
import { hashPassword } from "./password";
import { PASSWORD_IS_EMAIL, passwordIsEmail } from "./password-rules";
import { fieldsRefused } from "../platform/failed-fields";
import {
  consumeResetLink,
  expireEarlierResetLinks,
  liveResetLink,
  expireLiveResetLinks,
  storeResetLink,
  withdrawResetLink,
} from "./reset-links";
import { resetMail } from "./reset-mail";
import { linkTokenId, newLinkToken } from "./single-use-links";
import { expireLiveEmailChangeLinks } from "./email-change-links";
import { passwordChangedNotice } from "./password-changed-notice";
import { mailRecordedSoon } from "../notifications/email-delivery";
import { noteSendingRequest, paceLikeASend } from "./send-pace";

/** What the request answers, account or not, so the answer never tells whether an email has one. */
export const RESET_REQUESTED_MESSAGE =
  "If an account exists for that address, we've sent a link to reset its password. It works for 30 minutes.";

export const RESET_LINK_REFUSED = "This reset link has expired or was already used. Ask for a new one.";

/**
 * "Forgot your password?": mails the account for `email`, if there is one, a link that resets its
 * password, and answers the same either way (see send-pace.ts for the timing).
 *
 * The link's row is stored before the mail is sent, because that insert is what decides the
 * account's hourly limit without a race; a row is no danger while its mail is unsent, since the
 * token exists nowhere else but in this request. A failed send withdraws the row (so it neither
 * works nor spends the account's hourly mails) and answers 503; were even that delete to fail,
 * the row left behind matches a token no one has. Only once the mail is out are the account's
 * earlier links ended, so a failed send leaves the link the shopper already has working.
 *
 * The raw token goes into the mail and nowhere else: not D1 (only its hash), not the
 * notifications table (this mail is sent now, not recorded for delivery), not the logs.
 */
export async function requestPasswordReset(env: Env, db: Db, email: string): Promise<void> {
  const startedAt = Date.now();
  const [account] = await db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(eq(users.email, normalizeEmail(email)))
    .limit(1);
  if (!account) return paceLikeASend(startedAt);

  const { token, id } = await newLinkToken();
  const now = new Date();
  // Past the hourly limit: answered like any other request, and nothing is sent.
  if (!(await storeResetLink(env.DB, id, account.id, now))) return paceLikeASend(startedAt);

  try {
    await env.EMAIL.send(resetMail(readConfig(env), account, token));
  } catch (err) {
    console.error(JSON.stringify({ level: "warn", message: "password reset mail not sent", userId: account.id, error: String(err) }));
    await withdrawResetLink(db, id).catch((e) =>
      console.error(JSON.stringify({ level: "warn", message: "unsent reset link not withdrawn", userId: account.id, error: String(e) })),
    );
    throw new AppError("email_unavailable", "We could not send the email; try again in a minute.", { headers: { "retry-after": "60" } });
  }
  noteSendingRequest(Date.now() - startedAt);
  await expireEarlierResetLinks(db, account.id, now.toISOString(), nowIso());
}

/**
 * Sets a new password through a reset link and answers the account's id, for signing it in. The
 * link is used up by one conditional UPDATE, which alone decides; then, in one batch, the password
 * is replaced, every session of the account is ended (whoever else was signed in, perhaps the
 * person who took the account over, is out), any other link still working is ended too, and a mail
 * telling the owner is recorded: whoever used the link from `device` may have been reading the
 * owner's mailbox, and the owner must hear of it even so.
 *
 * The new password is hashed first, so a refused link costs the same time as an accepted one.
 * Nothing in the sign-in throttle needs clearing: it keeps no count of failures per account, only
 * a budget of attempts per minute on the rate-limit binding, and the shopper is signed in by this
 * very request, never through that budget.
 */
export async function resetPassword(
  env: Env,
  ctx: Background,
  db: Db,
  input: { token: string; password: string },
  device: string | null,
): Promise<string> {
  const pw = await hashPassword(input.password);
  const now = nowIso();
  const id = await linkTokenId(input.token);
  // As at registration, the account's email is no password; refused before the link is used up, so
  // the shopper can choose another with it.
  const link = await liveResetLink(db, id, now);
  if (link && passwordIsEmail(input.password, link.email)) throw fieldsRefused([{ path: "password", message: PASSWORD_IS_EMAIL }]);
  const userId = await consumeResetLink(db, id, now);
  if (!userId) throw new AppError("reset_link_invalid", RESET_LINK_REFUSED);
  const done = await db.batch([
    db.update(users).set({ passwordHash: pw.hash, passwordSalt: pw.salt, passwordIterations: pw.iterations }).where(eq(users.id, userId)),
    db
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt))),
    expireLiveResetLinks(db, userId, now),
    passwordChangedNotice(db, userId, "reset", now, device),
    expireLiveEmailChangeLinks(db, userId, now),
  ]);
  // Sent once the reset is answered, the batch holding it; what fails then the minute cron's sweep sends.
  mailRecordedSoon(
    env,
    ctx,
    done[3].map((r) => r.id),
  );
  return userId;
}

/**
 * When a reset link stops working, and whose password it resets, for the reset page to show before
 * anything is typed; a dead link is refused as a used one is, with the same problem. Nothing is
 * used up or changed. The email tells no one anything new: whoever holds the link can sign in with it.
 */
export async function checkResetLink(db: Db, token: string): Promise<{ expiresAt: string; email: string }> {
  const link = await liveResetLink(db, await linkTokenId(token), nowIso());
  if (!link) throw new AppError("reset_link_invalid", RESET_LINK_REFUSED);
  return link;
}
