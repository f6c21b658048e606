import { purgeSharedPage } from "../pages/cache";
import type { Envelope } from "../platform/outbox";
import { MEMORY_LIFETIME_MS } from "./edge-cache";
import { purgeProductPage } from "./product-page";

/**
 * Drops a product's JSON and the HTML pages built from it from this data centre's cache: its page,
 * the first page of its reviews, which shows its rating and newest reviews, and the first page of its
 * questions, which shows the newest answered ones. Later pages of either, the lists of one star
 * rating's reviews and the most helpful first, are not purged: a link to one is rarely followed,
 * and it lapses within its edge life (30 s). Nor does a helpful vote purge anything.
 */
export async function purgeProduct(productId: string): Promise<void> {
  const page = `/products/${encodeURIComponent(productId)}`;
  await Promise.all([
    purgeProductPage(productId),
    purgeSharedPage(page),
    purgeSharedPage(`${page}/reviews`),
    purgeSharedPage(`${page}/questions`),
  ]);
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
 * which is the one that may be old. The second purge costs the read path nothing.
 */
export const PURGE_AGAIN_AFTER_SECONDS = Math.ceil((MEMORY_LIFETIME_MS + 1000) / 1000);

/** The catalog queue's message asking for the second purge of some products. */
export interface PurgeAgain {
  type: "products.purge_again";
  product_ids: string[];
}

export function isPurgeAgain(body: unknown): body is PurgeAgain {
  const b = body as Partial<PurgeAgain> | null;
  return !!b && b.type === "products.purge_again" && Array.isArray(b.product_ids);
}

/**
 * Asks for the second purge through the catalog queue itself, delayed, rather than by waiting in
 * the consumer: a consumer run kept open for seconds would hold back the next batch of changes,
 * and on a sale day changes come every second. A lost request leaves an old page one edge life
 * at most; the change itself is already applied.
 */
export async function schedulePurgeAgain(queue: Queue, productIds: string[]): Promise<void> {
  const message: Envelope<PurgeAgain> = { outboxId: 0, body: { type: "products.purge_again", product_ids: productIds } };
  try {
    await queue.send(message, { delaySeconds: PURGE_AGAIN_AFTER_SECONDS });
  } catch (err) {
    console.error(JSON.stringify({ level: "warn", message: "second catalog purge not scheduled", productIds, error: String(err) }));
  }
}

/** The second purge; a failure is logged, not retried, for the same reason a lost request is tolerable. */
export async function purgeAgain(productIds: readonly string[]): Promise<void> {
  const results = await Promise.allSettled(productIds.map(purgeProduct));
  const failed = productIds.filter((_, i) => results[i]?.status === "rejected");
  if (failed.length > 0) console.error(JSON.stringify({ level: "warn", message: "second catalog purge failed", productIds: failed }));
}
