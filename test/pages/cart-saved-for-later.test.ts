import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { MAX_LINES } from "../../durable-objects/cart";
import { setAvailable } from "../../workers/inventory/ledger";
import { money } from "../../workers/pages/format";
import { type TestUser, createTestUser } from "../helpers/accounts";
import { type Fixture, createListingFixture } from "../helpers/catalog";
import { browserSession, drawnForm, postForm } from "../helpers/forms";
import { api, readerText } from "../helpers/http";

/** A listing in stock with a title of its own, so its buttons can be told from another's. */
async function titled(title: string, price: number, available = 10): Promise<Fixture> {
  const f = await createListingFixture({ title, price });
  await setAvailable(env.DB, { skuId: f.listingId, warehouseId: f.warehouseId, available, ref: `count-${f.listingId}` });
  return f;
}

async function cartOf(user: TestUser) {
  return (await (await api("/api/cart", { headers: user.headers })).json()) as {
    items: Array<{ listing_id: string; qty: number }>;
    saved: Array<{ listing_id: string; qty: number }>;
  };
}

async function inCart(user: TestUser, f: Fixture, qty = 1): Promise<void> {
  expect((await api(`/api/cart/items/${f.listingId}`, { method: "PUT", headers: user.headers, body: { qty } })).status).toBe(200);
}

const cartPage = async (cookie: string, query = "") => (await api(`/cart${query}`, { headers: { cookie } })).text();

