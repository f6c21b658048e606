import { CHANNELS, shortTitle } from "../orders/notifications";
import { nowIso } from "../platform/time";

/**
 * Low-stock alerts for sellers. Each listing carries the seller's line (`low_stock_at`, units for
 * sale over every warehouse; 0 turns alerts off) and when the seller was told it ran low and that
 * it sold out. After the catalog consumer rebuilt a product's page it looks at the product's
 * listings once: one at or under its line that the seller was not told of is news, and so is one
 * sold out; one back above its line is re-armed, quietly. A stock movement writes a catalog change
 * when it crosses the line either way (workers/catalog/summary.ts), so no crossing goes unseen and
 * a movement that crosses nothing costs nothing here.
 *
 * Every seller user of the listing's seller is told, in the same notifications table (and so the
 * same Updates page) as shoppers. Each message's rows and the mark that it was sent are one D1
 * batch, and each statement re-checks the mark, so a redelivered change, or two changes processed
 * at once, tell the seller once; stock flickering around the line tells them once until it is
 * restocked above it.
 */

/** What a listing's stock is news of. */
export type LowStockNews = "low_stock" | "sold_out" | "restocked";

/** A listing as the check reads it. */
export interface ListingStockState {
  id: string;
  seller_id: string;
  product_id: string;
  title: string;
  active: number;
  /** The seller's line; 0: no alerts. */
  line: number;
  /** Units for sale over every warehouse. */
  units: number;
  low_told: string | null;
  out_told: string | null;
}

/**
 * What a listing's stock is news of, if anything: sold out when it was not told so; running low
 * when it is at or under its line, still has units and was not told so (a listing told it sold out
 * was told it is low); re-armed when it is back above its line (or alerts were turned off) with a
 * mark still set. A listing off sale is not news: shoppers cannot buy it either way.
 */
export function lowStockNews(l: ListingStockState): LowStockNews | null {
  const marked = l.low_told !== null || l.out_told !== null;
  if (l.line <= 0 || l.units > l.line) return marked ? "restocked" : null;
  if (!l.active) return null;
  if (l.units <= 0) return l.out_told === null ? "sold_out" : null;
  return l.low_told === null ? "low_stock" : null;
}

/** Where the seller manages the listing: the console showing only it. */
export const consoleLink = (productId: string) => `/seller?product=${encodeURIComponent(productId)}`;

/** The message the seller's users receive: a subject short enough for an SMS, and the message itself. */
export function lowStockText(kind: "low_stock" | "sold_out", l: Pick<ListingStockState, "title" | "units" | "line">) {
  if (kind === "sold_out") {
    return {
      subject: `Sold out: ${shortTitle(l.title)}`,
      body: `Sold out: ${l.title}. Shoppers can't buy it until you add stock.`,
    };
  }
  return {
    subject: `Running low: ${shortTitle(l.title)} — ${l.units} left`,
    body: `Running low: ${l.title} — ${l.units} left (your alert is at ${l.line}). Restock before it sells out.`,
  };
}

const UNITS = "(SELECT COALESCE(SUM(i.available), 0) FROM inventory i WHERE i.sku_id = l.id)";

/** The product's listings that are on sale with alerts on, or still carry a mark to clear. */
async function readStates(db: D1Database, productId: string): Promise<ListingStockState[]> {
  const { results } = await db
    .prepare(
      `SELECT l.id, l.seller_id, l.product_id, p.title, l.active, l.low_stock_at AS line, ${UNITS} AS units,
         l.low_stock_notified_at AS low_told, l.sold_out_notified_at AS out_told
       FROM listings l JOIN products p ON p.id = l.product_id
       WHERE l.product_id = ?1
         AND ((l.active = 1 AND l.low_stock_at > 0) OR l.low_stock_notified_at IS NOT NULL OR l.sold_out_notified_at IS NOT NULL)`,
    )
    .bind(productId)
    .all<ListingStockState>();
  return results;
}

/**
 * SQL, over `listings l`, that the news is still news as the batch writes it: the mark it sets is
 * unset and the stock still says so. Checked by the notification rows and by the mark alike.
 */
const STILL_NEWS: Record<LowStockNews, string> = {
  sold_out: `l.sold_out_notified_at IS NULL AND l.active = 1 AND l.low_stock_at > 0 AND ${UNITS} <= 0`,
  low_stock: `l.low_stock_notified_at IS NULL AND l.active = 1 AND ${UNITS} BETWEEN 1 AND l.low_stock_at`,
  restocked: `(l.low_stock_notified_at IS NOT NULL OR l.sold_out_notified_at IS NOT NULL) AND (l.low_stock_at <= 0 OR ${UNITS} > l.low_stock_at)`,
};

/** The statements that tell the seller's users of one listing's news and mark it told. */
function newsStatements(db: D1Database, l: ListingStockState, news: LowStockNews, now: string): D1PreparedStatement[] {
  if (news === "restocked") {
    return [
      db
        .prepare(
          `UPDATE listings AS l SET low_stock_notified_at = NULL, sold_out_notified_at = NULL WHERE l.id = ?1 AND ${STILL_NEWS.restocked}`,
        )
        .bind(l.id),
    ];
  }
  const text = lowStockText(news, l);
  // One event per listing and crossing: the mark, set in this batch, keeps a second one from being written.
  const eventId = `${news === "sold_out" ? "sold-out" : "low-stock"}:${l.id}:${now}`;
  const tell = CHANNELS.map((channel) =>
    db
      .prepare(
        `INSERT INTO notifications (event_id, channel, user_id, kind, subject, body, link, created_at)
         SELECT ?1 || ':' || r.user_id, ?2, r.user_id, ?3, ?4, ?5, ?6, ?7
         FROM user_roles r JOIN listings l ON l.id = ?8 AND l.seller_id = r.seller_id
         WHERE r.seller_id = ?9 AND r.role = 'seller' AND ${STILL_NEWS[news]}
         ON CONFLICT (event_id, channel) DO NOTHING`,
      )
      .bind(eventId, channel, news, text.subject, text.body, consoleLink(l.product_id), now, l.id, l.seller_id),
  );
  // Sold out is low too: once stock is back under the line, "running low" is no news.
  const mark =
    news === "sold_out"
      ? "sold_out_notified_at = ?2, low_stock_notified_at = COALESCE(low_stock_notified_at, ?2)"
      : "low_stock_notified_at = ?2";
  return [...tell, db.prepare(`UPDATE listings AS l SET ${mark} WHERE l.id = ?1 AND ${STILL_NEWS[news]}`).bind(l.id, now)];
}

/**
 * After a product's page was rebuilt: tells the sellers whose listings of it ran low or sold out,
 * and re-arms the alerts of listings restocked above their line. One read of the product's
 * listings; a batch only when one of them is news. Returns how many notifications were recorded.
 */
export async function alertLowStock(db: D1Database, productId: string, now = nowIso()): Promise<number> {
  const statements: D1PreparedStatement[] = [];
  const tells = new Set<number>();
  for (const l of await readStates(db, productId)) {
    const news = lowStockNews(l);
    if (!news) continue;
    const s = newsStatements(db, l, news, now);
    // Every statement but the mark at the end tells someone.
    if (news !== "restocked") for (let k = 0; k < s.length - 1; k++) tells.add(statements.length + k);
    statements.push(...s);
  }
  if (statements.length === 0) return 0;
  const results = await db.batch(statements);
  return results.reduce((n, r, k) => n + (tells.has(k) ? r.meta.changes : 0), 0);
}
