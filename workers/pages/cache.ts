import type { Context } from "hono";
import type { AppEnv } from "../platform/context";

/**
 * Marks a page the same for every visitor: browsers revalidate, the edge may keep it briefly and
 * serve it stale while refreshing. Personal bits are filled in by scripts from the JSON API.
 */
export function sharedPage(c: Context<AppEnv>, edgeSeconds = 30): void {
  // A page rendered without its extras under load should not outlive the load.
  if (c.var.degraded) edgeSeconds = Math.min(edgeSeconds, 5);
  c.header("cache-control", `public, max-age=0, s-maxage=${edgeSeconds}, stale-while-revalidate=${edgeSeconds * 4}`);
  c.header("vary", "accept-encoding");
}

/** Marks a page that shows one person's data: never stored by a shared cache. */
export function personalPage(c: Context<AppEnv>): void {
  c.header("cache-control", "private, no-store");
}
