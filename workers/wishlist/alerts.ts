import { shopperPrice } from "../deals/deal-price";
import { CHANNELS, ALERTS_PER_HOUR, underHourlyCap } from "../orders/notifications";
import { initialEmailStateSql, mailRecorded, returnedIds } from "../notifications/email-delivery";
import { money, when } from "../pages/format";
import { outboxInsertAfterChange, relayRow } from "../platform/outbox";
import { nowIso } from "../platform/time";

/**
 * Wishlist alerts: a shopper who saved a product is told when a flash deal on it opens, when
 * its buy-box price falls 5% under what they saved it at (then 5% under the last price they were
 * told of), and when it comes back after selling out. A product may have hundreds of thousands of
 * wishlisters on a sale day, so an alert is fanned out a batch at a time: each batch is one D1
 * batch of INSERT … SELECT statements over the next `ALERT_BATCH_SIZE` wishlisters by user id,
 * and the rest is handed on as an outbox row for the catalog queue carrying the last user id,
 * written in that same D1 batch. Every notification is keyed by the alert's event id and the
 * shopper, and every hand-on by the alert's event id and the user id it starts after, so a batch
 * run twice (a redelivered message) records nothing twice and hands on nothing twice: a chain
 * never forks, however often one of its messages is delivered.
 */

/**
 * What a wishlist alert is about. A price drop is one event per (product, new price); a product
 * back in stock one per (product, time it came back).
 */
export type WishlistAlert =
  | { kind: "deal_live"; deal_id: string }
  | { kind: "price_drop"; product_id: string; price: number }
  | { kind: "back_in_stock"; product_id: string; at: string };

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
  if (a.kind === "back_in_stock") return typeof a.product_id === "string" && typeof a.at === "string";
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
  switch (alert.kind) {
    case "deal_live":
      return `deal-live:${alert.deal_id}`;
    case "price_drop":
      return `price-drop:${alert.product_id}:${alert.price}`;
    case "back_in_stock":
      return `back-in-stock:${alert.product_id}:${alert.at}`;
  }
}

/**
 * The outbox key of the hand-on to the batch after the wishlister `after` (null: the first
 * batch). Unique in the outbox, so a batch run again writes no second message for the next one.
 */
export function handOnKey(eventId: string, after: string | null): string {
  return `wishlist-alert:${eventId}@${after ?? ""}`;
}

/**
 * A shopper hears that a product is back at most once in this long: stock that flips between
 * sold out and a few units (an order cancelled, a deal's units returned, then sold again) would
 * otherwise tell them again at every flip.
 */
export const BACK_IN_STOCK_EVERY_MS = 24 * 3600_000;

/** SQL for one wishlister's event id, from the alert's (`eventId`) and the user id (`user`). */
const recipientEventId = (eventId: string, user: string) => `${eventId} || ':' || ${user}`;

