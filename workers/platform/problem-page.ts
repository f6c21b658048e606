import type { Context } from "hono";
import type { AppEnv } from "./context";
import { type AppErrorOptions, ERROR_STATUS, type ErrorCode, problemBody, problemResponse } from "./errors";

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/**
 * True for a browser navigating to a page: it gets a readable page with the same status and
 * headers instead of a JSON document. API paths always answer problem+json.
 */
export function wantsPage(c: Context<AppEnv>): boolean {
  const path = c.req.path;
  if (path === "/api" || path.startsWith("/api/")) return false;
  return (c.req.header("accept") ?? "").includes("text/html");
}

/** The same problem as a small HTML page (no script, styles from `/static`), for people rather than clients. */
export function problemPage(code: ErrorCode, detail: string, requestId: string, options: AppErrorOptions = {}): Response {
  const body = problemBody(code, detail, requestId, options);
  const retry = options.headers?.["retry-after"];
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(body.title)} · Bazaar</title><link rel="stylesheet" href="/static/app.css"></head>
<body><main id="main" class="page problem-page">
<h1>${escapeHtml(body.title)}</h1>
<p>${escapeHtml(detail)}</p>
${retry ? `<p>Please try again in ${escapeHtml(retry)} seconds.</p>` : ""}
<p><a href="/">Back to the shop</a></p>
<p class="muted">Reference: ${escapeHtml(requestId)}</p>
</main></body></html>`;
  const headers = new Headers(options.headers);
  headers.set("content-type", "text/html; charset=utf-8");
  headers.set("cache-control", "no-store");
  headers.set("x-request-id", requestId);
  return new Response(html, { status: ERROR_STATUS[code], headers });
}

/** A problem in the form the caller can read: a page for a browser on a page path, else problem+json. */
export function renderProblem(c: Context<AppEnv>, code: ErrorCode, detail: string, options: AppErrorOptions = {}): Response {
  const requestId = c.var.requestId ?? crypto.randomUUID();
  return wantsPage(c) ? problemPage(code, detail, requestId, options) : problemResponse(code, detail, requestId, options);
}
