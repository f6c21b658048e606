import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { tickDeals } from "../../workers/deals/control-deal";
import { ALERTS_PER_HOUR } from "../../workers/orders/notifications";
import { setAvailable } from "../../workers/inventory/ledger";
import { type Envelope, relayOutbox } from "../../workers/platform/outbox";
import {
  type WishlistAlert,
  type WishlistAlertBatch,
  alertBatch,
  alertEventId,
  alertPriceDrop,
  alertWishlisters,
  handOnKey,
} from "../../workers/wishlist/alerts";
import { deliver, applyProductChanges } from "../catalog/queue";
import { stockedListing } from "../checkout/support";
import { createDealViaApi, dealSetup } from "../deals/helpers";
import { type TestUser, createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { save } from "./support";

/** What the user was told, email channel (one row per event), oldest first. */
async function told(userId: string): Promise<Array<{ kind: string; subject: string; body: string; link: string }>> {
  const { results } = await env.DB.prepare(
    "SELECT kind, subject, body, link FROM notifications WHERE user_id = ? AND channel = 'email' ORDER BY id",
  )
    .bind(userId)
    .all<{ kind: string; subject: string; body: string; link: string }>();
  return results;
}

async function wishlisters(productId: string, n: number): Promise<TestUser[]> {
  const users = await Promise.all(Array.from({ length: n }, () => createTestUser()));
  for (const u of users) expect((await save(u, productId)).status).toBe(201);
  return users;
}

/** A deal marked live straight in D1, so no outbox row starts its alert behind the test's back. */
async function liveDeal(productUsers = 0) {
  const s = await dealSetup();
  const dealId = await createDealViaApi(s, { deal_price: 79900 });
  const users = await wishlisters(s.fixture.productId, productUsers);
  await env.DB.prepare("UPDATE deals SET status = 'live' WHERE id = ?").bind(dealId).run();
  return { s, dealId, users };
}

/** Records an hour's worth of `kind` messages to the user on the email channel: alerts fill the hourly allowance. */
async function exhaustHourlyCap(userId: string, kind = "price_drop") {
  const now = new Date().toISOString();
  await env.DB.batch(
    Array.from({ length: ALERTS_PER_HOUR }, (_, i) =>
      env.DB.prepare(
        "INSERT INTO notifications (event_id, channel, user_id, kind, subject, body, created_at) VALUES (?, 'email', ?, ?, 's', 'b', ?)",
      ).bind(`filler:${userId}:${kind}:${i}`, userId, kind, now),
    ),
  );
}

describe("deal opening alerts", () => {
  it("tells each wishlister once when the minute tick opens the deal, and nobody else", async () => {
    const s = await dealSetup();
    const startsAt = new Date(Date.now() + 60_000).toISOString();
    const dealId = await createDealViaApi(s, { deal_price: 79900, starts_at: startsAt });
    const [asha, ravi] = await wishlisters(s.fixture.productId, 2);
    const stranger = await createTestUser();

    expect((await tickDeals(env, new Date(Date.now() + 61_000).toISOString())).opened).toBe(1);
    const { results: rows } = await env.DB.prepare("SELECT id, payload FROM outbox WHERE topic = 'catalog' AND payload LIKE ? ORDER BY id")
      .bind(`%"deal_id":"${dealId}"%`)
      .all<{ id: number; payload: string }>();
    expect(rows).toHaveLength(1);
    const envelope = { outboxId: rows[0]!.id, body: JSON.parse(rows[0]!.payload) };
    // Delivered, then delivered again: a redelivery records nothing twice.
    await deliver([{ envelope }]);
    await deliver([{ envelope }, { envelope }]);
    // The tick running again opens nothing more and starts no second alert.
    expect((await tickDeals(env, new Date(Date.now() + 62_000).toISOString())).opened).toBe(0);

    for (const u of [asha!, ravi!]) {
      const notes = await told(u.id);
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatchObject({ kind: "deal_live", link: `/deals/${dealId}` });
      expect(notes[0]!.subject).toBe("Deal live now: Test Phone 5G (8GB RAM, 128GB) at ₹799");
      expect(notes[0]!.body).toContain("IST");
      // The link travels beside the words (the email puts the full address under them); a bare path
      // in the sentence read as noise on the Updates page.
      expect(notes[0]!.body).toMatch(/ IST, while stock lasts\.$/);
      expect(notes[0]!.body).not.toContain("/deals/");
      const sms = await env.DB.prepare("SELECT COUNT(*) AS n FROM notifications WHERE user_id = ? AND channel = 'sms'")
        .bind(u.id)
        .first<{ n: number }>();
      expect(sms?.n).toBe(1);
    }
    expect(await told(stranger.id)).toEqual([]);
  });

  it("works through the wishlisters a batch at a time, handing the rest on, until all are told", async () => {
    const { dealId, users } = await liveDeal(5);
    const alert = { kind: "deal_live", deal_id: dealId } as const;
    const ids = users.map((u) => u.id).sort();
    const first = await alertBatch(env.DB, alert, null, 2);
    expect(first).toMatchObject({ recorded: 4, next: ids[1] });
    const told1 = await Promise.all(ids.map(async (id) => (await told(id)).length));
    expect(told1).toEqual([1, 1, 0, 0, 0]);

    // The consumer runs a batch and sends the next one as a message on the catalog queue.
    const sent: Array<Envelope<WishlistAlertBatch>> = [];
    const spyEnv = { ...env, CATALOG_CHANGES: { send: async (m: Envelope<WishlistAlertBatch>) => void sent.push(m) } } as unknown as Env;
    expect(await alertWishlisters(spyEnv, alert, first.next, 2)).toBe(4);
    expect(sent.map((m) => m.body)).toEqual([{ type: "wishlist.alerts", alert, after: ids[3] }]);
    // That message, delivered (twice), tells the rest.
    await deliver([{ envelope: sent[0]! }, { envelope: sent[0]! }]);
    expect(await Promise.all(ids.map(async (id) => (await told(id)).length))).toEqual([1, 1, 1, 1, 1]);
    // Run from the start again: nobody is told twice.
    expect((await alertBatch(env.DB, alert, null, 10)).recorded).toBe(0);
  });

  it("announces a deal paused before it opened when it is resumed open", async () => {
    const s = await dealSetup();
    const dealId = await createDealViaApi(s, { starts_at: new Date(Date.now() + 1_000).toISOString() });
    const [asha] = await wishlisters(s.fixture.productId, 1);
    const control = (action: string) =>
      api(`/api/admin/deals/${dealId}/${action}`, { method: "POST", headers: s.manager.headers, body: {} });
    expect((await control("pause")).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1_100));
    expect((await control("resume")).status).toBe(200);
    const row = await env.DB.prepare("SELECT id, payload FROM outbox WHERE topic = 'catalog' AND payload LIKE ?")
      .bind(`%"deal_id":"${dealId}"%`)
      .first<{ id: number; payload: string }>();
    await deliver([{ envelope: { outboxId: row!.id, body: JSON.parse(row!.payload) } }]);
    expect((await told(asha!.id)).map((n) => n.kind)).toEqual(["deal_live"]);
  });

  it("keeps to the hourly cap of alerts, which a shopper's many order messages do not use up", async () => {
    const { dealId, users } = await liveDeal(3);
    const [busy, calm, buyer] = users;
    await exhaustHourlyCap(busy!.id);
    // A sale day's shopper told of an hour's worth of their own orders still hears the deal opened.
    await exhaustHourlyCap(buyer!.id, "order_shipped");
    await alertBatch(env.DB, { kind: "deal_live", deal_id: dealId }, null);
    expect((await told(busy!.id)).filter((n) => n.kind === "deal_live")).toEqual([]);
    expect((await told(calm!.id)).map((n) => n.kind)).toEqual(["deal_live"]);
    expect((await told(buyer!.id)).filter((n) => n.kind === "deal_live")).toHaveLength(1);
  });

  it("tells nobody of a deal that is no longer live", async () => {
    const { dealId, users } = await liveDeal(1);
    await env.DB.prepare("UPDATE deals SET status = 'paused' WHERE id = ?").bind(dealId).run();
    expect(await alertBatch(env.DB, { kind: "deal_live", deal_id: dealId }, null)).toEqual({
      recorded: 0,
      next: null,
      handedOn: null,
      ids: [],
    });
    expect(await told(users[0]!.id)).toEqual([]);
  });
});

