import { askedBackUnitsSql } from "./return-lines";
import { type ReturnReason, parseRequestWords } from "./return-reasons";

/** How far back the per-listing figures look: a listing's recent sales, so a fixed problem stops showing. */
export const RETURN_LOOKBACK_DAYS = 30;

/** The most listings the summary names, those with the most units back first. */
export const RETURN_SUMMARY_LISTINGS = 50;

/** How one listing's recent sales came back, so a seller spots a listing with a problem. */
export interface ListingReturns {
  listing_id: string;
  title: string;
  /** Units of the listing shipped in orders placed within the look-back. */
  sold: number;
  /** Of those, the units the shopper asked to send back, unless ops declined the return. */
  returned: number;
  /** The returned units by the shopper's reason, the most frequent first. */
  reasons: Array<{ reason: ReturnReason; units: number }>;
}

/** What the seller's Returns tab opens with. */
export interface SellerReturnsSummary {
  /** Returns of the seller's sales that ops have not accepted or declined yet. */
  awaiting_decision: number;
  days: number;
  since: string;
  listings: ListingReturns[];
}

// Counted from the ops queue of returns (orders_status_created_idx), which ops keep short, rather than
// from the seller's returns, which only grow.
const AWAITING = `SELECT COUNT(*) AS n FROM orders o WHERE o.status = 'return_requested'
  AND EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.id AND i.seller_id = ?1 AND i.return_requested_at IS NOT NULL)`;

// One range of order_items_seller_idx (the seller's lines placed since the look-back began), grouped by
// listing and, for the few lines asked back, by the request's words, which name the reason; of those,
// only the units asked back count as returned. Only
// orders that shipped count as sold: an order cancelled before shipping was never the shopper's to return.
const BY_LISTING = `SELECT i.listing_id, MAX(i.title) AS title, SUM(i.qty) AS units, SUM(COALESCE(${askedBackUnitsSql("i")}, 0)) AS back,
    CASE WHEN i.return_requested_at IS NULL THEN NULL ELSE (SELECT t.reason FROM order_transitions t
      WHERE t.order_id = i.order_id AND t.to_status = 'return_requested' ORDER BY t.id DESC LIMIT 1) END AS asked,
    i.return_requested_at IS NOT NULL AND EXISTS (SELECT 1 FROM order_transitions t
      WHERE t.order_id = i.order_id AND t.from_status = 'return_requested' AND t.to_status = 'delivered') AS declined
  FROM order_items i
  WHERE i.seller_id = ?1 AND i.created_at >= ?2
    AND EXISTS (SELECT 1 FROM order_transitions t WHERE t.order_id = i.order_id AND t.to_status = 'shipped')
  GROUP BY i.listing_id, asked, declined`;

interface Group {
  listing_id: string;
  title: string;
  units: number;
  /** Of `units`, those asked back: a return may take only some units of a line. */
  back: number;
  asked: string | null;
  declined: number;
}

/** The seller's returns awaiting a decision, and the listings whose recent sales came back. */
export async function sellerReturnsSummary(db: D1Database, sellerId: string, now = new Date()): Promise<SellerReturnsSummary> {
  const since = new Date(now.getTime() - RETURN_LOOKBACK_DAYS * 86_400_000).toISOString();
  const [awaiting, groups] = await db.batch([db.prepare(AWAITING).bind(sellerId), db.prepare(BY_LISTING).bind(sellerId, since)]);
  return {
    awaiting_decision: (awaiting?.results[0] as { n: number } | undefined)?.n ?? 0,
    days: RETURN_LOOKBACK_DAYS,
    since,
    listings: byListing((groups?.results ?? []) as Group[]),
  };
}

/** The listings with units back, the most first (then the highest share of their sales). */
function byListing(groups: Group[]): ListingReturns[] {
  const listings = new Map<string, ListingReturns & { why: Map<ReturnReason, number> }>();
  for (const g of groups) {
    let l = listings.get(g.listing_id);
    if (!l) {
      l = { listing_id: g.listing_id, title: g.title, sold: 0, returned: 0, reasons: [], why: new Map() };
      listings.set(g.listing_id, l);
    }
    l.sold += g.units;
    const asked = g.asked && !g.declined ? parseRequestWords(g.asked) : null;
    if (!asked) continue;
    l.returned += g.back;
    l.why.set(asked.reason, (l.why.get(asked.reason) ?? 0) + g.back);
  }
  return [...listings.values()]
    .filter((l) => l.returned > 0)
    .map(({ why, ...l }) => ({
      ...l,
      reasons: [...why].map(([reason, units]) => ({ reason, units })).sort((a, b) => b.units - a.units || a.reason.localeCompare(b.reason)),
    }))
    .sort((a, b) => b.returned - a.returned || b.returned / b.sold - a.returned / a.sold || a.listing_id.localeCompare(b.listing_id))
    .slice(0, RETURN_SUMMARY_LISTINGS);
}
