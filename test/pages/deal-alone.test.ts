import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { setAvailable } from "../../workers/inventory/ledger";
import { admissionFor, admittedShopper } from "../checkout/deal-support";
import type { TestUser } from "../helpers/accounts";
import { ASHA_ADDRESS } from "../helpers/addresses";
import { createListingFixture } from "../helpers/catalog";
import { browserSession } from "../helpers/forms";
import { ORIGIN, api } from "../helpers/http";
import { seedOrder } from "../orders/seed";

const BOTTLE = "Steel Water Bottle 1L";

/** A listing of something else, in stock, to share the cart with the deal. */
async function bottle(price: number): Promise<string> {
  const f = await createListingFixture({ price, title: BOTTLE });
  await setAvailable(env.DB, { skuId: f.listingId, warehouseId: f.warehouseId, available: 10, ref: `count-${f.listingId}` });
  return f.listingId;
}

interface Shopper {
  user: TestUser;
  cookie: string;
  dealId: string;
  dealListing: string;
  /** The query the waiting room opens checkout with. */
  admitted: string;
}

/** An admitted shopper with the deal's unit in the cart and, unless `others` is empty, other things. */
async function shopper(others: Array<[string, number]>): Promise<Shopper> {
  const { user, dealId, listingId } = await admittedShopper();
  for (const [id, qty] of others) {
    const put = await api(`/api/cart/items/${id}`, { method: "PUT", headers: user.headers, body: { qty } });
    expect(put.status).toBe(200);
  }
  const { cookie } = await browserSession(user);
  const admitted = new URLSearchParams({ admission_token: await admissionFor(dealId, user.id), deal: dealId }).toString();
  return { user, cookie, dealId, dealListing: listingId, admitted };
}

async function page(path: string, cookie: string): Promise<string> {
  const res = await api(path, { headers: { cookie } });
  expect(res.status).toBe(200);
  return res.text();
}

const hrefOf = (html: string, marker: string) =>
  (new RegExp(`<a href="([^"]+)"[^>]*${marker}`).exec(html)?.[1] ?? "").replaceAll("&amp;", "&");
const summaryOf = (html: string) => /<aside class="summary"[\s\S]*?<\/aside>/.exec(html)?.[0] ?? "";
const codOffered = (html: string) => !/<input[^>]*value="cod"[^>]*disabled/.test(html);

