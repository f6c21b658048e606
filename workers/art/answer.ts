import { matchesEtag } from "../platform/if-none-match";
import { requestIdFor } from "../platform/front-door";
import type { RequestPath } from "../platform/request-path";
import { ART_PATH, artHeaders, renderArt } from "./render";

/**
 * `GET` or `HEAD /art/{shape}/{colour}.svg` for a known illustration, answered before the router
 * as the asset store answers /static: a grid of product cards asks for a dozen of these at once,
 * and a file that costs nothing to draw must not cost a shopper's rate limit, a session lookup or
 * a place under load shedding. Null for anything else, which the app answers (an unknown name
 * with a 404 problem, another method with a 405).
 */
export function answerArt(request: Request, url: RequestPath): Response | null {
  if (request.method !== "GET" && request.method !== "HEAD") return null;
  const match = ART_PATH.exec(url.pathname);
  const art = match ? renderArt(match[1]!, match[2]!) : null;
  if (!art) return null;
  const headers = new Headers(artHeaders(art));
  headers.set("x-request-id", requestIdFor(request));
  if (matchesEtag(request.headers.get("if-none-match") ?? undefined, art.etag)) return new Response(null, { status: 304, headers });
  return new Response(request.method === "HEAD" ? null : art.svg, { status: 200, headers });
}
