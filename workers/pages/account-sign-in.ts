import type { Context } from "hono";
import type { AppEnv } from "../platform/context";

/**
 * Sends a visitor with no session from one of the account's own pages to sign in, and back. Only a
 * signed-in shopper is shown those pages' forms, so one posted without a session is from a page left
 * open after it ended (signed out everywhere, or the password changed on another device): the
 * sign-in page says what was sent was not done, rather than the shopper finding the new address or
 * name missing later.
 */
export function signInForAccountPage(c: Context<AppEnv>, path: string): Response {
  const why = c.req.method === "GET" ? "" : "why=form&";
  return c.redirect(`/signin?${why}next=${encodeURIComponent(path)}`, 303);
}
