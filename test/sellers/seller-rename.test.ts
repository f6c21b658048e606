import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { readProjection } from "../../workers/catalog/projection";
import type { Envelope } from "../../workers/platform/outbox";
import { SELLER_PAGE_SIZE, type SellerChanged, sellerChangePage, sellerHandOnKey } from "../../workers/sellers/seller-changed";
import { updateSellerProfile } from "../../workers/sellers/update-profile";
import { deliver } from "../catalog/queue";
import { type Fixture, createListingFixture } from "../helpers/catalog";
import { uniqueGstin } from "../helpers/gstin";

/** More listings than two pages, so the change is handed on twice and its last page is partial. */
const LISTINGS = 2 * SELLER_PAGE_SIZE + 5;

/** A fixture seller with `total` listings, each of its own product, inserted in two statements. */
async function sellerWithListings(total: number): Promise<{ f: Fixture; listingIds: string[]; productIds: string[] }> {
  const f = await createListingFixture();
  const now = new Date().toISOString();
  const more = `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?3)`;
  await env.DB.batch([
    env.DB.prepare(
      `${more} INSERT INTO products (id, title, brand, category_id, created_at, updated_at)
       SELECT ?1 || '_' || printf('%04d', i), 'Seller item ' || i, 'Testbrand', ?2, ?4, ?4 FROM n`,
    ).bind(f.productId, f.categoryId, total - 1, now),
    env.DB.prepare(
      `${more} INSERT INTO listings (id, product_id, seller_id, price, mrp, created_at, updated_at)
       SELECT ?1 || '_' || printf('%04d', i), ?2 || '_' || printf('%04d', i), ?4, 49900, 59900, ?5, ?5 FROM n`,
    ).bind(f.listingId, f.productId, total - 1, f.sellerId, now),
  ]);
  const { results } = await env.DB.prepare("SELECT id, product_id FROM listings WHERE seller_id = ? ORDER BY id")
    .bind(f.sellerId)
    .all<{ id: string; product_id: string }>();
  expect(results).toHaveLength(total);
  return { f, listingIds: results.map((r) => r.id), productIds: results.map((r) => r.product_id) };
}

/** The outbox rows announcing the seller or one of its products, written after row `after`. */
async function announcedSince(sellerId: string, after: number) {
  const { results } = await env.DB.prepare(
    `SELECT id, payload, dedupe_key FROM outbox WHERE topic = 'catalog' AND id > ?2
       AND (json_extract(payload, '$.seller_id') = ?1
         OR json_extract(payload, '$.listing_id') IN (SELECT id FROM listings WHERE seller_id = ?1))
     ORDER BY id`,
  )
    .bind(sellerId, after)
    .all<{ id: number; payload: string; dedupe_key: string | null }>();
  return results.map((r) => ({ id: r.id, body: JSON.parse(r.payload) as Record<string, unknown>, key: r.dedupe_key }));
}

const lastOutboxId = async () => (await env.DB.prepare("SELECT MAX(id) AS id FROM outbox").first<number>("id")) ?? 0;

/** An env whose catalog queue records what is sent to it, so the test delivers every message itself. */
function spyQueue() {
  const sent: Array<Envelope<Record<string, unknown>>> = [];
  const send = async (m: Envelope<Record<string, unknown>>) => {
    sent.push(m);
  };
  const sendBatch = async (ms: Array<{ body: Envelope<Record<string, unknown>> }>) => {
    for (const m of ms) await send(m.body);
  };
  const queue = { send, sendBatch };
  const spyEnv = { ...env, CATALOG_CHANGES: queue, ORDER_EVENTS: queue, INVENTORY_JOURNAL: queue } as unknown as Env;
  return { sent, spyEnv };
}

const offeredBy = async (productId: string) =>
  (await readProjection(env.CATALOG_KV, productId))?.view.offers.map((o) => `${o.seller.name}, ${o.seller.city}`);

