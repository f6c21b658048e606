import { describe, expect, it } from "vitest";
import { createTestUser } from "../helpers/accounts";
import { createListingFixture } from "../helpers/catalog";
import { browserSession, drawnForm, postForm } from "../helpers/forms";
import { api, readerText } from "../helpers/http";
import { orderDelivered, rate, sellerState } from "../sellers/feedback-support";

const page = async (path: string, headers: Record<string, string>) => {
  const res = await api(path, { headers });
  return { status: res.status, html: await res.text() };
};

const ratingAction = (orderId: string, sellerId: string) => `/orders/${orderId}/seller-feedback/${sellerId}`;

describe("rating the seller on the order page", () => {
  it("offers each seller of a delivered order a star form that works without scripts, and then shows the rating given", async () => {
    const a = await createListingFixture();
    const b = await createListingFixture();
    const user = await createTestUser();
    const orderId = await orderDelivered(user.id, [
      { sellerId: a.sellerId, listingId: a.listingId },
      { sellerId: b.sellerId, listingId: b.listingId },
    ]);
    const session = await browserSession(user);
    const before = await page(`/orders/${orderId}`, { cookie: session.cookie });
    expect(before.status).toBe(200);
    expect(readerText(before.html)).toContain("Rate the seller");
    for (const sellerId of [a.sellerId, b.sellerId]) expect(before.html).toContain(`action="${ratingAction(orderId, sellerId)}"`);

    // The stars are radio buttons grouped by a fieldset whose legend names the seller.
    const formHtml = before.html.slice(before.html.indexOf(`data-rate-seller="${a.sellerId}"`));
    const one = formHtml.slice(0, formHtml.indexOf("</form>"));
    expect(one).toMatch(/<fieldset>\s*<legend>How was Test Seller as a seller\?<\/legend>/);
    expect(one.match(/type="radio" name="rating"/g)).toHaveLength(5);

    const form = drawnForm(before.html, ratingAction(orderId, a.sellerId));
    expect(form.fields._csrf).toBe(session.csrf);
    const res = await postForm(form.action, { ...form.fields, rating: "4", comment: " Quick to dispatch. " }, session.cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/orders/${orderId}#rate-sellers`);
    expect(await sellerState(a.sellerId)).toMatchObject({ rating_sum: 4, rating_count: 1 });

    const after = await page(`/orders/${orderId}`, user.headers);
    const text = readerText(after.html);
    expect(text).toMatch(/You rated Test Seller 4 out of 5 on \d{1,2} \w{3}.*: “Quick to dispatch.”/);
    const again = after.html.slice(after.html.indexOf(`data-rate-seller="${a.sellerId}"`));
    expect(again.slice(0, again.indexOf("</form>"))).toMatch(/value="4" checked/);
    expect(text).toContain("Change your rating");

    // An order still on its way has nothing to rate yet.
    const shipped = await orderDelivered(user.id, [{ sellerId: a.sellerId, listingId: a.listingId }], { deliveredAt: null });
    const early = await page(`/orders/${shipped}`, user.headers);
    expect(early.status).toBe(200);
    expect(early.html).not.toContain("data-rate-seller");
  });

  it("says what to fix when no star was chosen, and saves nothing", async () => {
    const f = await createListingFixture();
    const user = await createTestUser();
    const orderId = await orderDelivered(user.id, [{ sellerId: f.sellerId, listingId: f.listingId }]);
    const session = await browserSession(user);
    const { html } = await page(`/orders/${orderId}`, { cookie: session.cookie });
    const { rating: _unpicked, ...fields } = drawnForm(html, ratingAction(orderId, f.sellerId)).fields;
    const res = await postForm(ratingAction(orderId, f.sellerId), { ...fields, comment: "Fine" }, session.cookie);
    expect(res.status).toBe(400);
    expect(readerText(await res.text())).toContain("Choose from 1 to 5 stars to rate the seller. Nothing was saved.");
    expect(await sellerState(f.sellerId)).toMatchObject({ rating_count: 0, feedback: [] });
  });
});

describe("the seller console's Ratings tab", () => {
  it("shows the rating shoppers see, the count by stars and each rating newest first, linked from the console's tabs", async () => {
    const f = await createListingFixture();
    const seller = await createTestUser(["seller"], { sellerId: f.sellerId });
    const orders: string[] = [];
    for (const [stars, comment] of [
      [5, "Lovely packing"],
      [2, "Late by a week"],
    ] as const) {
      const shopper = await createTestUser();
      const orderId = await orderDelivered(shopper.id, [{ sellerId: f.sellerId, listingId: f.listingId }]);
      expect((await rate(shopper, orderId, f.sellerId, { rating: stars, comment })).status).toBe(200);
      orders.push(orderId);
    }
    const tabs = await page("/seller/returns", seller.headers);
    expect(tabs.html).toContain('href="/seller/feedback"');

    const { status, html } = await page("/seller/feedback", seller.headers);
    expect(status).toBe(200);
    const text = readerText(html);
    expect(text).toContain("Shoppers see your rating as 4.5 ★ from 2 buyers' ratings (their average 3.5).");
    expect(html).toContain('class="table-scroll"');
    const row = (orderId: string) => {
      const at = html.slice(html.indexOf(`data-order-id="${orderId}"`));
      return readerText(at.slice(0, at.indexOf("</tr>")));
    };
    expect(row(orders[1]!)).toContain("2 ★ out of 5 “Late by a week”");
    expect(row(orders[0]!)).toContain("5 ★ out of 5 “Lovely packing”");
    expect(html.indexOf(orders[1]!)).toBeLessThan(html.indexOf(orders[0]!));
    const stars = html.slice(html.indexOf("data-rating-stars"));
    expect(readerText(stars.slice(0, stars.indexOf("</table>")))).toContain("5 ★ 1 4 ★ 0 3 ★ 0 2 ★ 1 1 ★ 0");
  });
});
