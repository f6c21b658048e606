import { initialEmailStateSql, mailRecorded, returnedIds } from "../notifications/email-delivery";
import { CHANNELS, type Recorded, shortTitle } from "../orders/notifications";
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
 *
 * A bulk update or a sale day can take hundreds of listings over their lines in minutes, and a
 * seller sent hundreds of texts switches the alerts off. So each seller user is sent at most
 * `STOCK_ALERTS_PER_HOUR` separate alerts per clock hour on a channel; every listing past that in
 * the hour goes into one digest message for the hour instead ("12 more listings are running low or
 * sold out"), pointing at the console's low-stock list, and is marked told all the same. The hours
 * are UTC hours, as the daily sales figures use UTC days; nothing else here runs on India's clock.
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

/**
 * At most this many separate low-stock and sold-out alerts per seller user and channel per clock
 * hour; past it, the hour's other listings are counted in one digest message.
 */
export const STOCK_ALERTS_PER_HOUR = 5;

/** The kind of the hourly message that stands for the listings past the cap. */
export const STOCK_DIGEST_KIND = "low_stock_digest";

/** Where the digest sends the seller: the console's list of every listing they were told is low. */
export const LOW_STOCK_LIST_LINK = "/seller?stock=low";

/** The start of the UTC clock hour `now` falls in, as stored times are written: "2026-07-04T10:00:00.000Z". */
export const hourStart = (now: string) => `${new Date(now).toISOString().slice(0, 13)}:00:00.000Z`;

/** The digest's text for `n` listings past the cap. */
export function stockDigestText(n: number) {
  return digestWords(n === 1 ? "1 more listing is" : `${n} more listings are`);
}

/** The digest's words around how many listings it stands for; the SQL fills in the count. */
function digestWords(listings: string) {
  return {
    subject: `${listings} running low or sold out`,
    body: `${listings} running low or sold out this hour. See them all in your low-stock list and restock before they sell out.`,
  };
}

/**
 * SQL: how many separate stock alerts the user (`user`) was sent on `channel` since `since`, each an
 * SQL term. A range of notifications_user_channel_created_idx, so it costs the user's last hour of
 * messages, whoever else is told. A user holds the seller role for one seller only, so these are all
 * that seller's alerts, and the users of a seller are all told together: per user is per seller.
 */
export const stockAlertsSinceSql = (user: string, channel: string, since: string) =>
  `(SELECT COUNT(*) FROM notifications n WHERE n.user_id = ${user} AND n.channel = ${channel} AND n.created_at >= ${since}
     AND n.kind IN ('low_stock', 'sold_out'))`;

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
  const since = hourStart(now);
  // One event per listing and crossing: the mark, set in this batch, keeps a second one from being written.
  const eventId = `${news === "sold_out" ? "sold-out" : "low-stock"}:${l.id}:${now}`;
  const tell = CHANNELS.map((channel) =>
    db
      .prepare(
        `INSERT INTO notifications (event_id, channel, user_id, kind, subject, body, link, created_at, email_state)
         SELECT ?1 || ':' || r.user_id, ?2, r.user_id, ?3, ?4, ?5, ?6, ?7, ${initialEmailStateSql("?2", { user: "r.user_id", group: "stock_alerts" })}
         FROM user_roles r JOIN listings l ON l.id = ?8 AND l.seller_id = r.seller_id
         WHERE r.seller_id = ?9 AND r.role = 'seller' AND ${STILL_NEWS[news]}
           AND ${stockAlertsSinceSql("r.user_id", "?2", "?10")} < ?11
         ON CONFLICT (event_id, channel) DO NOTHING
         RETURNING id`,
      )
      .bind(
        eventId,
        channel,
        news,
        text.subject,
        text.body,
        consoleLink(l.product_id),
        now,
        l.id,
        l.seller_id,
        since,
        STOCK_ALERTS_PER_HOUR,
      ),
  );
  return [...tell, ...digestStatements(db, l, news, eventId, now), markStatement(db, l, news, now)];
}

/** The update that marks the listing told of its news, if it still is news. */
function markStatement(db: D1Database, l: ListingStockState, news: "low_stock" | "sold_out", now: string): D1PreparedStatement {
  // Sold out is low too: once stock is back under the line, "running low" is no news.
  const mark =
    news === "sold_out"
      ? "sold_out_notified_at = ?2, low_stock_notified_at = COALESCE(low_stock_notified_at, ?2)"
      : "low_stock_notified_at = ?2";
  return db.prepare(`UPDATE listings AS l SET ${mark} WHERE l.id = ?1 AND ${STILL_NEWS[news]}`).bind(l.id, now);
}

/**
 * SQL, over `listings x` and the user `r.user_id` on channel `?2`, that the user was not sent the
 * separate alert of the listing's latest news: the event id of that news is rebuilt from its mark,
 * as newsStatements writes it, and looked up on the (event_id, channel) unique index.
 */
