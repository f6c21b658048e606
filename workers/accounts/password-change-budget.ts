import { AppError } from "../platform/errors";
import { LOGIN_ACCOUNT_POLICY, consumeRateLimit, refuseIfRemembered } from "../platform/rate-limit";

/**
 * The budget a password change's check of the current password counts against: the account's
 * own, apart from sign-in's, so someone holding a stolen session cannot use this form to guess
 * the password at will, and guesses at signing in from elsewhere cannot stop the owner changing it.
 */
function passwordChangeBudget(userId: string): string {
  return `password:${userId}`;
}

/**
 * Counts an attempt at the account's current password before it is checked; past the budget it is
 * answered 429 unchecked, saying whose tries were too many and when to try again.
 */
export async function countPasswordChangeAttempt(env: Env, userId: string): Promise<void> {
  const budget = passwordChangeBudget(userId);
  try {
    refuseIfRemembered(LOGIN_ACCOUNT_POLICY, budget);
    await consumeRateLimit(env, LOGIN_ACCOUNT_POLICY, budget);
  } catch (err) {
    if (err instanceof AppError && err.code === "rate_limited") throw triesSpent(err);
    throw err;
  }
}

/**
 * The refusal in words for the person at the form, as sign-in words its paused account: "too many
 * requests" would not tell them that it is wrong current passwords that are counted, nor that the
 * count is the account's, whichever device sent them.
 */
function triesSpent(err: AppError): AppError {
  const seconds = Number(err.options.headers?.["retry-after"] ?? LOGIN_ACCOUNT_POLICY.period);
  return new AppError(
    "rate_limited",
    `There have been too many tries with a wrong current password on this account. Try again in ${waitWords(seconds)}.`,
    err.options,
  );
}

/** A wait as a person says it: seconds up to a minute and a half, whole minutes (rounded up) beyond. */
function waitWords(seconds: number): string {
  if (seconds < 90) return seconds === 1 ? "1 second" : `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}
