import { describe, expect, it } from "vitest";
import { createTestUser } from "../helpers/accounts";
import { browserSession } from "../helpers/forms";
import { api } from "../helpers/http";
import { createDealViaApi, dealSetup } from "../deals/helpers";

type CartJson = { items: Array<{ listing_id: string; qty: number; deal_id: string | null; changes: string[]; max_qty: number | null }> };

describe("a deal line wanting more than one shopper may buy", () => {
  it("is marked with the deal's limit in the cart and not offered to checkout until lowered", async () => {
    const s = await dealSetup(20);
    const dealId = await createDealViaApi(s, { units: 10, per_user_limit: 2, starts_at: new Date(Date.now() + 200).toISOString() });
    await scheduler.wait(300);
    const shopper = await createTestUser();
    const put = (qty: number) => api(`/api/cart/items/${s.fixture.listingId}`, { method: "PUT", headers: shopper.headers, body: { qty } });
    expect((await put(3)).status).toBe(200);
    const cart = (await (await api("/api/cart", { headers: shopper.headers })).json()) as CartJson;
    expect(cart.items).toEqual([expect.objectContaining({ deal_id: dealId, qty: 3, changes: ["qty_exceeds_stock"], max_qty: 2 })]);

    const { cookie } = await browserSession(shopper);
    const page = await (await api("/cart", { headers: { cookie } })).text();
    expect(page).toContain("Only 2 can be bought in one order now: lower the quantity to check out.");
    expect(page).not.toContain("Proceed to checkout");

    expect((await put(2)).status).toBe(200);
    const fine = (await (await api("/api/cart", { headers: shopper.headers })).json()) as CartJson;
    expect(fine.items).toEqual([expect.objectContaining({ qty: 2, changes: [], max_qty: null })]);
    expect(await (await api("/cart", { headers: { cookie } })).text()).toContain("Proceed to checkout");
  });
});
