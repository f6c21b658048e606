import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { setAvailable } from "../../workers/inventory/ledger";
import { dayAndTime } from "../../workers/pages/format";
import { stockedListing } from "../checkout/support";
import { createDealViaApi, dealSetup } from "../deals/helpers";
import { createTestUser } from "../helpers/accounts";
import { browserSession, drawnForm, postForm } from "../helpers/forms";
import { ORIGIN, api, readerText } from "../helpers/http";
import { save, savedRows } from "./support";

describe("wishlist pages", () => {
  it("draws the shared product page's Save button the same for everyone, saved or not", async () => {
    const f = await stockedListing();
    const user = await createTestUser();
    await save(user, f.productId);
    const { cookie } = await browserSession(user);
    const res = await api(`/products/${f.productId}`, { headers: { cookie } });
    expect(res.headers.get("cache-control")).toMatch(/^public/);
    const html = await res.text();
    const toggle = drawnForm(html, "data-wishlist-toggle");
    expect(toggle).toEqual({ action: "/wishlist/save", fields: { product_id: f.productId } });
    expect(html).toMatch(/<button type="submit">Save<\/button>/);
    expect(html).not.toContain("Saved");
    expect(html).toContain('src="/static/wishlist.js"');
  });

  it("words a sold-out product page's Save button as a notice of its return, the same for everyone", async () => {
    const soldOut = await stockedListing(0);
    const inStock = await stockedListing(10);
    const user = await createTestUser();
    await save(user, soldOut.productId);
    const { cookie } = await browserSession(user);
    const res = await api(`/products/${soldOut.productId}`, { headers: { cookie } });
    expect(res.headers.get("cache-control")).toMatch(/^public/);
    const html = await res.text();
    // Pressing it saves the product, as Save does.
    expect(drawnForm(html, "data-wishlist-toggle")).toEqual({ action: "/wishlist/save", fields: { product_id: soldOut.productId } });
    const button = readerText(html.match(/<form[^>]*data-wishlist-toggle[\s\S]*?<\/form>/)?.[0] ?? "").trim();
    expect(button).toBe("Notify me when it's back");
    expect(html).toContain('data-label="Notify me when it&#39;s back"');

    const stocked = await (await api(`/products/${inStock.productId}`, { headers: { cookie } })).text();
    expect(readerText(stocked.match(/<form[^>]*data-wishlist-toggle[\s\S]*?<\/form>/)?.[0] ?? "").trim()).toBe("Save");
    expect(stocked).not.toContain("Notify me when it");
  });

  it("saves without scripts through the personal save page, and lists and removes it on /wishlist", async () => {
    const f = await stockedListing(10, 129900);
    const user = await createTestUser();
    const { cookie } = await browserSession(user);
    const page = await api(`/wishlist/save?product_id=${f.productId}`, { headers: { cookie } });
    expect(page.headers.get("cache-control")).toBe("private, no-store");
    const form = drawnForm(await page.text(), 'action="/wishlist/items"');
    expect(form.fields._csrf).not.toBe("");
    const saved = await postForm(form.action, form.fields, cookie);
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe(`/wishlist/save?product_id=${f.productId}&done=saved`);
    const after = readerText(await (await api(saved.headers.get("location")!, { headers: { cookie } })).text());
    expect(after).toContain("Saved to your wishlist");
    expect(await savedRows(user.id)).toBe(1);

    await env.DB.prepare("UPDATE listings SET price = 99900 WHERE id = ?").bind(f.listingId).run();
    await env.DB.prepare("UPDATE products SET price = 99900 WHERE id = ?").bind(f.productId).run();
    const listHtml = await (await api("/wishlist", { headers: { cookie } })).text();
    const list = readerText(listHtml);
    expect(list).toContain("Test Phone 5G (8GB RAM, 128GB)");
    expect(list).toContain("₹999");
    expect(list).toContain("Price dropped from ₹1,299");
    expect(list).toContain("In stock");
    expect(listHtml).toContain(`<a href="/products/${f.productId}">`);
    expect(drawnForm(listHtml, "data-add-to-cart").fields).toMatchObject({ listing_id: f.listingId, qty: "1" });

    const remove = drawnForm(listHtml, 'action="/wishlist/items/remove"');
    const removed = await postForm(remove.action, remove.fields, cookie);
    expect(removed.status).toBe(303);
    expect(removed.headers.get("location")).toBe("/wishlist?done=removed");
    expect(await savedRows(user.id)).toBe(0);
    const empty = readerText(await (await api("/wishlist?done=removed", { headers: { cookie } })).text());
    expect(empty).toContain("Removed from your wishlist.");
    expect(empty).toContain("Nothing saved yet.");
  });

  it("refuses a form post without the session's CSRF token, saving nothing", async () => {
    const f = await stockedListing();
    const user = await createTestUser();
    const { cookie } = await browserSession(user);
    const res = await postForm("/wishlist/items", { product_id: f.productId }, cookie);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("Nothing was changed");
    expect(await savedRows(user.id)).toBe(0);
  });

  it("sends a guest who presses Save to sign in, and back to the save page", async () => {
    const f = await stockedListing();
    const guestGet = (path: string) => exports.default.fetch(new Request(`${ORIGIN}${path}`, { redirect: "manual" }));
    const res = await guestGet(`/wishlist/save?product_id=${f.productId}`);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/signin?next=${encodeURIComponent(`/wishlist/save?product_id=${f.productId}`)}`);
    const list = await guestGet("/wishlist");
    expect(list.status).toBe(303);
    expect(list.headers.get("location")).toBe("/signin?next=%2Fwishlist");
  });

  it("shows when a saved product's deal opens, that a deal is live, and sold out", async () => {
    const upcoming = await dealSetup();
    const live = await dealSetup();
    const gone = await stockedListing(2);
    const user = await createTestUser();
    for (const id of [upcoming.fixture.productId, live.fixture.productId, gone.productId]) await save(user, id);
    const startsAt = new Date(Date.now() + 3_600_000).toISOString();
    const upcomingId = await createDealViaApi(upcoming, { starts_at: startsAt, ends_at: new Date(Date.now() + 7_200_000).toISOString() });
    const liveId = await createDealViaApi(live, { starts_at: new Date(Date.now() + 200).toISOString() });
    await setAvailable(env.DB, { skuId: gone.listingId, warehouseId: gone.warehouseId, available: 0, ref: `gone-${gone.listingId}` });
    await new Promise((r) => setTimeout(r, 250));
    const { cookie } = await browserSession(user);
    const html = await (await api("/wishlist", { headers: { cookie } })).text();
    const text = readerText(html);
    expect(text).toContain(`Deal opens ${dayAndTime(startsAt)} IST at ₹999`);
    expect(dayAndTime(startsAt)).toMatch(/^[A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2}, \d{1,2}:\d{2} [ap]m$/);
    expect(html).toContain(`href="/deals/${upcomingId}"`);
    expect(text).toContain("Deal live now at ₹999");
    expect(html).toMatch(new RegExp(`<a class="button primary" href="/deals/${liveId}">Get the deal</a>`));
    expect(text).toContain("Sold out");
  });

  it("links the wishlist from the signed-in header and the account page", async () => {
    const user = await createTestUser();
    const { cookie } = await browserSession(user);
    const html = await (await api("/account", { headers: { cookie } })).text();
    expect(html).toMatch(/<a href="\/wishlist" data-signed-in="true">Wishlist<\/a>/);
    expect(html).toContain('<a href="/wishlist">Your wishlist</a>');
  });
});
