import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../platform/context";
import { SESSION_COOKIE, principalForToken } from "./sessions";

/**
 * Resolves `Authorization: Bearer` or the session cookie to `c.var.user`. It never rejects:
 * whether a route needs a user is the route's declared access, checked by `authorize`.
 */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  c.set("user", null);
  const header = c.req.header("authorization");
  if (header?.toLowerCase().startsWith("bearer ")) {
    c.set("user", await principalForToken(c.var.db, header.slice(7).trim(), "bearer"));
  } else {
    const cookie = getCookie(c, SESSION_COOKIE);
    if (cookie) c.set("user", await principalForToken(c.var.db, cookie, "cookie"));
  }
  await next();
});
