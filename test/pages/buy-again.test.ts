import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { day } from "../../workers/pages/format";
import { stockedListing } from "../checkout/support";
import { createTestUser, type TestUser } from "../helpers/accounts";
import { createListingFixture } from "../helpers/catalog";
import { browserSession, drawnForm, postForm } from "../helpers/forms";
import { api, ORIGIN, readerText } from "../helpers/http";
import { seedOrder, timesFrom } from "../orders/seed";

const ORDERED_AT = "2025-11-14T06:00:00.000Z";

async function cartLines(user: TestUser): Promise<Array<[string, number]>> {
  const cart = (await (await api("/api/cart", { headers: user.headers })).json()) as { items: Array<{ listing_id: string; qty: number }> };
  return cart.items.map((i) => [i.listing_id, i.qty]);
}

/** Two steel kettles at `unitPrice`, as an order's line. */
const kettleLine = (kettle: Awaited<ReturnType<typeof stockedListing>>, unitPrice: number) => ({
  sellerId: kettle.sellerId,
  listingId: kettle.listingId,
  productId: kettle.productId,
  title: "Steel Kettle",
  qty: 2,
  unitPrice,
});

/** A delivered order of a kettle (now dearer), a mug (now sold out) and a phone bought in a deal that has ended. */
async function deliveredOrder(user: TestUser) {
  const kettle = await stockedListing(10, 150000);
  const mug = await createListingFixture({ price: 20000, title: "Sold Out Mug" });
  const phone = await stockedListing(10, 80000);
  const orderId = await seedOrder({
    userId: user.id,
    status: "delivered",
    at: ORDERED_AT,
    lines: [
      kettleLine(kettle, 140000),
      { sellerId: mug.sellerId, listingId: mug.listingId, productId: mug.productId, title: "Sold Out Mug", unitPrice: 20000 },
      {
        sellerId: phone.sellerId,
        listingId: phone.listingId,
        productId: phone.productId,
        title: "Deal Phone",
        unitPrice: 60000,
        dealId: "deal_over",
      },
    ],
  });
  return { orderId, kettle, mug, phone };
}

describe("Buy again on the pages", () => {
  it("without scripts: the order page's form fills the cart and lands on it, saying what went in and what did not", async () => {
    const user = await createTestUser();
    const { orderId, kettle, phone } = await deliveredOrder(user);
    const { cookie, csrf } = await browserSession(user);
    const page = await (await api(`/orders/${orderId}`, { headers: { cookie } })).text();
    const form = drawnForm(page, 'class="buy-again"');
    expect(form.action).toBe(`/orders/${orderId}/buy-again`);
    expect(form.fields._csrf).toBe(csrf);

    const res = await postForm(form.action, form.fields, cookie);
    expect(res.status).toBe(303);
    const landing = res.headers.get("location")!;
    expect(landing).toMatch(/^\/cart\?/);
    const cart = readerText(await (await api(landing, { headers: { cookie } })).text());
    expect(cart).toContain(`Added 2 items from your order of ${day(ORDERED_AT)}.`);
    expect(cart).toContain("Deal Phone: the deal price no longer applies; it is in your cart at today's price.");
    expect(cart).toContain("Not added: Sold Out Mug (sold out now).");
    expect((await cartLines(user)).sort()).toEqual(
      [
        [kettle.listingId, 2],
        [phone.listingId, 1],
      ].sort(),
    );

    // Pressed again (a double click): the same cart.
    expect((await postForm(form.action, form.fields, cookie)).status).toBe(303);
    expect((await cartLines(user)).sort()).toEqual(
      [
        [kettle.listingId, 2],
        [phone.listingId, 1],
      ].sort(),
    );
  });

  it("after a failed payment, the notice saying so puts the order's items back in the cart", async () => {
    const user = await createTestUser();
    const kettle = await stockedListing(10, 150000);
    const orderId = await seedOrder({
      userId: user.id,
      status: "payment_failed",
      at: ORDERED_AT,
      lines: [kettleLine(kettle, 150000)],
    });
    const { cookie } = await browserSession(user);
    const page = await (await api(`/orders/${orderId}`, { headers: { cookie } })).text();
    // The notice is shown, with its own button; the delivered orders' "Buy again" stays hidden.
    const at = page.indexOf('data-while-status="payment_failed"');
    expect(page.slice(page.lastIndexOf("<", at), page.indexOf(">", at))).not.toContain("hidden");
    const notice = page.slice(at, page.indexOf("</div>", at));
    expect(readerText(notice)).toContain("Nothing was charged.");
    expect(readerText(notice)).toContain("Put these items back in my cart");
    expect(page).toMatch(/<form[^>]*class="buy-again"[^>]*data-while-status="delivered[^"]*"[^>]*hidden/);
    expect(await cartLines(user)).toEqual([]);

    const form = drawnForm(page, "Put these items back in my cart");
    expect(form.action).toBe(`/orders/${orderId}/buy-again`);
    const res = await postForm(form.action, form.fields, cookie);
    expect(res.status).toBe(303);
    const cart = readerText(await (await api(res.headers.get("location")!, { headers: { cookie } })).text());
    expect(cart).toContain(`Added 1 item from your order of ${day(ORDERED_AT)}.`);
    expect(await cartLines(user)).toEqual([[kettle.listingId, 2]]);

    // The list offers the same, in the same words.
    const list = await (await api("/orders", { headers: { cookie } })).text();
    const row = list.split('class="order-row"').find((r) => r.includes(`data-order-id="${orderId}"`)) ?? "";
    expect(readerText(row)).toContain("Put these items back in my cart");
  });

  it("changes nothing without the form's token, or for another shopper's order", async () => {
    const user = await createTestUser();
    const { orderId } = await deliveredOrder(user);
    const { cookie } = await browserSession(user);
    const forged = await postForm(`/orders/${orderId}/buy-again`, { _csrf: "forged" }, cookie);
    expect(forged.status).toBe(403);
    expect(await cartLines(user)).toEqual([]);

    const stranger = await createTestUser();
    const theirs = await browserSession(stranger);
    const refused = await postForm(`/orders/${orderId}/buy-again`, { _csrf: theirs.csrf }, theirs.cookie);
    expect(refused.status).toBe(404);
    expect(await cartLines(stranger)).toEqual([]);
  });

  it("a cart landing naming an order that is not the shopper's says nothing", async () => {
    const owner = await createTestUser();
    const { orderId, kettle } = await deliveredOrder(owner);
    const stranger = await createTestUser();
    const html = await (await api(`/cart?again=${orderId}&added=${kettle.listingId}.2`, { headers: stranger.headers })).text();
    expect(html).not.toContain("from your order of");
    expect(html).not.toContain("data-cart-notice");
  });

  it("is offered on delivered orders in the list and on their page, not on one still on its way", async () => {
    const user = await createTestUser();
    const { orderId } = await deliveredOrder(user);
    const [at] = timesFrom("2025-12-01T00:00:00.000Z", 1);
    const shipped = await seedOrder({ userId: user.id, status: "shipped", at: at! });
    const list = await (await api("/orders", { headers: user.headers })).text();
    const rows = list.split('class="order-row"');
    const row = (id: string) => rows.find((r) => r.includes(`data-order-id="${id}"`)) ?? "";
    expect(row(orderId)).toContain(`action="/orders/${orderId}/buy-again"`);
    expect(row(shipped)).not.toContain("buy-again");
    // The shipped order's page has the form hidden, for order-live.js to show once it is delivered.
    const page = await (await api(`/orders/${shipped}`, { headers: user.headers })).text();
    expect(page).toMatch(new RegExp(`<form[^>]*action="/orders/${shipped}/buy-again"[^>]*hidden`));
  });
});

