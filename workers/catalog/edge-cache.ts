import type { Background } from "../platform/background";
import { BoundedMap } from "../platform/bounded-map";
import { type ServerTiming, msSince } from "../platform/server-timing";

/**
 * A stale-while-revalidate layer over the Cache API for JSON documents. The Cache API keeps
 * an entry until its `Cache-Control` expiry and knows nothing of staleness, so the entry
 * records when it stops being fresh (`x-fresh-until`) and the Worker decides: fresh is served,
 * stale is served while one background refresh runs, and a miss loads once per key per isolate
 * however many requests arrive together.
 */

/** Synthetic origin for cache keys, so the queue consumer can purge without knowing the request host. */
export const CACHE_ORIGIN = "https://catalog-cache.internal";

/** How long an entry is served as fresh, and then as stale while it is refreshed. */
export interface CachePolicy {
  freshSeconds: number;
  staleSeconds: number;
  /** How long a "does not exist" answer is remembered, so unknown ids cannot hammer D1. */
  absentSeconds: number;
}

/** A cached document and how it was served. */
export interface CachedDoc {
  body: string;
  etag: string;
  state: "hit" | "stale" | "miss";
  /** Epoch ms at which the body stops being right by itself (see `LoadedBody`); absent if never. */
  validUntil?: number;
  /** On a miss, where the read through the layers spent its time (the Cache API's lookup, then the loader's steps). */
  timing?: ServerTiming[];
}

/**
 * A body that stops being right at a known moment without any write announcing it: a product
 * page shows a flash deal from its start to its end. No layer serves it past `validUntil`, not
 * even as stale, so the page changes at that moment rather than a freshness window later.
 */
export interface LoadedBody {
  body: string;
  validUntil: number | null;
  /** The loader's own steps (a KV read, a D1 batch), for a miss's `Server-Timing`. */
  timing?: ServerTiming[];
}

/** A loader's answer: the JSON body, or null when the resource does not exist. */
export type Loader = () => Promise<string | LoadedBody | null>;

/** A loaded body with its ETag, hashed once for the answer and the cache entry alike. */
type Loaded = { body: string; etag: string; validUntil?: number; timing?: ServerTiming[] } | null;

// Per-isolate only: which keys are being loaded or refreshed right now. Holding promises of
// plain strings (never Request/Response objects) is what makes sharing them across requests safe.
const inflight = new Map<string, Promise<Loaded>>();

/**
 * A second's worth of memory in front of the Cache API. A sale-day product page is asked for
 * thousands of times a second per isolate; answering those from memory saves a Cache API round
 * trip each, and one second adds at most a second to how long a change takes to show in other
 * isolates (this isolate's copy is dropped with the purge). Bounded, oldest entry out first.
 *
 * When the second is up, the copy is served once more while one background read of the Cache
 * API replaces it: otherwise every request arriving during that read would wait for it, a burst
 * of slow answers once a second per hot key.
 */
const MEMORY_MS = 1000;
const MEMORY_GRACE_MS = 1000;
const MEMORY_ENTRIES = 2000;

/**
 * The longest any isolate may go on answering from a copy it read before a purge: its second,
 * then its grace. A purge reaches only the purging isolate's memory, so whatever is built from a
 * remembered copy elsewhere (a rendered HTML page) can be stored again until this has passed.
 */
export const MEMORY_LIFETIME_MS = MEMORY_MS + MEMORY_GRACE_MS;
const memory = new BoundedMap<string, { doc: CachedDoc | null; until: number }>(MEMORY_ENTRIES);
const rereading = new Set<string>();

function remember(key: string, doc: CachedDoc | null, until: number) {
  memory.set(key, {
    doc,
    until: Math.min(until, Date.now() + MEMORY_MS, doc?.validUntil ?? Number.POSITIVE_INFINITY),
  });
}

/** ±20% so entries written together (a cold start, a bulk change) do not all expire together. */
export function jittered(seconds: number, random: () => number = Math.random): number {
  return Math.max(0, Math.round(seconds * (0.8 + random() * 0.4)));
}

/** A strong ETag for a body: the first 16 bytes of its SHA-256. */
export async function etagFor(body: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(body));
  const hex = [...new Uint8Array(digest).slice(0, 16)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `"${hex}"`;
}

function cacheRequest(key: string): Request {
  return new Request(`${CACHE_ORIGIN}${key}`);
}

async function store(key: string, loaded: Loaded, policy: CachePolicy): Promise<void> {
  const body = loaded?.body ?? null;
  const now = Date.now();
  const fresh = body === null ? policy.absentSeconds : jittered(policy.freshSeconds);
  const keep = body === null ? policy.absentSeconds : fresh + policy.staleSeconds;
  const validUntil = loaded?.validUntil;
  if (validUntil !== undefined && validUntil <= now) return;
  const headers = new Headers({
    "content-type": "application/json",
    "cache-control": `public, s-maxage=${keep}, max-age=${keep}`,
    "x-fresh-until": String(Math.min(now + fresh * 1000, validUntil ?? Number.POSITIVE_INFINITY)),
  });
  if (loaded === null) headers.set("x-absent", "1");
  else headers.set("etag", loaded.etag);
  if (validUntil !== undefined) headers.set("x-valid-until", String(validUntil));
  await caches.default.put(cacheRequest(key), new Response(body ?? "", { headers }));
  memory.delete(key);
}

