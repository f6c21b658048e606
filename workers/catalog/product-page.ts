import type { Background } from "../platform/background";
import { type ServerTiming, msSince } from "../platform/server-timing";
import { type CachePolicy, type CachedDoc, type LoadedBody, cachedDocument, fromMemory, purgeCached } from "./edge-cache";
import { type ProductDoc, type ProductView, buildProductDoc, nextDealChange, renderProductView } from "./product-view";
import { productVersion, projectionExpired, readProjection, writeProjection } from "./projection";
import { WriteBackPolicy } from "./write-back";

const writeBack = new WriteBackPolicy();

/**
 * Product pages are fresh for seconds (price and availability live in them), then served stale
 * for a few minutes while one background refresh runs; the catalog consumer purges them on change.
 */
export const PRODUCT_CACHE: CachePolicy = { freshSeconds: 10, staleSeconds: 300, absentSeconds: 30 };

/** Browsers and shared caches may reuse a product page briefly; price changes must show within seconds. */
export const PRODUCT_CACHE_CONTROL = "public, max-age=5, stale-while-revalidate=30";

/** The cache key of a product page. */
export function productCacheKey(productId: string): string {
  return `/v1/products/${encodeURIComponent(productId)}`;
}

/**
 * Renders a product page from the KV projection, falling back to D1 when the document is
 * missing, too old, or behind the product's version in D1; the projection is written back in
 * the background when `WriteBackPolicy` says the page is wanted.
 *
 * A document KV has is checked against the product's version in D1 (one read by primary key):
 * the catalog consumer purges only its own location's caches, and KV takes up to a minute to
 * carry a rewrite everywhere, so without it another location would go on building pages from the
 * old document. With it, a change shows everywhere once a location's cached copy is next
 * refreshed, seconds later. A document KV does not have is built from D1 with no such read.
 */
export async function loadProductBody(env: Env, ctx: Background, productId: string): Promise<LoadedBody | null> {
  const nowMs = Date.now();
  const now = new Date(nowMs).toISOString();
  const kvStart = performance.now();
  const doc = await readProjection(env.CATALOG_KV, productId);
  const timing: ServerTiming[] = [{ name: "kv", desc: doc ? "hit" : "miss", ms: msSince(kvStart) }];
  let behind = false;
  if (doc && !projectionExpired(doc, nowMs)) {
    // A version that cannot be read leaves the document as good as it was before this check.
    const versionStart = performance.now();
    const latest = await productVersion(env.DB, productId).catch(() => doc.version);
    timing.push({ name: "d1", desc: "version", ms: msSince(versionStart) });
    if (latest === null) return null;
    if (doc.version >= latest) return { ...rendered(doc, now, nowMs), timing };
    behind = true;
  }
  // Missing, too old, or behind D1: built from D1.
  const buildStart = performance.now();
  const built = await buildProductDoc(env.DB, productId, now);
  timing.push({ name: "d1", desc: "page", ms: msSince(buildStart) });
  if (!built) return null;
  // Behind only because this location's KV has not caught up with the consumer's rewrite: writing
  // it again from every such location would only meet KV's one write a second per key.
  if (!behind && writeBack.shouldWrite(productId, doc !== null, nowMs)) ctx.waitUntil(writeProjection(env, built));
  return { ...rendered(built, now, nowMs), timing };
}

/** The page's JSON. The deal shown is chosen at render time, so it is right only until the next deal start or end. */
function rendered(doc: ProductDoc, now: string, nowMs: number): LoadedBody {
  return { body: JSON.stringify(renderProductView(doc, now)), validUntil: nextDealChange(doc.deals, nowMs) };
}

/** A product page's JSON through all the layers (Cache API, then KV, then D1); null if unknown. */
export function cachedProductPage(env: Env, ctx: Background, productId: string): Promise<CachedDoc | null> {
  return cachedDocument(ctx, productCacheKey(productId), PRODUCT_CACHE, () => loadProductBody(env, ctx, productId));
}

/** A product page this isolate remembers, without waiting on I/O; undefined when it must be read through the layers. */
export function rememberedProductPage(env: Env, ctx: Background, productId: string): CachedDoc | null | undefined {
  return fromMemory(ctx, productCacheKey(productId), PRODUCT_CACHE, () => loadProductBody(env, ctx, productId));
}

/**
 * The product view for server-rendered pages, through the same layers as the API so both
 * always show the same price and availability. Null for an unknown product.
 */
export async function getProductView(env: Env, ctx: Background, productId: string): Promise<ProductView | null> {
  const page = await cachedProductPage(env, ctx, productId);
  return page ? (JSON.parse(page.body) as ProductView) : null;
}

/** Drops a product page from this data centre's cache after a change. */
export function purgeProductPage(productId: string): Promise<boolean> {
  return purgeCached(productCacheKey(productId));
}
