import { describe, expect, it } from "vitest";
import { createTestUser, type TestUser } from "../helpers/accounts";
import { api, readerText } from "../helpers/http";
import { createProduct } from "../catalog/fixtures";
import { consolePost, drawnForm as form } from "../helpers/forms";

async function page(path: string, seller: TestUser): Promise<string> {
  return (await api(path, { headers: seller.headers })).text();
}

/** The listing's panel in the console, up to its end. */
function panelOf(html: string, listingId: string): string {
  const from = html.slice(html.indexOf(`data-listing-id="${listingId}"`));
  return from.slice(0, from.indexOf("</li>"));
}

describe("the seller console's buy box", () => {
  it("tags each listing on the list, and on the listing's own page says the price to beat beside the price form", async () => {
    const f = await createProduct([
      { price: 4250000, mrp: 4500000, units: 5 },
      { price: 4199900, mrp: 4500000, units: 8 },
    ]);
    const seller = await createTestUser(["seller"], { sellerId: f.sellerIds[0] });
    const list = panelOf(await page("/seller", seller), f.listingIds[0]!);
    expect(readerText(list)).toContain("Another seller at ₹41,999");
    expect(list).toContain(`href="/seller?product=${f.productId}"`);

    const own = panelOf(await page(`/seller?product=${f.productId}`, seller), f.listingIds[0]!);
    expect(own).toContain("<details open");
    expect(readerText(own)).toContain(
      "Another seller's offer at ₹41,999 is shown first. Price below ₹41,999 to be shown first (at the same price, the better-rated seller is).",
    );
    const priceForm = form(own, `action="/seller/listings/${f.listingIds[0]}?product=${f.productId}"`);
    const saved = await consolePost(priceForm.action, { ...priceForm.fields, price: "41899.00" }, seller.headers);
    expect(saved.status).toBe(303);

    const after = readerText(panelOf(await page(`/seller?product=${f.productId}`, seller), f.listingIds[0]!));
    expect(after).toContain("Shown first");
    expect(after).toContain("Your offer is shown first");
  });

  it("says in a word when a listing cannot be shown first because it is inactive or out of stock", async () => {
    const f = await createProduct([
      { price: 4000000, mrp: 4500000, units: 0 },
      { price: 4199900, mrp: 4500000, units: 8 },
    ]);
    const seller = await createTestUser(["seller"], { sellerId: f.sellerIds[0] });
    // Alerts off, so the sold-out tag of a low listing does not say it first.
    await api(`/api/seller/listings/${f.listingIds[0]}`, { method: "PATCH", headers: seller.headers, body: { low_stock_at: 0 } });
    const out = readerText(panelOf(await page("/seller", seller), f.listingIds[0]!));
    expect(out).toContain("Out of stock");
    expect(out).toContain("never shown first while another seller has some");

    await api(`/api/seller/listings/${f.listingIds[0]}`, { method: "PATCH", headers: seller.headers, body: { active: false } });
    const inactive = panelOf(await page("/seller", seller), f.listingIds[0]!);
    expect(inactive).toMatch(/data-buy-box="inactive"[^>]*>\s*Inactive/);
    expect(readerText(inactive)).toContain("Inactive: shoppers never see this listing, whatever its price.");
  });
});
