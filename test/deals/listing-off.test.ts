import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { updateListing } from "../../workers/sellers/listings";
import { api } from "../helpers/http";
import { createDealViaApi, dealSetup } from "./helpers";

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
