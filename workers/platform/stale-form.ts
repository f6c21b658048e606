import type { Context } from "hono";
import type { AppEnv } from "./context";
import { parentPath } from "./front-door";
import { problemPageResponse } from "./problem-page";

/** True for an HTML form posted to a page, as opposed to a client calling the JSON API. */
export function isPageFormPost(c: Context<AppEnv>): boolean {
  const path = c.req.path;
  if (path === "/api" || path.startsWith("/api/")) return false;
  const type = c.req.header("content-type") ?? "";
  return type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data");
}

/**
 * The page the form was on, when the browser says and it is on this site. Otherwise (a browser or
 * extension that sends no Referer) the page one level up from where the form was sent, where the
 * site's forms live, as a page path asked with the wrong method is answered: `/seller/listings` is
 * the seller console's, `/orders/{id}/cancel` the order's.
 */
function formPage(c: Context<AppEnv>): string {
  const fallback = parentPath(c.req.path);
  const referer = c.req.header("referer");
  if (!referer) return fallback;
  try {
    const from = new URL(referer);
    // A same-origin URL may still have a path a browser reads as another host (`//evil.example`).
    if (from.origin !== new URL(c.req.url).origin || from.pathname.startsWith("//")) return fallback;
    return `${from.pathname}${from.search}`;
  } catch {
    return fallback;
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
