import type { Context } from "hono";
import type { AppEnv } from "../platform/context";
import { sha256Hex } from "../platform/ids";

/** Seconds a search or autocomplete answer is reused at the edge: long enough to absorb a herd on a popular query. */
export const SEARCH_TTL_SECONDS = 5;

/**
 * The cache key: the path and the query parameters in a fixed order, and nothing else. No header
 * (cookie, authorization) is part of it, which is safe only because what is cached never depends
 * on who asked; personal answers go through `personalJson` instead.
 */
export function cacheKey(url: string): Request {
  const u = new URL(url);
  const params = [...u.searchParams.entries()].sort(([a, av], [b, bv]) => a.localeCompare(b) || av.localeCompare(bv));
  u.search = new URLSearchParams(params).toString();
  u.hash = "";
  return new Request(u.toString(), { method: "GET" });
}

/** What a browser is told of an answer that depends on whether its shopper has signed in. */
function askEveryTime(headers: Headers): void {
  headers.set("cache-control", "no-cache");
  headers.set("vary", "Cookie, Authorization");
}

function notModified(c: Context<AppEnv>, etag: string): boolean {
  const inm = c.req.header("if-none-match");
  return !!inm && inm.split(",").some((t) => t.trim() === etag || t.trim() === `W/${etag}`);
}

/**
 * Answers a public, non-personal JSON read from this data centre's cache when a fresh copy
 * exists, otherwise computes it and stores it for `ttl` seconds after responding. Either way the
 * body carries an ETag, a matching If-None-Match gets a 304, and `expires` names when the copy
 * goes. Nothing purges these answers: `ttl` alone bounds how far behind D1 they can be.
 *
 * `forGuestsOnly` marks an answer the same for every guest but not for a signed-in shopper, who
 * is answered in person instead: the edge still shares it among guests, but a browser must ask
 * again each time (a 304 while unchanged), or it would go on showing the guest answer for the
 * whole `ttl` after its shopper signed in.
 */
export async function sharedJson(
  c: Context<AppEnv>,
  ttl: number,
  produce: () => Promise<unknown>,
  { forGuestsOnly = false } = {},
): Promise<Response> {
  const key = cacheKey(c.req.url);
  const cache = caches.default;
  const hit = await cache.match(key);
  if (hit) {
    const etag = hit.headers.get("etag") ?? "";
    const headers = new Headers(hit.headers);
    headers.set("x-cache", "hit");
    if (forGuestsOnly) askEveryTime(headers);
    if (notModified(c, etag)) return new Response(null, { status: 304, headers });
    return new Response(hit.body, { status: 200, headers });
  }
  const body = JSON.stringify(await produce());
  const etag = `"${(await sha256Hex(body)).slice(0, 32)}"`;
  const headers = new Headers({
    "content-type": "application/json; charset=utf-8",
    "cache-control": `public, max-age=${ttl}`,
    // When the edge drops this copy, stored with it so a hit says so too: whatever is built from
    // the answer (a results page) is then kept no longer than the answer itself.
    expires: new Date(Date.now() + ttl * 1000).toUTCString(),
    etag,
  });
  c.executionCtx.waitUntil(cache.put(key, new Response(body, { headers })));
  headers.set("x-cache", "miss");
  if (forGuestsOnly) askEveryTime(headers);
  if (notModified(c, etag)) return new Response(null, { status: 304, headers });
  return new Response(body, { status: 200, headers });
}

/** A JSON answer for one signed-in shopper: never stored by the edge or any shared cache. */
export function personalJson(body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status: 200,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "private, no-store", vary: "Authorization, Cookie" },
  });
}
