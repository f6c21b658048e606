import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./context";
import { AppError } from "./errors";

/** Rate-limit classes; each maps to one rate-limit binding. */
export type RateClass = "auth" | "browse" | "cart" | "checkout" | "admin";

/** A limit as the binding enforces it; `limit` and `period` mirror the `[[ratelimits]]` blocks in wrangler.toml. */
export interface RatePolicy {
  name: string;
  binding: "RL_AUTH" | "RL_LOGIN_ACCOUNT" | "RL_BROWSE" | "RL_CART" | "RL_CHECKOUT" | "RL_ADMIN";
  limit: number;
  period: number;
}

/** The policy behind each route class. */
export const RATE_POLICIES: Record<RateClass, RatePolicy> = {
  auth: { name: "auth", binding: "RL_AUTH", limit: 20, period: 60 },
  browse: { name: "browse", binding: "RL_BROWSE", limit: 600, period: 10 },
  cart: { name: "cart", binding: "RL_CART", limit: 120, period: 60 },
  checkout: { name: "checkout", binding: "RL_CHECKOUT", limit: 30, period: 60 },
  admin: { name: "admin", binding: "RL_ADMIN", limit: 300, period: 60 },
};

/** Sign-in attempts per account, whichever client they come from (credential stuffing). */
export const LOGIN_ACCOUNT_POLICY: RatePolicy = { name: "login-account", binding: "RL_LOGIN_ACCOUNT", limit: 10, period: 60 };

/** Ordered path rules: the first match names the class; anything else (pages included) is browse. */
const CLASS_RULES: [RegExp, RateClass][] = [
  [/^\/api\/auth(\/|$)/, "auth"],
  [/^\/api\/(admin|seller|ops)(\/|$)/, "admin"],
  [/^\/api\/cart(\/|$)/, "cart"],
  [/^\/api\/(checkout|orders)(\/|$)/, "checkout"],
];

/**
 * Paths never rate limited here: the payment provider's signed callbacks must not be dropped
 * (it authenticates by signature, and a missed capture costs a shopper their order).
 */
const EXEMPT = [/^\/api\/payments\/webhook$/];

/** The route class a path belongs to, or null for paths the front door does not limit. */
export function rateClassFor(path: string): RateClass | null {
  if (EXEMPT.some((re) => re.test(path))) return null;
  for (const [re, rateClass] of CLASS_RULES) if (re.test(path)) return rateClass;
  return "browse";
}

/** The IETF `RateLimit-Policy` value for a policy (draft-ietf-httpapi-ratelimit-headers). */
export function policyHeader(policy: RatePolicy): string {
  return `"${policy.name}";q=${policy.limit};w=${policy.period}`;
}

/** The client a request counts against: the signed-in user, else the connecting address. */
export function clientKey(c: Context<AppEnv>): string {
  if (c.var.user) return `user:${c.var.user.id}`;
  // Cloudflare always sets CF-Connecting-IP in front of a deployed Worker; only local tools omit it.
  return `ip:${c.req.header("cf-connecting-ip") ?? "local"}`;
}

/**
 * Counts one request against `policy` for `key`; over the limit it throws a 429 problem with
 * Retry-After and the IETF RateLimit headers. The binding does not report how much is left,
 * so an allowed request carries only the policy.
 */
export async function consumeRateLimit(env: Env, policy: RatePolicy, key: string): Promise<void> {
  const { success } = await env[policy.binding].limit({ key });
  if (success) return;
  throw new AppError("rate_limited", `Too many requests; try again in ${policy.period} seconds.`, {
    headers: {
      "retry-after": String(policy.period),
      ratelimit: `"${policy.name}";r=0;t=${policy.period}`,
      "ratelimit-policy": policyHeader(policy),
    },
  });
}

/**
 * Rate limits every request through the binding of its route class, per client. Sign-in is
 * always counted per address, because the person signing in has no account identity yet.
 */
export const rateLimits = createMiddleware<AppEnv>(async (c, next) => {
  const rateClass = rateClassFor(c.req.path);
  if (!rateClass) return next();
  const policy = RATE_POLICIES[rateClass];
  const key = rateClass === "auth" ? `ip:${c.req.header("cf-connecting-ip") ?? "local"}` : clientKey(c);
  await consumeRateLimit(c.env, policy, `${rateClass}:${key}`);
  await next();
  // A stricter inner policy (sign-in per account) may already have named itself.
  if (!c.res.headers.has("ratelimit-policy")) c.header("ratelimit-policy", policyHeader(policy));
});
