import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { CatalogChange } from "../../workers/catalog/changes";
import { consumeCatalogChanges } from "../../workers/catalog/consumer";
import { type ProductView, buildProductDoc } from "../../workers/catalog/product-view";
import { readProjection } from "../../workers/catalog/projection";
import { allocateToDealStatements, returnFromDealStatements } from "../../workers/inventory/deal-ledger";
import { commitReservation, releaseReservation, reserveStock, restockReservation } from "../../workers/inventory/ledger";
import type { Envelope } from "../../workers/platform/outbox";
import { nowIso } from "../../workers/platform/time";
import { createDealViaApi } from "../deals/helpers";
import { createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { type ProductFixture, createProduct } from "./fixtures";

interface SearchItem {
  id: string;
  price: number;
  availability: string;
}

/** The product's catalog changes written after outbox row `after`. */
async function catalogChanges(productId: string, after = 0): Promise<Envelope<CatalogChange>[]> {
  const { results } = await env.DB.prepare(
    "SELECT id, payload FROM outbox WHERE topic = 'catalog' AND id > ? AND payload LIKE ? ORDER BY id",
  )
    .bind(after, `%${productId}%`)
    .all<{ id: number; payload: string }>();
  return results.map((r) => ({ outboxId: r.id, body: JSON.parse(r.payload) as CatalogChange }));
}

async function lastOutboxId(): Promise<number> {
  return (await env.DB.prepare("SELECT MAX(id) AS id FROM outbox").first<{ id: number | null }>())?.id ?? 0;
}

/** Runs the catalog consumer over the given changes, as the relay and the queue would. */
async function deliver(changes: Envelope<CatalogChange>[]): Promise<void> {
  const batch = createMessageBatch<Envelope<unknown>>(
    "catalog-changes",
    changes.map((m) => ({ id: `stock-${m.outboxId}`, timestamp: new Date(), attempts: 1, body: m })),
  );
  const ctx = createExecutionContext();
  await consumeCatalogChanges(batch, env, ctx);
  expect((await getQueueResult(batch, ctx)).retryMessages).toEqual([]);
}

async function page(productId: string): Promise<ProductView> {
  return (await (await api(`/api/products/${productId}`)).json()) as ProductView;
}

async function summary(productId: string) {
  return env.DB.prepare("SELECT buy_box_listing_id, price, stock_total, version FROM products WHERE id = ?")
    .bind(productId)
    .first<{ buy_box_listing_id: string; price: number; stock_total: number; version: number }>();
}

async function browse(f: ProductFixture, query = ""): Promise<SearchItem[]> {
  return ((await (await api(`/api/products?category=${f.categoryId}${query}`)).json()) as { items: SearchItem[] }).items;
}

/** Buys `qty` units of a listing through the ledger, as a checkout does. */
async function buy(listingId: string, qty: number): Promise<string> {
  const ref = `buy-${listingId}-${crypto.randomUUID()}`;
  expect(await reserveStock(env.DB, { skuId: listingId, qty, ref, ttlSeconds: 600 })).not.toBeNull();
  expect(await commitReservation(env.DB, ref)).toBe("done");
  return ref;
}

describe("stock movements and the buy box", () => {
  it("moves the buy box to a seller with stock once shoppers buy out the cheapest", async () => {
    const f = await createProduct([
      { price: 50000, mrp: 70000, units: 2 },
      { price: 55000, mrp: 70000, units: 50 },
    ]);
    const [a, b] = f.listingIds as [string, string];
    // The page is projected and cached with A as the buy box before the sale.
    const from = await lastOutboxId();
    await deliver([
      { outboxId: from + 1_000_000, body: { type: "product.changed", product_id: f.productId, reason: "stock_set", at: nowIso() } },
    ]);
    expect((await page(f.productId)).buy_box?.listing_id).toBe(a);

    await buy(a, 2);

    expect(await summary(f.productId)).toMatchObject({ buy_box_listing_id: b, price: 55000, stock_total: 50 });
    const changes = await catalogChanges(f.productId, from);
    expect(changes.map((c) => c.body)).toEqual([
      expect.objectContaining({ type: "product.changed", product_id: f.productId, listing_id: a, reason: "stock_moved" }),
    ]);
    await deliver(changes);
    expect((await readProjection(env.CATALOG_KV, f.productId))?.view.buy_box?.listing_id).toBe(b);
    const view = await page(f.productId);
    expect(view.buy_box?.listing_id).toBe(b);
    expect(view.availability).toBe("in_stock");
    expect(view.offers.find((o) => o.listing_id === a)?.availability).toBe("sold_out");
    expect(await browse(f, "&in_stock=true")).toEqual([
      expect.objectContaining({ id: f.productId, price: 55000, availability: "in_stock" }),
    ]);
  });

  it("builds the page's buy box from live stock even when the stored summary is behind", async () => {
    const f = await createProduct([
      { price: 50000, mrp: 70000, units: 2 },
      { price: 55000, mrp: 70000, units: 50 },
    ]);
    // Units gone without the summary hearing of it (a path that predates the refresh).
    await env.DB.prepare("UPDATE inventory SET available = 0, sold = sold + 2 WHERE sku_id = ?").bind(f.listingIds[0]).run();
    const doc = await buildProductDoc(env.DB, f.productId, nowIso());
    expect(doc?.view.buy_box?.listing_id).toBe(f.listingIds[1]);
    expect(doc?.view.availability).toBe("in_stock");
  });

  it("takes a product shoppers sold out off in-stock browsing", async () => {
    const f = await createProduct([{ price: 50000, mrp: 70000, units: 2 }]);
    const from = await lastOutboxId();
    await buy(f.listingId, 2);
    await deliver(await catalogChanges(f.productId, from));

    expect(await browse(f, "&in_stock=true")).toEqual([]);
    expect(await browse(f)).toEqual([expect.objectContaining({ id: f.productId, availability: "sold_out" })]);
    expect((await page(f.productId)).availability).toBe("sold_out");
  });

  it("gives the buy box back to the cheaper listing when its expired hold returns the units", async () => {
    const f = await createProduct([
      { price: 50000, mrp: 70000, units: 2 },
      { price: 55000, mrp: 70000, units: 50 },
    ]);
    const [a, b] = f.listingIds as [string, string];
    const ref = `hold-${a}`;
    expect(await reserveStock(env.DB, { skuId: a, qty: 2, ref, ttlSeconds: 600 })).not.toBeNull();
    expect((await summary(f.productId))?.buy_box_listing_id).toBe(b);
    await deliver(await catalogChanges(f.productId));
    expect((await page(f.productId)).buy_box?.listing_id).toBe(b);

    const from = await lastOutboxId();
    expect(await releaseReservation(env.DB, ref, "expired")).toBe("done");
    expect(await summary(f.productId)).toMatchObject({ buy_box_listing_id: a, price: 50000, stock_total: 52 });
    const changes = await catalogChanges(f.productId, from);
    expect(changes).toHaveLength(1);
    await deliver(changes);
    expect((await page(f.productId)).buy_box).toMatchObject({ listing_id: a, availability: "few_left" });
  });

  it("gives the buy box back when a cancelled order or an ended deal puts the units back", async () => {
    const f = await createProduct([
      { price: 50000, mrp: 70000, units: 3 },
      { price: 55000, mrp: 70000, units: 50 },
    ]);
    const [a, b] = f.listingIds as [string, string];
    const ref = await buy(a, 3);
    expect((await summary(f.productId))?.buy_box_listing_id).toBe(b);
    expect(await restockReservation(env.DB, ref)).toBe("done");
    expect((await summary(f.productId))?.buy_box_listing_id).toBe(a);

    const move = { skuId: a, warehouseId: f.warehouseId, qty: 3, ref: `deal_${a}:allocate`, reason: "deal created" };
    const [allocated] = await env.DB.batch(allocateToDealStatements(env.DB, move, nowIso()));
    expect(allocated?.meta.changes).toBe(1);
    expect((await summary(f.productId))?.buy_box_listing_id).toBe(b);
    const from = await lastOutboxId();
    await env.DB.batch(returnFromDealStatements(env.DB, { ...move, ref: `deal_${a}#1` }, nowIso()));
    expect((await summary(f.productId))?.buy_box_listing_id).toBe(a);
    expect((await catalogChanges(f.productId, from)).map((c) => c.body.reason)).toEqual(["stock_moved"]);
  });

  it("passes the buy box on while a deal holds the cheapest listing's units, and back when the deal ends", async () => {
    const f = await createProduct([
      { price: 50000, mrp: 70000, units: 3 },
      { price: 55000, mrp: 70000, units: 50 },
    ]);
    const [a, b] = f.listingIds as [string, string];
    const manager = await createTestUser(["deal_manager"]);
    const id = await createDealViaApi({ fixture: f, manager }, { units: 3, deal_price: 40000 });
    expect((await summary(f.productId))?.buy_box_listing_id).toBe(b);

    const ended = await api(`/api/admin/deals/${id}/end`, { method: "POST", headers: manager.headers });
    expect(ended.status).toBe(200);
    expect((await summary(f.productId))?.buy_box_listing_id).toBe(a);
  });

  it("writes nothing to the catalog for a movement that stays inside its availability bucket", async () => {
    const f = await createProduct([{ price: 50000, mrp: 70000, units: 50 }]);
    // Low-stock alerts off: crossing the seller's line is news to the seller (test/sellers/low-stock.test.ts).
    await env.DB.prepare("UPDATE listings SET low_stock_at = 0 WHERE id = ?").bind(f.listingId).run();
    const before = await summary(f.productId);
    const from = await lastOutboxId();

    const ref = await buy(f.listingId, 40);
    expect(await restockReservation(env.DB, ref)).toBe("done");
    const held = `hold-${f.listingId}`;
    expect(await reserveStock(env.DB, { skuId: f.listingId, qty: 44, ref: held, ttlSeconds: 600 })).not.toBeNull();
    expect(await catalogChanges(f.productId, from)).toEqual([]);
    expect(await summary(f.productId)).toEqual(before);

    // Six left is still in stock; five is "few left", which shoppers see.
    await buy(f.listingId, 1);
    expect(await catalogChanges(f.productId, from)).toHaveLength(1);
    expect(await summary(f.productId)).toMatchObject({ stock_total: 5, version: (before?.version ?? 0) + 1 });
    expect(await browse(f)).toEqual([expect.objectContaining({ availability: "few_left" })]);
  });

  it("refreshes the summary when the product's total crosses a bucket though no listing does", async () => {
    const f = await createProduct([
      { price: 50000, mrp: 70000, units: 3 },
      { price: 55000, mrp: 70000, units: 3 },
    ]);
    expect((await summary(f.productId))?.stock_total).toBe(6);
    await buy(f.listingIds[0] as string, 1);
    expect((await summary(f.productId))?.stock_total).toBe(5);
    expect(await browse(f)).toEqual([expect.objectContaining({ availability: "few_left" })]);
  });

  it("shows a product in stock again when a released hold lifts its total past few left though no listing crosses", async () => {
    const f = await createProduct([
      { price: 50000, mrp: 70000, units: 4 },
      { price: 55000, mrp: 70000, units: 4 },
    ]);
    const [a, b] = f.listingIds as [string, string];
    const ref = `hold-${a}`;
    expect(await reserveStock(env.DB, { skuId: a, qty: 3, ref, ttlSeconds: 600 })).not.toBeNull();
    // Search answers are kept at the edge for seconds, so each look asks a question of its own.
    expect(await browse(f, "&in_stock=true")).toEqual([expect.objectContaining({ availability: "few_left" })]);

    // Both listings and the total stay few left: nothing shoppers see, so nothing written.
    const before = await summary(f.productId);
    const from = await lastOutboxId();
    const one = `one-${b}`;
    expect(await reserveStock(env.DB, { skuId: b, qty: 1, ref: one, ttlSeconds: 600 })).not.toBeNull();
    expect(await releaseReservation(env.DB, one)).toBe("done");
    expect(await summary(f.productId)).toEqual(before);
    expect(await catalogChanges(f.productId, from)).toEqual([]);

    expect(await releaseReservation(env.DB, ref, "expired")).toBe("done");
    expect(await summary(f.productId)).toMatchObject({ stock_total: 8, version: (before?.version ?? 0) + 1 });
    expect(await browse(f)).toEqual([expect.objectContaining({ availability: "in_stock" })]);
  });

  it("reads none of the product's other offers for a reservation inside its listing's bucket", async () => {
    const rowsRead = async (offers: number) => {
      const f = await createProduct(Array.from({ length: offers }, (_, i) => ({ price: 50000 + i * 100, units: 40 })));
      const before = await summary(f.productId);
      const reads: number[] = [];
      const counted = new Proxy(env.DB, {
        get(target, prop) {
          if (prop === "batch") {
            return async (statements: D1PreparedStatement[]) => {
              const results = await target.batch(statements);
              reads.push(...results.map((r) => r.meta.rows_read));
              return results;
            };
          }
          const value = Reflect.get(target, prop);
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
      expect(await reserveStock(counted, { skuId: f.listingId, qty: 1, ref: `read-${f.listingId}`, ttlSeconds: 600 })).not.toBeNull();
      expect(await summary(f.productId)).toEqual(before);
      return reads.reduce((sum, n) => sum + n, 0);
    };
    // The least of five tries: now and then a batch also reads the database's schema afresh. Even
    // so, late in a full run the planner's statistics can add a few rows to every try; reading the
    // product's other eleven offers would add at least one row for each of them.
    const least = async (offers: number) => {
      let fewest = Number.POSITIVE_INFINITY;
      for (let i = 0; i < 5; i++) fewest = Math.min(fewest, await rowsRead(offers));
      return fewest;
    };
    expect((await least(12)) - (await least(1))).toBeLessThan(11);
  });
});
