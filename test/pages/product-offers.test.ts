import { describe, expect, it } from "vitest";
import { createProduct } from "../catalog/fixtures";
import { api, readerText } from "../helpers/http";

/** The product page's "more sellers" rows, each as the listing it adds (or null) and its words. */
async function otherOffers(productId: string): Promise<Array<{ listing: string | null; text: string }>> {
  const html = await (await api(`/products/${productId}`)).text();
  const table = /<table class="offers">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? "";
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table)?.[1] ?? "";
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(([, row = ""]) => ({
    listing: /name="listing_id" value="([^"]+)"/.exec(row)?.[1] ?? null,
    text: readerText(row),
  }));
}

describe("the product page's other sellers", () => {
  it("lists those that can be bought first, and says a sold-out offer is sold out rather than offering a button that does nothing", async () => {
    // The buy box takes the cheapest in stock; the cheapest of all is sold out.
    const p = await createProduct([
      { price: 20_000_00, units: 5 },
      { price: 18_000_00, units: 0 },
      { price: 21_000_00, units: 3 },
    ]);
    const inStock = p.listingIds[2];
    const rows = await otherOffers(p.productId);
    expect(rows.map((r) => r.listing)).toEqual([inStock, null]);
    expect(rows[0]?.text).toContain("₹21,000");
    expect(rows[0]?.text).toContain("Add to cart");
    expect(rows[1]?.text).toContain("₹18,000");
    expect(rows[1]?.text).toContain("Sold out");
    expect(rows[1]?.text).not.toContain("Add to cart");
  });
});