/**
 * Runs `load` once per key in this isolate; concurrent callers share its answer. The leader
 * stores the answer in the cache in `waitUntil`, so a miss is not slowed by the cache write.
 */
function loadOnce(ctx: Background, key: string, policy: CachePolicy, load: Loader): Promise<Loaded> {
  const running = inflight.get(key);
  if (running) return running;
  const p = load().then(async (answer): Promise<Loaded> => {
    if (answer === null) return null;
    if (typeof answer === "string") return { body: answer, etag: await etagFor(answer) };
    const loaded = { body: answer.body, etag: await etagFor(answer.body), ...(answer.timing ? { timing: answer.timing } : {}) };
    return answer.validUntil === null ? loaded : { ...loaded, validUntil: answer.validUntil };
  });
  inflight.set(key, p);
  ctx.waitUntil(
    p
      .then((loaded) => store(key, loaded, policy))
      .catch((err) => logFailure(key, err))
      .finally(() => inflight.delete(key)),
  );
  return p;
}

/**
 * The document under `key` (a path such as "/v1/products/prd_1"), through the cache. Null when
 * the loader says it does not exist. Background refreshes run in `ctx.waitUntil`.
 */
export async function cachedDocument(ctx: Background, key: string, policy: CachePolicy, load: Loader): Promise<CachedDoc | null> {
  const remembered = fromMemory(ctx, key, policy, load);
  if (remembered !== undefined) return remembered;
  return readThrough(ctx, key, policy, load);
}

/**
 * The document this isolate remembers under `key`, without waiting on any I/O: null for a
 * remembered "does not exist", undefined when nothing usable is remembered. A copy past its
 * second is still answered while one read through the layers behind replaces it in the background.
 */
export function fromMemory(ctx: Background, key: string, policy: CachePolicy, load: Loader): CachedDoc | null | undefined {
  const remembered = memory.get(key);
  if (!remembered) return undefined;
  const now = Date.now();
  if (now < remembered.until) return remembered.doc;
  const doc = remembered.doc;
  if (doc === null || now >= remembered.until + MEMORY_GRACE_MS) return undefined;
  if (doc.validUntil !== undefined && now >= doc.validUntil) return undefined;
  if (!rereading.has(key)) {
    rereading.add(key);
    ctx.waitUntil(
      readThrough(ctx, key, policy, load)
        .catch((err) => logFailure(key, err))
        .finally(() => rereading.delete(key)),
    );
  }
  return doc;
}

/** The Cache API, then the loader: the layers behind this isolate's memory. */
async function readThrough(ctx: Background, key: string, policy: CachePolicy, load: Loader): Promise<CachedDoc | null> {
  const lookupStart = performance.now();
  const hit = await caches.default.match(cacheRequest(key));
  const lookupMs = msSince(lookupStart);
  if (hit) {
    const body = await hit.text();
    const freshUntil = Number(hit.headers.get("x-fresh-until") ?? 0);
    const fresh = Date.now() < freshUntil;
    const validity = validUntilOf(hit);
    if (hit.headers.get("x-absent") === "1") {
      if (fresh) {
        remember(key, null, freshUntil);
        return null;
      }
    } else if (!pastValidity(validity)) {
      const etag = hit.headers.get("etag") ?? (await etagFor(body));
      if (fresh) {
        const doc: CachedDoc = { body, etag, state: "hit", ...validity };
        remember(key, doc, freshUntil);
        return doc;
      }
      if (!inflight.has(key)) loadOnce(ctx, key, policy, load).catch(() => undefined);
      const stale: CachedDoc = { body, etag, state: "stale", ...validity };
      // Remembered while the refresh runs (which drops it when it lands), so the requests in
      // between are answered from memory rather than each asking the Cache API again.
      remember(key, stale, Number.POSITIVE_INFINITY);
      return stale;
    }
  }
  const loaded = await loadOnce(ctx, key, policy, load);
  if (loaded === null) return null;
  // Callers that shared one load share its steps; the lookup is each request's own.
  const timing = [{ name: "cache", desc: "miss", ms: lookupMs }, ...(loaded.timing ?? [])];
  return { ...loaded, state: "miss", timing };
}

function validUntilOf(entry: Response): { validUntil?: number } {
  const raw = entry.headers.get("x-valid-until");
  return raw === null ? {} : { validUntil: Number(raw) };
}

/** A cached copy whose body has stopped being right is a miss, not a stale copy to serve meanwhile. */
function pastValidity({ validUntil }: { validUntil?: number }): boolean {
  return validUntil !== undefined && Date.now() >= validUntil;
}

/** Drops a cached document in this data centre (the Cache API is per location). */
export async function purgeCached(key: string): Promise<boolean> {
  memory.delete(key);
  return caches.default.delete(cacheRequest(key));
}

function logFailure(key: string, err: unknown) {
  // A stale copy, if any, keeps being served; the next request tries again.
  console.error(JSON.stringify({ level: "warn", message: "cache load failed", key, error: String(err) }));
}
