import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createTestUser } from "../helpers/accounts";
import { browserSession } from "../helpers/forms";
import { api } from "../helpers/http";
import { createDealViaApi, dealSetup } from "../deals/helpers";
import { seedOrder } from "../orders/seed";
import { checkout } from "./support";

type CartJson = {
  items: Array<{
    listing_id: string;
    qty: number;
    deal_id: string | null;
    changes: string[];
    max_qty: number | null;
    deal_limit: { per_shopper: number; ordered: number } | null;
    counted_qty?: number;
  }>;
  totals?: { items: number; not_included: { items: number; qty_exceeds_limit: number } };
};

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
    // The total counts the two the deal lets the shopper buy, and says what it leaves out.
    expect(cart.items[0]?.counted_qty).toBe(2);
    expect(cart.totals).toMatchObject({ items: 2, not_included: { items: 1, qty_exceeds_limit: 1 } });

    const { cookie } = await browserSession(shopper);
    const page = await (await api("/cart", { headers: { cookie } })).text();
    expect(page).toContain("This deal allows 2 per shopper: lower the quantity to check out.");
    expect(page).toContain("Not included: 1 item is over the deal&#39;s limit per shopper.");
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

  it("leaves a shopper who has ordered some of the deal what is left of its limit, and says so; a cancelled order gives its units back", async () => {
    const s = await dealSetup(20);
    const dealId = await createDealViaApi(s, { units: 10, per_user_limit: 2, starts_at: new Date(Date.now() + 200).toISOString() });
    await scheduler.wait(300);
    const shopper = await createTestUser();
    const line = { sellerId: s.fixture.sellerId, listingId: s.fixture.listingId, productId: s.fixture.productId, dealId };
    await seedOrder({ userId: shopper.id, status: "confirmed", confirmed: true, at: new Date().toISOString(), lines: [line] });
    const cancelled = await seedOrder({ userId: shopper.id, status: "cancelled", at: new Date().toISOString(), lines: [line] });
    await env.DB.prepare(
      "INSERT INTO order_transitions (order_id, from_status, to_status, actor, reason, at) VALUES (?, 'confirmed', 'cancelled', 'shopper:x', 'test', ?)",
    )
      .bind(cancelled, new Date().toISOString())
      .run();

    const put = (qty: number) => api(`/api/cart/items/${s.fixture.listingId}`, { method: "PUT", headers: shopper.headers, body: { qty } });
    expect((await put(2)).status).toBe(200);
    const cart = (await (await api("/api/cart", { headers: shopper.headers })).json()) as CartJson;
    expect(cart.items).toEqual([
      expect.objectContaining({ qty: 2, changes: ["qty_exceeds_limit"], max_qty: 1, deal_limit: { per_shopper: 2, ordered: 1 } }),
    ]);
    const { cookie } = await browserSession(shopper);
    const page = await (await api("/cart", { headers: { cookie } })).text();
    expect(page).toContain("This deal allows 2 per shopper, and your orders have 1 of it: lower the quantity to 1 to check out.");
    expect(page).not.toContain("Proceed to checkout");

    const refused = await checkout(shopper, crypto.randomUUID());
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({
      detail: "A deal in your cart allows 2 per shopper, and your orders have 1 of it: lower the quantity to 1 to place the order.",
      changes: [{ change: "qty_exceeds_limit", qty: 2, max_qty: 1, per_shopper: 2, ordered: 1 }],
    });

    expect((await put(1)).status).toBe(200);
    const fine = (await (await api("/api/cart", { headers: shopper.headers })).json()) as CartJson;
    expect(fine.items).toEqual([expect.objectContaining({ qty: 1, changes: [], max_qty: null })]);
  });
});
