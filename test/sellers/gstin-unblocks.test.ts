import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { backfillInvoices } from "../../workers/invoices/backfill";
import type { SellerProfile } from "../../workers/sellers/profile-schemas";
import { createTestUser } from "../helpers/accounts";
import { uniqueGstin } from "../helpers/gstin";
import { api } from "../helpers/http";
import { documentsOf, invoicesOf, KARNATAKA, lineOf, move, packedOrder, shopperAndOps, taxedListing } from "../invoices/support";
import { seedOrder } from "../orders/seed";

/** The statements of the migration that flags the orders shipped before invoicing existed. */
const FLAG_OWED = env.TEST_MIGRATIONS.find((m) => m.name.includes("invoices_owed"))?.queries.filter((q) => q.includes("UPDATE")) ?? [];

/** A seller account of a seller registered in Karnataka whose GSTIN is not on file (one of the seed's, say). */
async function sellerWithoutGstin() {
  const f = await taxedListing({ stateCode: "29" });
  await env.DB.prepare("UPDATE sellers SET gstin = NULL WHERE id = ?").bind(f.sellerId).run();
  const user = await createTestUser(["seller"], { sellerId: f.sellerId });
  return { ...f, user };
}

function setGstin(headers: Record<string, string>, gstin: string): Promise<Response> {
  return api("/api/seller/profile", { method: "PATCH", headers, body: { gstin } });
}

describe("a seller adding its GSTIN", () => {
  it("lets an order with its items that could not ship, ship with its tax invoice", async () => {
    const { shopper, ops } = await shopperAndOps();
    const seller = await sellerWithoutGstin();
    const orderId = await packedOrder(shopper.id, [lineOf(seller, 49_900)]);
    const refused = await move(orderId, "shipped", ops);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { detail: string }).detail).toContain("no valid GSTIN");

    const gstin = uniqueGstin("29");
    const res = await setGstin(seller.user.headers, gstin);
    expect(res.status).toBe(200);
    expect(((await res.json()) as SellerProfile).can_invoice).toBe(true);

    expect((await move(orderId, "shipped", ops)).status).toBe(200);
    const [invoice, ...more] = await invoicesOf(orderId, shopper);
    expect(more).toEqual([]);
    expect(invoice?.seller).toMatchObject({ id: seller.sellerId, gstin, state: "Karnataka" });
  });

  it("lets the invoicing backfill issue the invoice it held back for want of one", async () => {
    const { shopper } = await shopperAndOps();
    const seller = await sellerWithoutGstin();
    // Shipped before invoicing existed, and flagged by the migration as such orders of an older database are.
    const orderId = await seedOrder({
      userId: shopper.id,
      status: "shipped",
      at: "2026-05-01T06:00:00.000Z",
      confirmed: true,
      lines: [lineOf(seller, 20_000)],
      address: KARNATAKA,
    });
    await env.DB.prepare(
      "INSERT INTO order_transitions (order_id, from_status, to_status, actor, reason, at) VALUES (?1, 'confirmed', 'shipped', 'ops:legacy', 'legacy', '2026-05-10T06:00:00.000Z')",
    )
      .bind(orderId)
      .run();
    await env.DB.batch(FLAG_OWED.map((q) => env.DB.prepare(q)));

    expect(await backfillInvoices(env.DB)).toMatchObject({ invoiced: 0, withoutInvoices: 1, unregistered: 1 });
    expect((await documentsOf(orderId, shopper)).items).toEqual([]);

    const gstin = uniqueGstin("29");
    expect((await setGstin(seller.user.headers, gstin)).status).toBe(200);
    expect(await backfillInvoices(env.DB)).toMatchObject({ invoiced: 1, failed: 0, withoutInvoices: 0, unregistered: 0 });
    const [invoice] = (await documentsOf(orderId, shopper)).items;
    expect(invoice).toMatchObject({ number: "2026-27/000001", seller: { id: seller.sellerId, gstin } });
    const owed = await env.DB.prepare("SELECT invoices_owed FROM orders WHERE id = ?").bind(orderId).first<number>("invoices_owed");
    expect(owed).toBe(0);
  });
});
