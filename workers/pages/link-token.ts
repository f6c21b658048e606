import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../platform/context";
import type { Problem } from "./api";

/**
 * Where a mailed single-use link's token waits while the shopper decides (a new password, a new
 * address, taking an account back). The link's address holds it, and an address is kept in the
 * browser's history, synced to the shopper's other devices and shown to whoever borrows the browser
 * next; so the link is answered by moving the token into a cookie and redirecting to the bare page.
 * HttpOnly keeps it from scripts, its path from every other page, Lax lets the mailed link's
 * navigation carry it, and it lasts no longer than the link itself.
 */
export interface LinkToken {
  /** Answers a link's arrival, its token in the address: kept in the cookie, and on to the bare page. Null when the address holds none. */
  arrived(c: Context<AppEnv>): Response | null;
  /** Keeps `token` for the page, as a link's arrival does. */
  keep(c: Context<AppEnv>, token: string): void;
  /** The token the cookie holds, or "" when it holds none. */
  held(c: Context<AppEnv>): string;
  /** The link is used up or refused: its token has nothing left to do in the browser. */
  drop(c: Context<AppEnv>): void;
  /** Whether the API refused the link itself (unknown, used, expired, or no token), not something passing. */
  refuses(problem: Problem): boolean;
}

/** Where a link's token is kept: links to the page at `path`, refused by the API as `problemType`, working for `lifetimeSeconds`. */
export interface LinkTokenOptions {
  path: string;
  cookie: string;
  lifetimeSeconds: number;
  problemType: string;
}

/** The token of links to the page at `opts.path`. */
export function linkToken(opts: LinkTokenOptions): LinkToken {
  const options = { path: opts.path, secure: true, httpOnly: true, sameSite: "Lax" } as const;
  const keep = (c: Context<AppEnv>, token: string) => setCookie(c, opts.cookie, token, { ...options, maxAge: opts.lifetimeSeconds });
  return {
    arrived(c) {
      const linked = c.req.query("token");
      if (!linked) return null;
      keep(c, linked);
      return c.redirect(opts.path, 303);
    },
    keep,
    held: (c) => getCookie(c, opts.cookie) ?? "",
    drop: (c) => deleteCookie(c, opts.cookie, options),
    refuses: (problem) => problem.type === opts.problemType || (problem.errors ?? []).some((e) => e.path === "token"),
  };
}

/** A page holding a link's token: no other site may be told its address, and no cache may keep it. */
export function holdsToken(c: Context<AppEnv>): void {
  c.header("cache-control", "no-store");
  c.header("referrer-policy", "no-referrer");
}
