import { createMiddleware } from "hono/factory";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "./context";
import { createDb } from "./db";
import { AppError, problemResponse } from "./errors";

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * First middleware: a request id on every response (a well-formed inbound one is kept so a
 * trace can span services), and the per-request database handle.
 */
export const requestContext = createMiddleware<AppEnv>(async (c, next) => {
  const inbound = c.req.header("x-request-id");
  const requestId = inbound && REQUEST_ID.test(inbound) ? inbound : crypto.randomUUID();
  c.set("requestId", requestId);
  c.set("db", createDb(c.env.DB));
  c.set("user", null);
  c.set("guestId", null);
  c.set("degraded", false);
  await next();
  c.header("x-request-id", requestId);
});

/** Renders every thrown error as RFC 9457 problem details; unknown errors never leak their message. */
export function renderError(err: Error, c: Context<AppEnv>): Response {
  const requestId = c.var.requestId ?? crypto.randomUUID();
  if (err instanceof AppError) {
    return problemResponse(err.code, err.detail, requestId, err.options);
  }
  if (err instanceof HTTPException) {
    // Hono's own middleware (body limit, malformed JSON) throws these with safe, fixed messages.
    const code = err.status === 413 ? "payload_too_large" : err.status === 401 ? "unauthenticated" : "bad_request";
    return problemResponse(code, err.status === 413 ? "The request body is too large." : err.message || "Bad request.", requestId);
  }
  console.error(JSON.stringify({ level: "error", requestId, message: err.message, stack: err.stack }));
  return problemResponse("internal", `An unexpected error occurred. Quote request id ${requestId} to support.`, requestId);
}

/** Unknown routes are problems too. */
export function renderNotFound(c: Context<AppEnv>): Response {
  return problemResponse("not_found", `No resource at ${c.req.path}.`, c.var.requestId ?? crypto.randomUUID());
}
