import type { z } from "@hono/zod-openapi";
import { LIVE_DEAL_JOIN, QUOTE_COLUMNS, type QuoteRow, quoteOf } from "../cart/pricing";
import { shopperPrice } from "../deals/deal-price";
import { AppError } from "../platform/errors";
import { nowIso } from "../platform/time";
import { dropAlertPriceSql } from "./alerts";
import { WISHLIST_LIMIT, type WishlistItemSchema } from "./schemas";

/** One saved product as the API shows it. */
export type WishlistItem = z.infer<typeof WishlistItemSchema>;

const NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

// Each product is priced through its buy box (the summary keeps it in step with every offer and
// stock change), with the cart's own quote, so the wishlist, the product page and the cart agree.
// The deal shown is the product's live one, else its next: the same deals the product page lists.
const ITEM_SELECT = `SELECT p.id AS savedProductId, p.brand, w.price_when_saved AS priceWhenSaved, w.created_at AS savedAt,
  ${QUOTE_COLUMNS},
  nd.id AS nextDealId, nd.listing_id AS nextDealListingId, nd.deal_price AS nextDealPrice, ndl.price AS nextDealListingPrice,
  nd.starts_at AS nextDealStartsAt, nd.ends_at AS nextDealEndsAt, nd.starts_at <= ${NOW} AS nextDealLive, nd.status AS nextDealStatus`;

const ITEM_JOINS = `LEFT JOIN listings l ON l.id = p.buy_box_listing_id
  ${LIVE_DEAL_JOIN}
  LEFT JOIN deals nd ON nd.id = (SELECT x.id FROM deals x WHERE x.product_id = p.id AND x.status IN ('scheduled', 'live', 'paused')
    AND x.ends_at > ${NOW} ORDER BY x.starts_at, x.id LIMIT 1)
  LEFT JOIN listings ndl ON ndl.id = nd.listing_id`;

type ItemRow = QuoteRow & {
  savedProductId: string;
  brand: string;
  priceWhenSaved: number | null;
  savedAt: string | null;
  nextDealId: string | null;
  nextDealListingId: string;
  nextDealPrice: number;
  nextDealListingPrice: number;
  nextDealStartsAt: string;
  nextDealEndsAt: string;
  nextDealLive: number;
  nextDealStatus: string;
};

function toItem(r: ItemRow, savedAt: string): WishlistItem {
  // No buy box: no seller offers the product now, which a shopper reads as sold out.
  const quote = r.listingId ? quoteOf(r) : null;
  const price = quote?.price ?? null;
  return {
    product_id: r.savedProductId,
    title: r.title,
    brand: r.brand,
    image: r.image ?? null,
    listing_id: quote?.listingId ?? null,
    price,
    mrp: quote?.mrp ?? null,
    price_when_saved: r.priceWhenSaved,
    price_dropped: price !== null && r.priceWhenSaved !== null && price < r.priceWhenSaved,
    currency: "INR",
    availability: quote && quote.availability !== "unavailable" ? quote.availability : "sold_out",
    deal: r.nextDealId
      ? {
          id: r.nextDealId,
          listing_id: r.nextDealListingId,
          deal_price: shopperPrice(r.nextDealListingPrice, r.nextDealPrice),
          // A paused deal still governs its listing (its price, its waiting room), as the cart prices it.
          status: r.nextDealStatus === "paused" ? "paused" : r.nextDealLive === 1 ? "live" : "upcoming",
          starts_at: r.nextDealStartsAt,
          ends_at: r.nextDealEndsAt,
        }
      : null,
    saved_at: savedAt,
  };
}

/** The shopper's saved products, newest first, each priced now: one statement however many there are. */
export async function listWishlist(db: D1Database, userId: string): Promise<WishlistItem[]> {
  const { results } = await db
    .prepare(
      `${ITEM_SELECT} FROM wishlist_items w JOIN products p ON p.id = w.product_id ${ITEM_JOINS}
       WHERE w.user_id = ?1 ORDER BY w.created_at DESC, w.rowid DESC`,
    )
    .bind(userId)
    .all<ItemRow>();
  return results.map((r) => toItem(r, r.savedAt ?? ""));
}

/** One product as the shopper's wishlist would show it, saved or not; null for an unknown product. */
async function readProduct(db: D1Database, userId: string, productId: string): Promise<ItemRow | null> {
  return db
    .prepare(
      `${ITEM_SELECT} FROM products p LEFT JOIN wishlist_items w ON w.user_id = ?1 AND w.product_id = p.id ${ITEM_JOINS}
       WHERE p.id = ?2`,
    )
    .bind(userId, productId)
    .first<ItemRow>();
}

/** Whether the shopper has saved the product: one primary-key lookup, for a product page's button. */
export async function isSaved(db: D1Database, userId: string, productId: string): Promise<boolean> {
  const row = await db
    .prepare("SELECT 1 AS saved FROM wishlist_items WHERE user_id = ?1 AND product_id = ?2")
    .bind(userId, productId)
    .first();
  return row !== null;
}

/**
 * Saves a product at its buy-box price now. Saving it again changes nothing (the first price is
 * what a drop is measured from). The limit is checked inside the insert, so two saves at once
 * cannot both take the last place.
 */
export async function saveToWishlist(db: D1Database, userId: string, productId: string): Promise<{ created: boolean; item: WishlistItem }> {
  const before = await readProduct(db, userId, productId);
  if (!before) throw new AppError("not_found", "No such product.");
  if (before.savedAt) return { created: false, item: toItem(before, before.savedAt) };
  const now = nowIso();
  const price = before.listingId ? quoteOf(before).price : null;
  const inserted = await db
    .prepare(
      `INSERT INTO wishlist_items (user_id, product_id, price_when_saved, drop_alert_price, created_at)
       SELECT ?1, ?2, ?3, ${dropAlertPriceSql("?3")}, ?4 WHERE (SELECT COUNT(*) FROM wishlist_items WHERE user_id = ?1) < ?5
       ON CONFLICT (user_id, product_id) DO NOTHING`,
    )
    .bind(userId, productId, price, now, WISHLIST_LIMIT)
    .run();
  if (inserted.meta.changes === 1) return { created: true, item: toItem({ ...before, priceWhenSaved: price }, now) };
  // Nothing inserted: a save of the same product that came in between, or the wishlist is full.
  const after = await readProduct(db, userId, productId);
  if (after?.savedAt) return { created: false, item: toItem(after, after.savedAt) };
  throw new AppError("conflict", `Your wishlist is full: it holds at most ${WISHLIST_LIMIT} products. Remove some to save more.`, {
    extensions: { limit: WISHLIST_LIMIT },
  });
}

/** Removes a product from the shopper's wishlist; removing one that is not there changes nothing. */
export async function removeFromWishlist(db: D1Database, userId: string, productId: string): Promise<void> {
  await db.prepare("DELETE FROM wishlist_items WHERE user_id = ?1 AND product_id = ?2").bind(userId, productId).run();
}