describe("price drop alerts", () => {
  async function setPrice(listingId: string, seller: TestUser, productId: string, price: number) {
    const res = await api(`/api/seller/listings/${listingId}`, { method: "PATCH", headers: seller.headers, body: { price } });
    expect(res.status).toBe(200);
    await applyProductChanges(productId);
  }

  it("tells a wishlister of a drop of 5% or more under the price saved, once per drop, never of a rise", async () => {
    const f = await stockedListing(10, 100000);
    const seller = await createTestUser(["seller"], { sellerId: f.sellerId });
    const [early] = await wishlisters(f.productId, 1);
    const stranger = await createTestUser();

    await setPrice(f.listingId, seller, f.productId, 97000);
    expect(await told(early!.id)).toEqual([]);

    await setPrice(f.listingId, seller, f.productId, 90000);
    // Run again, as a retried change would: nothing more.
    expect(await alertPriceDrop(env, f.productId)).toBe(0);
    expect(await told(early!.id)).toEqual([
      {
        kind: "price_drop",
        subject: "Price dropped: Test Phone 5G (8GB RAM, 128GB) now ₹900 (was ₹1,000)",
        body: `Test Phone 5G (8GB RAM, 128GB), on your wishlist, is now ₹900; you saved it at ₹1,000.`,
        link: `/products/${f.productId}`,
      },
    ]);
    // Saved at the lower price: a drop is measured from there.
    const [late] = await wishlisters(f.productId, 1);

    // 2% under the price they were told of: not a new drop.
    await setPrice(f.listingId, seller, f.productId, 88200);
    expect(await told(early!.id)).toHaveLength(1);

    await setPrice(f.listingId, seller, f.productId, 81000);
    expect((await told(early!.id)).map((n) => n.subject)).toEqual([
      "Price dropped: Test Phone 5G (8GB RAM, 128GB) now ₹900 (was ₹1,000)",
      "Price dropped: Test Phone 5G (8GB RAM, 128GB) now ₹810 (was ₹1,000)",
    ]);
    expect((await told(late!.id)).map((n) => n.subject)).toEqual(["Price dropped: Test Phone 5G (8GB RAM, 128GB) now ₹810 (was ₹900)"]);

    await setPrice(f.listingId, seller, f.productId, 95000);
    expect(await told(early!.id)).toHaveLength(2);
    expect(await told(late!.id)).toHaveLength(1);
    expect(await told(stranger.id)).toEqual([]);
  });

  it("leaves a capped shopper's drop untold, and tells them of it once the hour allows", async () => {
    const f = await stockedListing(10, 100000);
    const [busy] = await wishlisters(f.productId, 1);
    await exhaustHourlyCap(busy!.id, "deal_live");
    await env.DB.prepare("UPDATE listings SET price = 90000 WHERE id = ?").bind(f.listingId).run();
    await env.DB.prepare("UPDATE products SET price = 90000 WHERE id = ?").bind(f.productId).run();
    expect(await alertPriceDrop(env, f.productId)).toBe(1);
    expect((await told(busy!.id)).filter((n) => n.kind === "price_drop")).toEqual([]);
    // An hour on, the same drop is still owed.
    await env.DB.prepare("UPDATE notifications SET created_at = '2020-01-01T00:00:00.000Z' WHERE user_id = ?").bind(busy!.id).run();
    expect(await alertPriceDrop(env, f.productId)).toBe(1);
    expect((await told(busy!.id)).filter((n) => n.kind === "price_drop")).toHaveLength(1);
  });
});

