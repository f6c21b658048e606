import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { AppError } from "../../workers/platform/errors";
import { readProjection } from "../../workers/catalog/projection";
import { createListing } from "../../workers/sellers/create-listing";
import { createProduct } from "../catalog/fixtures";
import { applyProductChanges } from "../catalog/queue";
import { createTestUser } from "../helpers/accounts";
import { d1InterposingFirstBatch } from "../helpers/d1-interpose";
import { api } from "../helpers/http";

type Stock = { warehouse_id: string; warehouse_name: string; available: number; reserved: number; allocated: number; sold: number };
type Listing = { id: string; product_id: string; price: number; stock: Stock[] };
type Problem = { status: number; errors?: { path: string; message: string }[] };

/**
 * A seller and a product they do not list yet, whose one other offer is sold out, and a warehouse
 * of its own (no stock anywhere yet), so a test can close it without touching anyone else's.
 */
async function sellerAndSoldOutProduct() {
  const own = await createProduct([{ price: 60000, mrp: 70000, units: 10 }]);
  const other = await createProduct([{ price: 50000, mrp: 70000, units: 0 }]);
  const seller = await createTestUser(["seller"], { sellerId: own.sellerIds[0] });
  const warehouseId = `wh_${crypto.randomUUID().slice(0, 8)}`;
  await env.DB.prepare("INSERT INTO warehouses (id, name, city) VALUES (?, 'Opening WH', 'Nagpur')").bind(warehouseId).run();
  return { other, seller, sellerId: own.sellerIds[0]!, warehouseId };
}

/** Takes a warehouse out of the network, as ops closing it does. */
async function closeWarehouse(warehouseId: string) {
  await env.DB.prepare("DELETE FROM warehouses WHERE id = ?").bind(warehouseId).run();
}

function create(headers: Record<string, string>, body: unknown, key?: string) {
  return api("/api/seller/listings", { headers: key ? { ...headers, "idempotency-key": key } : headers, body });
}

/** Everything a create writes, for the product, the seller, the warehouse and the key it names. */
async function written(productId: string, sellerId: string, warehouseId: string, key = "") {
  const [listings, stock, journal, outbox, keys, summary] = await env.DB.batch([
    env.DB.prepare("SELECT COUNT(*) AS n FROM listings WHERE product_id = ? AND seller_id = ?").bind(productId, sellerId),
    env.DB.prepare("SELECT COUNT(*) AS n FROM inventory WHERE warehouse_id = ?").bind(warehouseId),
    env.DB.prepare("SELECT COUNT(*) AS n FROM inventory_journal WHERE warehouse_id = ?").bind(warehouseId),
    env.DB.prepare("SELECT COUNT(*) AS n FROM outbox WHERE payload LIKE ?").bind(`%${productId}%`),
    env.DB.prepare("SELECT COUNT(*) AS n FROM idempotency_keys WHERE scope = ? AND key = ?").bind(`listing:${sellerId}`, key),
    env.DB.prepare("SELECT stock_total, offer_count, buy_box_listing_id, version FROM products WHERE id = ?").bind(productId),
  ]);
  const n = (r: D1Result | undefined) => (r?.results[0] as { n: number } | undefined)?.n;
  return {
    listings: n(listings),
    stock: n(stock),
    journal: n(journal),
    outbox: n(outbox),
    keys: n(keys),
    summary: summary?.results[0],
  };
}

