import { Hono } from "hono";
import { SESSION_COOKIE } from "../accounts/sessions";
import { isCrossSite } from "./csrf";
import { requestIdFor } from "./front-door";
import { sheddingNow } from "./load-shedding";
import { RATE_POLICIES, anonymousMayBrowse, policyHeader } from "./rate-limit";
import { apiCors, securityHeaders } from "./security-headers";

/**
 * Answers given before the router, for the herd's requests: product pages this isolate already
 * holds in memory and waiting-room polls. On a sale day most requests are a handful of hot pages
 * and a waiting room's polls; for those, the router and the front door's middleware cost more
 * than the answer. An edge answer must be exactly what the app
 * would have said, so it is given only when the front door would let the request through
 * untouched, and it carries the same headers, taken from the front door's own middleware.
 */

let frontDoor: Headers | null = null;
let probing = false;

/**
 * The headers the front door puts on every public API answer (security, CORS, the browse rate
 * policy), read once per isolate by running its middleware on a probe request. Null until then,
 * and meanwhile requests go through the app.
 */
function frontDoorHeaders(): Headers | null {
  if (frontDoor) return frontDoor;
  if (!probing) {
    probing = true;
    probe()
      .then((headers) => {
        frontDoor = headers;
      })
      .catch((err) => {
        probing = false;
        console.error(JSON.stringify({ level: "warn", message: "edge answer probe failed", error: String(err) }));
      });
  }
  return null;
}

async function probe(): Promise<Headers> {
  const door = new Hono();
  door.use(securityHeaders);
  door.use("/api/*", apiCors);
  door.get("*", (c) => c.body(null, 204));
  const res = await door.fetch(new Request("https://edge.internal/api/probe"));
  const headers = new Headers(res.headers);
  headers.set("ratelimit-policy", policyHeader(RATE_POLICIES.browse));
  return headers;
}

/**
 * Whether the front door would pass this request straight to its handler: a GET from a client
 * that is not signed in (a signed-in client is counted per account), not refused by the browse
 * rate limit, while the isolate is not shedding load (then answers are marked degraded), once
 * the front door's headers are known.
 */
export function edgeMayAnswer(request: Request, env: Env, path: string): boolean {
  return request.method === "GET" && frontDoorPasses(request, env, path);
}

/**
 * Whether the front door would pass this unsafe request with no body straight to its handler:
 * as for a GET, and also not marked cross-site by the browser (the CSRF check refuses those; a
 * visitor with no session has no token to check), and carrying no body for the body limit and
 * the handler to read.
 */
export function edgeMayAnswerBodilessPost(request: Request, env: Env, path: string): boolean {
  if (request.method !== "POST" || request.headers.has("transfer-encoding")) return false;
  const length = request.headers.get("content-length");
  if (length !== null ? length !== "0" : request.body !== null) return false;
  return !isCrossSite(request) && frontDoorPasses(request, env, path);
}

function frontDoorPasses(request: Request, env: Env, path: string): boolean {
  if (request.headers.has("authorization")) return false;
  // Until the front door's headers are known, there is nothing to answer with.
  if (!frontDoorHeaders()) return false;
  if (request.headers.get("cookie")?.includes(`${SESSION_COOKIE}=`)) return false;
  return anonymousMayBrowse(request) && sheddingNow(env, path) === "serve";
}

/**
 * The front door's headers with `own` on top; null while the front door's headers are not yet
 * known. Callers answering the same document many times keep these and pass them to
 * `edgeRespond`, since copying whole Headers is cheaper than setting them one by one.
 */
export function edgeHeaders(own: Record<string, string>): Headers | null {
  const base = frontDoorHeaders();
  if (!base) return null;
  const headers = new Headers(base);
  for (const name in own) headers.set(name, own[name] as string);
  return headers;
}

/**
 * A response with `headers` (from `edgeHeaders`, or the front door's own), `own` on top of them
 * and this request's id. The response takes its own copy of `headers`, so they are copied once.
 */
export function edgeRespond(
  request: Request,
  status: number,
  headers: Headers,
  body: BodyInit | null,
  own: Record<string, string> = {},
): Response {
  const res = new Response(body, { status, headers });
  const out = res.headers;
  // for-in rather than Object.entries: no array per header on the herd's every answer.
  for (const name in own) out.set(name, own[name] as string);
  out.set("x-request-id", requestIdFor(request));
  return res;
}

/** A reply with the front door's headers, or null while those are not yet known. */
export function edgeAnswer(
  request: Request,
  reply: { status: number; headers: Record<string, string>; body: string | null },
): Response | null {
  const base = frontDoorHeaders();
  return base ? edgeRespond(request, reply.status, base, reply.body, reply.headers) : null;
}
