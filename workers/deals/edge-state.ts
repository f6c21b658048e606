import { AppError } from "../platform/errors";
import { gateFor } from "./gate-stub";
import type { DealState } from "./gate-types";
import { rankKey } from "./tickets";

/**
 * The deal state the waiting room answers from, cached at the edge so the herd never reaches
 * the SkuGate per request. Per isolate: one cached view per deal (fresh for a second), one
 * in-flight refresh that concurrent requests share, and the joins counted since the last
 * refresh, which ride along on it. Across isolates in a data centre: the Cache API, used when
 * this isolate has nothing to report. So the gate sees at most about one call a second per
 * isolate, however many shoppers wait, and that holds while it fails too: after a failed
 * refresh the isolate leaves it alone for a second and answers from the last state it had.
 */

/** The one part of an execution context the waiting room needs: finishing work after the answer. */
export interface WaitUntil {
  waitUntil(promise: Promise<unknown>): void;
}

/** Where a request's deal state came from; the waiting room reports it in `x-deal-state`. */
export type StateSource = "memory" | "cache" | "gate" | "stale";

interface Slot {
  state: DealState | null;
  fetchedAt: number;
  inflight: Promise<DealState> | null;
  /** No refresh before this, after one failed. */
  retryAt: number;
  preJoins: number;
  /** The counted pre-queue joins' ranks, as whole numbers, for the gate to admit them exactly. */
  preRanks: number[];
  joins: Map<number, number>;
  flushScheduled: boolean;
}

const FRESH_MS = 1_000;
const CACHE_TTL_S = 2;
// An overloaded or restarting gate then sees no more calls from an isolate than a healthy one,
// rather than one or two per shopper request.
const RETRY_MS = 1_000;
/**
 * How old a state the waiting room still answers from while the gate cannot be reached. The
 * cursors only move forward and holds are the gate's own decision, so an old state never lets
 * anyone in early; it only tells shoppers late. Ten seconds is five polls of a waiting page, and
 * a small part of even a one-minute session, which runs from when the gate admits rather than
 * from when the shopper hears. Past that a place in line that stopped moving would mislead.
 */
export const LAST_STATE_SERVED_MS = 10_000;
/** When a shopper told the deal state is unavailable is asked to try again. */
export const UNAVAILABLE_RETRY_AFTER_S = 5;
// The runtime keeps work after an answer alive for about 30 s, and a report it cut off would
// leave its flush scheduled forever; past this, unreported joins wait for the next refresh.
const REPORT_FOR_MS = 20_000;
// Module scope holds only this cache of public deal state and join counts, never anything per shopper.
const slots = new Map<string, Slot>();
let gateCalls = 0;

function slotFor(dealId: string): Slot {
  let slot = slots.get(dealId);
  if (!slot) {
    slot = { state: null, fetchedAt: 0, inflight: null, retryAt: 0, preJoins: 0, preRanks: [], joins: new Map(), flushScheduled: false };
    slots.set(dealId, slot);
  }
  return slot;
}

function cacheKey(dealId: string): Request {
  return new Request(`https://deal-state.internal/v1/${encodeURIComponent(dealId)}`);
}

/** The deal's state as this isolate last had it, however old, with no call made; null when it has none. */
export function heldDealState(dealId: string): DealState | null {
  return slots.get(dealId)?.state ?? null;
}

/** Gate calls this isolate has made for the waiting room since it started, for the benchmark's ratio. */
export function gateCallCount(): number {
  return gateCalls;
}

/**
 * Counts a join to report on the next refresh, and makes sure that refresh happens even if no
 * further request arrives in this isolate. A pre-queue join brings its ticket's rank.
 */
export function countJoin(env: Env, ctx: WaitUntil, dealId: string, join: { pre: boolean; rank: number; at: number }): void {
  const slot = slotFor(dealId);
  if (join.pre) {
    slot.preJoins++;
    slot.preRanks.push(rankKey(join.rank));
  } else {
    const sec = Math.floor(join.at / 1000);
    slot.joins.set(sec, (slot.joins.get(sec) ?? 0) + 1);
  }
  if (!slot.flushScheduled) {
    slot.flushScheduled = true;
    ctx.waitUntil(
      flush(env, ctx, dealId, slot).catch((err) =>
        console.error(
          JSON.stringify({ level: "warn", message: "waiting-room joins left for the next refresh", dealId, error: String(err) }),
        ),
      ),
    );
  }
}

function hasJoins(slot: Slot): boolean {
  return slot.preJoins > 0 || slot.joins.size > 0;
}

/**
 * Reports the joins counted so far once the state is due for a refresh. A report the gate
 * failed is tried again each time the gate may be asked, so the joins reach it once it is back
 * even if no other request arrives in this isolate.
 */
async function flush(env: Env, ctx: WaitUntil, dealId: string, slot: Slot): Promise<void> {
  const giveUpAt = Date.now() + REPORT_FOR_MS;
  for (;;) {
    try {
      await untilGateMayBeAsked(slot);
    } finally {
      // Joins counted from here on schedule their own flush; the ones counted so far go with the
      // refresh started just below, before anything else can run.
      slot.flushScheduled = false;
    }
    if (!hasJoins(slot)) return;
    try {
      await refresh(env, ctx, dealId, slot);
      return;
    } catch (err) {
      // A join counted meanwhile scheduled a flush that carries these counts too.
      if (slot.flushScheduled) return;
      if (Date.now() >= giveUpAt) throw err;
      slot.flushScheduled = true;
    }
  }
}