/** What an alert says, read once per batch; null when it is no longer true and nobody more is told. */
interface AlertSubject {
  productId: string;
  link: string;
  /** Only wishlisters owed a drop at this price are told; null tells every wishlister. */
  dropAt: number | null;
  /** A shopper told an alert of this kind with this link within this long is not told again; null: no such rule. */
  notAgainWithinMs: number | null;
  /** Only wishlisters who saved the product before this time are told; null tells them whenever they saved it. */
  savedBefore: string | null;
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
      notAgainWithinMs: null,
      savedBefore: null,
      text: () => ({
        subject: `Deal live now: ${deal.title} at ${price}`,
        body: `${deal.title}, on your wishlist, is ${price} in a flash deal until ${when(deal.endsAt)} IST, while stock lasts.`,
      }),
    };
  }
  if (alert.kind === "back_in_stock") {
    // Sold out again since: nobody more is told of stock that is gone.
    const product = await db
      .prepare("SELECT id, title, price FROM products WHERE id = ?1 AND stock_total > 0 AND price IS NOT NULL")
      .bind(alert.product_id)
      .first<{ id: string; title: string; price: number }>();
    if (!product) return null;
    const link = `/products/${encodeURIComponent(product.id)}`;
    const price = money(product.price);
    return {
      productId: product.id,
      link,
      dropAt: null,
      notAgainWithinMs: BACK_IN_STOCK_EVERY_MS,
      // One who saved it while it was back already saw it in stock.
      savedBefore: alert.at,
      text: () => ({
        subject: `Back in stock: ${product.title} at ${price}`,
        body: `${product.title}, on your wishlist, is back in stock at ${price}.`,
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
    notAgainWithinMs: null,
    savedBefore: null,
    text: (saved) => ({
      subject: `Price dropped: ${product.title} now ${now} (was ${money(saved)})`,
      body: `${product.title}, on your wishlist, is now ${now}; you saved it at ${money(saved)}.`,
    }),
  };
}

/** What one batch did: how many notifications it recorded, and what it handed on. */
export interface AlertBatchResult {
  /** Notifications recorded, every channel counted. */
  recorded: number;
  /** The user id the next batch starts after, or null when this was the last batch (or the alert is no longer true). */
  next: string | null;
  /** The outbox row this run wrote for the next batch; null when there is none, or an earlier run of this batch wrote it. */
  handedOn: { id: number; body: WishlistAlertBatch } | null;
  /** The ids of the notifications recorded, for delivery to send. */
  ids: number[];
}

/**
 * Notifies the next `limit` wishlisters after `after` (by user id) of an alert, each once per
 * channel and only under the hourly cap; a price drop only those owed it, whose next drop price it
 * reaches, and each one told moves their next drop price 5% under this one in the same D1 batch;
 * a product back in stock only those not told it was back within `BACK_IN_STOCK_EVERY_MS`. The
 * next batch's message is an outbox row in that same D1 batch, under its `handOnKey`.
 */
export async function alertBatch(
  db: D1Database,
  alert: WishlistAlert,
  after: string | null,
  limit = ALERT_BATCH_SIZE,
): Promise<AlertBatchResult> {
  const subject = await readSubject(db, alert);
  if (!subject) return { recorded: 0, next: null, handedOn: null, ids: [] };
  const { results: window } = await db
    .prepare(
      `SELECT user_id AS userId, price_when_saved AS priceWhenSaved FROM wishlist_items
       WHERE product_id = ?1 AND user_id > ?2 ORDER BY user_id LIMIT ?3`,
    )
    .bind(subject.productId, after ?? "", limit)
    .all<{ userId: string; priceWhenSaved: number | null }>();
  const next = window.length === limit ? (window.at(-1)?.userId ?? null) : null;
  if (window.length === 0) return { recorded: 0, next, handedOn: null, ids: [] };
  const recipients = JSON.stringify(window.map((w) => ({ user: w.userId, ...subject.text(w.priceWhenSaved) })));
  const eventId = alertEventId(alert);
  const nowMs = Date.now();
  const now = new Date(nowMs).toISOString();
  const hourAgo = new Date(nowMs - 3600_000).toISOString();
  const toldSince = subject.notAgainWithinMs === null ? null : new Date(nowMs - subject.notAgainWithinMs).toISOString();
  const user = "json_extract(r.value, '$.user')";
  // Checked inside the insert, with the drop price's move in the same batch, so two changes of
  // price processed at once cannot both tell a shopper of what is one drop, and a product removed
  // from the wishlist since the read is not alerted.
  const owed = `EXISTS (SELECT 1 FROM wishlist_items w WHERE w.product_id = ?7 AND w.user_id = ${user}
    AND (?10 IS NULL OR w.drop_alert_price >= ?10) AND (?12 IS NULL OR w.created_at < ?12))`;
  // The same kind of alert about the same product (its link) told lately: a new event, such as
  // another restock minutes later, is still not news to this shopper. Reads the shopper's recent
  // messages on the (user, channel, created_at) index, as the hourly cap does.
  const notToldLately = `(?11 IS NULL OR NOT EXISTS (SELECT 1 FROM notifications n
    WHERE n.user_id = ${user} AND n.channel = ?2 AND n.created_at > ?11 AND n.kind = ?3 AND n.link = ?4))`;
  const inserts = CHANNELS.map((channel) =>
    db
      .prepare(
        `INSERT INTO notifications (event_id, channel, user_id, kind, subject, body, link, created_at, email_state)
         SELECT ${recipientEventId("?1", user)}, ?2, ${user}, ?3, json_extract(r.value, '$.subject'), json_extract(r.value, '$.body'), ?4, ?5,
           ${initialEmailStateSql("?2", { user, group: "saved_products" })}
         FROM json_each(?6) r
         WHERE ${underHourlyCap(user, "?2", "?8", "?9")} AND ${owed} AND ${notToldLately}
         ON CONFLICT (event_id, channel) DO NOTHING
         RETURNING id`,
      )
      .bind(
        eventId,
        channel,
        alert.kind,
        subject.link,
        now,
        recipients,
        subject.productId,
        hourAgo,
        ALERTS_PER_HOUR,
        subject.dropAt,
        toldSince,
        subject.savedBefore,
      ),
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
  const nextBody: WishlistAlertBatch | null = next === null ? null : { type: "wishlist.alerts", alert, after: next };
  const handOn = nextBody
    ? [
        db
          .prepare(
            `INSERT INTO outbox (topic, payload, created_at, dedupe_key) VALUES ('catalog', ?1, ?2, ?3)
             ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
          )
          .bind(JSON.stringify(nextBody), now, handOnKey(eventId, next)),
      ]
    : [];
  const results = await db.batch([...inserts, ...told, ...handOn]);
  const recorded = results.slice(0, inserts.length).reduce((n, r) => n + r.meta.changes, 0);
  const handedOnId = handOn.length > 0 ? (results.at(-1)?.results as Array<{ id: number }> | undefined)?.[0]?.id : undefined;
  return {
    recorded,
    next,
    handedOn: nextBody && handedOnId !== undefined ? { id: handedOnId, body: nextBody } : null,
    ids: returnedIds(results.slice(0, inserts.length)),
  };
}

/**
 * Runs one batch of an alert, sends the hand-on it wrote to the catalog queue at once, then emails
 * the batch's wishlisters. A redelivered message re-runs its batch, which records nothing and
 * writes (so sends) no second hand-on and no second mail; a hand-on whose send failed, or whose
 * first run died before sending, is relayed by the minute cron from the outbox, and a mail not sent
 * here is sent by its sweep. The hand-on goes first so the next batch starts while this one mails.
 */
export async function alertWishlisters(env: Env, alert: WishlistAlert, after: string | null, limit = ALERT_BATCH_SIZE): Promise<number> {
  const { recorded, handedOn, ids } = await alertBatch(env.DB, alert, after, limit);
  if (handedOn) await relayRow(env, "catalog", handedOn.id, handedOn.body);
  await mailRecorded(env, ids);
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

/**
 * After a product's page was rebuilt: when the product came back from sold out (the summary
 * recompute marks when, see workers/catalog/summary.ts) and still has stock, writes the outbox row
 * of its wishlisters' first batch and clears the mark in one D1 batch, so the restock is announced
 * once however many changes, or redeliveries, are processed after it; then sends that row. A
 * product sold out again before its change was processed only has the mark cleared. Returns
 * whether an alert was started.
 */
export async function alertBackInStock(env: Env, productId: string): Promise<boolean> {
  const now = nowIso();
  // The event id and key as alertEventId and handOnKey write them for a first batch.
  const eventId = "'back-in-stock:' || p.id || ':' || p.back_in_stock_at";
  const [started] = await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO outbox (topic, payload, created_at, dedupe_key)
       SELECT 'catalog',
         json_object('type', 'wishlist.alerts', 'alert', json_object('kind', 'back_in_stock', 'product_id', p.id, 'at', p.back_in_stock_at), 'after', NULL),
         ?2, 'wishlist-alert:' || ${eventId} || '@'
       FROM products p
       WHERE p.id = ?1 AND p.back_in_stock_at IS NOT NULL AND p.stock_total > 0
         AND EXISTS (SELECT 1 FROM wishlist_items w WHERE w.product_id = p.id)
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id, payload`,
    ).bind(productId, now),
    env.DB.prepare("UPDATE products SET back_in_stock_at = NULL WHERE id = ?1 AND back_in_stock_at IS NOT NULL").bind(productId),
  ]);
  const row = (started?.results as Array<{ id: number; payload: string }> | undefined)?.[0];
  if (!row) return false;
  await relayRow(env, "catalog", row.id, JSON.parse(row.payload));
  return true;
}
