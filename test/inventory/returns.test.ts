import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { auditSku } from "../../workers/inventory/audit";
import { commitReservation, reserveStock, setAvailable } from "../../workers/inventory/ledger";
import { type ReturnCondition, returnedLineStatements } from "../../workers/inventory/returns";
import { createListingFixture } from "../helpers/catalog";
import { inventoryRows } from "../helpers/inventory";

/** A listing with 5 units of which 2 were sold. */
async function soldTwo() {
  const f = await createListingFixture();
  await setAvailable(env.DB, { skuId: f.listingId, warehouseId: f.warehouseId, available: 5, ref: `count-${f.listingId}` });
  await reserveStock(env.DB, { skuId: f.listingId, qty: 2, ref: `sale-${f.listingId}`, ttlSeconds: 600 });
  expect(await commitReservation(env.DB, `sale-${f.listingId}`)).toBe("done");
  return f;
}

/** Books a return of `qty` units under `ref`, as the batch receiving an order's goods does (its guard always true here). */
async function bookReturn(f: { listingId: string; warehouseId: string }, qty: number, ref: string, condition: ReturnCondition) {
  const line = { skuId: f.listingId, warehouseId: f.warehouseId, qty, ref };
  await env.DB.batch(returnedLineStatements(env.DB, line, condition, { sql: "?6 = 1", binds: [1] }, new Date().toISOString()));
}

describe("returned units in the ledger", () => {
  it("counts sellable returns as returned, not received or unsold, and the audit stays conserved from rows and journal", async () => {
    const f = await soldTwo();
    await bookReturn(f, 1, "ord_a:return:x", "sellable");
    expect((await inventoryRows(f.listingId))[0]).toMatchObject({ available: 4, sold: 2, received: 5 });
    expect(await auditSku(env.DB, f.listingId)).toMatchObject({
      conserved: true,
      journalAgrees: true,
      available: 4,
      sold: 2,
      returned: 1,
      received: 5,
      journal: { available: 4, sold: 2, returned: 1, received: 5 },
      warehouses: [expect.objectContaining({ returned: 1, conserved: true })],
    });
  });

  it("books each return once under its ref, and never more units back than were sold", async () => {
    const f = await soldTwo();
    await bookReturn(f, 1, "ord_b:return:x", "sellable");
    await bookReturn(f, 1, "ord_b:return:x", "sellable");
    expect((await inventoryRows(f.listingId))[0]).toMatchObject({ available: 4 });
    // One unit sold is left not returned: a return of two is refused whole.
    await bookReturn(f, 2, "ord_c:return:x", "sellable");
    expect((await inventoryRows(f.listingId))[0]).toMatchObject({ available: 4 });
    const audit = await auditSku(env.DB, f.listingId);
    expect(audit).toMatchObject({ conserved: true, journalAgrees: true, returned: 1 });
  });

  it("counts damaged returns as damaged, off sale and still sold on net, once each, with the journal agreeing", async () => {
    const f = await soldTwo();
    const before = await auditSku(env.DB, f.listingId);
    await bookReturn(f, 1, "ord_d:return:x", "damaged");
    await bookReturn(f, 1, "ord_d:return:x", "damaged");
    const after = await auditSku(env.DB, f.listingId);
    expect(after).toMatchObject({
      conserved: true,
      journalAgrees: true,
      available: 3,
      sold: 2,
      returned: 0,
      damaged: 1,
      journal: { available: 3, sold: 2, returned: 0, damaged: 1 },
      warehouses: [expect.objectContaining({ damaged: 1, conserved: true })],
    });
    expect(after?.journalEntries).toBe((before?.journalEntries ?? 0) + 1);
  });

  it("never takes back more units than were sold, counting those that came back in either state", async () => {
    const f = await soldTwo();
    await bookReturn(f, 1, "ord_e:return:x", "damaged");
    await bookReturn(f, 1, "ord_f:return:x", "sellable");
    // Both sold units are back: a third, in either state, is refused and writes no journal row.
    await bookReturn(f, 1, "ord_g:return:x", "damaged");
    await bookReturn(f, 1, "ord_h:return:x", "sellable");
    expect(await auditSku(env.DB, f.listingId)).toMatchObject({
      conserved: true,
      journalAgrees: true,
      available: 4,
      returned: 1,
      damaged: 1,
    });
    const { results } = await env.DB.prepare("SELECT ref FROM inventory_journal WHERE sku_id = ? AND kind = 'return' ORDER BY id")
      .bind(f.listingId)
      .all<{ ref: string }>();
    expect(results.map((r) => r.ref)).toEqual(["ord_e:return:x", "ord_f:return:x"]);
  });
});
