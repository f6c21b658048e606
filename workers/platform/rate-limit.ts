import type { Background } from "./background";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { BoundedMap } from "./bounded-map";
import { addressBucket } from "./client-address";
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

/**
 * Sign-in attempts per account, whichever client they come from (credential stuffing), and per
 * browser that has signed in to the account before (see accounts/sign-in-throttle.ts).
 */
export const LOGIN_ACCOUNT_POLICY: RatePolicy = { name: "login-account", binding: "RL_LOGIN_ACCOUNT", limit: 10, period: 60 };

const READS = ["GET", "HEAD"];

/**
 * Ordered rules: the first match names the class; anything else (pages included) is browse. A
 * rule with methods applies to those alone.
 */
const CLASS_RULES: [RegExp, RateClass, methods?: string[]][] = [
  [/^\/api\/auth(\/|$)/, "auth"],
  // Asking to change the email mails a link, as asking for a reset does: the same budget.
  [/^\/api\/me\/email$/, "auth"],
  [/^\/api\/(admin|seller|ops)(\/|$)/, "admin"],
  [/^\/api\/cart(\/|$)/, "cart"],
  // Saving and removing write to D1 like cart edits; reading the list or one product's state is browsing.
  [/^\/api\/wishlist(\/|$)/, "cart", ["PUT", "DELETE"]],
  // An order page polls its order; were reads charged to checkout, two open order pages would
  // use up the shopper's budget for placing an order.
  [/^\/api\/orders(\/|$)/, "browse", READS],
  [/^\/api\/(checkout|orders)(\/|$)/, "checkout"],
  // No rule for the one-click unsubscribe: it stays browse. Mailbox providers post it from shared
  // addresses, where the auth budget would drop real unsubscribes; its signature makes guessing futile.
];

/**
 * Paths never rate limited here: the payment provider's signed callbacks must not be dropped
 * (it authenticates by signature, and a missed capture costs a shopper their order).
 */
const EXEMPT = [/^\/api\/payments\/webhook$/];

/**
 * Requests that charge their own budget: a flash-deal hold is paid for by the admission token
 * it carries the first time it is asked for, and charges browse only when asked again
 * (deals/hold-memo.ts).
 */
const SELF_CHARGED: [RegExp, method: string][] = [[/^\/api\/deals\/[^/]+\/hold$/, "POST"]];

/** The route class a request belongs to, or null for paths the front door does not limit. */
export function rateClassFor(method: string, path: string): RateClass | null {
  if (EXEMPT.some((re) => re.test(path))) return null;
  if (SELF_CHARGED.some(([re, m]) => m === method && re.test(path))) return null;
  for (const [re, rateClass, methods] of CLASS_RULES) if (re.test(path) && (!methods || methods.includes(method))) return rateClass;
  return "browse";
}

/** The IETF `RateLimit-Policy` value for a policy (draft-ietf-httpapi-ratelimit-headers). */
export function policyHeader(policy: RatePolicy): string {
  return `"${policy.name}";q=${policy.limit};w=${policy.period}`;
}

/** The connecting address (an IPv6 one by its /64) a request counts against when it is not signed in. */
export function addressKey(request: Request): string {
  // Cloudflare always sets CF-Connecting-IP in front of a deployed Worker; only local tools omit it.
  const address = request.headers.get("cf-connecting-ip");
  return `ip:${address ? addressBucket(address) : "local"}`;
}

/** The client a request counts against: the signed-in user, else the connecting address. */
export function clientKey(c: Context<AppEnv>): string {
  return c.var.user ? `user:${c.var.user.id}` : addressKey(c.req.raw);
}

/**
 * Counts one request against `policy` for `key`; over the limit it throws a 429 problem with
 * Retry-After and the IETF RateLimit headers, and remembers the refusal for `refuseIfRemembered`.
 * The binding does not report how much is left, so an allowed request carries only the policy.
 */
export async function consumeRateLimit(env: Env, policy: RatePolicy, key: string): Promise<void> {
  const { success } = await env[policy.binding].limit({ key });
  if (!success) throw rateLimited(policy, refuse(policy, key));
}

/**
 * Refuses, from memory and without calling the binding, a key the binding refused in its current
 * window. For limits charged only once an outcome is known (a failed sign-in): the binding cannot
 * say whether a key is spent without counting one more.
 */
export function refuseIfRemembered(policy: RatePolicy, key: string): void {
  const left = refusedSeconds(key);
  if (left > 0) throw rateLimited(policy, left);
}

/**
 * Answers the edge layers give when they served a request from memory or the Cache API
 * without touching D1 or a Durable Object (catalog and search documents, shared pages, the
 * waiting room's deal state).
 */
