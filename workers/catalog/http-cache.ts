import type { Context } from "hono";
import type { AppEnv } from "../platform/context";
import type { CachedDoc } from "./edge-cache";

/** True when an If-None-Match header lists this ETag (or is `*`). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(",")
    .map((t) => t.trim().replace(/^W\//, ""))
    .some((t) => t === "*" || t === etag);
}

/**
 * Answers with a cached JSON document: 304 when the client already has this version,
 * otherwise the body, always with ETag, Cache-Control and X-Cache (hit, stale or miss).
 */
export function sendCached(c: Context<AppEnv>, doc: CachedDoc, cacheControl: string): Response {
  c.header("etag", doc.etag);
  c.header("cache-control", cacheControl);
  c.header("x-cache", doc.state);
  if (matchesEtag(c.req.header("if-none-match"), doc.etag)) return c.body(null, 304);
  c.header("content-type", "application/json; charset=utf-8");
  return c.body(doc.body, 200);
}
