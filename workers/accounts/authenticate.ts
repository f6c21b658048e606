import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../platform/context";
import { AppError } from "../platform/errors";
import { clearSessionCookies } from "./cookies";
import { SESSION_COOKIE, principalForToken } from "./sessions";

/**
 * Resolves `Authorization: Bearer` or the session cookie to `c.var.user`. Whether a route needs a
 * user is the route's declared access, checked by `authorize`; the one refusal here is a bearer
 * token naming no live session (unknown, expired, signed out), which is 401 on every route but
 * signing in: an API client that sent credentials is told they failed, rather than served as a
 * guest whose cart and orders are not its own.
 *
 * A session cookie naming no live session (signed out on every device, the password changed
 * elsewhere, expired) is deleted with the answer, with its readable CSRF cookie: pages' scripts
 * take that cookie to mean "signed in", and would keep showing the account's links.
 */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  c.set("user", null);
  let ended = false;
  const header = c.req.header("authorization");
  if (header?.toLowerCase().startsWith("bearer ")) {
    const user = await principalForToken(c.var.db, header.slice(7).trim(), "bearer");
    if (!user && !c.req.path.startsWith("/api/auth/")) throw invalidBearerToken();
    c.set("user", user);
  } else {
    const cookie = getCookie(c, SESSION_COOKIE);
    if (cookie) {
      const user = await principalForToken(c.var.db, cookie, "cookie");
      c.set("user", user);
      ended = user === null;
    }
  }
  await next();
  // Unless the answer signs the browser in afresh.
  if (ended && !c.res.headers.getSetCookie().some((v) => v.startsWith(`${SESSION_COOKIE}=`))) clearSessionCookies(c);
});

function invalidBearerToken(): AppError {
  return new AppError(
    "unauthenticated",
    "This bearer token is not valid: it is unknown, expired or signed out. Sign in again for a new one.",
    {
      headers: { "www-authenticate": 'Bearer realm="api", error="invalid_token"' },
    },
  );
}
