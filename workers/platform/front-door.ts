import { createMiddleware } from "hono/factory";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "./context";
import { createDb } from "./db";
import { AppError, type ErrorCode } from "./errors";
import { notFoundPage, renderProblem, wantsPage } from "./problem-page";

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** The request's id: a well-formed inbound `X-Request-Id`, else a new one. */
export function requestIdFor(request: Request): string {
  const inbound = request.headers.get("x-request-id");
  return inbound && REQUEST_ID.test(inbound) ? inbound : crypto.randomUUID();
}

/**
 * First middleware: a request id on every response (a well-formed inbound one is kept so a
 * trace can span services), and the per-request database handle.
 */
export const requestContext = createMiddleware<AppEnv>(async (c, next) => {
  const requestId = requestIdFor(c.req.raw);
  c.set("requestId", requestId);
  c.set("db", createDb(c.env.DB));
  c.set("user", null);
  c.set("guestId", null);
  c.set("guestMinted", false);
  c.set("guestResolved", false);
  c.set("degraded", false);
  c.set("csrfToken", null);
  try {
    await next();
  } catch (thrown) {
    // Hono hands only Error instances to onError; some libraries throw plain objects
    // (zod-to-openapi's ConflictError), which would otherwise escape as a bare runtime 500.
    if (thrown instanceof Error) throw thrown;
    c.res = renderError(new Error(`Non-Error thrown: ${describeThrown(thrown)}`), c);
  }
  c.header("x-request-id", requestId);
});

function describeThrown(thrown: unknown): string {
  try {
    return JSON.stringify(thrown) ?? String(thrown);
  } catch {
    return String(thrown);
  }
}

const HTTP_EXCEPTION_CODES: Partial<Record<number, ErrorCode>> = {
  401: "unauthenticated",
  403: "forbidden",
  404: "not_found",
  409: "conflict",
  413: "payload_too_large",
  415: "unsupported_media_type",
  429: "rate_limited",
};

/** Renders every thrown error as RFC 9457 problem details; unknown errors never leak their message. */
export function renderError(err: Error, c: Context<AppEnv>): Response {
  const requestId = c.var.requestId ?? crypto.randomUUID();
  if (err instanceof AppError) {
    return renderProblem(c, err.code, err.detail, err.options);
  }
  if (err instanceof HTTPException && err.status < 500) {
    // Hono's own middleware (body limit, malformed JSON) throws these with safe, fixed messages.
    const code = HTTP_EXCEPTION_CODES[err.status] ?? "bad_request";
    const detail =
      code === "bad_request"
        ? err.message || "Bad request."
        : code === "unsupported_media_type"
          ? unsupportedType(c.req.header("content-type"))
          : `${err.message || "Request refused"}.`;
    return renderProblem(c, code, detail);
  }
  console.error(JSON.stringify({ level: "error", requestId, message: err.message, stack: err.stack }));
  return renderProblem(c, "internal", `An unexpected error occurred. Quote request id ${requestId} to support.`);
}

/** A body of a type the route does not take: what came, and what to send. (CSV uploads say their own.) */
function unsupportedType(sent: string | undefined): string {
  const type = sent?.split(";")[0]?.trim();
  return `${type ? `A body of type ${type.slice(0, 100)}` : "A body with no Content-Type"} is not taken here: send it as JSON, with Content-Type: application/json.`;
}

/** Unknown routes are problems too; a browser is shown a page that helps it on. */
export function renderNotFound(c: Context<AppEnv>): Response {
  if (wantsPage(c)) return notFoundPage(c.req.path, c.var.requestId ?? crypto.randomUUID());
  return renderProblem(c, "not_found", `No resource at ${c.req.path}.`);
}

/**
 * A known path asked with a method it does not support: a 405 problem listing the allowed ones.
 * A browser opening a page path that only takes a form (the address bar still shows where a refused
 * form was sent, and a reload from there or a shared copy of it arrives as a GET) is sent on to the
 * page one level up, where that form lives: `/seller/listings` to `/seller`, `/orders/{id}/cancel`
 * to the order.
 */
export function renderMethodNotAllowed(c: Context<AppEnv>, allowed: string[]): Response {
  const method = c.req.method;
  if ((method === "GET" || method === "HEAD") && wantsPage(c)) return c.redirect(parentPath(c.req.path), 303);
  const allow = allowed.join(", ");
  return renderProblem(c, "method_not_allowed", `${method} is not supported here; use ${allow}.`, { headers: { allow } });
}

/** The path one segment up (`/a/b/` and `/a/b` both give `/a`), the root at the top. */
export function parentPath(path: string): string {
  const trimmed = path.replace(/\/+$/, "");
  const cut = trimmed.lastIndexOf("/");
  return cut > 0 ? trimmed.slice(0, cut) : "/";
}
