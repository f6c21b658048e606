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
  refuseIfRemembered(LOGIN_ACCOUNT_POLICY, budget);
  await consumeRateLimit(env, LOGIN_ACCOUNT_POLICY, budget);
}
