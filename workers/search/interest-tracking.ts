import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../platform/context";
import { nowIso } from "../platform/time";
import { noteCartedListing, noteViewedProduct } from "./interests";

// Interests only shape a shopper's own picks: noting one never delays or fails the request.
function inBackground(c: Context<AppEnv>, work: Promise<void>): void {
  c.executionCtx.waitUntil(
    work.catch((err) => {
      console.error(JSON.stringify({ level: "warn", message: "interest not noted", requestId: c.var.requestId, error: String(err) }));
    }),
  );
}

/**
 * Notes a signed-in shopper's view of a product for "picks for you", in the background. A guest
 * costs nothing here, and guests are who the edge answers before the router (hot product pages).
 */
export function noteProductView(c: Context<AppEnv>, productId: string): void {
  const user = c.var.user;
  if (user) inBackground(c, noteViewedProduct(c.env.DB, c.env.CATALOG_KV, user.id, productId, nowIso()));
}

/** Notes a signed-in shopper's cart add for "picks for you", in the background. */
export function noteCartAdd(c: Context<AppEnv>, listingId: string): void {
  const user = c.var.user;
  if (user) inBackground(c, noteCartedListing(c.env.DB, c.env.CATALOG_KV, user.id, listingId, nowIso()));
}

/**
 * For the product page: it is shared, so it calls the API anonymously and may be answered from
 * the page cache, and neither knows the visitor. This runs before both, for `/products/:id`.
 */
export const noteProductPageView = createMiddleware<AppEnv>(async (c, next) => {
  const id = c.req.param("id");
  if (c.req.method === "GET" && id) noteProductView(c, id);
  await next();
});
