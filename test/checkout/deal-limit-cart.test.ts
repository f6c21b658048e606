import { describe, expect, it } from "vitest";
import { createTestUser } from "../helpers/accounts";
import { browserSession } from "../helpers/forms";
import { api } from "../helpers/http";
import { createDealViaApi, dealSetup } from "../deals/helpers";
import { checkout } from "./support";

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
    expect(cart.items).toEqual([expect.objectContaining({ deal_id: dealId, qty: 3, changes: ["qty_exceeds_limit"], max_qty: 2 })]);

    const { cookie } = await browserSession(shopper);
    const page = await (await api("/cart", { headers: { cookie } })).text();
    expect(page).toContain("This deal allows 2 per shopper: lower the quantity to check out.");
    expect(page).not.toContain("Proceed to checkout");

    // Checkout says it is the deal's limit, not that anything sold out, and holds nothing.
    const refused = await checkout(shopper, crypto.randomUUID());
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({
      type: "/problems/deal-unavailable",
      detail: "A deal in your cart allows 2 per shopper: lower the quantity to place the order.",
      reason: "per_user_limit",
      changes: [{ listing_id: s.fixture.listingId, change: "qty_exceeds_limit", qty: 3, max_qty: 2 }],
    });

    expect((await put(2)).status).toBe(200);
    const fine = (await (await api("/api/cart", { headers: shopper.headers })).json()) as CartJson;
    expect(fine.items).toEqual([expect.objectContaining({ qty: 2, changes: [], max_qty: null })]);
    expect(await (await api("/cart", { headers: { cookie } })).text()).toContain("Proceed to checkout");
  });
});