/** An env whose catalog queue records what is sent to it, or refuses every send. */
function spyQueue(opts: { failing?: boolean } = {}) {
  const sent: Array<Envelope<WishlistAlertBatch>> = [];
  const record = async (m: Envelope<WishlistAlertBatch>) => {
    if (opts.failing) throw new Error("queue unavailable");
    sent.push(m);
  };
  const sendBatch = async (ms: Array<{ body: Envelope<WishlistAlertBatch> }>) => {
    for (const m of ms) await record(m.body);
  };
  const queue = { send: record, sendBatch };
  const spyEnv = { ...env, CATALOG_CHANGES: queue, ORDER_EVENTS: queue, INVENTORY_JOURNAL: queue } as unknown as Env;
  return { sent, spyEnv };
}

/** The outbox rows handing on batches of an alert, by key. */
async function handOns(alert: WishlistAlert): Promise<Array<{ key: string; sent: boolean }>> {
  const { results } = await env.DB.prepare(
    "SELECT dedupe_key AS key, sent_at IS NOT NULL AS sent FROM outbox WHERE dedupe_key >= ?1 AND dedupe_key < ?1 || '~' ORDER BY dedupe_key",
  )
    .bind(handOnKey(alertEventId(alert), null))
    .all<{ key: string; sent: number }>();
  return results.map((r) => ({ key: r.key, sent: r.sent === 1 }));
}

