import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { lineChanges } from "../../workers/pages/cart";
import { createTestUser, type TestUser } from "../helpers/accounts";
import { api, ORIGIN, readerText } from "../helpers/http";
import { browserSession, checkoutFields, drawnForm, postForm } from "../helpers/forms";
import { stockedListing } from "../checkout/support";
import { createDealViaApi, dealSetup } from "../deals/helpers";

async function cartQty(user: TestUser, listingId: string): Promise<number> {
  const cart = (await (await api("/api/cart", { headers: user.headers })).json()) as { items: { listing_id: string; qty: number }[] };
  return cart.items.find((i) => i.listing_id === listingId)?.qty ?? 0;
}

describe("page forms with a cookie session", () => {
  it("changes the cart through the plain form with the page's CSRF token, and refuses a post without it", async () => {
    const user = await createTestUser();
    const f = await stockedListing(10);
    const { cookie, csrf } = await browserSession(user);
    expect(csrf.length).toBeGreaterThan(20);

    const forged = await postForm("/cart/items", { listing_id: f.listingId, qty: "3" }, cookie);
    expect(forged.status).toBe(403);
    expect(await cartQty(user, f.listingId)).toBe(0);

    const res = await postForm("/cart/items", { listing_id: f.listingId, qty: "3", _csrf: csrf }, cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/cart");
    expect(await cartQty(user, f.listingId)).toBe(3);
  });

  it("adds on top of the cart by form, and says so when one order's limit of 10 cut the quantity", async () => {
    const user = await createTestUser();
    const f = await stockedListing(30);
    const { cookie, csrf } = await browserSession(user);
    const add = (qty: string) => postForm("/cart/items", { listing_id: f.listingId, qty, mode: "add", _csrf: csrf }, cookie);
    const first = await add("8");
    expect(first.headers.get("location")).toBe("/cart");
    const capped = await add("5");
    expect(capped.headers.get("location")).toBe("/cart?capped=1");
    expect(await cartQty(user, f.listingId)).toBe(10);
    const page = await (await api("/cart?capped=1", { headers: { cookie } })).text();
    expect(page).toContain("Your cart holds 10 of it now: one order takes at most 10 of an item.");
  });

  it("checks out by form post: a bad PIN code is a 400 naming the field and places nothing; a good one goes to the payment page", async () => {
    const user = await createTestUser();
    const f = await stockedListing(10);
    const { cookie, csrf } = await browserSession(user);
    await postForm("/cart/items", { listing_id: f.listingId, qty: "1", _csrf: csrf }, cookie);
    const fields = checkoutFields(csrf, { pincode: "12345" });
    const bad = await postForm("/checkout", fields, cookie);
    expect(bad.status).toBe(400);
    const refused = await bad.text();
    expect(refused).toContain("Enter a 6-digit PIN code");
    // Said at the top where the page opens, and the field to fix takes the focus, so a phone scrolls to it.
    expect(refused).toMatch(
      /<p class="panel error" role="alert" data-form-problem="true">\s*Your order was not placed: correct the field marked\s+below\.\s*<\/p>/,
    );
    expect(refused.match(/<input[^>]*\bautofocus=""[^>]*>/g)).toEqual([expect.stringContaining('name="pincode"')]);
    const none = (await (await api("/api/orders", { headers: user.headers })).json()) as { items: unknown[] };
    expect(none.items).toEqual([]);

    const good = await postForm("/checkout", { ...fields, pincode: "560001" }, cookie);
    expect(good.status).toBe(303);
    expect(good.headers.get("location")).toMatch(/\/psp-sandbox\/pay\//);
    const placed = (await (await api("/api/orders", { headers: user.headers })).json()) as { items: unknown[] };
    expect(placed.items).toHaveLength(1);
  });
});

describe("a stale form", () => {
  it("gets a page saying the form expired, with a link back, when signing in elsewhere changed its token; the API keeps its problem", async () => {
    const user = await createTestUser();
    const f = await stockedListing(10);
    const { cookie } = await browserSession(user);
    // The cart page was loaded as a guest (no token), then the shopper signed in from another tab.
    const res = await exports.default.fetch(
      new Request(`${ORIGIN}/cart/items`, {
        method: "POST",
        redirect: "manual",
        headers: {
          cookie,
          origin: ORIGIN,
          referer: `${ORIGIN}/cart`,
          "sec-fetch-site": "same-origin",
          accept: "text/html",
          "content-type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({ listing_id: f.listingId, qty: "1", _csrf: "" }).toString(),
      }),
    );
    expect(res.status).toBe(403);
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = await res.text();
    expect(html).toContain("This form expired; reload the page and try again.");
    expect(html).toContain('href="/cart"');
    expect(html).not.toContain("x-csrf-token");
    expect(await cartQty(user, f.listingId)).toBe(0);

    const apiRes = await api(`/api/cart/items/${f.listingId}`, {
      method: "PUT",
      headers: { cookie, origin: ORIGIN, "sec-fetch-site": "same-origin", "x-csrf-token": "stale" },
      body: { qty: 1 },
    });
    expect(apiRes.status).toBe(403);
    expect(apiRes.headers.get("content-type")).toContain("application/problem+json");
    expect(((await apiRes.json()) as { detail: string }).detail).toContain("x-csrf-token");
  });

  it("links back to where the form lives when the browser sends no Referer, not to the home page", async () => {
    const { cookie } = await browserSession(await createTestUser());
    for (const [action, back] of [
      ["/seller/listings", "/seller"],
      ["/orders/ord_anything/cancel", "/orders/ord_anything"],
    ]) {
      const res = await exports.default.fetch(
        new Request(`${ORIGIN}${action}`, {
          method: "POST",
          redirect: "manual",
          headers: {
            cookie,
            origin: ORIGIN,
            "sec-fetch-site": "same-origin",
            accept: "text/html",
            "content-type": "application/x-www-form-urlencoded",
          },
          body: new URLSearchParams({ _csrf: "stale" }).toString(),
        }),
      );
      expect(res.status).toBe(403);
      const html = await res.text();
      expect(html).toContain("This form expired; reload the page and try again.");
      expect(html).toContain(`href="${back}"`);
    }
  });
});

describe("checkout refusals", () => {
  it("tells the shopper which price changed, in rupees, and places nothing", async () => {
    const user = await createTestUser();
    const f = await stockedListing(10, 129900);
    const { cookie, csrf } = await browserSession(user);
    await postForm("/cart/items", { listing_id: f.listingId, qty: "1", _csrf: csrf }, cookie);
    await env.DB.prepare("UPDATE listings SET price = 150000 WHERE id = ?").bind(f.listingId).run();
    const res = await postForm("/checkout", checkoutFields(csrf), cookie);
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain("the price went up from ₹1,299 to ₹1,500.");
    expect(html).toContain("Review your cart");
    const orders = (await (await api("/api/orders", { headers: user.headers })).json()) as { items: unknown[] };
    expect(orders.items).toEqual([]);
  });

  it("places the order at a new price the checkout page already showed, without bouncing the shopper once first", async () => {
    const user = await createTestUser();
    const f = await stockedListing(10, 129900);
    const { cookie, csrf } = await browserSession(user);
    await postForm("/cart/items", { listing_id: f.listingId, qty: "1", _csrf: csrf }, cookie);
    await env.DB.prepare("UPDATE listings SET price = 99900 WHERE id = ?").bind(f.listingId).run();
    const page = await (await api("/checkout", { headers: { cookie } })).text();
    expect(page).toContain("Place order and pay ₹999");
    const form = drawnForm(page, "data-checkout");
    expect(form.fields.expected_total).toBe("99900");
    const res = await postForm(
      "/checkout",
      { ...form.fields, ...checkoutFields(csrf, { idempotency_key: form.fields.idempotency_key ?? "" }) },
      cookie,
    );
    expect(res.status).toBe(303);
    const orders = (await (await api("/api/orders", { headers: user.headers })).json()) as { items: Array<{ total: number }> };
    expect(orders.items.map((o) => o.total)).toEqual([99900]);
  });
});

describe("deal page", () => {
  it("shows the deal with its product, price and waiting room, cacheable for a moment at the edge", async () => {
    const setup = await dealSetup(20);
    const id = await createDealViaApi(setup, { deal_price: 99900, starts_at: new Date(Date.now() + 600_000).toISOString() });
    const res = await api(`/deals/${id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("s-maxage=2");
    const html = await res.text();
    expect(html).toContain("Test Phone 5G (8GB RAM, 128GB)");
    expect(html).toContain("₹999");
    expect(html).toContain("Coming up");
    expect(html).toContain(`data-deal-id="${id}"`);
    expect(html).toContain("Join the waiting room");
  });

  it("says a deal ended early has ended, with a way to its product, rather than that it does not exist", async () => {
    const setup = await dealSetup(20);
    const id = await createDealViaApi(setup, { deal_price: 99900 });
    const ended = await api(`/api/admin/deals/${id}/end`, { method: "POST", headers: setup.manager.headers });
    expect(ended.status).toBe(200);
    const read = await api(`/api/deals/${id}`);
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ id, status: "ended", product_id: setup.fixture.productId });
    const res = await api(`/deals/${id}`);
    expect(res.status).toBe(200);
    const text = readerText(await res.text());
    expect(text).toContain("This deal has ended.");
    expect(text).toContain("See it at its price now");
    expect(text).not.toContain("Join the waiting room");
    expect(text).not.toContain("Deal not found");
  });

  it("answers an unknown deal with a 404 page", async () => {
    const res = await api("/deals/deal_nope");
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("There is no such deal.");
  });
});

describe("cart changes in words", () => {
  it("turns the cart API's change codes into sentences a shopper can act on", () => {
    expect(lineChanges({ listing_id: "l", qty: 1, price: 45000, price_when_added: 50000, changes: ["price_down"] })).toEqual([
      "Price dropped from ₹500 to ₹450 since you added it.",
    ]);
    expect(
      lineChanges({ listing_id: "l", qty: 1, price: 20000, price_when_added: 20000, availability: "sold_out", changes: ["sold_out"] }),
    ).toEqual(["Now sold out: remove it to check out."]);
  });
});