describe("the cart page's Saved for later", () => {
  it("gives each line a Save for later button naming its product, and lists what it saved under the cart", async () => {
    const kettle = await titled("Steel Kettle 1.5 L", 89900);
    const lamp = await titled("Desk Lamp LED", 45000);
    const user = await createTestUser();
    await inCart(user, kettle, 2);
    await inCart(user, lamp);
    const { cookie } = await browserSession(user);
    const page = await cartPage(cookie);
    expect(page).not.toContain("Saved for later (");
    // Both at ₹1,499 MRP: the kettles save ₹600 each and the lamp ₹1,049.
    expect(readerText(page)).toContain(`You save ${money(2 * 60000 + 104900)}`);
    for (const title of ["Steel Kettle 1.5 L", "Desk Lamp LED"]) {
      expect(page).toContain(`Save for later<span class="visually-hidden">: ${title}</span>`);
      expect(page).toContain(`Remove<span class="visually-hidden"> ${title} from your cart</span>`);
    }

    const form = drawnForm(page, 'Save for later<span class="visually-hidden">: Steel Kettle 1.5 L');
    expect(form.action).toBe("/cart/save-for-later");
    const res = await postForm(form.action, form.fields, cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/cart?done=saved");

    const after = await cartPage(cookie, "?done=saved");
    const text = readerText(after);
    expect(text).toContain("Saved for later. It is listed under your cart.");
    expect(text).toContain("Saved for later (1)");
    // The kettle is out of the total, which is the lamp's alone, and listed below with its own price.
    expect(/data-cart-total[^>]*>([^<]+)</.exec(after)?.[1]).toBe(money(45000));
    expect(text).toContain(`You save ${money(104900)}`);
    const section = after.slice(after.indexOf('class="saved-for-later"'));
    expect(section).toContain(`<a href="/products/${kettle.productId}">Steel Kettle 1.5 L</a>`);
    expect(section).toContain(money(89900));
    expect(readerText(section)).toContain("Quantity 2");
    expect(section).toContain('Move to cart<span class="visually-hidden">: Steel Kettle 1.5 L</span>');
    expect(section).toContain('Remove<span class="visually-hidden"> Steel Kettle 1.5 L from your saved items</span>');
    expect(section).not.toContain("Desk Lamp LED");
  });

  it("still shows the saved list when the cart is empty, and Move to cart brings the line back with its quantity", async () => {
    const kettle = await titled("Steel Kettle 1.5 L", 89900);
    const user = await createTestUser();
    await inCart(user, kettle, 3);
    const { cookie, csrf } = await browserSession(user);
    expect((await postForm("/cart/save-for-later", { _csrf: csrf, listing_id: kettle.listingId }, cookie)).status).toBe(303);

    const page = await cartPage(cookie);
    expect(readerText(page)).toContain("Your cart is empty.");
    expect(readerText(page)).toContain("Saved for later (1)");
    const form = drawnForm(page, 'Move to cart<span class="visually-hidden">: Steel Kettle 1.5 L');
    expect(form.action).toBe("/cart/saved/move-to-cart");
    const res = await postForm(form.action, form.fields, cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/cart?done=moved-to-cart");
    expect(await cartOf(user)).toMatchObject({ items: [{ listing_id: kettle.listingId, qty: 3 }], saved: [] });
    const after = await cartPage(cookie, "?done=moved-to-cart");
    expect(readerText(after)).toContain("Moved to your cart.");
    expect(after).not.toContain("Saved for later (");
  });

  it("removes a saved item with its Remove button", async () => {
    const kettle = await titled("Steel Kettle 1.5 L", 89900);
    const user = await createTestUser();
    await inCart(user, kettle);
    const { cookie, csrf } = await browserSession(user);
    await postForm("/cart/save-for-later", { _csrf: csrf, listing_id: kettle.listingId }, cookie);
    const form = drawnForm(await cartPage(cookie), "from your saved items");
    expect(form.action).toBe("/cart/saved/remove");
    const res = await postForm(form.action, form.fields, cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/cart?done=removed-saved");
    expect(await cartOf(user)).toMatchObject({ items: [], saved: [] });
    expect(readerText(await cartPage(cookie, "?done=removed-saved"))).toContain("Removed from your saved items.");
  });

  it("says a saved item is sold out or no longer available, and offers only Remove for it", async () => {
    const gone = await titled("Withdrawn Toaster", 150000);
    const out = await titled("Sold Out Blender", 250000, 1);
    const user = await createTestUser();
    await inCart(user, gone);
    await inCart(user, out);
    const { cookie, csrf } = await browserSession(user);
    for (const f of [gone, out]) await postForm("/cart/save-for-later", { _csrf: csrf, listing_id: f.listingId }, cookie);
    await env.DB.prepare("UPDATE listings SET active = 0 WHERE id = ?").bind(gone.listingId).run();
    await env.DB.prepare("UPDATE inventory SET available = 0 WHERE sku_id = ?").bind(out.listingId).run();

    const section = (await cartPage(cookie)).split('class="saved-for-later"')[1] ?? "";
    const text = readerText(section);
    expect(text).toContain("Saved for later (2)");
    expect(text).toMatch(/Withdrawn Toaster No longer available/);
    expect(text).toMatch(/Sold Out Blender Sold out/);
    expect(section).not.toContain("/cart/saved/move-to-cart");
    expect(section.match(/from your saved items/g)).toHaveLength(2);
  });

  it("refuses Move to cart into a full cart with the reason, keeping the item saved", async () => {
    const kettle = await titled("Steel Kettle 1.5 L", 89900);
    const user = await createTestUser();
    await inCart(user, kettle);
    const { cookie, csrf } = await browserSession(user);
    await postForm("/cart/save-for-later", { _csrf: csrf, listing_id: kettle.listingId }, cookie);
    const stub = env.CART.getByName(`user:${user.id}`);
    for (let i = 0; i < MAX_LINES; i++) await stub.setQty(`lst_full_${i}`, 1, 10000);

    const res = await postForm("/cart/saved/move-to-cart", { _csrf: csrf, listing_id: kettle.listingId }, cookie);
    expect(res.status).toBe(409);
    expect(readerText(await res.text())).toContain(`Your cart is full (${MAX_LINES} items)`);
    const cart = await cartOf(user);
    expect(cart.saved.map((s) => s.listing_id)).toEqual([kettle.listingId]);
    expect(cart.items).toHaveLength(MAX_LINES);
  });

  it("works for a guest, and refuses a signed-in post without the page's CSRF token", async () => {
    const kettle = await titled("Steel Kettle 1.5 L", 89900);
    const first = await api(`/api/cart/items/${kettle.listingId}`, { method: "PUT", body: { qty: 1 } });
    const guestCookie = (first.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const form = drawnForm(await cartPage(guestCookie), 'Save for later<span class="visually-hidden">: Steel Kettle 1.5 L');
    expect((await postForm(form.action, form.fields, guestCookie)).status).toBe(303);
    expect(readerText(await cartPage(guestCookie))).toContain("Saved for later (1)");

    const user = await createTestUser();
    await inCart(user, kettle);
    const { cookie } = await browserSession(user);
    const forged = await postForm("/cart/save-for-later", { listing_id: kettle.listingId }, cookie);
    expect(forged.status).toBe(403);
    expect(await cartOf(user)).toMatchObject({ items: [{ listing_id: kettle.listingId }], saved: [] });
  });

  it("answers a form naming no listing with 400 and changes nothing", async () => {
    const kettle = await titled("Steel Kettle 1.5 L", 89900);
    const user = await createTestUser();
    await inCart(user, kettle);
    const { cookie, csrf } = await browserSession(user);
    for (const path of ["/cart/save-for-later", "/cart/saved/move-to-cart", "/cart/saved/remove"]) {
      expect((await postForm(path, { _csrf: csrf }, cookie)).status).toBe(400);
      expect((await postForm(path, { _csrf: csrf, listing_id: "bad id" }, cookie)).status).toBe(400);
    }
    expect(await cartOf(user)).toMatchObject({ items: [{ listing_id: kettle.listingId }], saved: [] });
  });
});
