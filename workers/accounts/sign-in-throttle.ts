import { AppError } from "../platform/errors";
import { LOGIN_ACCOUNT_POLICY, consumeRateLimit, refuseIfRemembered } from "../platform/rate-limit";

/**
 * The budget a sign-in attempt counts against. A browser that has signed in to the account before
 * has one of its own, so an attacker spending the account's budget from elsewhere cannot lock its
 * owner out of it; every other client shares the account's budget, keyed by email so an unknown
 * email is counted exactly like a wrong password.
 */
export function signInBudget(email: string, knownDevice: { userId: string; deviceId: string } | null): string {
  return knownDevice ? `login-device:${knownDevice.userId}:${knownDevice.deviceId}` : `login:${email}`;
}

/**
 * Counts a sign-in attempt against its budget before its password is checked; an attempt past the
 * budget is answered 429 without being checked. Every attempt counts, a correct one too: counting
 * only failures, after the check, would let guesses sent all at once each be checked before any
 * was counted. A refusal is remembered until its window ends, so a client that keeps trying costs
 * no further binding calls.
 */
export async function countSignInAttempt(env: Env, budget: string): Promise<void> {
  try {
    refuseIfRemembered(LOGIN_ACCOUNT_POLICY, budget);
    await consumeRateLimit(env, LOGIN_ACCOUNT_POLICY, budget);
  } catch (err) {
    if (err instanceof AppError && err.code === "rate_limited") throw accountPaused(err);
    throw err;
  }
}

/**
 * The refusal in words for the person signing in, who may have typed once: the budget spent is
 * the account's, often by someone else's guesses, so "too many requests" would blame them. It
 * reads the same for an email with no account, which is counted the same way.
 */
function accountPaused(err: AppError): AppError {
  const seconds = err.options.headers?.["retry-after"] ?? "60";
  return new AppError(
    "rate_limited",
    `There have been too many attempts to sign in to this account. Try again in ${seconds} seconds, or choose a new password with “Forgot your password?”.`,
    err.options,
  );
}
