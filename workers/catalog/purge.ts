import { purgeSharedPage } from "../pages/cache";
import { MEMORY_LIFETIME_MS } from "./edge-cache";
import { purgeProductPage } from "./product-page";

/** Drops a product's JSON and the HTML page built from it from this data centre's cache. */
export async function purgeProduct(productId: string): Promise<void> {
  await Promise.all([purgeProductPage(productId), purgeSharedPage(`/products/${encodeURIComponent(productId)}`)]);
}

/**
 * How long after a change's purge the product is purged once more. The first purge cannot stop
 * an isolate that still remembers the old JSON (for up to `MEMORY_LIFETIME_MS`) from rendering
 * the page and storing it again, where it would be served for its full 30 s; nor a load that
 * read the old projection just before the rebuild from storing that after the purge. Once every
 * such copy has lapsed, plus a second for a render begun at the last moment, a second purge
 * drops whatever they put back, so an old page outlives the change by about three seconds.
 *
 * Chosen over keying each stored page by the document version it was rendered from: that needs
 * a version lookup on every page hit, and an isolate would check against its own remembered copy,
 * which is the one that may be old. The second purge costs the read path nothing; it keeps the
 * consumer's invocation open a few seconds longer, which queue concurrency absorbs.
 */
export const PURGE_AGAIN_AFTER_MS = MEMORY_LIFETIME_MS + 1000;

/** Purges the products again once `PURGE_AGAIN_AFTER_MS` has passed; run in the consumer's `waitUntil`. */
export async function purgeAgainLater(productIds: readonly string[]): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, PURGE_AGAIN_AFTER_MS));
  const results = await Promise.allSettled(productIds.map(purgeProduct));
  const failed = productIds.filter((_, i) => results[i]?.status === "rejected");
  // The change itself is applied and acknowledged; an old page left behind lasts one edge life.
  if (failed.length > 0) console.error(JSON.stringify({ level: "warn", message: "second catalog purge failed", productIds: failed }));
}
