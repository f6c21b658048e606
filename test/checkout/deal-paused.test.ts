import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { buildProductDoc, renderProductView } from "../../workers/catalog/product-view";
import { dealTag } from "../../workers/pages/components";
import { createTestUser } from "../helpers/accounts";
import { api, readerText } from "../helpers/http";
import { createDealViaApi, dealSetup } from "../deals/helpers";
import { admissionFor, checkoutFrom } from "./deal-support";
import { save, wishlistOf } from "../wishlist/support";
import { browserSession } from "../helpers/forms";

type Problem = { type: string; reason?: string };

/** A live deal at ₹999 on a ₹1,299 listing, a shopper holding one of its units on the deal page, and the deal then paused. */
async function pausedWithAHolder() {
  const s = await dealSetup(20);
  const dealId = await createDealViaApi(s, { units: 5, starts_at: new Date(Date.now() + 300).toISOString() });
  await scheduler.wait(400);
  const holder = await createTestUser();
  const token = await admissionFor(dealId, holder.id);
  await api(`/api/cart/items/${s.fixture.listingId}`, { method: "PUT", headers: holder.headers, body: { qty: 1 } });
  const held = await api(`/api/deals/${dealId}/hold`, { headers: holder.headers, body: { admission_token: token, qty: 1 } });
  expect(held.ok).toBe(true);
  expect((await api(`/api/admin/deals/${dealId}/pause`, { method: "POST", headers: s.manager.headers })).status).toBe(200);
  return { s, dealId, holder, token };
}

describe("a deal paused while shoppers are checking out", () => {
  it("keeps a held unit at the deal price: the holder's order goes through at it, not at the listing's", async () => {
    const { dealId, holder, token } = await pausedWithAHolder();
    const cart = (await (await api("/api/cart", { headers: holder.headers })).json()) as {
      items: Array<{ price: number; deal_id: string | null; changes: string[] }>;
    };
    expect(cart.items).toEqual([expect.objectContaining({ price: 99900, deal_id: dealId, changes: [] })]);

    const res = await checkoutFrom(holder, null, token);
    expect(res.status).toBe(201);
    const { order_id } = (await res.json()) as { order_id: string };
    const line = await env.DB.prepare("SELECT unit_price, deal_id FROM order_items WHERE order_id = ?").bind(order_id).first();
    expect(line).toEqual({ unit_price: 99900, deal_id: dealId });
  });

  it("tells an admitted shopper with no unit held that the deal is paused, and never sells them the listing at its own price", async () => {
    const { s, dealId } = await pausedWithAHolder();
    const other = await createTestUser();
    await api(`/api/cart/items/${s.fixture.listingId}`, { method: "PUT", headers: other.headers, body: { qty: 1 } });
    const token = await admissionFor(dealId, other.id);
    for (let attempt = 0; attempt < 2; attempt++) {
      const res = await checkoutFrom(other, null, token);
      expect(res.status).toBe(409);
      expect(await res.json()).toMatchObject({ type: "/problems/deal-unavailable", reason: "paused" } satisfies Problem);
    }
    const orders = await env.DB.prepare("SELECT COUNT(*) AS n FROM orders WHERE user_id = ?").bind(other.id).first();
    expect(orders).toEqual({ n: 0 });
  });

  it("shows the deal on its product page as paused, at the deal price, not the listing on sale at its own", async () => {
    const { s, dealId } = await pausedWithAHolder();
    const now = new Date().toISOString();
    const doc = await buildProductDoc(env.DB, s.fixture.productId, now);
    const deal = doc ? renderProductView(doc, now).deal : null;
    expect(deal).toMatchObject({ id: dealId, status: "paused", deal_price: 99900 });
    expect(dealTag({ ...deal!, status: "paused" })).toBe("Paused");
  });

  it("says on the page of a deal paused before it opens that it may not open on time, not that it is coming up", async () => {
    const s = await dealSetup(20);
    const dealId = await createDealViaApi(s, { units: 5, starts_at: new Date(Date.now() + 600_000).toISOString() });
    expect((await api(`/api/admin/deals/${dealId}/pause`, { method: "POST", headers: s.manager.headers })).status).toBe(200);
    const html = await (await api(`/deals/${dealId}`)).text();
    expect(html).toMatch(/<p class="tag"[^>]*>Paused<\/p>/);
    // What the page reads, not the words its script keeps for the tag once the deal runs again.
    expect(readerText(html)).not.toContain("Coming up");
    expect(html).toContain("The deal is paused, so it may not open at the time shown.");
  });

  it("says on the deal's page that it is paused and what joining now means", async () => {
    const { dealId } = await pausedWithAHolder();
    const html = await (await api(`/deals/${dealId}`)).text();
    expect(html).toContain(
      "The deal is paused for a moment. You can still join the waiting room: shoppers in it keep their places, and we let you in when it resumes.",
    );
    expect(html).not.toContain("we let you in automatically");
  });

  it("shows the deal on the wishlist as paused, bought through its page, not a plain Add to cart", async () => {
    const { s, dealId } = await pausedWithAHolder();
    const saver = await createTestUser();
    expect((await save(saver, s.fixture.productId)).ok).toBe(true);
    const [item] = await wishlistOf(saver);
    expect(item).toMatchObject({ deal: { id: dealId, status: "paused", deal_price: 99900 } });
    const { cookie } = await browserSession(saver);
    const html = await (await api("/wishlist", { headers: { cookie } })).text();
    expect(html).toContain(`<a href="/deals/${dealId}">Deal paused for a moment</a>`);
    expect(html).toContain(`<a class="button primary" href="/deals/${dealId}">Get the deal</a>`);
    expect(html).not.toContain(`name="listing_id" value="${s.fixture.listingId}"`);
  });
});