/** Waits until the state is due for a refresh, the gate may be asked again, and no refresh is running. */
async function untilGateMayBeAsked(slot: Slot): Promise<void> {
  await sleep(Math.max(slot.fetchedAt + FRESH_MS, slot.retryAt) - Date.now());
  // A refresh already running took its report before some of these joins; sharing it would
  // leave them in memory, so let it land and report what it left with a refresh of our own.
  while (slot.inflight) {
    await slot.inflight.catch(() => undefined);
    await sleep(slot.retryAt - Date.now());
  }
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve();
}

/**
 * The deal's waiting-room state and where it came from. While the gate cannot be reached this
 * is the last state the isolate had, as long as it is not too old; after that, a 503 problem.
 */
export async function dealState(env: Env, ctx: WaitUntil, dealId: string): Promise<{ state: DealState; source: StateSource }> {
  const slot = slotFor(dealId);
  const now = Date.now();
  if (slot.state && now - slot.fetchedAt < FRESH_MS) return { state: slot.state, source: "memory" };
  if (slot.inflight) return settled(dealId, slot, slot.inflight, "memory");
  if (now < slot.retryAt) return backingOff(dealId, slot);
  if (!hasJoins(slot)) {
    // Another isolate's view is as good as our own only while it is as fresh as ours must be.
    const cached = await fromCache(dealId, slot, FRESH_MS);
    if (cached) return cached;
  }
  // Another request may have started a refresh, or seen one fail, while this one looked in the cache.
  if (slot.inflight) return settled(dealId, slot, slot.inflight, "memory");
  if (Date.now() < slot.retryAt) return backingOff(dealId, slot);
  return settled(dealId, slot, refresh(env, ctx, dealId, slot), "gate");
}

/** Another isolate's view of the deal from the Cache API, adopted when younger than `maxAgeMs`. */
async function fromCache(dealId: string, slot: Slot, maxAgeMs: number): Promise<{ state: DealState; source: StateSource } | null> {
  const hit = await caches.default.match(cacheKey(dealId));
  if (!hit) return null;
  const state = (await hit.json()) as DealState;
  if (Date.now() - state.at >= maxAgeMs) return null;
  slot.state = state;
  slot.fetchedAt = state.at;
  return { state, source: "cache" };
}

/**
 * The state while this isolate leaves the gate alone: its own last one; failing that (an isolate
 * new to the deal, or one whose state is too old), what other isolates left in the Cache API, so
 * one failed refresh here does not refuse shoppers while the gate answers the others.
 */
async function backingOff(dealId: string, slot: Slot): Promise<{ state: DealState; source: StateSource }> {
  if (slot.state && Date.now() - slot.fetchedAt < LAST_STATE_SERVED_MS) return { state: slot.state, source: "stale" };
  return (await fromCache(dealId, slot, LAST_STATE_SERVED_MS)) ?? unavailable();
}

/** The state a refresh brings, or if it fails what `backingOff` finds. */
async function settled(
  dealId: string,
  slot: Slot,
  refreshing: Promise<DealState>,
  source: StateSource,
): Promise<{ state: DealState; source: StateSource }> {
  try {
    return { state: await refreshing, source };
  } catch {
    return backingOff(dealId, slot);
  }
}

/** No state young enough to answer from: the shopper is asked to try again shortly. */
function unavailable(): never {
  throw new AppError(
    "deal_state_unavailable",
    `The waiting room cannot reach this deal's line right now. Places already taken are kept; try again in ${UNAVAILABLE_RETRY_AFTER_S} seconds.`,
    { headers: { "retry-after": String(UNAVAILABLE_RETRY_AFTER_S) } },
  );
}

function refresh(env: Env, ctx: WaitUntil, dealId: string, slot: Slot): Promise<DealState> {
  if (slot.inflight) return slot.inflight;
  const report = { preJoins: slot.preJoins, preRanks: slot.preRanks, joins: [...slot.joins.entries()] };
  slot.preJoins = 0;
  slot.preRanks = [];
  slot.joins = new Map();
  gateCalls++;
  // The call is made inside the chain so that a stub failing at once still gives the counts back.
  slot.inflight = Promise.resolve()
    .then(() => gateFor(env, dealId).sync(report))
    .then(
      (state) => {
        slot.state = state;
        slot.fetchedAt = Date.now();
        ctx.waitUntil(
          caches.default.put(
            cacheKey(dealId),
            new Response(JSON.stringify(state), {
              headers: { "content-type": "application/json", "cache-control": `max-age=${CACHE_TTL_S}` },
            }),
          ),
        );
        return state;
      },
      (err: unknown) => {
        // Give the counts back so the next refresh reports them.
        slot.preJoins += report.preJoins;
        slot.preRanks.push(...report.preRanks);
        for (const [sec, n] of report.joins) slot.joins.set(sec, (slot.joins.get(sec) ?? 0) + n);
        slot.retryAt = Date.now() + RETRY_MS;
        console.error(JSON.stringify({ level: "warn", message: "deal state refresh failed", dealId, error: String(err) }));
        throw err;
      },
    )
    .finally(() => {
      slot.inflight = null;
    });
  return slot.inflight;
}
