import { createMiddleware } from "hono/factory";

/**
 * The server's time as a page is served, as a `Server-Timing` metric (`clock;desc=<epoch ms>`):
 * the pages' live clocks (a deal's countdown and change-over, a held unit's, the time to pay) keep
 * time by it, from /static/server-clock.js, since a shopper's clock can be minutes off. A header,
 * not a mark in the body, because a page the edge keeps was drawn up to its `s-maxage` earlier:
 * the header is stamped on every copy as it goes out, a cached one and a 304 included.
 */
export function clockTiming(now: number): string {
  return `clock;desc=${now}`;
}

/**
 * Stamps every HTML page with the server's time, after everything inside has answered. The API
 * is passed straight through: its answers are JSON (its one HTML page, the docs, has no clock),
 * and it carries the sale-day herd, which should not wait on one more step.
 */
export const pageClock = createMiddleware(async (c, next) => {
  if (c.req.path.startsWith("/api/")) return next();
  await next();
  if (!c.res.headers.get("content-type")?.startsWith("text/html")) return;
  // Appended: a page may say where its own time went in the same header.
  c.header("server-timing", clockTiming(Date.now()), { append: true });
});