/** The checkout form's fields as a browser posts them, repeated ones included, with the address filled in. */
function filledCheckoutForm(html: string): URLSearchParams {
  const form = html.slice(
    html.indexOf("<form", html.indexOf("data-checkout") - 200),
    html.indexOf("</form>", html.indexOf("data-checkout")),
  );
  const fields = new URLSearchParams();
  for (const [tag] of form.matchAll(/<input type="hidden"[^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(tag)?.[1];
    if (name) fields.append(name, /value="([^"]*)"/.exec(tag)?.[1] ?? "");
  }
  for (const [k, v] of Object.entries({ ...ASHA_ADDRESS, payment_method: "upi" })) fields.set(k, v);
  return fields;
}

let cheap: string;
let dear: string;

beforeAll(async () => {
  cheap = await bottle(45000);
  dear = await bottle(2_500_000);
});

describe("checkout of a flash deal with other things in the cart", () => {
  it("offers to pay for the deal alone, keeping the admission in the link, and says nothing new when the cart is just the deal", async () => {
    const s = await shopper([[cheap, 2]]);
    const html = await page(`/checkout?${s.admitted}`, s.cookie);
    expect(html).toContain('data-pay-for="all"');
    expect(html).toContain("Pay for the deal alone (₹999)");
    expect(html).toContain("Pay for the whole cart (₹1,899)");
    const link = new URL(hrefOf(html, "data-pay-for-deal"), ORIGIN);
    expect(link.pathname).toBe("/checkout");
    expect(link.searchParams.getAll("listing_ids")).toEqual([s.dealListing]);
    expect(link.searchParams.get("deal")).toBe(s.dealId);
    expect(link.searchParams.get("admission_token")).toBe(new URLSearchParams(s.admitted).get("admission_token"));

    const alone = await shopper([]);
    const only = await page(`/checkout?${alone.admitted}`, alone.cookie);
    expect(only).not.toContain("data-pay-for");
    expect(only).not.toContain("Pay for the deal alone");
    expect(only).not.toContain('name="listing_ids"');
  });

  it("shows only the deal line and its total once chosen, with cash on delivery back, and the way to check out everything", async () => {
    const s = await shopper([[dear, 2]]);
    // Ordered before, so checkout offers the saved address to deliver to.
    await seedOrder({ userId: s.user.id, status: "delivered", at: "2025-04-01T10:00:00.000Z", address: ASHA_ADDRESS });
    const whole = await page(`/checkout?${s.admitted}`, s.cookie);
    expect(summaryOf(whole)).toContain(BOTTLE);
    expect(codOffered(whole)).toBe(false);

    const html = await page(hrefOf(whole, "data-pay-for-deal"), s.cookie);
    const summary = summaryOf(html);
    expect(summary).toContain("Flash deal");
    expect(summary).not.toContain(BOTTLE);
    expect(summary).toContain("Total <strong>₹999</strong>");
    // The saving is the deal line's alone, as the total is.
    const mrp = await env.DB.prepare("SELECT mrp FROM listings WHERE id = ?1").bind(s.dealListing).first<number>("mrp");
    expect(mrp).toBeGreaterThan(99_900);
    expect(summary).toContain(`You save ₹${((mrp! - 99_900) / 100).toLocaleString("en-IN")}`);
    expect(html).toContain("Place order and pay ₹999");
    expect(codOffered(html)).toBe(true);
    expect(html).toContain('data-pay-for="deal"');
    expect(html).toContain("Your other 2 items stay in your cart.");
    // The hold's clock still runs above the form.
    expect(html).toContain(`data-deal-hold="${s.dealId}"`);
    expect(html).toContain(`<input type="hidden" name="listing_ids" value="${s.dealListing}"/>`);

    const back = new URL(hrefOf(html, "data-pay-for-all"), ORIGIN);
    expect(back.searchParams.has("listing_ids")).toBe(false);
    expect(back.searchParams.get("deal")).toBe(s.dealId);
    expect(back.searchParams.get("admission_token")).toBeTruthy();
    // Choosing a delivery address keeps paying for the deal alone.
    const deliverTo = /<a href="([^"]*address=new[^"]*)"/.exec(html)?.[1]?.replaceAll("&amp;", "&") ?? "";
    expect(new URL(deliverTo, ORIGIN).searchParams.getAll("listing_ids")).toEqual([s.dealListing]);
  });

  it("places an order of only the deal from that form, and the rest stays in the cart", async () => {
    const s = await shopper([[cheap, 2]]);
    const html = await page(`/checkout?${s.admitted}&listing_ids=${s.dealListing}`, s.cookie);
    const res = await exports.default.fetch(
      new Request(`${ORIGIN}/checkout`, {
        method: "POST",
        redirect: "manual",
        headers: { cookie: s.cookie, origin: ORIGIN, "sec-fetch-site": "same-origin", "content-type": "application/x-www-form-urlencoded" },
        body: filledCheckoutForm(html).toString(),
      }),
    );
    expect(res.status).toBe(303);
    const order = await env.DB.prepare("SELECT id, total FROM orders WHERE user_id = ?")
      .bind(s.user.id)
      .first<{ id: string; total: number }>();
    expect(order?.total).toBe(99900);
    const items = await env.DB.prepare("SELECT listing_id AS id FROM order_items WHERE order_id = ?").bind(order?.id).all<{ id: string }>();
    expect(items.results.map((r) => r.id)).toEqual([s.dealListing]);

    const cart = await page("/checkout", s.cookie);
    expect(summaryOf(cart)).toContain(`2 × ${BOTTLE}`);
    expect(cart).not.toContain("data-pay-for");
  });
});
