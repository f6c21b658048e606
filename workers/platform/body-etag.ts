import { createMiddleware } from "hono/factory";
import { matchesEtag } from "./if-none-match";
import { etagFor } from "../catalog/edge-cache";
import type { AppEnv } from "./context";

// What describes the body a 304 does not carry.
const BODY_HEADERS = ["content-type", "content-length", "content-encoding"];

/**
 * An ETag for a public read answered from D1 each time: the hash of the body it answers, and a
 * 304 with no body when the client already holds it. The read still runs; what is saved is the
 * bytes, which for a phone polling a product's reviews or questions is most of the cost.
 */
export const bodyEtag = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  if (c.req.method !== "GET" || c.res.status !== 200) return;
  const etag = await etagFor(await c.res.clone().text());
  if (!matchesEtag(c.req.header("if-none-match"), etag)) {
    c.res.headers.set("etag", etag);
    return;
  }
  // The 200's other headers stay: caching and CORS must read the same on the 304 (RFC 9110 §15.4.5).
  const kept = new Headers(c.res.headers);
  for (const name of BODY_HEADERS) kept.delete(name);
  kept.set("etag", etag);
  await c.res.body?.cancel();
  c.res = undefined;
  c.res = new Response(null, { status: 304, headers: kept });
});
