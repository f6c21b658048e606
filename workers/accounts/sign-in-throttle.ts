import { LOGIN_ACCOUNT_POLICY, consumeRememberingRefusal, refuseIfRemembered } from "../platform/rate-limit";

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
 * Refuses an attempt, before its password is checked, under a budget failures have spent. Only
 * failures are counted, so a correct password never spends it; the binding cannot say a budget is
 * spent without counting, so a spent one is known from its refusal, remembered until its window
 * ends. Until an isolate has seen that refusal, one more attempt is checked there.
 */
export function refuseSpentSignIn(budget: string): void {
  refuseIfRemembered(LOGIN_ACCOUNT_POLICY, budget);
}

/** Counts a failed sign-in; the failure that finds the budget spent is answered 429, not 401. */
export async function countFailedSignIn(env: Env, budget: string): Promise<void> {
  await consumeRememberingRefusal(env, LOGIN_ACCOUNT_POLICY, budget);
}
