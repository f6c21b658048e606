import { purgeSharedPage } from "../pages/cache";
import type { Envelope } from "../platform/outbox";
import { MEMORY_LIFETIME_MS } from "./edge-cache";
import { purgeProductPage } from "./product-page";

/** The star ratings a reviews page can be narrowed to. */
const STARS = [1, 2, 3, 4, 5] as const;

/**
 * The first pages of a product's reviews in each other order and narrowing the reviews page
 * offers (each star rating's, newest first and most helpful first, and all of them most helpful
 * first), as the page cache keys them (`sharedPageQuery`: parameters in name order).
 */
export function reviewListPaths(productId: string): string[] {
  const reviews = `/products/${encodeURIComponent(productId)}/reviews`;
  return [
    `${reviews}?sort=helpful`,
    ...STARS.flatMap((stars) => [`${reviews}?rating=${stars}`, `${reviews}?rating=${stars}&sort=helpful`]),
  ];
}

/**
 * Drops a product's JSON and the HTML pages built from it from this data centre's cache: its page,
 * the first page of its reviews, which shows its rating and newest reviews, and the first page of its
 * questions, which shows the newest answered ones. When its reviews changed (`reviewLists`), also
 * the first page of each other list of them, so a shopper who narrows to one star rating or the
 * most helpful sees the review they just wrote, or no longer sees one removed. Later pages are not
 * purged: a link to one is rarely followed, and it lapses within its edge life (30 s). Nor does a
 * helpful vote purge anything: votes come far oftener than reviews, and a vote's place in the
 * order showing half a minute late harms no one.
 */
export async function purgeProduct(productId: string, { reviewLists = false } = {}): Promise<void> {
  const page = `/products/${encodeURIComponent(productId)}`;
  await Promise.all([
    purgeProductPage(productId),
    purgeSharedPage(page),
    purgeSharedPage(`${page}/reviews`),
    purgeSharedPage(`${page}/questions`),
    ...(reviewLists ? reviewListPaths(productId).map(purgeSharedPage) : []),
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
  const results = await Promise.allSettled(productIds.map((id) => purgeProduct(id)));
  const failed = productIds.filter((_, i) => results[i]?.status === "rejected");
  if (failed.length > 0) console.error(JSON.stringify({ level: "warn", message: "second catalog purge failed", productIds: failed }));
}
