import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { auditSku } from "../../workers/inventory/audit";
import {
  allocateToDealStatements,
  dealRunStatements,
  dealSaleStatements,
  restockDealUnit,
  returnFromDealStatements,
} from "../../workers/inventory/deal-ledger";
import { setAvailable } from "../../workers/inventory/ledger";
import { createListingFixture } from "../helpers/catalog";

const now = () => new Date().toISOString();

describe("deal ledger", () => {
  it("allocates, sells and returns deal units once per ref, keeping the journal and rows in agreement", async () => {
    const f = await createListingFixture();
    await setAvailable(env.DB, { skuId: f.listingId, warehouseId: f.warehouseId, available: 10, ref: "dl-count" });
    const m = (qty: number, ref: string) => ({ skuId: f.listingId, warehouseId: f.warehouseId, qty, ref, reason: "test" });

    const [alloc] = await env.DB.batch(allocateToDealStatements(env.DB, m(6, "deal-a:allocate"), now()));
    expect(alloc?.meta.changes).toBe(1);
    const [again] = await env.DB.batch(allocateToDealStatements(env.DB, m(6, "deal-a:allocate"), now()));
    expect(again?.meta.changes).toBe(0);
    // Not enough left for another 6: refused, nothing moves.
    const [tooMany] = await env.DB.batch(allocateToDealStatements(env.DB, m(6, "deal-b:allocate"), now()));
    expect(tooMany?.meta.changes).toBe(0);

    await env.DB.batch(dealSaleStatements(env.DB, m(2, "deal-a#1"), now()));
    await env.DB.batch(dealSaleStatements(env.DB, m(2, "deal-a#1"), now()));
    await env.DB.batch(returnFromDealStatements(env.DB, m(4, "deal-a#2"), now()));
    expect(await restockDealUnit(env.DB, m(1, "order-x:restock"), now())).toBe(true);
    expect(await restockDealUnit(env.DB, m(1, "order-x:restock"), now())).toBe(false);

    const audit = await auditSku(env.DB, f.listingId);
    expect(audit).toMatchObject({ conserved: true, journalAgrees: true, received: 10, available: 9, allocated: 0, sold: 1, reserved: 0 });
  });

  it("journals each entry of a run of sales with the stock's version just after it", async () => {
    const f = await createListingFixture();
    await setAvailable(env.DB, { skuId: f.listingId, warehouseId: f.warehouseId, available: 10, ref: "run-count" });
    const at = { skuId: f.listingId, warehouseId: f.warehouseId };
    await env.DB.batch(allocateToDealStatements(env.DB, { ...at, qty: 6, ref: "deal-r:allocate", reason: "test" }, now()));
    const sale = (ref: string) => ({ ref, reason: "sold", qty: 1, sale: true });
    await env.DB.batch(
      dealRunStatements(
        env.DB,
        at,
        [sale("deal-r#1"), { ref: "deal-r#hold", reason: "held", qty: 1, sale: false }, sale("deal-r#2")],
        now(),
      ),
    );
    const journal = await env.DB.prepare("SELECT kind, version_after FROM inventory_journal WHERE sku_id = ? ORDER BY id")
      .bind(f.listingId)
      .all<{ kind: string; version_after: number }>();
    const { version } = (await env.DB.prepare("SELECT version FROM inventory WHERE sku_id = ?")
      .bind(f.listingId)
      .first<{ version: number }>())!;
    expect(journal.results).toEqual([
      { kind: "adjust", version_after: version - 3 },
      { kind: "deal_allocate", version_after: version - 2 },
      { kind: "deal_sale", version_after: version - 1 },
      { kind: "deal_note", version_after: version - 1 },
      { kind: "deal_sale", version_after: version },
    ]);
  });

  it("flags a counter moved without a journal row", async () => {
    const f = await createListingFixture();
    await setAvailable(env.DB, { skuId: f.listingId, warehouseId: f.warehouseId, available: 5, ref: "dl-count-2" });
    await env.DB.prepare("UPDATE inventory SET available = available - 1, sold = sold + 1 WHERE sku_id = ?").bind(f.listingId).run();
    const audit = await auditSku(env.DB, f.listingId);
    expect(audit).toMatchObject({ conserved: false, journalAgrees: false });
  });
});
