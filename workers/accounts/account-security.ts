import type { Background } from "../platform/background";
import { and, eq, isNull, ne } from "drizzle-orm";
import { sessions, users } from "../db/schema";
import type { Db, Principal } from "../platform/context";
import { AppError } from "../platform/errors";
import { nowIso } from "../platform/time";
import { hashPassword, verifyPassword } from "./password";
import { expireLiveResetLinks } from "./reset-links";
import { expireLiveEmailChangeLinks } from "./email-change-links";
import { fieldsRefused } from "../platform/failed-fields";
import { PASSWORD_IS_EMAIL, passwordIsEmail } from "./password-rules";
import { countPasswordChangeAttempt } from "./password-change-budget";
import { passwordChangedNotice } from "./password-changed-notice";
import { mailRecordedSoon } from "../notifications/email-delivery";

/**
 * Changes the signed-in user's password once the current one is given, and ends every other
 * session of the account in the same batch: whoever else was signed in (a lost phone, a shared
 * computer, someone who knew the old password) is signed out. The session making the change stays.
 * Reset links still in the mailbox stop working too: whoever asked for one (perhaps someone who can
 * read that mailbox) must not be able to take the account back with it after the owner has chosen
 * a new password. The owner is mailed that it changed, recorded in the same batch, so a change
 * they did not make cannot go untold.
 */
export async function changePassword(
  env: Env,
  ctx: Background,
  db: Db,
  user: Principal,
  input: { current: string; next: string },
): Promise<void> {
  await countPasswordChangeAttempt(env, user.id);
  // The session's device is read with the account, for the mail to say where the change was made.
  const [row] = await db
    .select({ account: users, device: sessions.device })
    .from(users)
    .leftJoin(sessions, and(eq(sessions.id, user.sessionId), eq(sessions.userId, users.id)))
    .where(eq(users.id, user.id))
    .limit(1);
  if (!row) throw new AppError("unauthenticated", "Sign in again to change your password.");
  const { account } = row;
  const stored = { hash: account.passwordHash, salt: account.passwordSalt, iterations: account.passwordIterations };
  if (!(await verifyPassword(input.current, stored))) {
    throw fieldsRefused([{ path: "current_password", message: "is not your current password" }]);
  }
  // As at registration: the first password anyone who knows the address would try.
  if (passwordIsEmail(input.next, account.email)) throw fieldsRefused([{ path: "new_password", message: PASSWORD_IS_EMAIL }]);
  const pw = await hashPassword(input.next);
  const now = nowIso();
  const done = await db.batch([
    db.update(users).set({ passwordHash: pw.hash, passwordSalt: pw.salt, passwordIterations: pw.iterations }).where(eq(users.id, user.id)),
    db
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.userId, user.id), ne(sessions.id, user.sessionId), isNull(sessions.revokedAt))),
    expireLiveResetLinks(db, user.id, now),
    passwordChangedNotice(db, user.id, "changed", now, row.device),
    // An email change asked for with the old password is not confirmable once it is replaced.
    expireLiveEmailChangeLinks(db, user.id, now),
  ]);
  // Sent once the change is answered, the batch holding it; what fails then the minute cron's sweep sends.
  mailRecordedSoon(
    env,
    ctx,
    done[3].map((r) => r.id),
  );
}

/**
 * Ends every session of the account, this one included: "sign out everywhere". A shopper does this
 * when they think someone else is in, so the reset and email change links that still work end too: each is a way in.
 */
export async function signOutEverywhere(db: Db, userId: string): Promise<void> {
  const now = nowIso();
  await db.batch([
    db
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt))),
    expireLiveResetLinks(db, userId, now),
    expireLiveEmailChangeLinks(db, userId, now),
  ]);
}
