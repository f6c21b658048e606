import { LOGIN_ACCOUNT_POLICY } from "../platform/rate-limit";
import type { Problem } from "./api";

/**
 * The API's own words for a refusal by an account's budget of password tries (sign-in's, or the
 * current password's at a password change); null for any other refusal. They say whose tries were
 * too many and when to try again, where "going a little fast" would blame someone who may have
 * typed once.
 */
export function accountBudgetMessage(problem: Problem, headers: Headers): string | null {
  const spent = problem.status === 429 && headers.get("ratelimit-policy")?.startsWith(`"${LOGIN_ACCOUNT_POLICY.name}"`);
  return spent && problem.detail ? problem.detail : null;
}
