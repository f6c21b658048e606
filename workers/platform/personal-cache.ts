import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./context";

/**
 * An API answer to a signed-in request that says nothing of caching is kept by no shared cache: a
 * route that forgot its own Cache-Control must not leave a seller's or an operator's answer for a
 * proxy to keep. Routes that mean something else (a public answer, no-cache with an ETag) say so.
 */
export const personalAnswersUncached = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  if (!c.var.user || c.res.headers.has("cache-control")) return;
  // An answer passed through from elsewhere may have headers that cannot change: it is rebuilt.
  c.res = new Response(c.res.body, c.res);
  c.res.headers.set("cache-control", "private, no-store");
});
