import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { CatalogChange } from "../../workers/catalog/changes";
import { consumeCatalogChanges } from "../../workers/catalog/consumer";
import { auditSku } from "../../workers/inventory/audit";
import { commitReservation, reserveStock } from "../../workers/inventory/ledger";
import type { Envelope } from "../../workers/platform/outbox";
import { nowIso } from "../../workers/platform/time";
import { createProduct } from "../catalog/fixtures";
import { createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { inventoryRows } from "../helpers/inventory";
import { sellerWithNewListing } from "./new-listing";

type Stock = { warehouse_id: string; available: number; reserved: number; allocated: number; sold: number; version: number };
type Problem = { status: number; errors?: { path: string; message: string }[] };

function receive(listingId: string, body: unknown, headers: Record<string, string>) {
  return api(`/api/seller/listings/${listingId}/stock/receipts`, { method: "POST", headers, body });
}

const keyed = (headers: Record<string, string>, key = `rcv-${crypto.randomUUID()}`) => ({ ...headers, "idempotency-key": key });

/** Everything a receipt may write for a listing: its stock rows, its journal, its product's summary and outbox rows. */
async function written(listingId: string) {
  const [journal, product, outbox] = await env.DB.batch<Record<string, number>>([
    env.DB.prepare("SELECT COUNT(*) AS n FROM inventory_journal WHERE sku_id = ?").bind(listingId),
    env.DB.prepare("SELECT p.stock_total, p.version FROM products p JOIN listings l ON l.product_id = p.id WHERE l.id = ?").bind(listingId),
    env.DB.prepare("SELECT COUNT(*) AS n FROM outbox WHERE topic = 'catalog' AND payload LIKE ?").bind(`%${listingId}%`),
  ]);
  return { rows: await inventoryRows(listingId), journal: journal!.results[0], product: product!.results[0], outbox: outbox!.results[0] };
}

async function readStock(listingId: string, headers: Record<string, string>): Promise<Stock> {
  const body = (await (await api("/api/seller/listings", { headers })).json()) as { items: { id: string; stock: Stock[] }[] };
  return body.items.find((i) => i.id === listingId)!.stock[0]!;
}

/** Buys `qty` units through the ledger, as a checkout does. */
async function buy(listingId: string, qty: number): Promise<void> {
  const ref = `buy-${listingId}-${crypto.randomUUID()}`;
  expect(await reserveStock(env.DB, { skuId: listingId, qty, ref, ttlSeconds: 600 })).not.toBeNull();
  expect(await commitReservation(env.DB, ref)).toBe("done");
}

describe("stock receipts", () => {
  it("adds exactly its units after reserves and sales moved the stock, and keeps the ledger conserved", async () => {
    const f = await createProduct([{ price: 60000, mrp: 70000, units: 10 }]);
    const seller = await createTestUser(["seller"], { sellerId: f.sellerIds[0] });
    const seen = await readStock(f.listingId, seller.headers);

    // While the seller's page shows 10, shoppers buy 3 and hold 2 more.
    await buy(f.listingId, 3);
    expect(await reserveStock(env.DB, { skuId: f.listingId, qty: 2, ref: `hold-${f.listingId}`, ttlSeconds: 600 })).not.toBeNull();
    const [moved] = await inventoryRows(f.listingId);
    expect(moved).toMatchObject({ available: 5, reserved: 2, sold: 3 });
    expect(moved!.version).not.toBe(seen.version);

    const key = `rcv-${crypto.randomUUID()}`;
    const res = await receive(f.listingId, { warehouse_id: f.warehouseId, units: 200 }, keyed(seller.headers, key));
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toBe(`"${Number(moved!.version) + 1}"`);
    const body = (await res.json()) as { id: string; stock: Stock[] };
    expect(body.id).toBe(f.listingId);
    expect(body.stock).toEqual([expect.objectContaining({ available: 205, reserved: 2, allocated: 0, sold: 3 })]);
    expect(await inventoryRows(f.listingId)).toEqual([
      { ...moved, available: 205, received: Number(moved!.received) + 200, version: Number(moved!.version) + 1 },
    ]);

    const entry = await env.DB.prepare(
      "SELECT kind, reason, ref, d_available, d_received, d_reserved, d_sold, d_allocated, available_after, reserved_after, sold_after FROM inventory_journal WHERE sku_id = ? ORDER BY id DESC LIMIT 1",
    )
      .bind(f.listingId)
      .first();
    expect(entry).toEqual({
      kind: "receive",
      reason: "seller stock receipt",
      ref: `rcv:${f.listingId}:${key}`,
      d_available: 200,
      d_received: 200,
      d_reserved: 0,
      d_sold: 0,
      d_allocated: 0,
      available_after: 205,
      reserved_after: 2,
      sold_after: 3,
    });
    const audit = await auditSku(env.DB, f.listingId);
    expect(audit).toMatchObject({ conserved: true, journalAgrees: true, available: 205, reserved: 2, sold: 3 });

    // The catalog hears of it as it does of a count: the summary now, the page through the outbox.
    const after = await written(f.listingId);
    expect(after.product).toMatchObject({ stock_total: 205 });
    const change = await env.DB.prepare("SELECT payload FROM outbox WHERE topic = 'catalog' AND payload LIKE ? ORDER BY id DESC LIMIT 1")
      .bind(`%${f.listingId}%`)
      .first<{ payload: string }>();
    expect(JSON.parse(change!.payload)).toMatchObject({ product_id: f.productId, listing_id: f.listingId, reason: "stock_received" });
  });

  it("stocks a warehouse the listing had no stock in", async () => {
    const { f, seller, id } = await sellerWithNewListing();
    const res = await receive(id, { warehouse_id: f.warehouseId, units: 4 }, keyed(seller.headers));
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toBe('"1"');
    expect(await inventoryRows(id)).toEqual([
      { warehouse_id: f.warehouseId, available: 4, reserved: 0, allocated: 0, sold: 0, initial: 0, received: 4, version: 1 },
    ]);
    expect(await auditSku(env.DB, id)).toMatchObject({ conserved: true, journalAgrees: true, journalEntries: 1 });
  });

  it("adds a receipt retried with the same Idempotency-Key once, and refuses the key for another receipt", async () => {
    const f = await createProduct([{ price: 60000, mrp: 70000, units: 10 }]);
    const seller = await createTestUser(["seller"], { sellerId: f.sellerIds[0] });
    const headers = keyed(seller.headers);

    const first = await receive(f.listingId, { warehouse_id: f.warehouseId, units: 7 }, headers);
    expect(first.status).toBe(200);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    const once = await written(f.listingId);
    expect(once.rows).toEqual([expect.objectContaining({ available: 17 })]);

    // A sale between the first attempt and its retry: the retry still adds nothing.
    await buy(f.listingId, 1);
    const retry = await receive(f.listingId, { warehouse_id: f.warehouseId, units: 7 }, headers);
    expect(retry.status).toBe(200);
    // Said to be the receipt already made, so a console can tell the seller nothing more was added.
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(((await retry.json()) as { stock: Stock[] }).stock).toEqual([expect.objectContaining({ available: 16, sold: 1 })]);
    const afterRetry = await written(f.listingId);
    expect(afterRetry.rows).toEqual([expect.objectContaining({ available: 16, sold: 1, received: 17 })]);
    expect(retry.headers.get("etag")).toBe(`"${afterRetry.rows[0]!.version}"`);
    // The sale's reserve and commit are the only journal rows since the receipt.
    expect(Number(afterRetry.journal?.n)).toBe(Number(once.journal?.n) + 2);

    const elsewhere = `wh_${crypto.randomUUID().slice(0, 8)}`;
    await env.DB.prepare("INSERT INTO warehouses (id, name, city) VALUES (?, 'Second WH', 'Delhi')").bind(elsewhere).run();
    for (const body of [
      { warehouse_id: f.warehouseId, units: 8 },
      { warehouse_id: elsewhere, units: 7 },
    ]) {
      const reused = await receive(f.listingId, body, headers);
      expect(reused.status, JSON.stringify(body)).toBe(422);
      expect(reused.headers.get("content-type")).toContain("application/problem+json");
    }
    expect(await written(f.listingId)).toEqual(afterRetry);
  });

  it("answers 404 for another seller's listing and writes nothing", async () => {
    const mine = await createProduct([{ price: 60000, mrp: 70000, units: 10 }]);
    const theirs = await createProduct([{ price: 60000, mrp: 70000, units: 0 }]);
    const seller = await createTestUser(["seller"], { sellerId: mine.sellerIds[0] });
    const before = await written(theirs.listingId);

    const res = await receive(theirs.listingId, { warehouse_id: theirs.warehouseId, units: 50 }, keyed(seller.headers));
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(await written(theirs.listingId)).toEqual(before);
    // The same receipt on the seller's own listing goes through, so the refusal is about ownership.
    expect((await receive(mine.listingId, { warehouse_id: mine.warehouseId, units: 50 }, keyed(seller.headers))).status).toBe(200);
  });

  it("refuses a bad body, an unknown warehouse or a missing key with a 400 naming the field, and writes nothing", async () => {
    const f = await createProduct([{ price: 60000, mrp: 70000, units: 10 }]);
    const seller = await createTestUser(["seller"], { sellerId: f.sellerIds[0] });
    const before = await written(f.listingId);
    const cases: [unknown, Record<string, string>, string][] = [
      [{ warehouse_id: f.warehouseId, units: 0 }, keyed(seller.headers), "units"],
      [{ warehouse_id: f.warehouseId, units: -5 }, keyed(seller.headers), "units"],
      [{ warehouse_id: f.warehouseId, units: 2.5 }, keyed(seller.headers), "units"],
      [{ warehouse_id: f.warehouseId, units: 1_000_001 }, keyed(seller.headers), "units"],
      [{ warehouse_id: f.warehouseId, units: "5" }, keyed(seller.headers), "units"],
      [{ warehouse_id: f.warehouseId }, keyed(seller.headers), "units"],
      [{ warehouse_id: f.warehouseId, units: 5, available: 9 }, keyed(seller.headers), "available"],
      [{ warehouse_id: "wh_nowhere", units: 5 }, keyed(seller.headers), "warehouse_id"],
      [{ warehouse_id: f.warehouseId, units: 5 }, seller.headers, "idempotency-key"],
      [{ warehouse_id: f.warehouseId, units: 5 }, keyed(seller.headers, "has spaces"), "idempotency-key"],
    ];
    for (const [body, headers, field] of cases) {
      const res = await receive(f.listingId, body, headers);
      const label = JSON.stringify({ body, field });
      expect(res.status, label).toBe(400);
      expect(res.headers.get("content-type"), label).toContain("application/problem+json");
      const problem = (await res.json()) as Problem;
      expect(
        problem.errors?.map((e) => e.path),
        label,
      ).toContain(field);
    }
    // A key sent but too long is said to be, not to be missing.
    const long = (await (
      await receive(f.listingId, { warehouse_id: f.warehouseId, units: 5 }, keyed(seller.headers, "k".repeat(256)))
    ).json()) as Problem;
    expect(long.errors).toEqual([
      { path: "idempotency-key", message: "An Idempotency-Key is 1 to 255 printable ASCII characters without spaces, e.g. a UUID" },
    ]);
    const missing = (await (await receive(f.listingId, { warehouse_id: f.warehouseId, units: 5 }, seller.headers)).json()) as Problem;
    expect(missing.errors).toEqual([{ path: "idempotency-key", message: "Send an Idempotency-Key header" }]);
    expect(await written(f.listingId)).toEqual(before);
  });

  it("refuses a receipt that would take the warehouse past 1,000,000 units, saying how many it has, and writes nothing", async () => {
    const f = await createProduct([{ price: 60000, mrp: 70000, units: 10 }]);
    const seller = await createTestUser(["seller"], { sellerId: f.sellerIds[0] });
    const before = await written(f.listingId);
    const res = await receive(f.listingId, { warehouse_id: f.warehouseId, units: 1_000_000 }, keyed(seller.headers));
    expect(res.status).toBe(400);
    expect(((await res.json()) as Problem).errors).toEqual([
      {
        path: "units",
        message:
          "This warehouse has 10 for sale: 10,00,000 more would pass the 10,00,000 one warehouse can hold. Check the number received.",
      },
    ]);
    expect(await written(f.listingId)).toEqual(before);
    // Up to the cap is taken.
    expect((await receive(f.listingId, { warehouse_id: f.warehouseId, units: 999_990 }, keyed(seller.headers))).status).toBe(200);
    expect((await inventoryRows(f.listingId))[0]).toMatchObject({ available: 1_000_000 });
  });

  it("moves the product page from sold out to in stock", async () => {
    const f = await createProduct([{ price: 60000, mrp: 70000, units: 0 }]);
    const seller = await createTestUser(["seller"], { sellerId: f.sellerIds[0] });
    const from = (await env.DB.prepare("SELECT MAX(id) AS id FROM outbox").first<{ id: number | null }>())?.id ?? 0;
    // The page is projected, and cached, while the product is sold out.
    await deliver([
      { outboxId: from + 1_000_000, body: { type: "product.changed", product_id: f.productId, reason: "stock_set", at: nowIso() } },
    ]);
    expect(await availability(f.productId)).toBe("sold_out");
    expect(await (await api(`/products/${f.productId}`)).text()).toContain("Sold out");

    const res = await receive(f.listingId, { warehouse_id: f.warehouseId, units: 200 }, keyed(seller.headers));
    expect(res.status).toBe(200);
    const { results } = await env.DB.prepare(
      "SELECT id, payload FROM outbox WHERE topic = 'catalog' AND id > ? AND payload LIKE ? ORDER BY id",
    )
      .bind(from, `%${f.productId}%`)
      .all<{ id: number; payload: string }>();
    expect(results).toHaveLength(1);
    await deliver(results.map((r) => ({ outboxId: r.id, body: JSON.parse(r.payload) as CatalogChange })));
    expect(await availability(f.productId)).toBe("in_stock");
    const shown = await (await api(`/products/${f.productId}`)).text();
    expect(shown).toContain("In stock");
    expect(shown).not.toContain("Sold out");
  });
});

/** Runs the catalog consumer over the given changes, as the relay and the queue would. */
async function deliver(changes: Envelope<CatalogChange>[]): Promise<void> {
  const batch = createMessageBatch<Envelope<unknown>>(
    "catalog-changes",
    changes.map((m) => ({ id: `receipt-${m.outboxId}`, timestamp: new Date(), attempts: 1, body: m })),
  );
  const ctx = createExecutionContext();
  await consumeCatalogChanges(batch, env, ctx);
  expect((await getQueueResult(batch, ctx)).retryMessages).toEqual([]);
}

async function availability(productId: string): Promise<string> {
  return ((await (await api(`/api/products/${productId}`)).json()) as { availability: string }).availability;
}
