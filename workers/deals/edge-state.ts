import { gateFor } from "./gate-client";
import type { DealState } from "./gate-types";

/**
 * The deal state the waiting room answers from, cached at the edge so the herd never reaches
 * the SkuGate per request. Per isolate: one cached view per deal (fresh for a second), one
 * in-flight refresh that concurrent requests share, and the joins counted since the last
 * refresh, which ride along on it. Across isolates in a data centre: the Cache API, used when
 * this isolate has nothing to report. So the gate sees at most about one call a second per
 * isolate, however many shoppers wait.
 */

/** The one part of an execution context the waiting room needs: finishing work after the answer. */
export interface WaitUntil {
  waitUntil(promise: Promise<unknown>): void;
}

/** Where a request's deal state came from; the waiting room reports it in `x-deal-state`. */
export type StateSource = "memory" | "cache" | "gate";

interface Slot {
  state: DealState | null;
  fetchedAt: number;
  inflight: Promise<DealState> | null;
  preJoins: number;
  joins: Map<number, number>;
  flushScheduled: boolean;
}

const FRESH_MS = 1_000;
const CACHE_TTL_S = 2;
// Module scope holds only this cache of public deal state and join counts, never anything per shopper.
const slots = new Map<string, Slot>();
let gateCalls = 0;

function slotFor(dealId: string): Slot {
  let slot = slots.get(dealId);
  if (!slot) {
    slot = { state: null, fetchedAt: 0, inflight: null, preJoins: 0, joins: new Map(), flushScheduled: false };
    slots.set(dealId, slot);
  }
  return slot;
}

function cacheKey(dealId: string): Request {
  return new Request(`https://deal-state.internal/v1/${encodeURIComponent(dealId)}`);
}

/** Gate calls this isolate has made for the waiting room since it started, for the benchmark's ratio. */
export function gateCallCount(): number {
  return gateCalls;
}

/**
 * Counts a join to report on the next refresh, and makes sure that refresh happens even if no
 * further request arrives in this isolate.
 */
export function countJoin(env: Env, ctx: WaitUntil, dealId: string, pre: boolean, at: number): void {
  const slot = slotFor(dealId);
  if (pre) slot.preJoins++;
  else {
    const sec = Math.floor(at / 1000);
    slot.joins.set(sec, (slot.joins.get(sec) ?? 0) + 1);
  }
  if (!slot.flushScheduled) {
    slot.flushScheduled = true;
    ctx.waitUntil(
      flush(env, ctx, dealId, slot).catch((err) =>
        console.error(JSON.stringify({ level: "warn", message: "waiting-room join report failed", dealId, error: String(err) })),
      ),
    );
  }
}

function hasJoins(slot: Slot): boolean {
  return slot.preJoins > 0 || slot.joins.size > 0;
}

/** Reports the joins counted so far once the state is due for a refresh. */
async function flush(env: Env, ctx: WaitUntil, dealId: string, slot: Slot): Promise<void> {
  try {
    await new Promise((r) => setTimeout(r, Math.max(0, FRESH_MS - (Date.now() - slot.fetchedAt))));
    // A refresh already running took its report before some of these joins; sharing it would
    // leave them in memory, so let it land and report what it left with a refresh of our own.
    while (slot.inflight) await slot.inflight.catch(() => undefined);
  } finally {
    // Joins counted from here on schedule their own flush; the ones counted so far go with the
    // refresh started just below, before anything else can run.
    slot.flushScheduled = false;
  }
  if (hasJoins(slot)) await refresh(env, ctx, dealId, slot);
}

/** The deal's waiting-room state and where it came from. */
export async function dealState(env: Env, ctx: WaitUntil, dealId: string): Promise<{ state: DealState; source: StateSource }> {
  const slot = slotFor(dealId);
  const now = Date.now();
  if (slot.state && now - slot.fetchedAt < FRESH_MS) return { state: slot.state, source: "memory" };
  if (slot.inflight) return { state: await slot.inflight, source: "memory" };
  if (slot.preJoins === 0 && slot.joins.size === 0) {
    const hit = await caches.default.match(cacheKey(dealId));
    if (hit) {
      const state = (await hit.json()) as DealState;
      // Another isolate's view is as good as our own only while it is as fresh as ours must be.
      if (now - state.at < FRESH_MS) {
        slot.state = state;
        slot.fetchedAt = state.at;
        return { state, source: "cache" };
      }
    }
  }
  // Another request may have started a refresh while this one looked in the cache.
  if (slot.inflight) return { state: await slot.inflight, source: "memory" };
  return { state: await refresh(env, ctx, dealId, slot), source: "gate" };
}

function refresh(env: Env, ctx: WaitUntil, dealId: string, slot: Slot): Promise<DealState> {
  if (slot.inflight) return slot.inflight;
  const report = { preJoins: slot.preJoins, joins: [...slot.joins.entries()] };
  slot.preJoins = 0;
  slot.joins = new Map();
  gateCalls++;
  slot.inflight = gateFor(env, dealId)
    .sync(report)
    .then((state) => {
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
    })
    .catch((err: unknown) => {
      // Give the counts back so the next refresh reports them.
      slot.preJoins += report.preJoins;
      for (const [sec, n] of report.joins) slot.joins.set(sec, (slot.joins.get(sec) ?? 0) + n);
      throw err;
    })
    .finally(() => {
      slot.inflight = null;
    });
  return slot.inflight;
}