describe("alert fan-out hand-on", () => {
  it("hands each batch on once however often a batch is delivered, and tells every shopper once", async () => {
    const { dealId, users } = await liveDeal(5);
    const alert = { kind: "deal_live", deal_id: dealId } as const;
    const ids = users.map((u) => u.id).sort();
    const { sent, spyEnv } = spyQueue();

    // The first batch delivered twice: one message for the next batch, not two.
    expect(await alertWishlisters(spyEnv, alert, null, 2)).toBe(4);
    expect(await alertWishlisters(spyEnv, alert, null, 2)).toBe(0);
    expect(sent.map((m) => m.body)).toEqual([{ type: "wishlist.alerts", alert, after: ids[1] }]);

    // Every message of the chain delivered three times: the chain still runs once.
    for (let i = 0; i < sent.length; i++) {
      const { after } = sent[i]!.body;
      for (let n = 0; n < 3; n++) await alertWishlisters(spyEnv, alert, after, 2);
    }
    expect(sent.map((m) => m.body.after)).toEqual([ids[1], ids[3]]);
    // Each message carries its own outbox row, marked sent.
    expect(new Set(sent.map((m) => m.outboxId)).size).toBe(2);
    const eventId = alertEventId(alert);
    expect(await handOns(alert)).toEqual([
      { key: handOnKey(eventId, ids[1]!), sent: true },
      { key: handOnKey(eventId, ids[3]!), sent: true },
    ]);
    expect(await Promise.all(ids.map(async (id) => (await told(id)).length))).toEqual([1, 1, 1, 1, 1]);
  });

  it("keeps a hand-on the queue refused in the outbox, where the relay sends it", async () => {
    const { dealId, users } = await liveDeal(3);
    const alert = { kind: "deal_live", deal_id: dealId } as const;
    const ids = users.map((u) => u.id).sort();
    const down = spyQueue({ failing: true });
    expect(await alertWishlisters(down.spyEnv, alert, null, 2)).toBe(4);
    expect(await handOns(alert)).toEqual([{ key: handOnKey(alertEventId(alert), ids[1]!), sent: false }]);

    const up = spyQueue();
    await relayOutbox(up.spyEnv, 10_000);
    const relayed = up.sent.filter((m) => m.body.type === "wishlist.alerts" && JSON.stringify(m.body.alert) === JSON.stringify(alert));
    expect(relayed.map((m) => m.body.after)).toEqual([ids[1]]);
    await deliver([{ envelope: relayed[0]! }]);
    expect(await Promise.all(ids.map(async (id) => (await told(id)).length))).toEqual([1, 1, 1]);
  });
});

