import { and, eq, inArray, lt } from "drizzle-orm";
import { processedMessages } from "../db/schema";
import { createDb } from "../platform/db";
import { type Unreadable, keepUnreadable } from "../platform/dead-letters";
import { markProcessed } from "../platform/dedupe";
import type { Envelope } from "../platform/outbox";
import type { Db } from "../platform/context";
import { isoIn, nowIso } from "../platform/time";
import type { CatalogChange } from "./changes";
import { retryDelaySeconds } from "../platform/queue-retry";
import { rebuildProjection } from "./projection";
import { isPurgeAgain, purgeAgain, purgeProduct, schedulePurgeAgain } from "./purge";
import { sendLowStockAlerts } from "../sellers/low-stock";
import { type SellerChanged, announceSellerPage, isSellerChanged } from "../sellers/seller-changed";
import { type WishlistAlertBatch, alertBackInStock, alertPriceDrop, alertWishlisters, isWishlistAlertBatch } from "../wishlist/alerts";

/** The name this consumer records applied messages under. */
export const CATALOG_CONSUMER = "catalog-projection";

function isCatalogChange(body: unknown): body is CatalogChange {
  const b = body as Partial<CatalogChange> | null;
  return !!b && b.type === "product.changed" && typeof b.product_id === "string" && b.product_id.length > 0;
}

/**
 * Applies catalog changes: rebuilds each changed product's KV projection from D1 and purges
 * its cached JSON and HTML page, now and again once other isolates' copies have lapsed (a
 * delayed message on this same queue, `schedulePurgeAgain`). Delivery is at least once, so messages already applied (by outbox id) are
 * acknowledged without work; several changes to one product in a batch cost one rebuild; and
 * a rebuild always reads current D1 state and never writes over a newer document, so order
 * does not matter. Each product's messages are acked or retried with backoff on their own; a
 * message this release cannot read is dead-lettered at once, for ops to replay once one can.
 * After a rebuild, wishlisters owed a price drop are told, and those of a product back from sold
 * out are, once per restock; sellers whose listings of it ran low or sold out are told, once
 * until restocked above their line (`workers/sellers/low-stock.ts`); the queue also carries the batches of
 * wishlist alerts (`workers/wishlist/alerts.ts`) and the pages of a seller's change of name or city
 * (`workers/sellers/seller-changed.ts`), each run and acked on its own.
 */
export async function consumeCatalogChanges(batch: MessageBatch<Envelope<unknown>>, env: Env, _ctx: ExecutionContext): Promise<void> {
  const db = createDb(env.DB);
  const again = batch.messages.filter((m) => isPurgeAgain(m.body?.body));
  if (again.length > 0) {
    await purgeAgain([...new Set(again.flatMap((m) => (m.body.body as { product_ids: string[] }).product_ids))]);
    for (const m of again) m.ack();
  }
  const alerts = batch.messages.filter((m) => isWishlistAlertBatch(m.body?.body));
  for (const m of alerts) {
    const { alert, after } = m.body.body as WishlistAlertBatch;
    try {
      await alertWishlisters(env, alert, after);
      m.ack();
    } catch (err) {
      console.error(JSON.stringify({ level: "warn", message: "wishlist alert batch failed; will retry", alert, error: String(err) }));
      m.retry({ delaySeconds: retryDelaySeconds(m.attempts) });
    }
  }
  const sellerChanges = batch.messages.filter((m) => isSellerChanged(m.body?.body));
  for (const m of sellerChanges) {
    const change = m.body.body as SellerChanged;
    try {
      await announceSellerPage(env, change);
      m.ack();
    } catch (err) {
      console.error(
        JSON.stringify({ level: "warn", message: "seller change page failed; will retry", sellerId: change.seller_id, error: String(err) }),
      );
      m.retry({ delaySeconds: retryDelaySeconds(m.attempts) });
    }
  }
  const changes = batch.messages.filter(
    (m) => !isPurgeAgain(m.body?.body) && !isWishlistAlertBatch(m.body?.body) && !isSellerChanged(m.body?.body),
  );
  if (changes.length === 0) return;
  const ids = changes.map((m) => String(m.body?.outboxId));
  const applied = new Set(
    (
      await db
        .select({ id: processedMessages.messageId })
        .from(processedMessages)
        .where(and(eq(processedMessages.consumer, CATALOG_CONSUMER), inArray(processedMessages.messageId, ids)))
    ).map((r) => r.id),
  );

  const byProduct = new Map<string, Message<Envelope<unknown>>[]>();
  const unreadable: Unreadable[] = [];
  for (const msg of changes) {
    if (applied.has(String(msg.body?.outboxId))) {
      msg.ack();
      continue;
    }
    const change = msg.body?.body;
    if (!isCatalogChange(change)) {
      // One sent by a newer release during a deploy is read once ops replay it after the deploy.
      unreadable.push({ message: msg, why: "not a catalog change" });
      continue;
    }
    const group = byProduct.get(change.product_id) ?? [];
    group.push(msg);
    byProduct.set(change.product_id, group);
  }

  await keepUnreadable(env.DB, "catalog-changes", unreadable);

  const purged: string[] = [];
  await Promise.all(
    [...byProduct].map(async ([productId, messages]) => {
      try {
        await rebuildProjection(env, productId, nowIso());
        await purgeProduct(productId, { reviewLists: messages.some((m) => (m.body.body as CatalogChange).reason === "review_changed") });
        purged.push(productId);
        // After the rebuild, off the seller's request: a retried change re-runs them, and they record
        // nothing twice. They read and write apart (wishlists, the product's restock mark, its
        // listings' stock marks), so they go to D1 together rather than one round trip after another.
        await Promise.all([alertPriceDrop(env, productId), alertBackInStock(env, productId), sendLowStockAlerts(env, productId)]);
        const [first, ...rest] = messages.map((m) => markProcessed(db, CATALOG_CONSUMER, String(m.body.outboxId)));
        if (first) await db.batch([first, ...rest]);
        for (const m of messages) m.ack();
      } catch (err) {
        console.error(JSON.stringify({ level: "warn", message: "catalog change failed; will retry", productId, error: String(err) }));
        for (const m of messages) m.retry({ delaySeconds: retryDelaySeconds(m.attempts) });
      }
    }),
  );
  if (purged.length > 0) await schedulePurgeAgain(env.CATALOG_CHANGES, purged);
}

/**
 * A redelivery cannot come later than the queue keeps messages (at most 14 days), so
 * dedupe records older than that can go; outbox ids are never reused, so this is safe.
 */
export const DEDUPE_RETENTION_SECONDS = 14 * 24 * 3600;

/** The minute past each hour the prune runs: it scans this consumer's records, so hourly is plenty. */
export const DEDUPE_PRUNE_MINUTE = 17;

/** Deletes this consumer's dedupe records past the retention, once an hour; called by the minute cron. */
export async function pruneCatalogDedupe(db: Db, now: Date = new Date()): Promise<void> {
  if (now.getUTCMinutes() !== DEDUPE_PRUNE_MINUTE) return;
  await db
    .delete(processedMessages)
    .where(and(eq(processedMessages.consumer, CATALOG_CONSUMER), lt(processedMessages.processedAt, isoIn(-DEDUPE_RETENTION_SECONDS, now))));
}