describe("finding an old order on the list page", () => {
  it("filters by group and year with a plain form, and pages keep the filter", async () => {
    const user = await createTestUser();
    const delivered22 = [];
    for (const at of timesFrom("2022-03-01T00:00:00.000Z", 22))
      delivered22.push(await seedOrder({ userId: user.id, status: "delivered", at }));
    const cancelled22 = await seedOrder({ userId: user.id, status: "cancelled", at: "2022-06-01T00:00:00.000Z" });
    const delivered21 = await seedOrder({ userId: user.id, status: "delivered", at: "2021-06-01T00:00:00.000Z" });

    const all = await (await api("/orders", { headers: user.headers })).text();
    const form = drawnForm(all, "data-order-filters");
    expect(form.action).toBe("/orders");
    expect(all).toMatch(/<option value="delivered">Delivered<\/option>/);
    expect(all).toMatch(/<option value="2021">2021<\/option>/);

    const first = await (await api("/orders?status=delivered&year=2022", { headers: user.headers })).text();
    const ids = [...first.matchAll(/data-order-id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual([...delivered22].reverse().slice(0, 20));
    expect(ids).not.toContain(cancelled22);
    expect(ids).not.toContain(delivered21);
    expect(first).toMatch(/<option value="delivered" selected="">Delivered<\/option>/);
    expect(first).toMatch(/<option value="2022" selected="">2022<\/option>/);
    const older = /<a href="([^"]+)" rel="next">Older orders<\/a>/.exec(first)?.[1]?.replaceAll("&amp;", "&");
    expect(older).toMatch(/^\/orders\?status=delivered&year=2022&cursor=/);
    const second = await (await api(older!, { headers: user.headers })).text();
    expect([...second.matchAll(/data-order-id="([^"]+)"/g)].map((m) => m[1])).toEqual([delivered22[1], delivered22[0]]);

    const none = await (await api("/orders?status=returns", { headers: user.headers })).text();
    expect(readerText(none)).toContain("No orders match.");
    // A year the list does not take (an edited link) starts over from the newest orders.
    const bad = await exports.default.fetch(new Request(`${ORIGIN}/orders?year=1999`, { headers: user.headers, redirect: "manual" }));
    expect(bad.status).toBe(303);
    expect(bad.headers.get("location")).toBe("/orders");
  });
});