describe("POST /api/seller/listings with opening stock", () => {
  it("lists the product with its stock in one go, journaled as a seller's count and on the product's buy box", async () => {
    const { other, seller, warehouseId } = await sellerAndSoldOutProduct();
    const res = await create(seller.headers, {
      product_id: other.productId,
      price: 49000,
      mrp: 70000,
      stock: { warehouse_id: warehouseId, available: 7 },
    });
    expect(res.status).toBe(201);
    const listing = (await res.json()) as Listing;
    expect(listing.stock).toEqual([
      expect.objectContaining({
        warehouse_id: warehouseId,
        warehouse_name: "Opening WH",
        available: 7,
        reserved: 0,
        allocated: 0,
        sold: 0,
      }),
    ]);
    const { results: journal } = await env.DB.prepare(
      "SELECT kind, reason, d_available, d_received, available_after FROM inventory_journal WHERE sku_id = ?",
    )
      .bind(listing.id)
      .all();
    expect(journal).toEqual([{ kind: "adjust", reason: "seller stock count", d_available: 7, d_received: 7, available_after: 7 }]);
    // The other offer is sold out: the new one's units are all shoppers can buy, and it wins the buy box.
    const summary = await env.DB.prepare("SELECT stock_total, offer_count, buy_box_listing_id FROM products WHERE id = ?")
      .bind(other.productId)
      .first();
    expect(summary).toEqual({ stock_total: 7, offer_count: 2, buy_box_listing_id: listing.id });
    const seen = (await (await api(`/api/seller/listings?product_id=${other.productId}`, { headers: seller.headers })).json()) as {
      items: Listing[];
    };
    expect(seen.items.map((l) => [l.id, l.stock.map((s) => s.available)])).toEqual([[listing.id, [7]]]);
  });

  it("announces the listing and its stock as one catalog change, whose rebuilt product page shows the stock", async () => {
    const { other, seller } = await sellerAndSoldOutProduct();
    const res = await create(seller.headers, {
      product_id: other.productId,
      price: 49000,
      mrp: 70000,
      stock: { warehouse_id: other.warehouseId, available: 9 },
    });
    expect(res.status).toBe(201);
    const listing = (await res.json()) as Listing;
    const { results: changes } = await env.DB.prepare("SELECT payload FROM outbox WHERE topic = 'catalog' AND payload LIKE ?")
      .bind(`%${listing.id}%`)
      .all<{ payload: string }>();
    // One change, so the consumer rebuilds the product's page once, not once for the listing and again for its stock.
    expect(changes.map((c) => JSON.parse(c.payload))).toEqual([
      expect.objectContaining({ type: "product.changed", product_id: other.productId, listing_id: listing.id, reason: "listing_created" }),
    ]);

    expect((await applyProductChanges(other.productId)).retryMessages).toEqual([]);
    const page = (await readProjection(env.CATALOG_KV, other.productId))?.view;
    // The new offer's 9 units are all shoppers can buy: it is in stock, and it wins the buy box.
    expect(page?.offers.find((o) => o.listing_id === listing.id)).toMatchObject({ price: 49000, availability: "in_stock" });
    expect(page?.buy_box?.listing_id).toBe(listing.id);
    expect(page?.availability).toBe("in_stock");
  });

  it("refuses a closed or unknown warehouse, writing nothing at all", async () => {
    const { other, seller, sellerId, warehouseId } = await sellerAndSoldOutProduct();
    await closeWarehouse(warehouseId);
    const before = await written(other.productId, sellerId, warehouseId);
    for (const [where, key] of [
      [warehouseId, crypto.randomUUID()],
      ["wh_never_was", crypto.randomUUID()],
    ] as const) {
      const body = { product_id: other.productId, price: 49000, mrp: 70000, stock: { warehouse_id: where, available: 7 } };
      const res = await create(seller.headers, body, key);
      expect(res.status).toBe(400);
      expect(((await res.json()) as Problem).errors).toEqual([{ path: "stock.warehouse_id", message: "No such warehouse" }]);
      expect(await written(other.productId, sellerId, where, key)).toEqual({ ...before, keys: 0 });
    }
  });

  it("refuses the whole create when the warehouse closes after it was checked", async () => {
    const { other, sellerId, warehouseId } = await sellerAndSoldOutProduct();
    const key = crypto.randomUUID();
    const before = await written(other.productId, sellerId, warehouseId, key);
    const racing = d1InterposingFirstBatch(env.DB, () => closeWarehouse(warehouseId));
    const input = {
      product_id: other.productId,
      price: 49000,
      mrp: 70000,
      active: true,
      stock: { warehouse_id: warehouseId, available: 7 },
    };
    const refused = await createListing(racing, sellerId, input, { "idempotency-key": key }).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ status: 400, options: { errors: [{ path: "stock.warehouse_id" }] } });
    expect(await written(other.productId, sellerId, warehouseId, key)).toEqual(before);
  });

  it("replays a retry with the same key and stock, and refuses the key with other stock", async () => {
    const { other, seller, sellerId, warehouseId } = await sellerAndSoldOutProduct();
    const key = crypto.randomUUID();
    const body = { product_id: other.productId, price: 49000, mrp: 70000, stock: { warehouse_id: warehouseId, available: 7 } };
    const first = await create(seller.headers, body, key);
    expect(first.status).toBe(201);
    const made = (await first.json()) as Listing;
    const after = await written(other.productId, sellerId, warehouseId, key);

    const again = await create(seller.headers, body, key);
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual(made);
    for (const stock of [{ warehouse_id: warehouseId, available: 8 }, { warehouse_id: other.warehouseId, available: 7 }, undefined]) {
      const changed = await create(seller.headers, { ...body, stock }, key);
      expect(changed.status).toBe(422);
    }
    expect(await written(other.productId, sellerId, warehouseId, key)).toEqual(after);
  });

  it("refuses units that are negative or not whole, and fields the stock does not have", async () => {
    const { other, seller, sellerId, warehouseId } = await sellerAndSoldOutProduct();
    const before = await written(other.productId, sellerId, warehouseId);
    const cases: [unknown, string][] = [
      [{ warehouse_id: warehouseId, available: -1 }, "stock.available"],
      [{ warehouse_id: warehouseId, available: 2.5 }, "stock.available"],
      [{ warehouse_id: warehouseId, available: "7" }, "stock.available"],
      [{ warehouse_id: warehouseId, available: 7, units: 7 }, "stock.units"],
      [{ warehouse_id: warehouseId }, "stock.available"],
    ];
    for (const [stock, path] of cases) {
      const res = await create(seller.headers, { product_id: other.productId, price: 49000, mrp: 70000, stock });
      expect(res.status, JSON.stringify(stock)).toBe(400);
      expect(((await res.json()) as Problem).errors?.map((e) => e.path)).toEqual([path]);
    }
    expect(await written(other.productId, sellerId, warehouseId)).toEqual(before);
  });
});
