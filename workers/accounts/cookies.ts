import type { Context } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../platform/context";
import { readConfig } from "../platform/config";
import { CSRF_COOKIE, csrfTokenFor, setCsrfCookie } from "../platform/csrf";
import { SESSION_COOKIE, SESSION_TTL_SECONDS } from "./sessions";

/**
 * Puts a new session in the browser: the HttpOnly session cookie, plus the readable CSRF cookie
 * whose value pages echo on unsafe requests. Returns the CSRF token for the response body.
 * Secure cookies are accepted on http://localhost and 127.0.0.1 too, so local dev keeps working.
 */
export async function setSessionCookies(c: Context<AppEnv>, token: string, sessionId: string): Promise<string> {
  setCookie(c, SESSION_COOKIE, token, { path: "/", secure: true, httpOnly: true, sameSite: "Lax", maxAge: SESSION_TTL_SECONDS });
  const csrf = await csrfTokenFor(readConfig(c.env).SESSION_SECRET, sessionId);
  setCsrfCookie(c, csrf, SESSION_TTL_SECONDS);
  return csrf;
}

/** Removes the session and CSRF cookies at sign-out. */
export function clearSessionCookies(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { path: "/", secure: true });
  deleteCookie(c, CSRF_COOKIE, { path: "/", secure: true });
}
