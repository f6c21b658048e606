import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { SESSION_TTL_SECONDS } from "../accounts/sessions";
import type { AppEnv } from "./context";
import { readConfig } from "./config";
import { AppError } from "./errors";
import { hmacSign } from "./hmac";
import { isPageFormPost, staleFormPage } from "./stale-form";

/** Readable cookie holding the CSRF token, for pages' scripts to echo in `X-CSRF-Token`. */
export const CSRF_COOKIE = "__Host-csrf";
/** Header carrying the token on fetch requests. */
export const CSRF_HEADER = "x-csrf-token";
/** Form field carrying the token on plain HTML form posts (pages render it from `c.var.csrfToken`). */
export const CSRF_FIELD = "_csrf";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Unsafe requests authorized by a signature in the request itself, never by the session, so CSRF
 * (riding a visitor's cookie) cannot forge anything there. The one-click unsubscribe is posted by
 * mailbox providers, some from a web mail page on their own origin (cross-site here), and by
 * anyone holding the mail, signed in or not: what it can do is turn off the signed user's signed
 * alert group, which is what the link's holder may do anyway. The payment webhook needs no entry:
 * the provider's server sends no cookie and no browser's cross-site marks.
 */
const SIGNATURE_AUTHORIZED = [/^\/api\/notifications\/unsubscribe$/];

/**
 * The CSRF token for a session: an HMAC of the session id, so it needs no storage, changes with
 * every sign-in (sessions rotate) and cannot be minted by anyone without the secret.
 */
export function csrfTokenFor(secret: string, sessionId: string): Promise<string> {
  return hmacSign(secret, `csrf:${sessionId}`);
}

/** Sets the readable CSRF cookie alongside a session cookie. */
export function setCsrfCookie(c: Context<AppEnv>, token: string, maxAgeSeconds: number): void {
  setCookie(c, CSRF_COOKIE, token, { path: "/", secure: true, httpOnly: false, sameSite: "Lax", maxAge: maxAgeSeconds });
}

/** True when the browser says the request came from another site (fetch metadata, else Origin). */
export function isCrossSite(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site) return site !== "same-origin" && site !== "none";
  const origin = request.headers.get("origin");
  return origin !== null && origin !== new URL(request.url).origin;
}

async function submittedToken(c: Context<AppEnv>): Promise<string | undefined> {
  const header = c.req.header(CSRF_HEADER);
  if (header) return header;
  const type = c.req.header("content-type") ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data")) return undefined;
  // parseBody caches the parsed form, so the route's own form validator reads it again for free.
  const field = (await c.req.parseBody())[CSRF_FIELD];
  return typeof field === "string" ? field : undefined;
}

function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * CSRF protection. Bearer requests carry no ambient credential and pass. Any other unsafe request
 * that a browser marks as cross-site is refused (this also stops login CSRF and forged guest-cart
 * edits). A cookie-authenticated unsafe request must also echo the session's token (double submit,
 * in `X-CSRF-Token` or the `_csrf` form field). Paths authorized by a signed link are exempt (see
 * SIGNATURE_AUTHORIZED). Safe requests get the token in `c.var.csrfToken`.
 */
export const csrfProtection = createMiddleware<AppEnv>(async (c, next) => {
  const user = c.var.user;
  const viaCookie = user?.via === "cookie";
  const expected = viaCookie && user ? await csrfTokenFor(readConfig(c.env).SESSION_SECRET, user.sessionId) : null;
  c.set("csrfToken", expected);
  if (!SAFE.has(c.req.method) && user?.via !== "bearer" && !SIGNATURE_AUTHORIZED.some((re) => re.test(c.req.path))) {
    if (isCrossSite(c.req.raw)) throw new AppError("csrf_failed", "Cross-site requests cannot change anything here.");
    if (expected) {
      const token = await submittedToken(c);
      if (!token || !constantTimeEqual(token, expected)) {
        if (isPageFormPost(c)) return staleFormPage(c);
        throw new AppError("csrf_failed", `Send the CSRF token from the ${CSRF_COOKIE} cookie in the ${CSRF_HEADER} header.`);
      }
    }
  }
  await next();
  // Keep the readable copy in step with the session (e.g. a cookie deleted by hand); only on safe
  // requests, so sign-out's clearing of the cookie is never undone.
  if (expected && SAFE.has(c.req.method) && getCookie(c, CSRF_COOKIE) !== expected) setCsrfCookie(c, expected, SESSION_TTL_SECONDS);
});
