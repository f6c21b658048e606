import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createTestUser } from "../helpers/accounts";
import { d1InterposingFirstBatch } from "../helpers/d1-interpose";
import { api } from "../helpers/http";
import { createProduct } from "../catalog/fixtures";
import { commitReservation, reserveStock } from "../../workers/inventory/ledger";
import { AppError } from "../../workers/platform/errors";
import { OWN_LISTINGS_SQL, updateListing } from "../../workers/sellers/listings";

async function snapshot(productId: string) {
  const [listings, product, outbox, journal] = await env.DB.batch([
    env.DB.prepare("SELECT id, price, mrp, active FROM listings WHERE product_id = ? ORDER BY id").bind(productId),
    env.DB.prepare("SELECT price, mrp, stock_total, offer_count, buy_box_listing_id, version FROM products WHERE id = ?").bind(productId),
    env.DB.prepare("SELECT COUNT(*) AS n FROM outbox WHERE payload LIKE ?").bind(`%${productId}%`),
    env.DB.prepare("SELECT COUNT(*) AS n FROM inventory_journal j JOIN listings l ON l.id = j.sku_id WHERE l.product_id = ?").bind(
      productId,
    ),
  ]);
  type Row = Record<string, string | number | null>;
  return {
    listings: listings!.results as Row[],
    product: product!.results[0] as Row | undefined,
    outbox: outbox!.results[0] as Row | undefined,
    journal: journal!.results[0] as Row | undefined,
  };
}

