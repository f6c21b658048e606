import { and, eq, isNull, ne } from "drizzle-orm";
import { sessions, users } from "../db/schema";
import type { Db, Principal } from "../platform/context";
import { AppError } from "../platform/errors";
import { LOGIN_ACCOUNT_POLICY, consumeRateLimit, refuseIfRemembered } from "../platform/rate-limit";
import { nowIso } from "../platform/time";
import { hashPassword, verifyPassword } from "./password";

/**
 * The budget a password change's check of the current password counts against: the account's
 * own, apart from sign-in's, so someone holding a stolen session cannot use this form to guess
 * the password at will, and guesses at signing in from elsewhere cannot stop the owner changing it.
 */
function passwordChangeBudget(userId: string): string {
  return `password:${userId}`;
}

/**
 * Changes the signed-in user's password once the current one is given, and ends every other
 * session of the account in the same batch: whoever else was signed in (a lost phone, a shared
 * computer, someone who knew the old password) is signed out. The session making the change stays.
 */
export async function changePassword(env: Env, db: Db, user: Principal, input: { current: string; next: string }): Promise<void> {
  const budget = passwordChangeBudget(user.id);
  refuseIfRemembered(LOGIN_ACCOUNT_POLICY, budget);
  await consumeRateLimit(env, LOGIN_ACCOUNT_POLICY, budget);
  const [account] = await db.select().from(users).where(eq(users.id, user.id)).limit(1);
  if (!account) throw new AppError("unauthenticated", "Sign in again to change your password.");
  const stored = { hash: account.passwordHash, salt: account.passwordSalt, iterations: account.passwordIterations };
  if (!(await verifyPassword(input.current, stored))) {
    throw new AppError("validation_failed", "1 field(s) failed validation: current_password", {
      errors: [{ path: "current_password", message: "is not your current password" }],
    });
  }
  const pw = await hashPassword(input.next);
  await db.batch([
    db.update(users).set({ passwordHash: pw.hash, passwordSalt: pw.salt, passwordIterations: pw.iterations }).where(eq(users.id, user.id)),
    db
      .update(sessions)
      .set({ revokedAt: nowIso() })
      .where(and(eq(sessions.userId, user.id), ne(sessions.id, user.sessionId), isNull(sessions.revokedAt))),
  ]);
}

/** Ends every session of the account, this one included: "sign out everywhere". */
export async function signOutEverywhere(db: Db, userId: string): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: nowIso() })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
}
