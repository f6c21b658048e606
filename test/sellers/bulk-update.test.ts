import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { commitReservation, reserveStock } from "../../workers/inventory/ledger";
import { applyBulkPlan } from "../../workers/sellers/bulk-apply";
import { planBulkUpdate, readCsvRows } from "../../workers/sellers/bulk-check";
import type { BulkUpdateResult } from "../../workers/sellers/bulk-schemas";
import { applyProductChanges } from "../catalog/queue";
import { createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { inventoryRows } from "../helpers/inventory";
import { bulkShop, writtenCounts } from "./bulk-fixtures";

type Problem = { status: number; detail: string; errors: { path: string; message: string }[]; more_errors?: number };

const HEADER = "listing_id,price,mrp,active,warehouse_id,available";

function upload(csv: string, headers: Record<string, string>, key = `bulk-${crypto.randomUUID()}`) {
  return api("/api/seller/listings/bulk", {
    method: "POST",
    body: csv,
    headers: { ...headers, "content-type": "text/csv", "idempotency-key": key },
  });
}

const catalogOutbox = async (productId: string) =>
  (
    await env.DB.prepare("SELECT payload FROM outbox WHERE topic = 'catalog' AND payload LIKE ? ORDER BY id")
      .bind(`%${productId}%`)
      .all<{ payload: string }>()
  ).results.map((r) => JSON.parse(r.payload) as { reason: string });

/** A shop whose seller downloads the bulk template, after which a shopper buys 4 of its first listing's 20. */
async function templateThenFourSold() {
  const s = await bulkShop();
  const [a] = s.listingIds as [string];
  const template = await (await api("/api/seller/listings/bulk/template", { headers: s.seller.headers })).text();
  const ref = `buy-${crypto.randomUUID()}`;
  expect(await reserveStock(env.DB, { skuId: a, qty: 4, ref, ttlSeconds: 600 })).not.toBeNull();
  expect(await commitReservation(env.DB, ref)).toBe("done");
  return { s, a, template };
}

describe("POST /api/seller/listings/bulk", () => {
  it("changes prices and stock of several listings: journaled, one catalog change per product, the page shows the new price", async () => {
    const s = await bulkShop();
    const [a, b, c] = s.listingIds as [string, string, string];
    const before = await Promise.all(s.productIds.map(catalogOutbox));
    const csv = [
      HEADER,
      `${a},"1,299.50","1,499",,${s.warehouseId},40`,
      // The same listing in a second warehouse it had no stock in: one more row, still one product change.
      `${a},,,,${s.otherWarehouseId},7`,
      `${b},450,,false,,`,
      // Its current values: nothing to do.
      `${c},300.00,600,true,${s.warehouseId},10`,
    ].join("\n");
    const res = await upload(csv, s.seller.headers);
    expect(res.status).toBe(200);
    const body = (await res.json()) as BulkUpdateResult;
    expect(body.counts).toEqual({ updated: 3, unchanged: 1, conflict: 0 });
    expect(body.rows.map((r) => [r.row, r.outcome])).toEqual([
      [1, "updated"],
      [2, "updated"],
      [3, "updated"],
      [4, "unchanged"],
    ]);
    expect(body.products_changed).toBe(2);

    const listing = (id: string) => env.DB.prepare("SELECT price, mrp, active FROM listings WHERE id = ?").bind(id).first();
    expect(await listing(a)).toEqual({ price: 129950, mrp: 149900, active: 1 });
    expect(await listing(b)).toEqual({ price: 45000, mrp: 100000, active: 0 });
    expect(await listing(c)).toEqual({ price: 30000, mrp: 60000, active: 1 });
    const stock = await inventoryRows(a);
    expect(stock).toHaveLength(2);
    expect(stock).toContainEqual(expect.objectContaining({ warehouse_id: s.otherWarehouseId, available: 7, received: 7 }));
    expect(stock).toContainEqual(expect.objectContaining({ warehouse_id: s.warehouseId, available: 40 }));
    const journal = await env.DB.prepare(
      "SELECT warehouse_id, kind, d_available, available_after FROM inventory_journal WHERE sku_id = ? AND reason = 'seller bulk stock count' ORDER BY warehouse_id",
    )
      .bind(a)
      .all();
    expect(journal.results).toHaveLength(2);
    expect(journal.results).toContainEqual({ warehouse_id: s.warehouseId, kind: "adjust", d_available: 20, available_after: 40 });
    expect(journal.results).toContainEqual({ warehouse_id: s.otherWarehouseId, kind: "adjust", d_available: 7, available_after: 7 });

    const after = await Promise.all(s.productIds.map(catalogOutbox));
    expect(after.map((rows, i) => rows.length - before[i]!.length)).toEqual([1, 1, 0]);
    expect(after[0]!.at(-1)!.reason).toBe("listings_bulk_updated");

    // The stock total is the product's sellable units over every active offer.
    const product = await env.DB.prepare("SELECT stock_total FROM products WHERE id = ?")
      .bind(s.productIds[0])
      .first<{ stock_total: number }>();
    expect(product!.stock_total).toBe(40 + 7 + 5);

    await applyProductChanges(s.productIds[1]!);
    const page = (await (await api(`/api/products/${s.productIds[1]}`)).json()) as { offers: { listing_id: string }[] };
    // The withdrawn listing is no longer offered on its product's page.
    expect(page.offers.map((o) => o.listing_id)).not.toContain(b);
  });

  it("puts the new price on the product page once the catalog consumer has run", async () => {
    const s = await bulkShop();
    const [, , c] = s.listingIds as [string, string, string];
    expect((await upload(`${HEADER}\n${c},299.00,,,,\n`, s.seller.headers)).status).toBe(200);
    await applyProductChanges(s.productIds[2]!);
    const page = (await (await api(`/api/products/${s.productIds[2]}`)).json()) as { buy_box: { listing_id: string; price: number } };
    expect(page.buy_box).toMatchObject({ listing_id: c, price: 29900 });
  });

  it("round-trips the template: downloaded, edited and uploaded, only the edits apply", async () => {
    const s = await bulkShop();
    const res = await api("/api/seller/listings/bulk/template", { headers: s.seller.headers });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const template = await res.text();
    const lines = template.trimEnd().split("\r\n");
    expect(lines[0]).toBe(`${HEADER},stock_version,product_title`);
    expect(lines).toHaveLength(4);
    expect(lines.find((l) => l.startsWith(s.listingIds[0]!))).toMatch(
      new RegExp(`^${s.listingIds[0]},800\\.00,900\\.00,true,${s.warehouseId},20,`),
    );
    expect(template).not.toContain(s.theirs);

    // Unedited, it changes nothing.
    const same = (await (await upload(template, s.seller.headers)).json()) as BulkUpdateResult;
    expect(same.counts).toEqual({ updated: 0, unchanged: 3, conflict: 0 });

    const edited = template.replace(
      `${s.listingIds[0]},800.00,900.00,true,${s.warehouseId},20`,
      `${s.listingIds[0]},750.00,900.00,true,${s.warehouseId},25`,
    );
    const body = (await (await upload(edited, s.seller.headers)).json()) as BulkUpdateResult;
    expect(body.counts).toEqual({ updated: 1, unchanged: 2, conflict: 0 });
    expect(await env.DB.prepare("SELECT price FROM listings WHERE id = ?").bind(s.listingIds[0]).first()).toEqual({ price: 75000 });
    expect(await inventoryRows(s.listingIds[0]!)).toEqual([expect.objectContaining({ available: 25 })]);
  });

  it("takes an old template sent back for its prices: stock left as downloaded is unchanged, not a conflict, and sold units stay sold", async () => {
    const { s, a, template } = await templateThenFourSold();
    const edited = template.replace(`${a},800.00,900.00,true,${s.warehouseId},20,`, `${a},780.00,900.00,true,${s.warehouseId},20,`);
    expect(edited).not.toBe(template);

    const res = await upload(edited, s.seller.headers);
    expect(res.status).toBe(200);
    const body = (await res.json()) as BulkUpdateResult;
    expect(body.counts).toEqual({ updated: 1, unchanged: 2, conflict: 0 });
    expect(body.rows.find((r) => r.listing_id === a)).toMatchObject({ outcome: "updated", reason: null });
    // The new price applies; the 4 sold stay sold: 16 for sale, not the 20 the file was downloaded with.
    expect(await env.DB.prepare("SELECT price FROM listings WHERE id = ?").bind(a).first()).toEqual({ price: 78000 });
    expect(await inventoryRows(a)).toEqual([expect.objectContaining({ available: 16, sold: 4 })]);
  });

  it("does not count back units sold after the template was downloaded when its stock was edited: a conflict, nothing counted", async () => {
    const { s, a, template } = await templateThenFourSold();
    const edited = template.replace(`${a},800.00,900.00,true,${s.warehouseId},20,`, `${a},800.00,900.00,true,${s.warehouseId},25,`);
    expect(edited).not.toBe(template);

    const res = await upload(edited, s.seller.headers);
    expect(res.status).toBe(200);
    const body = (await res.json()) as BulkUpdateResult;
    expect(body.counts).toEqual({ updated: 0, unchanged: 2, conflict: 1 });
    const row = body.rows.find((r) => r.listing_id === a)!;
    expect(row.outcome).toBe("conflict");
    expect(row.reason).toContain("Download your listings again");
    expect(await inventoryRows(a)).toEqual([expect.objectContaining({ available: 16, sold: 4 })]);
  });

  it("refuses a price under a tenth of the MRP as a likely typo, naming the row, and writes nothing", async () => {
    const s = await bulkShop();
    const before = await writtenCounts();
    const res = await upload([HEADER, `${s.listingIds[0]},50,,,,`].join("\n"), s.seller.headers);
    expect(res.status).toBe(400);
    const problem = (await res.json()) as Problem;
    expect(problem.errors).toEqual([
      { path: "rows.1.price", message: "₹50 is less than a tenth of the MRP (₹900): check for a missing digit." },
    ]);
    expect(await writtenCounts()).toEqual(before);
  });

  it("refuses a file with any bad row, naming every row and field, and writes nothing", async () => {
    const s = await bulkShop();
    const [a, b, c] = s.listingIds as [string, string, string];
    const csv = [
      HEADER,
      `${a},1000,,,,`, // 1: price above the MRP of ₹900
      `lst_nope,100,,,,`, // 2: unknown listing
      `${s.theirs},100,,,,`, // 3: another seller's listing
      `${b},,,,wh_nowhere,5`, // 4: unknown warehouse
      `${b},,,,${s.warehouseId},-3`, // 5: negative stock
      `${c},12.345,,,,`, // 6: finer than a paisa
      `${c},,,maybe,,`, // 7: not true or false
      `${c},,,,${s.warehouseId},4`, // 8: fine on its own
      `${c},,,,${s.warehouseId},5`, // 9: the same listing and warehouse again
      `${b},,,,,12`, // 10: units without a warehouse
      `${b},abc,,,,`, // 11: malformed rupees
    ].join("\n");
    const before = await writtenCounts();
    const res = await upload(csv, s.seller.headers);
    expect(res.status).toBe(400);
    const problem = (await res.json()) as Problem;
    expect(problem.errors.map((e) => e.path)).toEqual([
      "rows.1.price",
      "rows.2.listing_id",
      "rows.3.listing_id",
      "rows.4.warehouse_id",
      "rows.5.available",
      "rows.6.price",
      "rows.7.active",
      "rows.9.warehouse_id",
      "rows.10.warehouse_id",
      "rows.11.price",
    ]);
    expect(problem.errors[0]!.message).toContain("Price must be at most the MRP");
    expect(problem.errors[4]!.message).toBe("Cannot be negative");
    expect(problem.errors[7]!.message).toBe(`Row 8 already sets this listing's stock in ${s.warehouseId}`);
    expect(problem.detail).toContain("nothing was changed");
    expect(await writtenCounts()).toEqual(before);
  });

  it("names every bad field of a row with an unreadable cell, and nothing that is fine", async () => {
    const s = await bulkShop();
    const [a, b] = s.listingIds as [string, string];
    const csv = [
      HEADER,
      `lst_nope,abc,,,,`, // 1: malformed rupees, and no such listing
      `${a},12.345,,maybe,wh_nowhere,5`, // 2: finer than a paisa, not true or false, unknown warehouse
      `${b},abc,400,,,`, // 3: malformed rupees; the MRP of ₹400 is below the listing's price of ₹500 but not judged against it
      `${b},,,,${s.warehouseId},x`, // 4: units not a number, which is not also "give the units"
    ].join("\n");
    const before = await writtenCounts();
    const res = await upload(csv, s.seller.headers);
    expect(res.status).toBe(400);
    const problem = (await res.json()) as Problem;
    expect(problem.errors.map((e) => e.path)).toEqual([
      "rows.1.price",
      "rows.1.listing_id",
      "rows.2.price",
      "rows.2.active",
      "rows.2.warehouse_id",
      "rows.3.price",
      "rows.4.available",
    ]);
    expect(problem.errors[1]!.message).toBe("You have no listing lst_nope");
    expect(problem.errors[4]!.message).toBe("No such warehouse wh_nowhere");
    expect(problem.detail).toContain("4 row(s)");
    expect(await writtenCounts()).toEqual(before);
  });

  it("refuses another seller's listing as unknown, and changes nothing of theirs", async () => {
    const s = await bulkShop();
    const res = await upload(`${HEADER}\n${s.theirs},100,,,${s.warehouseId},0\n`, s.seller.headers);
    expect(res.status).toBe(400);
    expect(((await res.json()) as Problem).errors).toEqual([{ path: "rows.1.listing_id", message: `You have no listing ${s.theirs}` }]);
    expect(await env.DB.prepare("SELECT price FROM listings WHERE id = ?").bind(s.theirs).first()).toEqual({ price: 81000 });
    expect(await inventoryRows(s.theirs)).toEqual([expect.objectContaining({ available: 5 })]);
  });

  it("lists at most 100 errors and says how many more there were", async () => {
    const s = await bulkShop();
    const rows = Array.from({ length: 130 }, (_, i) => `lst_missing_${i},100,,,,`);
    const problem = (await (await upload([HEADER, ...rows].join("\n"), s.seller.headers)).json()) as Problem;
    expect(problem.errors).toHaveLength(100);
    expect(problem.more_errors).toBe(30);
    expect(problem.detail).toContain("30 more");
  });

  it("refuses 1,001 rows with a 413 and writes nothing, and takes 1,000", async () => {
    const s = await bulkShop();
    const row = `${s.listingIds[2]},300.00,,,,`;
    const before = await writtenCounts();
    const over = await upload([HEADER, ...Array(1001).fill(row)].join("\n"), s.seller.headers);
    expect(over.status).toBe(413);
    expect(((await over.json()) as Problem).detail).toContain("at most 1,000 rows; this one has 1,001");
    expect(await writtenCounts()).toEqual(before);
    const json = await api("/api/seller/listings/bulk", {
      method: "POST",
      headers: { ...s.seller.headers, "idempotency-key": `bulk-${crypto.randomUUID()}` },
      body: { rows: Array(1001).fill({ listing_id: s.listingIds[2] }) },
    });
    expect(json.status).toBe(413);
    const most = await upload([HEADER, ...Array(1000).fill(row)].join("\n"), s.seller.headers);
    expect(most.status).toBe(200);
    expect(((await most.json()) as BulkUpdateResult).counts.unchanged).toBe(1000);
  });

  it("applies a retry with the same Idempotency-Key once: stock sold in between is not counted back", async () => {
    const s = await bulkShop();
    const [a] = s.listingIds as [string];
    const csv = `${HEADER}\n${a},700,,,${s.warehouseId},30\n`;
    const key = `bulk-${crypto.randomUUID()}`;
    const first = await upload(csv, s.seller.headers, key);
    expect(first.status).toBe(200);
    const firstBody = await first.json();
    // A shopper buys 4 before the seller's client retries.
    const ref = `buy-${crypto.randomUUID()}`;
    expect(await reserveStock(env.DB, { skuId: a, qty: 4, ref, ttlSeconds: 600 })).not.toBeNull();
    expect(await commitReservation(env.DB, ref)).toBe("done");
    const before = await writtenCounts();
    const again = await upload(csv, s.seller.headers, key);
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toEqual(firstBody);
    expect(await writtenCounts()).toEqual(before);
    expect(await inventoryRows(a)).toEqual([expect.objectContaining({ available: 26, sold: 4 })]);
    // The same key with other rows is refused.
    expect((await upload(`${HEADER}\n${a},650,,,,\n`, s.seller.headers, key)).status).toBe(422);
    // Without a key nothing is applied at all.
    const unkeyed = await api("/api/seller/listings/bulk", {
      method: "POST",
      body: csv,
      headers: { ...s.seller.headers, "content-type": "text/csv" },
    });
    expect(unkeyed.status).toBe(400);
  });

  it("takes JSON rows in paise, numbered from 1 in its errors", async () => {
    const s = await bulkShop();
    const bad = await api("/api/seller/listings/bulk", {
      method: "POST",
      headers: { ...s.seller.headers, "idempotency-key": `bulk-${crypto.randomUUID()}` },
      body: {
        rows: [
          { listing_id: s.listingIds[2], price: 31000 },
          { listing_id: s.listingIds[2], available: 3 },
        ],
      },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Problem).errors.map((e) => e.path)).toEqual(["rows.2.warehouse_id"]);
    const ok = await api("/api/seller/listings/bulk", {
      method: "POST",
      headers: { ...s.seller.headers, "idempotency-key": `bulk-${crypto.randomUUID()}` },
      body: { rows: [{ listing_id: s.listingIds[2], price: 31000, warehouse_id: s.warehouseId, available: 2 }] },
    });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as BulkUpdateResult).counts.updated).toBe(1);
  });

  it("reports a row whose stock moved after the check as a conflict, applies the rest, and announces only what applied", async () => {
    const s = await bulkShop();
    const [a, , c] = s.listingIds as [string, string, string];
    const errors: { path: string; message: string }[] = [];
    const rows = readCsvRows(`${HEADER}\n${a},,,,${s.warehouseId},50\n${c},250,,,,\n`, errors);
    const plan = await planBulkUpdate(env.DB, s.sellerId, "bulk-conflict-1", rows, errors);
    // A checkout holds a unit between the check and the write.
    expect(await reserveStock(env.DB, { skuId: a, qty: 1, ref: `hold-${a}`, ttlSeconds: 600 })).not.toBeNull();
    const outboxBefore = (await catalogOutbox(s.productIds[0]!)).length;
    const result = await applyBulkPlan(env.DB, s.sellerId, plan);
    expect(result.rows.map((r) => r.outcome)).toEqual(["conflict", "updated"]);
    expect(result.rows[0]!.reason).toContain("stock in this warehouse moved");
    expect(result.products_changed).toBe(1);
    expect(await inventoryRows(a)).toEqual([expect.objectContaining({ available: 19, reserved: 1 })]);
    expect((await catalogOutbox(s.productIds[0]!)).length).toBe(outboxBefore);
  });

  it("is for sellers only", async () => {
    const shopper = await createTestUser();
    expect((await upload(`${HEADER}\n`, shopper.headers)).status).toBe(403);
  });
});
