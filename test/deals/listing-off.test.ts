import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { updateListing } from "../../workers/sellers/listings";
import { createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { bulkShop } from "../sellers/bulk-fixtures";
import { createDealViaApi, type DealSetup, dealSetup } from "./helpers";

const activeOf = async (listingId: string) =>
  (await env.DB.prepare("SELECT active FROM listings WHERE id = ?").bind(listingId).first<{ active: number }>())?.active;

describe("a listing with a flash deal", () => {
  it("cannot be switched off while the deal is to come or under way, and can once the deal has ended", async () => {
    const s = await dealSetup(30);
    const id = await createDealViaApi(s, {
      starts_at: new Date(Date.now() + 3_600_000).toISOString(),
      ends_at: new Date(Date.now() + 7_200_000).toISOString(),
    });
    const off = updateListing(env.DB, s.fixture.sellerId, s.fixture.listingId, { active: false });
    await expect(off).rejects.toMatchObject({ code: "conflict", options: { extensions: { deal_id: id } } });
    await expect(off).rejects.toThrow(/Ask the deal manager to end the deal first/);
    // The seller reads when the deal ends in India's time, not as a UTC timestamp.
    await expect(off).rejects.toThrow(/under way, until \d{1,2} [A-Z][a-z]{2} \d{4}, \d{1,2}:\d{2} [ap]m IST, so it stays on sale/);
    expect(await activeOf(s.fixture.listingId)).toBe(1);
    // A price change is not held up by the deal.
    await expect(updateListing(env.DB, s.fixture.sellerId, s.fixture.listingId, { price: 120000 })).resolves.toMatchObject({
      price: 120000,
    });

    expect((await api(`/api/admin/deals/${id}/end`, { method: "POST", headers: s.manager.headers })).status).toBe(200);
    await expect(updateListing(env.DB, s.fixture.sellerId, s.fixture.listingId, { active: false })).resolves.toMatchObject({
      active: false,
    });
    expect(await activeOf(s.fixture.listingId)).toBe(0);
  });
});

describe("a bulk update switching off a listing with a flash deal", () => {
  it("is refused, naming the row, and changes nothing", async () => {
    const shop = await bulkShop();
    const [withDeal, other] = shop.listingIds as [string, string];
    const s = { fixture: { listingId: withDeal } as DealSetup["fixture"], manager: await createTestUser(["deal_manager"]) };
    await createDealViaApi(s, {
      units: 2,
      deal_price: 50_000,
      starts_at: new Date(Date.now() + 3_600_000).toISOString(),
      ends_at: new Date(Date.now() + 7_200_000).toISOString(),
    });
    const csv = `listing_id,price,mrp,active,warehouse_id,available\r\n${other},,,false,,\r\n${withDeal},,,false,,\r\n`;
    const res = await api("/api/seller/listings/bulk", {
      method: "POST",
      body: csv,
      headers: { ...shop.seller.headers, "content-type": "text/csv", "idempotency-key": `bulk-${crypto.randomUUID()}` },
    });
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { errors: { path: string; message: string }[] };
    expect(problem.errors).toEqual([{ path: "rows.2.active", message: expect.stringMatching(/^This listing has a flash deal \(deal_/) }]);
    expect(await activeOf(withDeal)).toBe(1);
    expect(await activeOf(other)).toBe(1);
  });
});