const NOT_TOLD_APART = `NOT EXISTS (SELECT 1 FROM notifications t
  WHERE t.event_id = CASE WHEN x.sold_out_notified_at IS NOT NULL THEN 'sold-out:' ELSE 'low-stock:' END || x.id || ':'
      || COALESCE(x.sold_out_notified_at, x.low_stock_notified_at) || ':' || r.user_id
    AND t.channel = ?2)`;

/**
 * The statements that, for each of the seller's users the separate alert was not sent to (the cap
 * was reached), write or rewrite the hour's digest. One digest per user, channel and UTC hour (its
 * event id names the seller and the hour, so redelivery and concurrent consumers meet on the
 * (event_id, channel) unique index). Its count is worked out anew at each write: this listing, and
 * the seller's other listings whose latest news was told this hour and not told the user apart,
 * read from the seller's range of listings_seller_low_idx (every listing told of low stock or of
 * selling out, and not restocked since, is in it), so a write past the cap costs the seller's
 * flagged listings, and writes below the cap none of it. The row is only rewritten when the news is still news, so a redelivered
 * change leaves it as it is; it keeps the time of its first write, where the inbox lists it.
 *
 * A rewrite leaves the row's delivery as it is. A digest not mailed yet goes out with the count it
 * has when it is sent; one already mailed is not mailed again as its count grows, as that would
 * be the stream of mails the digest is there to stop: the seller's Updates page and low-stock list
 * show the hour's full count, and the next hour's listings past the cap get the next digest.
 */
function digestStatements(
  db: D1Database,
  l: ListingStockState,
  news: "low_stock" | "sold_out",
  eventId: string,
  now: string,
): D1PreparedStatement[] {
  const since = hourStart(now);
  const digestId = `stock-digest:${l.seller_id}:${since.slice(0, 13)}`;
  // Forced: the planner otherwise reads every listing of the seller by listings_seller_idx.
  const past = `1 + (SELECT COUNT(*) FROM listings x INDEXED BY listings_seller_low_idx
    WHERE x.seller_id = ?5 AND x.low_stock_notified_at IS NOT NULL AND x.id <> ?6
      AND COALESCE(x.sold_out_notified_at, x.low_stock_notified_at) >= ?7 AND ${NOT_TOLD_APART})`;
  const one = stockDigestText(1);
  const many = digestWords("{n} more listings are");
  return CHANNELS.map((channel) =>
    db
      .prepare(
        `INSERT INTO notifications (event_id, channel, user_id, kind, subject, body, link, created_at, email_state)
         SELECT ?1 || ':' || d.user_id, ?2, d.user_id, ?3,
           CASE WHEN n = 1 THEN ?10 ELSE replace(?11, '{n}', n) END, CASE WHEN n = 1 THEN ?12 ELSE replace(?13, '{n}', n) END, ?4, ?9,
           ${initialEmailStateSql("?2", { user: "d.user_id", group: "stock_alerts" })}
         FROM (SELECT r.user_id, ${past} AS n
           FROM user_roles r JOIN listings l ON l.id = ?6 AND l.seller_id = r.seller_id
           WHERE r.seller_id = ?5 AND r.role = 'seller' AND ${STILL_NEWS[news]}
             AND NOT EXISTS (SELECT 1 FROM notifications t WHERE t.event_id = ?8 || ':' || r.user_id AND t.channel = ?2)) d
         WHERE true
         ON CONFLICT (event_id, channel) DO UPDATE SET subject = excluded.subject, body = excluded.body
         RETURNING id`,
      )
      .bind(
        digestId,
        channel,
        STOCK_DIGEST_KIND,
        LOW_STOCK_LIST_LINK,
        l.seller_id,
        l.id,
        since,
        eventId,
        now,
        one.subject,
        many.subject,
        one.body,
        many.body,
      ),
  );
}

/**
 * After a product's page was rebuilt: tells the sellers whose listings of it ran low or sold out,
 * and re-arms the alerts of listings restocked above their line, then emails what it recorded (a
 * mail not sent here is sent by the minute cron's sweep; a failure never fails the change).
 */
export async function sendLowStockAlerts(env: Env, productId: string, now = nowIso()): Promise<number> {
  const { recorded, ids } = await recordLowStockAlerts(env.DB, productId, now);
  await mailRecorded(env, ids);
  return recorded;
}

/** How many notifications `recordLowStockAlerts` recorded, for a caller that sends none. */
export async function alertLowStock(db: D1Database, productId: string, now = nowIso()): Promise<number> {
  return (await recordLowStockAlerts(db, productId, now)).recorded;
}

/**
 * Records the stock news of a product's listings: one read of its listings; a batch only when one
 * of them is news. Counts how many notifications were recorded (a digest rewritten with a new
 * count included), with their ids.
 */
export async function recordLowStockAlerts(db: D1Database, productId: string, now = nowIso()): Promise<Recorded> {
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
  if (statements.length === 0) return { recorded: 0, ids: [] };
  const results = await db.batch(statements);
  const told = results.filter((_, k) => tells.has(k));
  return { recorded: told.reduce((n, r) => n + r.meta.changes, 0), ids: returnedIds(told) };
}