describe("a seller's change of name or city", () => {
  it("is announced by one outbox row, expanded a page of listings at a time into one rebuild per product, however often a page is delivered", async () => {
    const { f, listingIds, productIds } = await sellerWithListings(LISTINGS);
    const { sent, spyEnv } = spyQueue();
    const firstProduct = productIds[0]!;
    const lastProduct = productIds.at(-1)!;
    const rebuilt = async (productId: string) => {
      const messages = sent.filter((m) => m.body.type === "product.changed" && m.body.product_id === productId);
      const result = await deliver(
        messages.map((envelope) => ({ envelope })),
        spyEnv,
      );
      expect(result.retryMessages).toEqual([]);
    };

    const before = await lastOutboxId();
    await updateSellerProfile(env.DB, f.sellerId, { business_name: "Ganga Traders", city: "Varanasi" });
    const written = await announcedSince(f.sellerId, before);
    expect(written).toEqual([
      { id: expect.any(Number), body: { type: "seller.changed", seller_id: f.sellerId, after: null, at: expect.any(String) }, key: null },
    ]);
    const at = written[0]!.body.at as string;

    // The first page, delivered twice in one batch and once more: one page of changes and one hand-on.
    const first = { outboxId: written[0]!.id, body: written[0]!.body };
    for (const batch of [[first, first], [first]]) {
      const result = await deliver(
        batch.map((envelope) => ({ envelope })),
        spyEnv,
      );
      expect(result.retryMessages).toEqual([]);
    }
    const afterFirst = await announcedSince(f.sellerId, written[0]!.id);
    expect(afterFirst.filter((r) => r.body.type === "product.changed")).toHaveLength(SELLER_PAGE_SIZE);
    expect(afterFirst.filter((r) => r.body.type === "seller.changed").map((r) => r.key)).toEqual([
      sellerHandOnKey(f.sellerId, at, listingIds[SELLER_PAGE_SIZE - 1]!),
    ]);

    // Every hand-on the queue was sent, delivered twice, until none is left.
    const delivered = new Set<number>();
    for (;;) {
      const next = sent.filter((m) => m.body.type === "seller.changed" && !delivered.has(m.outboxId));
      if (next.length === 0) break;
      for (const envelope of next) {
        delivered.add(envelope.outboxId);
        for (let n = 0; n < 2; n++) expect((await deliver([{ envelope }], spyEnv)).retryMessages).toEqual([]);
      }
    }
    expect(sent.filter((m) => m.body.type === "seller.changed").map((m) => m.body.after)).toEqual([
      listingIds[SELLER_PAGE_SIZE - 1],
      listingIds[2 * SELLER_PAGE_SIZE - 1],
    ]);

    // One change per product, each written once and sent once.
    const changes = (await announcedSince(f.sellerId, written[0]!.id)).filter((r) => r.body.type === "product.changed");
    expect(changes.map((r) => r.body.listing_id)).toEqual(listingIds);
    expect(changes.map((r) => r.body.product_id)).toEqual(productIds);
    expect(new Set(changes.map((r) => r.body.reason))).toEqual(new Set(["seller_updated"]));
    const sentChanges = sent.filter((m) => m.body.type === "product.changed");
    expect(sentChanges.map((m) => m.outboxId).sort((a, b) => a - b)).toEqual(changes.map((r) => r.id));

    // Downstream as for any change: each product's page is rebuilt with the new name and city.
    await rebuilt(firstProduct);
    await rebuilt(lastProduct);
    expect(await offeredBy(firstProduct)).toEqual(["Ganga Traders, Varanasi"]);
    expect(await offeredBy(lastProduct)).toEqual(["Ganga Traders, Varanasi"]);
  });

  it("announces nothing for a GSTIN alone or an unchanged name, nor for a seller with no listings", async () => {
    const { f } = await sellerWithListings(3);
    const before = await lastOutboxId();
    await updateSellerProfile(env.DB, f.sellerId, { business_name: "Test Seller", city: "Pune" });
    await updateSellerProfile(env.DB, f.sellerId, { gstin: uniqueGstin("27") });
    expect(await announcedSince(f.sellerId, before)).toEqual([]);

    const bare = await createListingFixture();
    await env.DB.prepare("DELETE FROM listings WHERE id = ?").bind(bare.listingId).run();
    await updateSellerProfile(env.DB, bare.sellerId, { city: "Nagpur" });
    expect(await announcedSince(bare.sellerId, before)).toEqual([]);
  });

  it("writes a page's changes and its hand-on only once when the page is run again, and stops at a short page", async () => {
    const { f, listingIds } = await sellerWithListings(5);
    const change: SellerChanged = { type: "seller.changed", seller_id: f.sellerId, after: null, at: new Date().toISOString() };
    const first = await sellerChangePage(env.DB, change, 2);
    expect(first.next).toBe(listingIds[1]);
    expect(first.written.map((w) => w.body)).toEqual([
      expect.objectContaining({ type: "product.changed", listing_id: listingIds[0] }),
      expect.objectContaining({ type: "product.changed", listing_id: listingIds[1] }),
      { ...change, after: listingIds[1] },
    ]);
    expect(await sellerChangePage(env.DB, change, 2)).toEqual({ listings: 2, next: listingIds[1], written: [] });

    const last = await sellerChangePage(env.DB, { ...change, after: listingIds[3]! }, 2);
    expect(last).toEqual({
      listings: 1,
      next: null,
      written: [{ id: expect.any(Number), body: expect.objectContaining({ type: "product.changed", listing_id: listingIds[4] }) }],
    });
  });

  it("retries a page that failed and writes nothing of it", async () => {
    const { f } = await sellerWithListings(3);
    const failing = new Proxy(env.DB, {
      get(target, prop) {
        if (prop === "prepare")
          return (query: string) => {
            if (query.includes("INSERT INTO outbox")) throw new Error("D1 unavailable");
            return target.prepare(query);
          };
        const value = Reflect.get(target, prop);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const change: SellerChanged = { type: "seller.changed", seller_id: f.sellerId, after: null, at: new Date().toISOString() };
    const before = await lastOutboxId();
    const result = await deliver([{ envelope: { outboxId: 7_700_002, body: change }, attempts: 2 }], { ...env, DB: failing } as Env);
    expect(result.explicitAcks).toEqual([]);
    expect(result.retryMessages.map((m) => m.msgId)).toEqual(["msg-7700002-0"]);
    expect(await announcedSince(f.sellerId, before)).toEqual([]);
  });

  it("dead-letters a seller change this release cannot read", async () => {
    const odd = { outboxId: 7_700_001, body: { type: "seller.changed", seller: "sel_new_shape" } };
    const result = await deliver([{ envelope: odd }]);
    expect(result.explicitAcks).toHaveLength(1);
    const kept = await env.DB.prepare("SELECT reason FROM dead_letters WHERE queue = 'catalog-changes' AND body LIKE ?")
      .bind("%sel_new_shape%")
      .first<string>("reason");
    expect(kept).toBe("unreadable: not a catalog change");
  });
});
