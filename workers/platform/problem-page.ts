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

/** What a page about a problem says: a heading, its sentences, the one way on, and the reference to quote. */
export interface ProblemPageContent {
  title: string;
  paragraphs: { text: string; muted?: boolean }[];
  /** The way on; `primary` makes it the page's button. */
  link: { href: string; text: string; primary?: boolean };
  /** Offer the shop's search on the page, for a visitor who came for something that is not here. */
  search?: boolean;
  requestId: string;
}

// A plain form to the results page: the page stays script-free and works in any browser.
const SEARCH_FORM = `<form action="/search" method="get" role="search" aria-label="Store" class="row-form problem-search">
<label>Search for what you came for <input name="q" type="search" maxlength="200" autocomplete="off"></label>
<button type="submit">Search</button>
</form>
`;
/**
 * A small HTML page about a problem (no script, styles from `/static`), for people rather than
 * clients, never stored by caches. Every text is escaped here.
 */
export function problemPageResponse(page: ProblemPageContent, status: number, headersInit?: HeadersInit): Response {
  const paragraphs = page.paragraphs.map((p) => `<p${p.muted ? ' class="muted"' : ""}>${escapeHtml(p.text)}</p>\n`).join("");
  const linkClass = page.link.primary ? ' class="button primary"' : "";
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)} · Bazaar</title><link rel="stylesheet" href="/static/app.css"></head>
<body><main id="main" class="page problem-page">
<h1>${escapeHtml(page.title)}</h1>
${paragraphs}${page.search ? SEARCH_FORM : ""}<p><a${linkClass} href="${escapeHtml(page.link.href)}">${escapeHtml(page.link.text)}</a></p>
<p class="muted">Reference: ${escapeHtml(page.requestId)}</p>
</main></body></html>`;
  const headers = new Headers(headersInit);
  headers.set("content-type", "text/html; charset=utf-8");
  headers.set("cache-control", "no-store");
  headers.set("x-request-id", page.requestId);
  return new Response(html, { status, headers });
}

/** The same problem as a small HTML page, for people rather than clients. */
export function problemPage(code: ErrorCode, detail: string, requestId: string, options: AppErrorOptions = {}): Response {
  const body = problemBody(code, detail, requestId, options);
  const retry = options.headers?.["retry-after"];
  const paragraphs = [{ text: detail }, ...(retry ? [{ text: `Please try again in ${retry} seconds.` }] : [])];
  return problemPageResponse(
    { title: body.title, paragraphs, link: { href: "/", text: "Back to the shop" }, requestId },
    ERROR_STATUS[code],
    options.headers,
  );
}

/**
 * The page for an address the site does not have: most often a mistyped or stale link, so it says
 * so in words rather than as a resource, and offers the search and the home page.
 */
export function notFoundPage(path: string, requestId: string): Response {
  return problemPageResponse(
    {
      title: "Page not found",
      paragraphs: [{ text: `There is no page at ${path}. The address may be mistyped, or the page may have moved.` }],
      search: true,
      link: { href: "/", text: "Go to the home page" },
      requestId,
    },
    ERROR_STATUS.not_found,
  );
}

/** A problem in the form the caller can read: a page for a browser on a page path, else problem+json. */
export function renderProblem(c: Context<AppEnv>, code: ErrorCode, detail: string, options: AppErrorOptions = {}): Response {
  const requestId = c.var.requestId ?? crypto.randomUUID();
  return wantsPage(c) ? problemPage(code, detail, requestId, options) : problemResponse(code, detail, requestId, options);
}