describe("seller listings", () => {
  it("keeps seller routes closed to guests and to shoppers", async () => {
    expect((await api("/api/seller/listings")).status).toBe(401);
    const shopper = await createTestUser();
    const res = await api("/api/seller/listings", { headers: shopper.headers });
    expect(res.status).toBe(403);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
  });

  it("lists only the seller's own listings, with exact stock", async () => {
    const f = await createProduct([
      { price: 50000, units: 7 },
      { price: 52000, units: 3 },
    ]);
    const seller = await createTestUser(["seller"], { sellerId: f.sellerIds[0] });
    const res = await api("/api/seller/listings", { headers: seller.headers });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { id: string; stock: { available: number }[] }[]; next_cursor: string | null };
    expect(body.items.map((i) => i.id)).toEqual([f.listingIds[0]]);
    expect(body.items[0]?.stock[0]?.available).toBe(7);
    // A seller's exact stock is theirs alone: no browser or proxy keeps it.
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect((await api("/api/seller/listings?limit=0", { headers: seller.headers })).status).toBe(400);
  });

  it("pages a seller's listings from the (seller, id) index, never sorting all of them", async () => {
    for (const [cursor, products, low] of [
      ["", null, null],
      ["lst_m", null, null],
      ["", '["prd_x"]', null],
      ["", null, "low"],
    ] as const) {
      const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${OWN_LISTINGS_SQL}`)
        .bind("sel_any", cursor, 101, products, low)
        .all<{ detail: string }>();
      const plan = results.map((r) => r.detail).join("\n");
      expect(plan).toContain("USING INDEX listings_seller_idx (seller_id=? AND id>?)");
      expect(plan).not.toMatch(/SCAN l\b|TEMP B-TREE/);
    }
  });

  it("changes price in one batch with the buy box and an outbox row", async () => {
    const f = await createProduct([
      { price: 60000, mrp: 70000, units: 10 },
      { price: 55000, mrp: 70000, units: 10 },
    ]);
    const seller = await createTestUser(["seller"], { sellerId: f.sellerIds[0] });
    const before = await snapshot(f.productId);
    expect(before.product).toMatchObject({ buy_box_listing_id: f.listingIds[1], price: 55000 });

    const res = await api(`/api/seller/listings/${f.listingIds[0]}`, { method: "PATCH", headers: seller.headers, body: { price: 54000 } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: f.listingIds[0], price: 54000, mrp: 70000 });
    const after = await snapshot(f.productId);
    expect(after.product).toMatchObject({ buy_box_listing_id: f.listingIds[0], price: 54000, offer_count: 2 });
    expect(Number(after.product?.version)).toBeGreaterThan(Number(before.product?.version));
    expect(Number(after.outbox?.n)).toBe(Number(before.outbox?.n) + 1);
  });

  it("rejects another seller's listing, price above MRP and unknown fields, writing nothing", async () => {
    const f = await createProduct([
      { price: 60000, mrp: 70000, units: 10 },
      { price: 55000, mrp: 70000, units: 10 },
    ]);
    const seller = await createTestUser(["seller"], { sellerId: f.sellerIds[0] });
    const before = await snapshot(f.productId);

    const other = await api(`/api/seller/listings/${f.listingIds[1]}`, { method: "PATCH", headers: seller.headers, body: { price: 1000 } });
    expect(other.status).toBe(404);
    const otherStock = await api(`/api/seller/listings/${f.listingIds[1]}/stock`, {
      method: "PUT",
      headers: seller.headers,
      body: { warehouse_id: f.warehouseId, available: 0 },
    });
    expect(otherStock.status).toBe(404);

    const aboveMrp = await api(`/api/seller/listings/${f.listingIds[0]}`, {
      method: "PATCH",
      headers: seller.headers,
      body: { price: 80000 },
    });
    expect(aboveMrp.status).toBe(400);
    expect(((await aboveMrp.json()) as { errors: unknown[] }).errors).toEqual([
      { path: "price", message: "Your price cannot be above the MRP (₹700)." },
    ]);
    const belowPrice = await api(`/api/seller/listings/${f.listingIds[0]}`, {
      method: "PATCH",
      headers: seller.headers,
      body: { mrp: 100 },
    });
    expect(((await belowPrice.json()) as { errors: unknown[] }).errors).toEqual([
      { path: "mrp", message: "The MRP cannot be below your price (₹600)." },
    ]);
    // A price that dropped a digit, or an MRP with one too many, would sell for next to nothing or
    // show a discount that is not one: refused on the field changed.
    const droppedDigit = await api(`/api/seller/listings/${f.listingIds[0]}`, {
      method: "PATCH",
      headers: seller.headers,
      body: { price: 6000 },
    });
    expect(droppedDigit.status).toBe(400);
    expect(((await droppedDigit.json()) as { errors: unknown[] }).errors).toEqual([
      { path: "price", message: "₹60 is less than a tenth of the MRP (₹700): check for a missing digit." },
    ]);
    const extraDigit = await api(`/api/seller/listings/${f.listingIds[0]}`, {
      method: "PATCH",
      headers: seller.headers,
      body: { mrp: 7_000_000 },
    });
    expect(((await extraDigit.json()) as { errors: unknown[] }).errors).toEqual([
      { path: "mrp", message: "An MRP of ₹70,000 is more than ten times your price (₹600): check for an extra digit." },
    ]);

    const unknownField = await api(`/api/seller/listings/${f.listingIds[0]}`, {
      method: "PATCH",
      headers: seller.headers,
      body: { price: 100, seller_id: "x" },
    });
    expect(unknownField.status).toBe(400);
    const empty = await api(`/api/seller/listings/${f.listingIds[0]}`, { method: "PATCH", headers: seller.headers, body: {} });
    expect(empty.status).toBe(400);

    expect(await snapshot(f.productId)).toEqual(before);
  });

  it("keeps both of two overlapping edits to different fields", async () => {
    const f = await createProduct([{ price: 60000, mrp: 70000, units: 10 }]);
    const sellerId = f.sellerIds[0]!;
    const before = await snapshot(f.productId);
    const raisedMrp = () => updateListing(env.DB, sellerId, f.listingId, { mrp: 80000 });
    const edited = await updateListing(d1InterposingFirstBatch(env.DB, raisedMrp), sellerId, f.listingId, { price: 65000 });

    expect(edited).toMatchObject({ price: 65000, mrp: 80000 });
    const after = await snapshot(f.productId);
    expect(after.listings).toEqual([{ id: f.listingId, price: 65000, mrp: 80000, active: 1 }]);
    expect(after.product).toMatchObject({ price: 65000, mrp: 80000 });
    expect(Number(after.outbox?.n)).toBe(Number(before.outbox?.n) + 2);
  });

  it("refuses a price above an MRP lowered since the listing was read, writing nothing", async () => {
    const f = await createProduct([{ price: 60000, mrp: 70000, units: 10 }]);
    const sellerId = f.sellerIds[0]!;
    let afterLoweredMrp: Awaited<ReturnType<typeof snapshot>> | undefined;
    const lowerMrp = async () => {
      await updateListing(env.DB, sellerId, f.listingId, { mrp: 65000 });
      afterLoweredMrp = await snapshot(f.productId);
    };
    const refused = await updateListing(d1InterposingFirstBatch(env.DB, lowerMrp), sellerId, f.listingId, { price: 68000 }).catch((e) => e);

    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ status: 400, code: "validation_failed", options: { errors: [{ path: "price" }] } });
    expect(afterLoweredMrp?.listings).toEqual([{ id: f.listingId, price: 60000, mrp: 65000, active: 1 }]);
    // Neither the listing, the product summary nor the outbox moved after the lowered MRP.
    expect(await snapshot(f.productId)).toEqual(afterLoweredMrp);
  });

  it("sets stock through the ledger: journaled, conserved, and reflected in availability", async () => {
    const f = await createProduct([{ price: 60000, mrp: 70000, units: 10 }]);
    const seller = await createTestUser(["seller"], { sellerId: f.sellerIds[0] });
    const before = await snapshot(f.productId);
    const bad = await api(`/api/seller/listings/${f.listingId}/stock`, {
      method: "PUT",
      headers: seller.headers,
      body: { warehouse_id: "wh_nowhere", available: 5 },
    });
    expect(bad.status).toBe(400);
    const negative = await api(`/api/seller/listings/${f.listingId}/stock`, {
      method: "PUT",
      headers: seller.headers,
      body: { warehouse_id: f.warehouseId, available: -1 },
    });
    expect(negative.status).toBe(400);
    expect(await snapshot(f.productId)).toEqual(before);

    const res = await api(`/api/seller/listings/${f.listingId}/stock`, {
      method: "PUT",
      headers: seller.headers,
      body: { warehouse_id: f.warehouseId, available: 0 },
    });
    expect(res.status).toBe(200);
    const after = await snapshot(f.productId);
    expect(after.product).toMatchObject({ stock_total: 0 });
    expect(Number(after.journal?.n)).toBe(Number(before.journal?.n) + 1);
    const row = await env.DB.prepare("SELECT available, reserved, allocated, sold, initial, received FROM inventory WHERE sku_id = ?")
      .bind(f.listingId)
      .first<Record<string, number>>();
    expect(row!.initial! + row!.received!).toBe(row!.available! + row!.reserved! + row!.allocated! + row!.sold!);
  });

  it("creates a listing once per product and refuses unknown products", async () => {
    const f = await createProduct([{ price: 60000, mrp: 70000, units: 10 }]);
    const newcomer = await createTestUser(["seller"], { sellerId: f.sellerIds[0] });
    // Bind a second seller account to a fresh seller id.
    const sellerId = `sel_new_${crypto.randomUUID().slice(0, 8)}`;
    await env.DB.prepare("INSERT INTO sellers (id, name, city, created_at) VALUES (?, 'New Seller', 'Kochi', ?)")
      .bind(sellerId, new Date().toISOString())
      .run();
    const seller = await createTestUser(["seller"], { sellerId });

    const created = await api("/api/seller/listings", {
      headers: seller.headers,
      body: { product_id: f.productId, price: 58000, mrp: 70000 },
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ product_id: f.productId, price: 58000, active: true, stock: [] });
    expect((await snapshot(f.productId)).product).toMatchObject({ offer_count: 2 });

    const again = await api("/api/seller/listings", {
      headers: seller.headers,
      body: { product_id: f.productId, price: 57000, mrp: 70000 },
    });
    expect(again.status).toBe(409);
    const dup = await api("/api/seller/listings", {
      headers: newcomer.headers,
      body: { product_id: f.productId, price: 57000, mrp: 70000 },
    });
    expect(dup.status).toBe(409);
    const unknown = await api("/api/seller/listings", {
      headers: seller.headers,
      body: { product_id: "prd_missing", price: 100, mrp: 100 },
    });
    expect(unknown.status).toBe(400);
    const aboveMrp = await api("/api/seller/listings", {
      headers: seller.headers,
      body: { product_id: f.productId, price: 200, mrp: 100 },
    });
    expect(aboveMrp.status).toBe(400);
  });

  describe("stock counts against stock that moved", () => {
    type Stock = { warehouse_id: string; available: number; reserved: number; version: number };

    async function readStock(listingId: string, headers: Record<string, string>): Promise<Stock> {
      const body = (await (await api("/api/seller/listings", { headers })).json()) as { items: { id: string; stock: Stock[] }[] };
      return body.items.find((i) => i.id === listingId)!.stock[0]!;
    }

    async function inventoryRow(listingId: string) {
      return env.DB.prepare("SELECT available, reserved, sold, received, version FROM inventory WHERE sku_id = ?")
        .bind(listingId)
        .first<Record<string, number>>();
    }

    function count(listingId: string, body: unknown, headers: Record<string, string>) {
      return api(`/api/seller/listings/${listingId}/stock`, { method: "PUT", headers, body });
    }

    it("refuses a count read before a reserve, and applies one read after it", async () => {
      const f = await createProduct([{ price: 60000, mrp: 70000, units: 10 }]);
      const seller = await createTestUser(["seller"], { sellerId: f.sellerIds[0] });
      const seen = await readStock(f.listingId, seller.headers);
      expect(seen).toMatchObject({ available: 10, reserved: 0 });

      // A shopper buys 3 while the seller's page still shows 10.
      const hold = await reserveStock(env.DB, { skuId: f.listingId, qty: 3, ref: `buy-${f.listingId}`, ttlSeconds: 600 });
      expect(hold).not.toBeNull();
      expect(await commitReservation(env.DB, hold!.ref)).toBe("done");
      const before = await snapshot(f.productId);
      const rowBefore = await inventoryRow(f.listingId);

      const stale = await count(
        f.listingId,
        { warehouse_id: f.warehouseId, available: 10 },
        {
          ...seller.headers,
          "if-match": `"${seen.version}"`,
        },
      );
      expect(stale.status).toBe(412);
      expect(stale.headers.get("content-type")).toContain("application/problem+json");
      expect(((await stale.json()) as { detail: string }).detail).toContain("moved");
      expect(await inventoryRow(f.listingId)).toEqual(rowBefore);
      expect(rowBefore).toMatchObject({ available: 7, sold: 3 });
      expect(await snapshot(f.productId)).toEqual(before);

      const fresh = await readStock(f.listingId, seller.headers);
      expect(fresh).toMatchObject({ available: 7 });
      const applied = await count(
        f.listingId,
        { warehouse_id: f.warehouseId, available: 10 },
        {
          ...seller.headers,
          "if-match": `"${fresh.version}"`,
        },
      );
      expect(applied.status).toBe(200);
      expect(applied.headers.get("etag")).toBe(`"${fresh.version + 1}"`);
      expect(await inventoryRow(f.listingId)).toMatchObject({ available: 10, sold: 3, received: 13 });

      const malformed = await count(f.listingId, { warehouse_id: f.warehouseId, available: 4 }, { ...seller.headers, "if-match": "7" });
      expect(malformed.status).toBe(400);
      expect(await inventoryRow(f.listingId)).toMatchObject({ available: 10 });
    });

    it("applies a count retried with the same Idempotency-Key once, even after a sale in between", async () => {
      const f = await createProduct([{ price: 60000, mrp: 70000, units: 10 }]);
      const seller = await createTestUser(["seller"], { sellerId: f.sellerIds[0] });
      const keyed = { ...seller.headers, "idempotency-key": `count-${crypto.randomUUID()}` };
      const before = await snapshot(f.productId);

      const first = await count(f.listingId, { warehouse_id: f.warehouseId, available: 12 }, keyed);
      expect(first.status).toBe(200);
      const hold = await reserveStock(env.DB, { skuId: f.listingId, qty: 3, ref: `buy-${f.listingId}`, ttlSeconds: 600 });
      expect(hold).not.toBeNull();

      const retry = await count(f.listingId, { warehouse_id: f.warehouseId, available: 12 }, keyed);
      expect(retry.status).toBe(200);
      expect(((await retry.json()) as { stock: Stock[] }).stock[0]).toMatchObject({ available: 9, reserved: 3 });
      expect(await inventoryRow(f.listingId)).toMatchObject({ available: 9, reserved: 3, received: 12 });
      // One count and one reserve journaled; one outbox row for the count.
      const after = await snapshot(f.productId);
      expect(Number(after.journal?.n)).toBe(Number(before.journal?.n) + 2);

      const reused = await count(f.listingId, { warehouse_id: f.warehouseId, available: 20 }, keyed);
      expect(reused.status).toBe(422);
      expect(await inventoryRow(f.listingId)).toMatchObject({ available: 9, reserved: 3 });
    });

    it("still applies a count sent without If-Match or Idempotency-Key", async () => {
      const f = await createProduct([{ price: 60000, mrp: 70000, units: 10 }]);
      const seller = await createTestUser(["seller"], { sellerId: f.sellerIds[0] });
      await reserveStock(env.DB, { skuId: f.listingId, qty: 3, ref: `buy-${f.listingId}`, ttlSeconds: 600 });
      const res = await count(f.listingId, { warehouse_id: f.warehouseId, available: 5 }, seller.headers);
      expect(res.status).toBe(200);
      expect(await inventoryRow(f.listingId)).toMatchObject({ available: 5, reserved: 3 });
    });
  });
});
