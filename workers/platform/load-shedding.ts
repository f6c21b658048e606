import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./context";
import { readConfig } from "./config";
import { AppError } from "./errors";

/**
 * Requests this isolate is serving right now. Module scope on purpose: the count is the
 * isolate's own load signal, shared by every request it runs and by nothing else.
 */
let inFlight = 0;

/** How long a shed client should wait before asking again, in seconds. */
export const SHED_RETRY_AFTER_SECONDS = 5;

/**
 * Routes that earn no money and go first under overload; browse, cart and checkout stay up.
 * Shoppers' reviews, questions and ratings of sellers only: ops removing abuse is most needed on
 * the busiest sale day. A rating can wait: the window to give one is weeks long.
 */
const OPTIONAL = [
  /^\/api\/recommendations(\/|$)/,
  /^(\/api)?\/products\/[^/]+\/(reviews|questions)(\/|$)/,
  // One review, and the helpful votes on it; a shopper's report of a seller's answer.
  /^(\/api)?\/reviews\/[^/]+(\/|$)/,
  /^(\/api)?\/answers\/[^/]+(\/|$)/,
  /^(\/api)?\/orders\/[^/]+\/seller-feedback(\/|$)/,
  // A shopper's own purchases of a deal, which its page asks as it loads: the gate refuses a hold
  // past the limit anyway, so under the herd the page offers the waiting room as it would to anyone.
  /^\/api\/deals\/[^/]+\/bought$/,
];

/** What the front door does with one request, given the load it sees. */
export type ShedDecision = "serve" | "degraded" | "shed";

/**
 * Decides whether to serve a request normally, serve it degraded (optional work skipped) or shed
 * it with a 503. Overload is either forced (rehearsals) or more requests in flight than allowed.
 */
export function decideShedding(path: string, load: { inFlight: number; maxInFlight: number; mode: "auto" | "on" }): ShedDecision {
  const overloaded = load.mode === "on" || load.inFlight > load.maxInFlight;
  if (!overloaded) return "serve";
  return OPTIONAL.some((re) => re.test(path)) ? "shed" : "degraded";
}

/**
 * The decision for one more request to `path` at this isolate's load right now, counting that
 * request with the ones in flight. The front door asks before counting it and the answers given
 * before the router never count themselves, so both decide alike at the limit.
 */
export function sheddingNow(env: Env, path: string): ShedDecision {
  const config = readConfig(env);
  return decideShedding(path, { inFlight: inFlight + 1, maxInFlight: config.SHED_MAX_IN_FLIGHT, mode: config.SHED_MODE });
}

/**
 * Counts in-flight requests and, under overload, answers optional routes with 503 + Retry-After
 * and marks everything else `c.var.degraded` with an `X-Degraded` header so pages can drop
 * recommendation and review widgets while browse, cart and checkout carry on.
 */
export const loadShedding = createMiddleware<AppEnv>(async (c, next) => {
  const decision = sheddingNow(c.env, c.req.path);
  inFlight++;
  try {
    if (decision === "shed") {
      throw new AppError("overloaded", "This feature is paused while the store is busy; shopping and checkout still work.", {
        headers: { "retry-after": String(SHED_RETRY_AFTER_SECONDS), "x-degraded": "1" },
      });
    }
    if (decision === "degraded") c.set("degraded", true);
    await next();
    if (decision === "degraded") c.header("x-degraded", "1");
  } finally {
    inFlight--;
  }
});
