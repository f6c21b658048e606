import { shopperPrice } from "../deals/deal-price";
import { CHANNELS, ALERTS_PER_HOUR, underHourlyCap } from "../orders/notifications";
import { money, when } from "../pages/format";
import { type Envelope, outboxInsertAfterChange } from "../platform/outbox";
import { nowIso } from "../platform/time";

/**
 * Wishlist alerts: a shopper who saved a product is told when a flash deal on it opens, and when
 * its buy-box price falls 5% under what they saved it at (then 5% under the last price they were
 * told of). A product may have hundreds of thousands of wishlisters on a sale day, so an alert is
 * fanned out a batch at a time: each batch is one D1 batch of INSERT … SELECT statements over the
 * next `ALERT_BATCH_SIZE` wishlisters by user id, and the rest is handed on as a message on the
 * catalog queue carrying the last user id. Every row is keyed by the alert's event id and the
 * shopper, so a batch run twice (a redelivered message, a chain handed on twice) records nothing twice.
 */

/** What a wishlist alert is about. A price drop is one event per (product, new price). */
export type WishlistAlert = { kind: "deal_live"; deal_id: string } | { kind: "price_drop"; product_id: string; price: number };

/** The catalog queue's message asking for the next batch of an alert, after the wishlister `after`. */
export interface WishlistAlertBatch {
  type: "wishlist.alerts";
  alert: WishlistAlert;
  after: string | null;
}

export function isWishlistAlertBatch(body: unknown): body is WishlistAlertBatch {
  const b = body as Partial<WishlistAlertBatch> | null;
  const a = b?.alert;
  if (b?.type !== "wishlist.alerts" || !a || (b.after !== null && typeof b.after !== "string")) return false;
  if (a.kind === "deal_live") return typeof a.deal_id === "string";
  return a.kind === "price_drop" && typeof a.product_id === "string" && Number.isInteger(a.price);
}

/** Wishlisters one batch reads and notifies: a few hundred rows keep each D1 batch well under a second. */
export const ALERT_BATCH_SIZE = 500;

/** A price is a drop worth telling when it is at or under this share of the price it is measured from. */
const DROP_PERCENT = 95;

/** The price at or under which a wishlister is next told of a drop, measured from `price` (paise). */
export function dropAlertPriceSql(price: string): string {
  return `(${price}) * ${DROP_PERCENT} / 100`;
}

/**
 * The alert's stable id. Each wishlister's message is an event of its own, `{id}:{user id}`, as
 * notifications are deduplicated per (event, channel).
 */
export function alertEventId(alert: WishlistAlert): string {
  return alert.kind === "deal_live" ? `deal-live:${alert.deal_id}` : `price-drop:${alert.product_id}:${alert.price}`;
}

/** SQL for one wishlister's event id, from the alert's (`eventId`) and the user id (`user`). */
const recipientEventId = (eventId: string, user: string) => `${eventId} || ':' || ${user}`;

/** What an alert says, read once per batch; null when it is no longer true and nobody more is told. */
interface AlertSubject {
  productId: string;
  link: string;
  /** Only wishlisters owed a drop at this price are told; null tells every wishlister. */
  dropAt: number | null;
  text: (priceWhenSaved: number | null) => { subject: string; body: string };
}

async function readSubject(db: D1Database, alert: WishlistAlert): Promise<AlertSubject | null> {
  if (alert.kind === "deal_live") {
    const deal = await db
      .prepare(
        `SELECT d.id, d.product_id AS productId, d.deal_price AS dealPrice, l.price AS listingPrice, d.ends_at AS endsAt, p.title
         FROM deals d JOIN listings l ON l.id = d.listing_id JOIN products p ON p.id = d.product_id
         WHERE d.id = ?1 AND d.status = 'live' AND d.ends_at > ?2`,
      )
      .bind(alert.deal_id, nowIso())
      .first<{ id: string; productId: string; dealPrice: number; listingPrice: number; endsAt: string; title: string }>();
    if (!deal) return null;
    const link = `/deals/${encodeURIComponent(deal.id)}`;
    const price = money(shopperPrice(deal.listingPrice, deal.dealPrice));
    return {
      productId: deal.productId,
      link,
      dropAt: null,
      text: () => ({
        subject: `Deal live now: ${deal.title} at ${price}`,
        body: `${deal.title}, on your wishlist, is ${price} in a flash deal until ${when(deal.endsAt)} IST, while stock lasts: ${link}`,
      }),
    };
  }
  // A price that moved again since is its own event, announced by its own change.
  const product = await db
    .prepare("SELECT id, title FROM products WHERE id = ?1 AND price = ?2")
    .bind(alert.product_id, alert.price)
    .first<{ id: string; title: string }>();
  if (!product) return null;
  const link = `/products/${encodeURIComponent(product.id)}`;
  const now = money(alert.price);
  return {
    productId: product.id,
    link,
    dropAt: alert.price,
    text: (saved) => ({
      subject: `Price dropped: ${product.title} now ${now} (was ${money(saved)})`,
      body: `${product.title}, on your wishlist, is now ${now}; you saved it at ${money(saved)}: ${link}`,
    }),
  };
}

