import type { Context } from "hono";
import type { AppEnv } from "../platform/context";
import { matchesEtag } from "../platform/if-none-match";
import { serverTimingHeader } from "../platform/server-timing";
import type { CachedDoc } from "./edge-cache";

/** How a cached document is answered: 304 when the client already has this version, else the body. */
export type CachedReply = { headers: Record<string, string> } & ({ status: 200; body: string } | { status: 304; body: null });

/** The header naming when a document stops being right by itself (a deal opening or closing on it). */
export const VALID_UNTIL_HEADER = "x-valid-until";

/**
 * The reply to a request carrying `ifNoneMatch`, always with ETag, Cache-Control and X-Cache (hit,
 * stale or miss), and `x-valid-until` for a document that changes by itself at a known moment, so
 * whatever keeps a copy (the HTML page cache) keeps it no longer, and on a miss `Server-Timing`
 * saying where the read through the layers spent its time.
 */
export function cachedReply(doc: CachedDoc, cacheControl: string, ifNoneMatch: string | undefined): CachedReply {
  const headers: Record<string, string> = { etag: doc.etag, "cache-control": cacheControl, "x-cache": doc.state };
  if (doc.validUntil !== undefined) headers[VALID_UNTIL_HEADER] = new Date(doc.validUntil).toISOString();
  if (doc.timing) headers["server-timing"] = serverTimingHeader(doc.timing);
  if (matchesEtag(ifNoneMatch, doc.etag)) return { status: 304, headers, body: null };
  headers["content-type"] = "application/json; charset=utf-8";
  return { status: 200, headers, body: doc.body };
}

/** Answers with a cached JSON document through Hono, so the front door's middleware still applies. */
export function sendCached(c: Context<AppEnv>, doc: CachedDoc, cacheControl: string): Response {
  const reply = cachedReply(doc, cacheControl, c.req.header("if-none-match"));
  for (const [name, value] of Object.entries(reply.headers)) c.header(name, value);
  return reply.status === 304 ? c.body(null, 304) : c.body(reply.body, 200);
}
