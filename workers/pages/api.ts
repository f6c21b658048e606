import type { Context, ExecutionContext } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { GUEST_COOKIE, knownGuestId, signGuestId } from "../accounts/guest";
import { readConfig } from "../platform/config";
import type { AppEnv } from "../platform/context";

/** The Worker's own fetch handler; pages reach the JSON API through it without a network hop. */
export type ApiFetch = (request: Request, env: Env, ctx: ExecutionContext) => Response | Promise<Response>;

/** An RFC 9457 problem as the API renders it; the fields pages show to people. */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  errors?: { path: string; message: string }[];
  retryAfter?: string | null;
  [extension: string]: unknown;
}

/** The outcome of one API call: the parsed body, or the problem the API answered with. */
export type ApiResult<T> = { ok: true; data: T; status: number; headers: Headers } | { ok: false; problem: Problem; headers: Headers };

/** Whether a call runs as the visitor (their cookies) or anonymously (for pages cached at the edge). */
export type CallAs = "visitor" | "anonymous";

/**
 * Calls the public JSON API in-process, so every page reads exactly what the documented contract
 * serves. Anonymous calls carry no cookie at all: a cacheable page must never depend on who asked.
 */
export async function callApi<T>(c: Context<AppEnv>, fetchApi: ApiFetch, path: string, init: ApiCallInit = {}): Promise<ApiResult<T>> {
  return readResult<T>(await fetchApi(await apiRequest(c, path, init), c.env, c.executionCtx));
}

/** What a page's API call sends: a JSON `body`, or a `raw` body of another type (a CSV file). */
export interface ApiCallInit {
  as?: CallAs;
  method?: string;
  body?: unknown;
  raw?: { type: string; text: string };
  headers?: Record<string, string>;
}

/** The in-process request of a page's API call, identified as the visitor (or anonymous). */
export async function apiRequest(c: Context<AppEnv>, path: string, init: ApiCallInit = {}): Promise<Request> {
  const url = new URL(path, c.req.url);
  const headers = new Headers(init.headers);
  headers.set("accept", "application/json");
  headers.set("x-request-id", c.var.requestId);
  // The API's rate limits count per client address; without it every anonymous page render would share one bucket.
  const ip = c.req.header("cf-connecting-ip");
  if (ip) headers.set("cf-connecting-ip", ip);
  if (init.as !== "anonymous") {
    // Whatever identified the visitor to the page identifies them to the API: cookies, or a bearer token.
    const cookie = await visitorCookies(c);
    if (cookie) headers.set("cookie", cookie);
    const authorization = c.req.header("authorization");
    if (authorization) headers.set("authorization", authorization);
    // A session opened through a page is named after the browser the visitor signed in with.
    const agent = c.req.header("user-agent");
    if (agent) headers.set("user-agent", agent);
  }
  let body: string | undefined;
  if (init.body !== undefined || init.raw) {
    body = init.raw ? init.raw.text : JSON.stringify(init.body);
    headers.set("content-type", init.raw ? init.raw.type : "application/json");
    // An in-process call is same-origin by construction; the origin lets the front door's CSRF check see that.
    headers.set("origin", url.origin);
    headers.set("sec-fetch-site", "same-origin");
    // The page request already proved it holds the session's CSRF token; the API checks it again.
    if (c.var.csrfToken && init.as !== "anonymous") headers.set("x-csrf-token", c.var.csrfToken);
  }
  return new Request(url, { method: init.method ?? "GET", headers, body });
}

/**
 * The visitor's cookies for an in-process call. A first-time guest has no guest cookie yet (the
 * front door is setting one on this very response), so it is added here: otherwise the API would
 * mint a second guest id, and a cart or waiting-room ticket would belong to nobody.
 */
async function visitorCookies(c: Context<AppEnv>): Promise<string> {
  const cookie = c.req.header("cookie") ?? "";
  const guestId = await knownGuestId(c);
  if (!guestId || cookie.includes(`${GUEST_COOKIE}=`)) return cookie;
  const guest = `${GUEST_COOKIE}=${await signGuestId(readConfig(c.env).SESSION_SECRET, guestId)}`;
  return cookie ? `${cookie}; ${guest}` : guest;
}

/** Parses an API response into a result, turning non-JSON failures into a plain problem. */
export async function readResult<T>(res: Response): Promise<ApiResult<T>> {
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (res.ok) return { ok: true, data: parsed as T, status: res.status, headers: res.headers };
  const problem: Problem =
    parsed && typeof parsed === "object" ? { ...(parsed as Problem), status: res.status } : { status: res.status, title: res.statusText };
  problem.retryAfter = res.headers.get("retry-after");
  return { ok: false, problem, headers: res.headers };
}

/** Passes cookies the API set (a new session, a guest cart id) on to the browser. */
export function relayCookies(c: Context<AppEnv>, headers: Headers): void {
  for (const cookie of headers.getSetCookie()) c.header("set-cookie", cookie, { append: true });
}

/** The status a page answers with when the API refused: the API's own, or 503 for any server-side failure. */
export function pageStatus(problem: Problem): ContentfulStatusCode {
  const known = [400, 401, 403, 404, 409, 413, 422, 429] as const;
  return known.find((s) => s === problem.status) ?? (problem.status >= 500 ? 503 : 400);
}

/** Answers a page with the status the API's refusal calls for, passing on when to retry. */
export function answerProblem(c: Context<AppEnv>, problem: Problem): void {
  c.status(pageStatus(problem));
  if (problem.retryAfter) c.header("retry-after", problem.retryAfter);
}

/** A sentence a shopper can act on for each kind of failure the API can answer with. */
export function problemMessage(problem: Problem): string {
  const wait = problem.retryAfter ? ` Please try again in ${problem.retryAfter} seconds.` : " Please try again shortly.";
  switch (problem.status) {
    case 401:
      return "You are signed out. Please sign in to continue.";
    case 403:
      return "Your account does not have access to this.";
    case 404:
      return "We could not find that. It may have been removed.";
    case 409:
      return problem.detail ?? "This changed while you were looking: it may be sold out or its price changed.";
    case 429:
      return `You are going a little fast.${wait}`;
    case 503:
      // Shedding passes, so waiting is the advice; anything else unavailable says what, as waiting would not help.
      if (problem.type !== "/problems/overloaded" && problem.detail) return problem.detail;
      return `We are very busy right now and have paused non-essential work.${wait}`;
    default:
      return problem.detail ?? problem.title ?? "Something went wrong. Please try again.";
  }
}
