import { beforeAll, describe, expect, it } from "vitest";
import { createTestUser, type TestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { browserSession, checkoutFields, postForm } from "../helpers/forms";
import { createDealViaApi, type DealSetup, dealSetup } from "../deals/helpers";
import { admittedShopper, dealCheckout } from "../checkout/deal-support";

/** A shopper with the live deal's listing in their cart, put there without passing the waiting room. */
async function shopperWithDealLine(): Promise<{ user: TestUser; cookie: string; csrf: string }> {
  const user = await createTestUser();
  const put = await api(`/api/cart/items/${setup.fixture.listingId}`, { method: "PUT", headers: user.headers, body: { qty: 1 } });
  expect(put.status).toBe(200);
  return { user, ...(await browserSession(user)) };
}

let setup: DealSetup;
let dealId: string;

beforeAll(async () => {
  setup = await dealSetup(20);
  dealId = await createDealViaApi(setup, { starts_at: new Date(Date.now() + 800).toISOString() });
  await new Promise((r) => setTimeout(r, 1_200));
});

describe("a live flash deal from product page to checkout", () => {
  it("sends shoppers from the product page's buy box to the deal's waiting room, not into the cart", async () => {
    const html = await (await api(`/products/${setup.fixture.productId}`)).text();
    const buyBox = html.slice(html.indexOf('aria-label="Buy box"'), html.indexOf("</section>", html.indexOf('aria-label="Buy box"')));
    expect(buyBox).toContain(`href="/deals/${dealId}"`);
    expect(buyBox).not.toContain('action="/cart/add"');
    expect(html).not.toContain(`name="listing_id" value="${setup.fixture.listingId}"`);
  });

  it("marks a deal line in the cart and links it to the deal's waiting room", async () => {
    const { cookie } = await shopperWithDealLine();
    const html = await (await api("/cart", { headers: { cookie } })).text();
    expect(html).toContain(`data-deal-id="${dealId}"`);
    expect(html).toContain(`href="/deals/${dealId}"`);
    expect(html).toContain("needs your turn from its waiting room");
  });

  it("answers a deal checkout without an admission with the way to the waiting room", async () => {
    const { user, cookie, csrf } = await shopperWithDealLine();
    const apiRes = await api("/api/checkout", {
      headers: { ...user.headers, "idempotency-key": crypto.randomUUID() },
      body: {
        address: { name: "A", phone: "9876543210", line1: "x", city: "y", state: "Karnataka", pincode: "560001" },
        payment_method: "upi",
      },
    });
    expect(apiRes.status).toBe(400);
    expect(((await apiRes.json()) as { deal_id?: string }).deal_id).toBe(dealId);

    const res = await postForm("/checkout", checkoutFields(csrf), cookie);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(`data-admission-refused="${dealId}"`);
    expect(html).toContain(`href="/deals/${dealId}"`);
    expect(html).toContain("is a flash deal: it is checked out with your turn from the deal&#39;s waiting room.");
    expect(html).not.toContain("This deal needs the admission token");
    // The form tells checkout.js which deals to look for a stored admission for.
    expect(html).toContain(`data-deal-ids="${dealId}"`);
  });

  it("answers an admission that ran out with the way back to the waiting room, and does not send it again", async () => {
    const { cookie, csrf } = await shopperWithDealLine();
    const res = await postForm("/checkout", checkoutFields(csrf, { admission_token: "adm.expired-or-forged" }), cookie);
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain(`href="/deals/${dealId}"`);
    expect(html).toContain("has run out, or was given to another account");
    expect(html).not.toContain('name="admission_token"');
  });

  it("marks a deal line on the order page and links every line to its product", async () => {
    const { user, dealId } = await admittedShopper();
    const res = await dealCheckout(user, dealId);
    expect(res.status).toBe(201);
    const { order_id } = (await res.json()) as { order_id: string };
    const order = (await (await api(`/api/orders/${order_id}`, { headers: user.headers })).json()) as {
      items: { product_id: string; title: string }[];
    };
    const [line] = order.items;
    const page = await (await api(`/orders/${order_id}`, { headers: user.headers })).text();
    const items = /<ul class="order-items"[^>]*>([\s\S]*?)<\/ul>/.exec(page)?.[1] ?? "";
    expect(items).toContain('<span class="tag">Flash deal</span>');
    expect(items).toContain(`<a href="/products/${line?.product_id}">${line?.title}</a>`);
  });
});
