import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../platform/context";
import { sha256Hex } from "../platform/ids";
import { asksForPersonalCopy, sharedPageQuery } from "./shared-pages";

/**
 * Marks a page the same for every visitor: browsers revalidate, the edge keeps it briefly.
 * Personal bits are filled in by scripts from the JSON API.
 */
export function sharedPage(c: Context<AppEnv>, edgeSeconds = 30): void {
  // A page rendered without its extras under load should not outlive the load.
  if (c.var.degraded) edgeSeconds = Math.min(edgeSeconds, 5);
  c.header("cache-control", `public, max-age=0, s-maxage=${edgeSeconds}`);
  c.header("vary", "accept-encoding");
}

/** Marks a page that shows one person's data: never stored by a shared cache. */
export function personalPage(c: Context<AppEnv>): void {
  c.header("cache-control", "private, no-store");
}

// A fixed origin for page keys, so a queue consumer, which has no request, can purge a page.
const PAGE_CACHE_ORIGIN = "https://page-cache.internal";

/**
 * The cache key of a shared page: its path and the query it reads (`sharedPageQuery`), never a
 * header, because shared pages ignore who asked. Null for a page that is not shared.
 */
export function sharedPageKey(url: URL): Request | null {
  const query = sharedPageQuery(url);
  if (query === null) return null;
  const search = query.size > 0 ? `?${query}` : "";
  return new Request(`${PAGE_CACHE_ORIGIN}/__pages${url.pathname}${search}`, { method: "GET" });
}

/** Drops a shared page (a path without query, such as `/products/prd_1`) from this data centre's cache. */
export async function purgeSharedPage(path: string): Promise<boolean> {
  const key = sharedPageKey(new URL(path, PAGE_CACHE_ORIGIN));
  return key ? caches.default.delete(key) : false;
}

/**
 * Seconds a shared page built from an API answer may stay at the edge: `edgeSeconds`, but never
 * past the moment the answer said it stops being right (`x-valid-until`, a deal opening or closing),
 * nor much past the moment the edge drops the copy of the answer it was built from (`expires`, a
 * search answer): a page that outlived its answer would show what the answer no longer says.
 */
export function edgeSecondsFor(apiHeaders: Headers, edgeSeconds: number, now = Date.now()): number {
  let seconds = edgeSeconds;
  const validUntil = Date.parse(apiHeaders.get("x-valid-until") ?? "");
  if (!Number.isNaN(validUntil)) seconds = Math.min(seconds, Math.floor((validUntil - now) / 1000));
  // Rounded up: `expires` has whole seconds, and a page kept a fraction of a second past its
  // answer costs less than rendering it on every request of that answer's last second.
  const expires = Date.parse(apiHeaders.get("expires") ?? "");
  if (!Number.isNaN(expires)) seconds = Math.min(seconds, Math.ceil((expires - now) / 1000));
  return Math.max(0, seconds);
}

function matchesEtag(c: Context<AppEnv>, etag: string): boolean {
  const inm = c.req.header("if-none-match");
  return !!inm && inm.split(",").some((t) => t.trim() === etag);
}

/**
 * Serves shared pages from this data centre's Cache API for their `s-maxage`, so a herd on the
 * home or a product page renders it once per data centre, not once per shopper. Every shared
 * page carries an ETag, and a matching If-None-Match is a 304.
 */
export const edgePageCache = createMiddleware<AppEnv>(async (c, next) => {
  const url = new URL(c.req.url);
  // A visitor's own copy (a product page for their PIN code) is drawn for them and never kept.
  const key = c.req.method === "GET" && !asksForPersonalCopy(url) ? sharedPageKey(url) : null;
  if (!key) return next();
  const hit = await caches.default.match(key);
  if (hit) {
    const headers = new Headers(hit.headers);
    headers.set("cache-control", headers.get("x-page-cache-control") ?? "public, max-age=0");
    headers.delete("x-page-cache-control");
    headers.set("x-page-cache", "hit");
    const etag = headers.get("etag") ?? "";
    // c.newResponse keeps headers the front door already set on this request (a new guest's cookie).
    if (matchesEtag(c, etag)) return c.newResponse(null, { status: 304, headers });
    return c.newResponse(hit.body, { status: 200, headers });
  }
  await next();
  const control = c.res.headers.get("cache-control") ?? "";
  const edgeSeconds = Number(/s-maxage=(\d+)/.exec(control)?.[1] ?? 0);
  if (c.res.status !== 200 || !control.startsWith("public") || edgeSeconds <= 0) return;
  const body = await c.res.clone().text();
  const etag = `W/"${(await sha256Hex(body)).slice(0, 32)}"`;
  c.res.headers.set("etag", etag);
  c.res.headers.set("x-page-cache", "miss");
  const stored = new Headers(c.res.headers);
  // What the edge keeps is for everyone: no cookie set for this visitor rides along.
  stored.delete("set-cookie");
  stored.set("x-page-cache-control", control);
  stored.set("cache-control", `public, max-age=${edgeSeconds}`);
  c.executionCtx.waitUntil(caches.default.put(key, new Response(body, { status: 200, headers: stored })));
  if (matchesEtag(c, etag)) c.res = new Response(null, { status: 304, headers: c.res.headers });
});