describe("back in stock alerts", () => {
  /** A stock count for the listing's warehouse, announced as a seller's count is, and processed by the catalog consumer. */
  async function count(f: { listingId: string; warehouseId: string; productId: string }, available: number, process = true) {
    await setAvailable(env.DB, { skuId: f.listingId, warehouseId: f.warehouseId, available, ref: `count-${crypto.randomUUID()}` });
    // Delivered as the relay would, then again (its alert's first batch included) as a redelivery would.
    if (process) for (let n = 0; n < 2; n++) await applyProductChanges(f.productId);
  }

  async function backInStock(userId: string) {
    return (await told(userId)).filter((n) => n.kind === "back_in_stock");
  }

  /** How many back-in-stock alerts were started for the product. */
  async function alertsStarted(productId: string): Promise<number> {
    const row = await env.DB.prepare("SELECT COUNT(*) AS n FROM outbox WHERE dedupe_key >= ?1 AND dedupe_key < ?1 || '~'")
      .bind(`wishlist-alert:back-in-stock:${productId}:`)
      .first<{ n: number }>();
    return row?.n ?? 0;
  }

  it("tells each wishlister once when a sold-out saved product is restocked, but not one whose alerts hour is full", async () => {
    const f = await stockedListing(10, 100000);
    const [asha, ravi, busy] = await wishlisters(f.productId, 3);
    const stranger = await createTestUser();
    await exhaustHourlyCap(busy!.id, "deal_live");

    await count(f, 0);
    expect(await backInStock(asha!.id)).toEqual([]);
    await count(f, 3);

    for (const u of [asha!, ravi!]) {
      expect(await backInStock(u.id)).toEqual([
        {
          kind: "back_in_stock",
          subject: "Back in stock: Test Phone 5G (8GB RAM, 128GB) at ₹1,000",
          body: `Test Phone 5G (8GB RAM, 128GB), on your wishlist, is back in stock at ₹1,000.`,
          link: `/products/${f.productId}`,
        },
      ]);
    }
    expect(await backInStock(busy!.id)).toEqual([]);
    expect(await told(stranger.id)).toEqual([]);
    // More stock, still in stock: not news, and no second alert is started.
    await count(f, 20);
    expect(await backInStock(asha!.id)).toHaveLength(1);
    expect(await alertsStarted(f.productId)).toBe(1);
    // It counts toward the hour's allowance like the other alerts.
    const sms = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM notifications WHERE user_id = ? AND channel = 'sms' AND kind = 'back_in_stock'",
    )
      .bind(ravi!.id)
      .first<{ n: number }>();
    expect(sms?.n).toBe(1);
  });

  it("tells nobody again when it sells out and comes back within a day, and tells them of a restock a day on", async () => {
    const f = await stockedListing(10, 100000);
    const [asha] = await wishlisters(f.productId, 1);
    await count(f, 0);
    await count(f, 2);
    expect(await backInStock(asha!.id)).toHaveLength(1);

    // Sold again, and a cancelled order's units come back minutes later: a second restock, told to nobody.
    await count(f, 0);
    await count(f, 1);
    expect(await alertsStarted(f.productId)).toBe(2);
    expect(await backInStock(asha!.id)).toHaveLength(1);

    await env.DB.prepare("UPDATE notifications SET created_at = ? WHERE user_id = ?")
      .bind(new Date(Date.now() - 25 * 3600_000).toISOString(), asha!.id)
      .run();
    await count(f, 0);
    await count(f, 4);
    expect(await backInStock(asha!.id)).toHaveLength(2);
  });

  it("tells nobody of a product still sold out, or sold out again before its restock was processed", async () => {
    const f = await stockedListing(10, 100000);
    const seller = await createTestUser(["seller"], { sellerId: f.sellerId });
    const [asha] = await wishlisters(f.productId, 1);
    await count(f, 0);
    // A change to a sold-out product (its price) is no restock.
    const res = await api(`/api/seller/listings/${f.listingId}`, { method: "PATCH", headers: seller.headers, body: { price: 99000 } });
    expect(res.status).toBe(200);
    await applyProductChanges(f.productId);
    // Back and gone again before the consumer saw it: nothing to tell.
    await count(f, 3, false);
    await count(f, 0);
    expect(await alertsStarted(f.productId)).toBe(0);
    expect(await told(asha!.id)).toEqual([]);
  });
});
