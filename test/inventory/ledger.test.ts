import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { dealSaleStatements, restockDealUnit } from "../../workers/inventory/deal-ledger";
import {
  commitReservation,
  findReservation,
  releaseReservation,
  reserveStock,
  restockReservation,
  setAvailable,
  sweepExpiredReservations,
} from "../../workers/inventory/ledger";
import { auditSku } from "../../workers/inventory/audit";
import { createListingFixture } from "../helpers/catalog";
import { dealAllocation } from "../helpers/deal-allocation";
import { api } from "../helpers/http";

async function row(skuId: string) {
  return env.DB.prepare("SELECT available, reserved, allocated, sold, initial, received FROM inventory WHERE sku_id = ?")
    .bind(skuId)
    .first<{ available: number; reserved: number; allocated: number; sold: number; initial: number; received: number }>();
}

async function conserved(skuId: string) {
  const r = (await row(skuId))!;
  return r.initial + r.received === r.available + r.allocated + r.reserved + r.sold;
}

describe("inventory ledger", () => {
  it("never sells more than the stock under many parallel reserves", async () => {
    const f = await createListingFixture();
    await setAvailable(env.DB, { skuId: f.listingId, warehouseId: f.warehouseId, available: 7, ref: "count-1" });
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => reserveStock(env.DB, { skuId: f.listingId, qty: 1, ref: `r-${i}`, ttlSeconds: 600 })),
    );
    expect(results.filter(Boolean)).toHaveLength(7);
    expect(await row(f.listingId)).toMatchObject({ available: 0, reserved: 7 });
    expect(await conserved(f.listingId)).toBe(true);
  });

  it("is idempotent under the reservation ref", async () => {
    const f = await createListingFixture();
    await setAvailable(env.DB, { skuId: f.listingId, warehouseId: f.warehouseId, available: 5, ref: "count-2" });
    const a = await reserveStock(env.DB, { skuId: f.listingId, qty: 2, ref: "same", ttlSeconds: 600 });
    const b = await reserveStock(env.DB, { skuId: f.listingId, qty: 2, ref: "same", ttlSeconds: 600 });
    expect(b?.id).toBe(a?.id);
    expect(await row(f.listingId)).toMatchObject({ available: 3, reserved: 2 });
    expect(await commitReservation(env.DB, "same")).toBe("done");
    expect(await commitReservation(env.DB, "same")).toBe("noop");
    expect(await row(f.listingId)).toMatchObject({ available: 3, reserved: 0, sold: 2 });
    expect(await restockReservation(env.DB, "same")).toBe("done");
    expect(await row(f.listingId)).toMatchObject({ available: 5, sold: 0 });
    expect(await conserved(f.listingId)).toBe(true);
  });

  it("puts a sale back once a deal restock that ran ahead of its own sale is made up, and throws nothing before", async () => {
    const f = await dealAllocation("deal_ahead", { available: 10, units: 2 });
    const move = (ref: string) => ({ skuId: f.listingId, warehouseId: f.warehouseId, qty: 1, ref, reason: "test" });
    await reserveStock(env.DB, { skuId: f.listingId, qty: 1, ref: "ahead-sale", ttlSeconds: 600 });
    expect(await commitReservation(env.DB, "ahead-sale")).toBe("done");
    // A deal order cancelled before the gate's sale reached D1: its restock takes this sale's unit.
    expect(await restockDealUnit(env.DB, move("deal-hold:restock"), new Date().toISOString())).toBe(true);
    const short = await row(f.listingId);
    expect(short).toMatchObject({ available: 8, allocated: 2, sold: 0 });

    expect(await restockReservation(env.DB, "ahead-sale")).toBe("refused");
    expect(await row(f.listingId)).toEqual(short);
    expect((await findReservation(env.DB, "ahead-sale"))?.status).toBe("committed");
    expect(await auditSku(env.DB, f.listingId)).toMatchObject({ conserved: true });

    // The deal's sale lands, and the restock goes through once.
    await env.DB.batch(dealSaleStatements(env.DB, move("deal_ahead#1"), new Date().toISOString()));
    expect(await restockReservation(env.DB, "ahead-sale")).toBe("done");
    expect(await restockReservation(env.DB, "ahead-sale")).toBe("noop");
    expect(await row(f.listingId)).toMatchObject({ available: 9, reserved: 0, allocated: 1, sold: 0 });
    expect(await auditSku(env.DB, f.listingId)).toMatchObject({ conserved: true, journalAgrees: true });
  });

  it("refuses to commit an expired hold, and the sweeper returns it", async () => {
    const f = await createListingFixture();
    await setAvailable(env.DB, { skuId: f.listingId, warehouseId: f.warehouseId, available: 3, ref: "count-3" });
    await reserveStock(env.DB, { skuId: f.listingId, qty: 1, ref: "stale", ttlSeconds: -1 });
    expect(await commitReservation(env.DB, "stale")).toBe("refused");
    expect(await sweepExpiredReservations(env.DB)).toBeGreaterThanOrEqual(1);
    expect(await row(f.listingId)).toMatchObject({ available: 3, reserved: 0 });
    expect(await releaseReservation(env.DB, "stale")).toBe("refused");
    const journal = await env.DB.prepare("SELECT kind, version_after FROM inventory_journal WHERE sku_id = ? ORDER BY id")
      .bind(f.listingId)
      .all();
    // Each entry keeps the stock's version after it, as a bulk template reads it.
    expect(journal.results).toEqual([
      { kind: "adjust", version_after: 1 },
      { kind: "reserve", version_after: 2 },
      { kind: "expire", version_after: 3 },
    ]);
    expect(await env.DB.prepare("SELECT version FROM inventory WHERE sku_id = ?").bind(f.listingId).first()).toEqual({ version: 3 });
  });

  it("frees every expired hold in one sweep run when more than a page expired at once", async () => {
    const f = await createListingFixture();
    await setAvailable(env.DB, { skuId: f.listingId, warehouseId: f.warehouseId, available: 500, ref: `count-${f.listingId}` });
    for (let batch = 0; batch < 9; batch++) {
      await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          reserveStock(env.DB, { skuId: f.listingId, qty: 1, ref: `${f.listingId}-peak-${batch * 50 + i}`, ttlSeconds: -1 }),
        ),
      );
    }
    expect(await row(f.listingId)).toMatchObject({ available: 50, reserved: 450 });

    expect(await sweepExpiredReservations(env.DB)).toBeGreaterThanOrEqual(450);
    expect(await row(f.listingId)).toMatchObject({ available: 500, reserved: 0 });
    expect(await auditSku(env.DB, f.listingId)).toMatchObject({ conserved: true, journalAgrees: true });
  });

  it("books a stock count change as received, so conservation holds", async () => {
    const f = await createListingFixture();
    await setAvailable(env.DB, { skuId: f.listingId, warehouseId: f.warehouseId, available: 10, ref: "c-a" });
    await reserveStock(env.DB, { skuId: f.listingId, qty: 4, ref: "h-1", ttlSeconds: 600 });
    await setAvailable(env.DB, { skuId: f.listingId, warehouseId: f.warehouseId, available: 2, ref: "c-b" });
    await setAvailable(env.DB, { skuId: f.listingId, warehouseId: f.warehouseId, available: 2, ref: "c-b" });
    expect(await row(f.listingId)).toMatchObject({ available: 2, reserved: 4, received: 6 });
    expect(await conserved(f.listingId)).toBe(true);
  });

  it("shows a stock count in search and browsing as soon as it applies", async () => {
    const f = await createListingFixture({ price: 49900, mrp: 59900 });
    // Search answers are kept at the edge for seconds, so each look asks a question of its own.
    const browse = async (query: string) =>
      (
        (await (await api(`/api/products?category=${f.categoryId}${query}`)).json()) as {
          items: { id: string; price: number; availability: string }[];
        }
      ).items;

    await setAvailable(env.DB, { skuId: f.listingId, warehouseId: f.warehouseId, available: 12, ref: `first-${f.listingId}` });
    expect(await browse("")).toEqual([expect.objectContaining({ id: f.productId, price: 49900, availability: "in_stock" })]);
    await setAvailable(env.DB, { skuId: f.listingId, warehouseId: f.warehouseId, available: 2, ref: `recount-${f.listingId}` });
    expect(await browse("&sort=price_asc")).toEqual([expect.objectContaining({ id: f.productId, availability: "few_left" })]);
    await setAvailable(env.DB, { skuId: f.listingId, warehouseId: f.warehouseId, available: 0, ref: `written-off-${f.listingId}` });
    expect(await browse("&in_stock=true")).toEqual([]);
  });

  it("returns null when no warehouse has enough", async () => {
    const f = await createListingFixture();
    await setAvailable(env.DB, { skuId: f.listingId, warehouseId: f.warehouseId, available: 1, ref: "c-x" });
    expect(await reserveStock(env.DB, { skuId: f.listingId, qty: 2, ref: "too-many", ttlSeconds: 600 })).toBeNull();
  });
});
