import type { Context } from "hono";
import type { AppEnv } from "./context";
import { problemPageResponse } from "./problem-page";

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
    // A same-origin URL may still have a path a browser reads as another host (`//evil.example`).
    if (from.origin !== new URL(c.req.url).origin || from.pathname.startsWith("//")) return "/";
    return `${from.pathname}${from.search}`;
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
  return problemPageResponse(
    {
      title: "This form expired",
      paragraphs: [
        { text: "This form expired; reload the page and try again. Nothing was changed." },
        { text: "This happens when you sign in or out in another tab after the page was loaded.", muted: true },
      ],
      link: { href: formPage(c), text: "Back to the page", primary: true },
      requestId: c.var.requestId ?? crypto.randomUUID(),
    },
    403,
  );
}
