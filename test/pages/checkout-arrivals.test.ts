import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { deliveryDateLabel, estimateDelivery } from "../../workers/delivery/estimate";
import { stockedListing } from "../checkout/support";
import { createTestUser } from "../helpers/accounts";
import { MIGRATED_HOLIDAYS } from "../helpers/courier-calendar";
import { browserSession, checkoutFields, postForm } from "../helpers/forms";
import { api } from "../helpers/http";
import { seedOrder } from "../orders/seed";
import { ASHA_ADDRESS } from "../helpers/addresses";

/** "Arrives by …" for a line sent now from the fixtures' Pune warehouse (placed at 411001) to `pincode`. */
const arrivesBy = (pincode: string) =>
  `Arrives by ${deliveryDateLabel(estimateDelivery("411001", pincode, new Date(), MIGRATED_HOLIDAYS).latest)} (from Pune)`;

/** A signed-in browser whose cart holds one line of a stocked listing and one of a listing sold out. */
async function shopperWithLines(saved?: Record<string, string>) {
  const user = await createTestUser();
  const stocked = await stockedListing(10);
  const soldOut = await stockedListing(0);
  for (const f of [stocked, soldOut]) {
    const put = await api(`/api/cart/items/${f.listingId}`, { method: "PUT", headers: user.headers, body: { qty: 1 } });
    expect(put.status).toBe(200);
  }
  if (saved) await seedOrder({ userId: user.id, status: "delivered", at: "2025-04-01T10:00:00.000Z", address: saved });
  return { user, ...(await browserSession(user)) };
}

describe("checkout's arrival dates", () => {
  it("says when each line arrives at the saved address's PIN code", async () => {
    const { cookie } = await shopperWithLines(ASHA_ADDRESS);
    const html = await (await api("/checkout", { headers: { cookie } })).text();
    expect(html).toContain(arrivesBy("560001"));
    expect(html).toContain("No warehouse has this to send to 560001 right now.");
  });

  it("says nothing of arrival before there is a PIN code, and says it once the form comes back with one", async () => {
    const { cookie, csrf } = await shopperWithLines();
    const fresh = await (await api("/checkout", { headers: { cookie } })).text();
    expect(fresh).not.toContain("Arrives by");
    // Sent back for a missing name, the form keeps the PIN code, and the lines say when they arrive there.
    const again = await postForm("/checkout", checkoutFields(csrf, { name: "", pincode: "411014" }), cookie);
    expect(again.status).toBe(400);
    expect(await again.text()).toContain(arrivesBy("411014"));
  });
});

/** The payment choice's cash on delivery option, as drawn. */
const codOption = (html: string) => /<input[^>]*value="cod"[^>]*>/.exec(html)?.[0] ?? "";

/** A signed-in browser whose cart holds `qty` of one stocked listing at `price` paise. */
async function shopperBuying(price: number, qty: number) {
  const user = await createTestUser();
  const f = await stockedListing(10, price);
  const put = await api(`/api/cart/items/${f.listingId}`, { method: "PUT", headers: user.headers, body: { qty } });
  expect(put.status).toBe(200);
  return { user, f, ...(await browserSession(user)) };
}

describe("checkout's cash on delivery", () => {
  it("is offered for a cart under ₹50,000", async () => {
    const { cookie } = await shopperBuying(4_999_999, 1);
    const html = await (await api("/checkout", { headers: { cookie } })).text();
    expect(codOption(html)).not.toContain("disabled");
    expect(html).not.toContain("Cash on delivery is available for orders under");
  });

  it("is shown but not offered for a cart of ₹50,000 or more, saying why", async () => {
    const { cookie } = await shopperBuying(2_500_000, 2);
    const html = await (await api("/checkout", { headers: { cookie } })).text();
    expect(codOption(html)).toContain("disabled");
    expect(html).toMatch(/<p id="cod-note" class="muted" data-cod-note="true">Cash on delivery is available for orders under ₹50,000<\/p>/);
  });

  it("posted anyway, is refused beside the payment choice, keeping what the shopper typed and placing nothing", async () => {
    const { user, cookie, csrf } = await shopperBuying(2_500_000, 2);
    const res = await postForm("/checkout", checkoutFields(csrf, { payment_method: "cod", line1: "14 Brigade Road" }), cookie);
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain(
      '<span class="field-error" id="payment_method-err">Cash on delivery is available for orders under ₹50,000.</span>',
    );
    expect(html).toContain('value="14 Brigade Road"');
    // Nothing is chosen for the shopper: they pick another way to pay.
    expect(html).not.toMatch(/<input[^>]*name="payment_method"[^>]*checked/);
    const orders = await env.DB.prepare("SELECT COUNT(*) AS n FROM orders WHERE user_id = ?").bind(user.id).first<{ n: number }>();
    expect(orders?.n).toBe(0);
  });
});

describe("checkout to a PIN code we cannot deliver to", () => {
  it("is sent back with the reason beside the PIN code, keeping the address", async () => {
    const { cookie, csrf } = await shopperBuying(129900, 1);
    const res = await postForm("/checkout", checkoutFields(csrf, { pincode: "930001" }), cookie);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(
      '<span class="field-error" id="pincode-err">PIN codes starting with 9 are Army Post Office addresses, which we cannot deliver to</span>',
    );
    expect(html).toContain('value="12 MG Road"');
  });

  it("marks each line for the page's script to answer a PIN code typed in", async () => {
    const { f, cookie } = await shopperBuying(129900, 1);
    const html = await (await api("/checkout", { headers: { cookie } })).text();
    expect(html).toContain(`<div data-arrival="true" data-product-id="${f.productId}" data-listing-id="${f.listingId}">`);
    expect(html).toContain('<script src="/static/checkout-delivery.js" type="module">');
  });
});
