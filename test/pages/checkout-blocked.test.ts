import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { checkout, stockedListing } from "../checkout/support";
import { createTestUser } from "../helpers/accounts";
import { browserSession } from "../helpers/forms";
import { api } from "../helpers/http";

/** A signed-in browser whose cart holds `qty` of a listing with `available` units in stock. */
async function shopperWanting(qty: number, available: number) {
  const user = await createTestUser();
  const f = await stockedListing(available);
  const put = await api(`/api/cart/items/${f.listingId}`, { method: "PUT", headers: user.headers, body: { qty } });
  expect(put.status).toBe(200);
  return { user, f, ...(await browserSession(user)) };
}

const page = async (path: string, cookie: string) => {
  const res = await api(path, { headers: { cookie } });
  expect(res.status).toBe(200);
  return res.text();
};

describe("a cart line wanting more than can be bought", () => {
  it("is not offered to checkout, on the cart or at checkout, until its quantity is lowered", async () => {
    const { user, f, cookie } = await shopperWanting(5, 2);
    const cart = await page("/cart", cookie);
    expect(cart).toContain("Only 2 can be bought in one order now: lower the quantity to check out.");
    expect(cart).toContain(`<p data-checkout-blocked="true">Lower the quantities marked to check out.</p>`);
    expect(cart).not.toContain("Proceed to checkout");

    const checkout = await page("/checkout", cookie);
    expect(checkout).toContain(
      '<p class="panel error" role="alert" data-checkout-blocked="true">Lower the quantities marked to check out. <a href="/cart">Change them in your cart</a>.</p>',
    );
    expect(checkout).not.toContain("data-submit");

    const lowered = await api(`/api/cart/items/${f.listingId}`, { method: "PUT", headers: user.headers, body: { qty: 2 } });
    expect(lowered.status).toBe(200);
    expect(await page("/cart", cookie)).toContain("Proceed to checkout");
    const again = await page("/checkout", cookie);
    expect(again).toContain("data-submit");
    expect(again).not.toContain("data-checkout-blocked");
  });

  it("names both fixes when another line is sold out too", async () => {
    const { user, cookie } = await shopperWanting(3, 1);
    const gone = await stockedListing(0);
    await api(`/api/cart/items/${gone.listingId}`, { method: "PUT", headers: user.headers, body: { qty: 1 } });
    expect(await page("/cart", cookie)).toContain("Remove sold-out items and lower the quantities marked to check out.");
  });

  it("says a line its seller took off sale is no longer on sale, not sold out, on the cart and at checkout", async () => {
    const { user, f, cookie } = await shopperWanting(1, 5);
    await env.DB.prepare("UPDATE listings SET active = 0 WHERE id = ?").bind(f.listingId).run();
    const cart = await page("/cart", cookie);
    expect(cart).toContain("No longer on sale: remove it to check out.");
    expect(cart).toContain("Remove items no longer on sale to check out.");
    expect(cart).not.toContain("Availability unknown");
    expect(cart).not.toContain("sold-out");
    const refused = await checkout(user, crypto.randomUUID());
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { detail: string }).detail).toBe("Some items are no longer on sale.");
  });
});