const EDGE_SERVED: [header: string, values: RegExp][] = [
  ["x-cache", /^(hit|stale)$/i],
  ["x-page-cache", /^hit$/],
  ["x-deal-state", /^(memory|cache|stale)$/],
];

/** True when a response was answered at the edge, without origin work. */
export function servedFromEdge(res: Response): boolean {
  return EDGE_SERVED.some(([header, values]) => values.test(res.headers.get(header) ?? ""));
}

// Keys the binding has refused, until their window ends, counted from the first refusal in it.
// The binding does not say when its window ends; it began at or before that refusal, so a client
// told this never comes back early, and one refused again is told what is left of it rather than
// the whole period once more. Per isolate, like the binding's own counters per location.
const refusedUntil = new BoundedMap<string, number>(10_000);

/** Remembers that the binding refused `key`, unless its window is remembered already; the seconds left of that window. */
function refuse(policy: RatePolicy, key: string): number {
  const left = refusedSeconds(key);
  if (left > 0) return left;
  // Oldest out, not all at once: a flood of refused clients must not forget every spent sign-in budget.
  refusedUntil.set(key, Date.now() + policy.period * 1000);
  return policy.period;
}

function rateLimited(policy: RatePolicy, seconds: number): AppError {
  return new AppError("rate_limited", `Too many requests; try again in ${seconds} seconds.`, {
    headers: {
      "retry-after": String(seconds),
      ratelimit: `"${policy.name}";r=0;t=${seconds}`,
      "ratelimit-policy": policyHeader(policy),
    },
  });
}

/** Seconds until a refused key may be counted again; 0 if it may now. */
function refusedSeconds(key: string): number {
  const until = refusedUntil.get(key);
  if (until === undefined) return 0;
  const left = Math.ceil((until - Date.now()) / 1000);
  if (left <= 0) refusedUntil.delete(key);
  return Math.max(0, left);
}

/** Whether an anonymous client may browse from the edge now, i.e. the binding has not refused it. */
export function anonymousMayBrowse(request: Request): boolean {
  return refusedSeconds(`browse:${addressKey(request)}`) === 0;
}

/**
 * Browse requests are charged after they are answered, and only when they cost origin work: a
 * herd on a hot product or in a waiting room is answered from the edge, and a rate-limit call
 * per such answer would cost more than the answer. A client the binding refuses is then
 * refused up front, from memory, until its window ends; so at most one request per isolate
 * gets past the limit.
 */
async function browseRequest(c: Context<AppEnv>, policy: RatePolicy, key: string, next: () => Promise<void>) {
  const left = refusedSeconds(key);
  if (left > 0) throw rateLimited(policy, left);
  await next();
  if (servedFromEdge(c.res)) return;
  chargeBrowse(c.env, c.executionCtx, policy, key);
}

/** Counts one browse request in the background; a refusal is remembered until the window ends. */
function chargeBrowse(env: Env, ctx: Background, policy: RatePolicy, key: string): void {
  ctx.waitUntil(
    env[policy.binding].limit({ key }).then(({ success }) => {
      if (!success) refuse(policy, key);
    }),
  );
}

/**
 * For a request that charges its own budget: counts it against the client's browse budget now,
 * as it is about to cost origin work, and refuses it if the binding has already refused the client.
 */
export function chargeBrowseNow(c: Context<AppEnv>): void {
  const policy = RATE_POLICIES.browse;
  const key = `browse:${clientKey(c)}`;
  refuseIfRemembered(policy, key);
  chargeBrowse(c.env, c.executionCtx, policy, key);
}

/** Charges an anonymous browse request answered before the router, when it did cost origin work. */
export function chargeAnonymousBrowse(env: Env, ctx: Background, request: Request): void {
  chargeBrowse(env, ctx, RATE_POLICIES.browse, `browse:${addressKey(request)}`);
}

/**
 * Rate limits every request through the binding of its route class, per client. Sign-in is
 * always counted per address, because the person signing in has no account identity yet.
 */
export const rateLimits = createMiddleware<AppEnv>(async (c, next) => {
  const rateClass = rateClassFor(c.req.method, c.req.path);
  if (!rateClass) return next();
  const policy = RATE_POLICIES[rateClass];
  const key = `${rateClass}:${rateClass === "auth" ? addressKey(c.req.raw) : clientKey(c)}`;
  if (rateClass === "browse") {
    await browseRequest(c, policy, key, next);
  } else {
    await consumeRateLimit(c.env, policy, key);
    await next();
  }
  // A stricter inner policy (sign-in per account) may already have named itself.
  if (!c.res.headers.has("ratelimit-policy")) c.header("ratelimit-policy", policyHeader(policy));
});
