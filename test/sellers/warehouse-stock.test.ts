import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { inventoryRows } from "../helpers/inventory";
import { sellerWithNewListing } from "./new-listing";
import { createProduct } from "../catalog/fixtures";
import { allocateToDealStatements } from "../../workers/inventory/deal-ledger";
import { nowIso } from "../../workers/platform/time";

type Stock = { warehouse_id: string; warehouse_name: string; available: number; reserved: number; allocated: number; sold: number };

function count(listingId: string, body: unknown, headers: Record<string, string>) {
  return api(`/api/seller/listings/${listingId}/stock`, { method: "PUT", headers, body });
}

async function journalCount(listingId: string): Promise<number> {
  return (await env.DB.prepare("SELECT COUNT(*) AS n FROM inventory_journal WHERE sku_id = ?").bind(listingId).first<number>("n")) ?? 0;
}

describe("seller stock by warehouse", () => {
  it("lists the warehouses a seller may stock", async () => {
    const f = await createProduct([{ price: 60000, mrp: 70000, units: 10 }]);
    const seller = await createTestUser(["seller"], { sellerId: f.sellerIds[0] });
    const res = await api("/api/seller/warehouses", { headers: seller.headers });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { id: string; name: string; city: string }[] };
    expect(body.items).toContainEqual({ id: f.warehouseId, name: "Test WH", city: "Pune" });
    expect((await api("/api/seller/warehouses", { headers: (await createTestUser()).headers })).status).toBe(403);
  });

  it("stocks a new listing's first warehouse through the ledger, and refuses a second first count", async () => {
    const { f, seller, id } = await sellerWithNewListing();

    const first = await count(id, { warehouse_id: f.warehouseId, available: 4 }, { ...seller.headers, "if-none-match": "*" });
    expect(first.status).toBe(200);
    expect(first.headers.get("etag")).toBe('"1"');
    expect(((await first.json()) as { stock: Stock[] }).stock).toEqual([
      expect.objectContaining({ warehouse_id: f.warehouseId, warehouse_name: "Test WH", available: 4, reserved: 0, allocated: 0 }),
    ]);
    const rows = await inventoryRows(id);
    expect(rows).toEqual([expect.objectContaining({ warehouse_id: f.warehouseId, available: 4, initial: 0, received: 4, version: 1 })]);
    expect(await journalCount(id)).toBe(1);

    // A second tab stocking the same "new" warehouse must not overwrite the first count.
    const again = await count(id, { warehouse_id: f.warehouseId, available: 9 }, { ...seller.headers, "if-none-match": "*" });
    expect(again.status).toBe(412);
    expect(((await again.json()) as { detail: string }).detail).toContain("already has stock");
    const both = await count(
      id,
      { warehouse_id: f.warehouseId, available: 9 },
      { ...seller.headers, "if-none-match": "*", "if-match": '"1"' },
    );
    expect(both.status).toBe(400);
    const malformed = await count(id, { warehouse_id: f.warehouseId, available: 9 }, { ...seller.headers, "if-none-match": '"1"' });
    expect(malformed.status).toBe(400);
    expect(await inventoryRows(id)).toEqual(rows);
    expect(await journalCount(id)).toBe(1);
  });

  it("shows units set aside for a deal and sold, per warehouse", async () => {
    const f = await createProduct([{ price: 60000, mrp: 70000, units: 10 }]);
    const seller = await createTestUser(["seller"], { sellerId: f.sellerIds[0] });
    const move = { skuId: f.listingId, warehouseId: f.warehouseId, qty: 5, ref: `deal-${f.listingId}`, reason: "deal carve-out" };
    const [allocated] = await env.DB.batch(allocateToDealStatements(env.DB, move, nowIso()));
    expect(allocated?.meta.changes).toBe(1);

    const body = (await (await api("/api/seller/listings", { headers: seller.headers })).json()) as {
      items: { id: string; stock: Stock[] }[];
    };
    const stock = body.items.find((i) => i.id === f.listingId)?.stock;
    expect(stock).toEqual([
      expect.objectContaining({ warehouse_id: f.warehouseId, warehouse_name: "Test WH", available: 5, reserved: 0, allocated: 5, sold: 0 }),
    ]);
  });
});