/**
 * Notifies the next `limit` wishlisters after `after` (by user id) of an alert, each once per
 * channel and only under the hourly cap; a price drop only those owed it, whose next drop price it
 * reaches, and each one told moves their next drop price 5% under this one in the same D1 batch.
 * Returns how many were recorded (every channel counted) and the user id the next batch starts
 * after, or null when this was the last batch (or the alert is no longer true).
 */
export async function alertBatch(
  db: D1Database,
  alert: WishlistAlert,
  after: string | null,
  limit = ALERT_BATCH_SIZE,
): Promise<{ recorded: number; next: string | null }> {
  const subject = await readSubject(db, alert);
  if (!subject) return { recorded: 0, next: null };
  const { results: window } = await db
    .prepare(
      `SELECT user_id AS userId, price_when_saved AS priceWhenSaved FROM wishlist_items
       WHERE product_id = ?1 AND user_id > ?2 ORDER BY user_id LIMIT ?3`,
    )
    .bind(subject.productId, after ?? "", limit)
    .all<{ userId: string; priceWhenSaved: number | null }>();
  const next = window.length === limit ? (window.at(-1)?.userId ?? null) : null;
  if (window.length === 0) return { recorded: 0, next };
  const recipients = JSON.stringify(window.map((w) => ({ user: w.userId, ...subject.text(w.priceWhenSaved) })));
  const eventId = alertEventId(alert);
  const now = nowIso();
  const hourAgo = new Date(Date.now() - 3600_000).toISOString();
  const user = "json_extract(r.value, '$.user')";
  // Checked inside the insert, with the drop price's move in the same batch, so two changes of
  // price processed at once cannot both tell a shopper of what is one drop, and a product removed
  // from the wishlist since the read is not alerted.
  const owed = `EXISTS (SELECT 1 FROM wishlist_items w WHERE w.product_id = ?7 AND w.user_id = ${user}
    AND (?10 IS NULL OR w.drop_alert_price >= ?10))`;
  const inserts = CHANNELS.map((channel) =>
    db
      .prepare(
        `INSERT INTO notifications (event_id, channel, user_id, kind, subject, body, link, created_at)
         SELECT ${recipientEventId("?1", user)}, ?2, ${user}, ?3, json_extract(r.value, '$.subject'), json_extract(r.value, '$.body'), ?4, ?5
         FROM json_each(?6) r
         WHERE ${underHourlyCap(user, "?2", "?8", "?9")} AND ${owed}
         ON CONFLICT (event_id, channel) DO NOTHING`,
      )
      .bind(eventId, channel, alert.kind, subject.link, now, recipients, subject.productId, hourAgo, ALERTS_PER_HOUR, subject.dropAt),
  );
  const told =
    subject.dropAt === null
      ? []
      : [
          db
            .prepare(
              `UPDATE wishlist_items SET drop_alert_price = ${dropAlertPriceSql("?2")}
               WHERE product_id = ?1 AND user_id IN (SELECT json_extract(value, '$.user') FROM json_each(?3))
                 AND drop_alert_price >= ?2
                 AND EXISTS (SELECT 1 FROM notifications n
                   WHERE n.event_id = ${recipientEventId("?4", "wishlist_items.user_id")} AND n.channel = 'email')`,
            )
            .bind(subject.productId, subject.dropAt, recipients, eventId),
        ];
  const results = await db.batch([...inserts, ...told]);
  const recorded = results.slice(0, inserts.length).reduce((n, r) => n + r.meta.changes, 0);
  return { recorded, next };
}

/**
 * Runs one batch of an alert and hands the rest on to the catalog queue. A message handed on
 * twice (the consumer failing after the send) only repeats batches that record nothing.
 */
export async function alertWishlisters(env: Env, alert: WishlistAlert, after: string | null, limit = ALERT_BATCH_SIZE): Promise<number> {
  const { recorded, next } = await alertBatch(env.DB, alert, after, limit);
  if (next !== null) {
    const message: Envelope<WishlistAlertBatch> = { outboxId: 0, body: { type: "wishlist.alerts", alert, after: next } };
    await env.CATALOG_CHANGES.send(message);
  }
  return recorded;
}

/**
 * After a product's page was rebuilt: when its buy-box price now reaches some wishlister's next
 * drop price (one index range read, so the many changes that drop nothing cost nothing more), tells
 * the first batch of them and hands the rest on.
 */
export async function alertPriceDrop(env: Env, productId: string, limit = ALERT_BATCH_SIZE): Promise<number> {
  const row = await env.DB.prepare(
    `SELECT p.price FROM products p WHERE p.id = ?1 AND p.price IS NOT NULL
       AND EXISTS (SELECT 1 FROM wishlist_items w WHERE w.product_id = p.id AND w.drop_alert_price >= p.price)`,
  )
    .bind(productId)
    .first<{ price: number }>();
  if (!row) return 0;
  return alertWishlisters(env, { kind: "price_drop", product_id: productId, price: row.price }, null, limit);
}

/**
 * The outbox row that starts a deal's opening alert, for the batch that marks it live, right after
 * that update: it is written only if the update changed the deal.
 */
export function dealLiveAlertStatement(d1: D1Database, dealId: string): D1PreparedStatement {
  const body: WishlistAlertBatch = { type: "wishlist.alerts", alert: { kind: "deal_live", deal_id: dealId }, after: null };
  return outboxInsertAfterChange(d1, "catalog", body);
}
