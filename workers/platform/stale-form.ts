import type { Context } from "hono";
import type { AppEnv } from "./context";
import { escapeHtml } from "./problem-page";

/** True for an HTML form posted to a page, as opposed to a client calling the JSON API. */
export function isPageFormPost(c: Context<AppEnv>): boolean {
  const path = c.req.path;
  if (path === "/api" || path.startsWith("/api/")) return false;
  const type = c.req.header("content-type") ?? "";
  return type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data");
}

/** The page the form was on, when the browser says and it is on this site; else the home page. */
function formPage(c: Context<AppEnv>): string {
  const referer = c.req.header("referer");
  if (!referer) return "/";
  try {
    const from = new URL(referer);
    return from.origin === new URL(c.req.url).origin ? `${from.pathname}${from.search}` : "/";
  } catch {
    return "/";
  }
}

/**
 * The answer to a page's form whose CSRF token no longer matches the session: most often a sign-in
 * or sign-out in another tab since the page was loaded. The person needs a fresh page, not the
 * API's advice about headers; the status stays 403 and nothing was changed.
 */
export function staleFormPage(c: Context<AppEnv>): Response {
  const requestId = c.var.requestId ?? crypto.randomUUID();
  const back = formPage(c);
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>This form expired · Bazaar</title><link rel="stylesheet" href="/static/app.css"></head>
<body><main id="main" class="page problem-page">
<h1>This form expired</h1>
<p>This form expired; reload the page and try again. Nothing was changed.</p>
<p class="muted">This happens when you sign in or out in another tab after the page was loaded.</p>
<p><a class="button primary" href="${escapeHtml(back)}">Back to the page</a></p>
<p class="muted">Reference: ${escapeHtml(requestId)}</p>
</main></body></html>`;
  return new Response(html, {
    status: 403,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "x-request-id": requestId },
  });
}
