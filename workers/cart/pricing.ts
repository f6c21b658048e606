import { type Availability as StockBucket, availabilityOf as stockBucket } from "../catalog/availability";
import { COUNTS_TOWARDS_LIMIT } from "../deals/bought";
import { shopperPrice } from "../deals/deal-price";

/** How a listing can be bought right now: the catalog's stock buckets, or withdrawn by its seller. */
export type Availability = StockBucket | "unavailable";

/** A listing's current price and availability, as checkout and the cart read them. */
export interface ListingQuote {
  listingId: string;
  productId: string;
  sellerId: string;
  /** The seller's name, which tells two sellers' lines of one product apart; null if it cannot be read. */
  sellerName: string | null;
  categoryId: string;
  title: string;
  /** The product's picture (a site path), or null when it has none. */
  image: string | null;
  price: number;
  mrp: number;
  stock: number;
  /**
   * Most units one order can buy now: a hold takes the whole line from one warehouse, so this is
   * the largest single warehouse's stock, not the sum. For a deal, what its limit per shopper leaves
   * the account after its orders (whether units are left is its gate's call at reserve time).
   */
  maxQty: number | null;
  availability: Availability;
  /** The deal selling this listing, live or paused, when there is one (its units are sold by the deal's gate). */
  dealId: string | null;
  /** That deal's limit per shopper; null without a deal. */
  dealLimit: number | null;
  /** Units of that deal already in the account's orders that were not cancelled; 0 without an account or a deal. */
  dealOrdered: number;
}

// The same buckets the product page and search show, so the cart never disagrees with them.
function availabilityOf(active: boolean, stock: number): Availability {
  return active ? stockBucket(stock) : "unavailable";
}

/**
 * The columns a quote is read from, over a listing `l` joined to its product `p` and its live deal
 * `d` (`LIVE_DEAL_JOIN`), so another statement that reaches listings its own way (the wishlist,
 * through each product's buy box) prices them exactly as the cart and checkout do.
 */
export const QUOTE_COLUMNS = `l.id AS listingId, l.product_id AS productId, l.seller_id AS sellerId,
  (SELECT s.name FROM sellers s WHERE s.id = l.seller_id) AS sellerName, p.category_id AS categoryId, p.title, p.image,
  l.price, l.mrp, l.active,
  (SELECT COALESCE(SUM(i.available), 0) FROM inventory i WHERE i.sku_id = l.id) AS stock,
  (SELECT COALESCE(MAX(i.available), 0) FROM inventory i WHERE i.sku_id = l.id) AS maxQty,
  d.id AS dealId, d.deal_price AS dealPrice, d.per_user_limit AS dealLimit`;

/**
 * Joins `d`, the deal selling listing `l` right now, if any, for `QUOTE_COLUMNS`. A paused deal
 * still does: a pause holds the deal's sales for a moment, it does not put the listing back on sale
 * at its own price, and a shopper holding one of its units keeps the deal price through it (their
 * hold can be paid while paused; new holds wait for the resume).
 */
export const LIVE_DEAL_JOIN = `LEFT JOIN deals d ON d.listing_id = l.id AND d.status IN ('scheduled', 'live', 'paused')
  AND d.starts_at <= strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AND d.ends_at > strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

/**
 * SQL: the units of deal `d` on listing `l` in the orders of the account `account` (a parameter) that
 * were never cancelled nor failed: what the deal's gate counts against the account's limit once
 * sold, as its cancelled sales stop counting there. Read through the account's own orders, a few rows.
 */
const orderedOfDealSql = (account: string) => `(SELECT COALESCE(SUM(oi.qty), 0) FROM orders o
    JOIN order_items oi ON oi.order_id = o.id AND oi.listing_id = l.id AND oi.deal_id = d.id
    WHERE o.user_id = ${account}
      AND ${COUNTS_TOWARDS_LIMIT})`;

/** A row of `QUOTE_COLUMNS`. */
export type QuoteRow = Pick<
  ListingQuote,
  "listingId" | "productId" | "sellerId" | "sellerName" | "categoryId" | "title" | "image" | "price" | "mrp" | "stock" | "dealId"
> & {
  maxQty: number;
  active: number;
  dealPrice: number | null;
  dealLimit: number | null;
  /** Present when the statement read an account's orders (`quoteListings` with an account). */
  dealOrdered?: number | null;
};

/** The quote a row of `QUOTE_COLUMNS` stands for. A live deal's price (never above the listing's) and remaining units replace the listing's own. */
export function quoteOf(r: QuoteRow): ListingQuote {
  // A deal's units live in its gate, not in `available`; whether any are left is the gate's call at reserve time.
  const stock = r.dealId ? Math.max(r.stock, 1) : r.stock;
  const ordered = r.dealId ? (r.dealOrdered ?? 0) : 0;
  return {
    listingId: r.listingId,
    productId: r.productId,
    sellerId: r.sellerId,
    sellerName: r.sellerName ?? null,
    categoryId: r.categoryId,
    title: r.title,
    image: r.image ?? null,
    price: shopperPrice(r.price, r.dealPrice),
    mrp: r.mrp,
    stock,
    maxQty: r.dealId ? Math.max(0, (r.dealLimit ?? 0) - ordered) : Math.max(r.maxQty, 0),
    availability: availabilityOf(r.active === 1, stock),
    dealId: r.dealId,
    dealLimit: r.dealId ? r.dealLimit : null,
    dealOrdered: ordered,
  };
}

/** Listing ids read by one quote statement, with room under D1's 100 bound parameters for the account. */
const IDS_PER_STATEMENT = 90;

/**
 * Current price and stock for a set of listings, read fresh from D1 (never from the cart, which only
 * remembers intent). With `accountId`, a deal line's most is what the deal's limit leaves that
 * account after its orders, so a shopper who bought one of a two-per-shopper deal is told one more.
 */
export async function quoteListings(
  db: D1Database,
  listingIds: string[],
  accountId: string | null = null,
): Promise<Map<string, ListingQuote>> {
  const quotes = new Map<string, ListingQuote>();
  if (listingIds.length === 0) return quotes;
  // D1 binds at most 100 parameters to a statement: a cart's lines and its saved list together can
  // come to that, so the ids are read in parts, one statement each, all in one batch.
  const parts: string[][] = [];
  for (let i = 0; i < listingIds.length; i += IDS_PER_STATEMENT) parts.push(listingIds.slice(i, i + IDS_PER_STATEMENT));
  const statements = parts.map((ids) => {
    const marks = ids.map((_, i) => `?${i + 2}`).join(", ");
    const ordered = accountId === null ? "" : `, CASE WHEN d.id IS NULL THEN 0 ELSE ${orderedOfDealSql("?1")} END AS dealOrdered`;
    return db
      .prepare(
        `SELECT ${QUOTE_COLUMNS}${ordered} FROM listings l JOIN products p ON p.id = l.product_id ${LIVE_DEAL_JOIN} WHERE l.id IN (${marks})`,
      )
      .bind(accountId, ...ids);
  });
  const results = (await db.batch<QuoteRow>(statements)).flatMap((r) => r.results);
  for (const r of results) quotes.set(r.listingId, quoteOf(r));
  return quotes;
}
