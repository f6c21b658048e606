import type { CatalogChange } from "../catalog/changes";
import { refreshProductsSummary } from "../catalog/summary";
import { relayRows } from "../platform/outbox";

/**
 * A seller's name, city and rating show on the page of every product it offers, and a seller may
 * have 100,000 listings. Announcing each of those pages in the profile change's own batch would hold
 * the one D1 database for the whole insert while every other request waits, so the change is
 * announced once, as a `seller.changed` row, and the catalog consumer expands it a page of
 * listings at a time: each page is one D1 batch writing the page's `product.changed` rows and,
 * when the page was full, the hand-on to the next page. Every row of a chain has an outbox
 * `dedupe_key` made of the change and the listing it is for or starts after, so a page run again
 * (a redelivered or retried message) writes nothing twice and the chain never forks.
 */

/** The catalog queue's message asking for the seller's listings after `after` (by id) to be announced. */
export interface SellerChanged {
  type: "seller.changed";
  seller_id: string;
  /** The listing id the page starts after; null for the first page. */
  after: string | null;
  /** When the profile changed; with the seller, it names the change in every key of its chain. */
  at: string;
  /**
   * The change can move buy boxes (the seller's rating, which breaks price ties), so each page also
   * recomputes its products' stored buy-box summaries; a name or city leaves them as they are.
   */
  buy_box?: boolean;
}

export function isSellerChanged(body: unknown): body is SellerChanged {
  const b = body as Partial<SellerChanged> | null;
  return (
    b?.type === "seller.changed" &&
    typeof b.seller_id === "string" &&
    b.seller_id.length > 0 &&
    typeof b.at === "string" &&
    (b.after === null || typeof b.after === "string") &&
    (b.buy_box === undefined || typeof b.buy_box === "boolean")
  );
}

/** Listings one page announces: a few hundred outbox rows keep each D1 batch well under a second. */
export const SELLER_PAGE_SIZE = 200;

/** The outbox key of the hand-on to the page after listing `after`. */
export function sellerHandOnKey(sellerId: string, at: string, after: string): string {
  return `seller-changed:${sellerId}:${at}@${after}`;
}

/** The outbox key of one listing's product change within a seller's change. */
export function sellerListingKey(sellerId: string, at: string, listingId: string): string {
  return `seller-changed:${sellerId}:${at}#${listingId}`;
}

/**
 * The outbox row announcing a change to the seller's name or city, for the profile change's batch
 * before its update, while the old values can still be compared: written only when either differs
 * (a null input keeps the value) and the seller has a listing whose page shows them.
 */
export function sellerChangedStatement(d1: D1Database, sellerId: string, name: string | null, city: string | null, at: string) {
  return d1
    .prepare(
      `INSERT INTO outbox (topic, payload, created_at)
       SELECT 'catalog', json_object('type', 'seller.changed', 'seller_id', s.id, 'after', NULL, 'at', ?4), ?4
       FROM sellers s
       WHERE s.id = ?1 AND (s.name IS NOT COALESCE(?2, s.name) OR s.city IS NOT COALESCE(?3, s.city))
         AND EXISTS (SELECT 1 FROM listings l WHERE l.seller_id = s.id)`,
    )
    .bind(sellerId, name, city, at);
}

/** What one page did. */
export interface SellerPageResult {
  /** Listings on the page. */
  listings: number;
  /** The listing id the next page starts after; null when this was the last page. */
  next: string | null;
  /** The outbox rows this run wrote (none when an earlier run of the page wrote them), to send. */
  written: Array<{ id: number; body: unknown }>;
}

/**
 * Writes the product changes of the seller's next `limit` listings after `change.after`, read
 * through `listings_seller_idx` (seller, id), and the hand-on to the page after, in one D1 batch.
 */
export async function sellerChangePage(d1: D1Database, change: SellerChanged, limit = SELLER_PAGE_SIZE): Promise<SellerPageResult> {
  const { results: page } = await d1
    .prepare(
      "SELECT id, product_id AS productId FROM listings INDEXED BY listings_seller_idx WHERE seller_id = ?1 AND id > ?2 ORDER BY id LIMIT ?3",
    )
    .bind(change.seller_id, change.after ?? "", limit)
    .all<{ id: string; productId: string }>();
  const next = page.length === limit ? (page.at(-1)?.id ?? null) : null;
  if (page.length === 0) return { listings: 0, next, written: [] };
  const now = new Date().toISOString();
  const rows = page.map((l) => {
    const body: CatalogChange = {
      type: "product.changed",
      product_id: l.productId,
      listing_id: l.id,
      reason: "seller_updated",
      at: change.at,
    };
    return { payload: JSON.stringify(body), key: sellerListingKey(change.seller_id, change.at, l.id) };
  });
  if (next !== null) {
    const handOn: SellerChanged = { ...change, after: next };
    rows.push({ payload: JSON.stringify(handOn), key: sellerHandOnKey(change.seller_id, change.at, next) });
  }
  // One statement, so the page's changes and its hand-on are written together or not at all.
  const announce = d1
    .prepare(
      `INSERT INTO outbox (topic, payload, created_at, dedupe_key)
       SELECT 'catalog', json_extract(r.value, '$.payload'), ?2, json_extract(r.value, '$.key') FROM json_each(?1) r WHERE true
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING id, payload`,
    )
    .bind(JSON.stringify(rows), now);
  // The summaries first, in the same batch: search, the cart and the seller console read the buy box
  // from them, and a page run again recomputes them from the same state, changing nothing more.
  const results = change.buy_box
    ? await d1.batch([...refreshProductsSummary(d1, [...new Set(page.map((l) => l.productId))], now, "?2 IS NOT NULL"), announce])
    : [await announce.all()];
  const written = (results.at(-1)?.results ?? []) as { id: number; payload: string }[];
  return {
    listings: page.length,
    next,
    written: written.map((r) => ({ id: r.id, body: JSON.parse(r.payload) as unknown })),
  };
}

/**
 * Runs one page of a seller's change and sends what it wrote to the catalog queue at once, so the
 * pages follow one another without waiting for the minute cron; rows whose send failed, or whose
 * first run died before sending, are relayed by the cron from the outbox.
 */
export async function announceSellerPage(env: Env, change: SellerChanged, limit = SELLER_PAGE_SIZE): Promise<SellerPageResult> {
  const result = await sellerChangePage(env.DB, change, limit);
  await relayRows(env, "catalog", result.written);
  return result;
}
