import { beforeAll, describe, expect, it } from "vitest";
import { api } from "../helpers/http";
import { addFixtureProduct, seedFixtureCatalog } from "../search/fixture-catalog";

/** The product ids a results page lists, in order. */
function listed(html: string): string[] {
  return [...html.matchAll(/href="\/products\/([^"]+)" class="card-link"/g)].map((m) => m[1] ?? "");
}

/** The sort the page's form shows as chosen, and the value it would send. */
function chosenSort(html: string): { value: string; label: string } | null {
  const m = /<select id="f-sort"[^>]*>[\s\S]*?<option value="([^"]*)" selected="">([^<]*)<\/option>/.exec(html);
  return m ? { value: m[1] ?? "", label: m[2] ?? "" } : null;
}

async function page(path: string): Promise<string> {
  const res = await api(path);
  expect(res.status).toBe(200);
  return res.text();
}

// The fixture's laptops cheapest first: the HP Chromebook at ₹22,990, the MacBook Air and the
// MacBook Pro; a ₹999 laptop sleeve also has "laptop" in its title, and a ₹1,499 MacBook sleeve "MacBook".
describe("a results page sorted by a word asking for the cheapest first", () => {
  beforeAll(async () => {
    await seedFixtureCatalog();
    await addFixtureProduct("cw_sleeve", "Dell Laptop Sleeve 14 (Graphite)", "Dell", "fx-accessories", 999);
    await addFixtureProduct("cw_mb_sleeve", "Tomtoc MacBook Sleeve for MacBook Air and MacBook Pro 13", "Tomtoc", "fx-accessories", 1499);
  });

  it("lists the laptops cheapest first, says why, and offers relevance instead", async () => {
    const html = await page(`/search?q=${encodeURIComponent("sasta laptop")}`);
    expect(listed(html)).toEqual(["fx_cbook", "fx_mba", "fx_mbp", "cw_sleeve"]);
    expect(html).toContain("Sorted by price, low to high, because you searched “sasta”.");
    expect(html).toContain('<a href="/search?q=sasta+laptop&amp;sort=relevance">Sort by relevance instead</a>');
    // The form shows the order the words chose, and sends no sort, so its next submit reads them again.
    expect(chosenSort(html)).toEqual({ value: "", label: "Price: low to high, for “sasta”" });
    expect(html).toContain('<input type="hidden" name="q" value="sasta laptop"/>');
  });

  it("goes back to relevance when the shopper picks it", async () => {
    const html = await page(`/search?q=${encodeURIComponent("sasta laptop")}&sort=relevance`);
    expect(html).not.toContain("Sorted by price");
    expect(chosenSort(html)).toEqual({ value: "relevance", label: "Relevance" });
    expect(listed(html)).toEqual(listed(await page("/search?q=laptop")));
  });

  it("lists a model line's products cheapest first in their category, and names it", async () => {
    const html = await page(`/search?q=${encodeURIComponent("cheapest macbook")}`);
    expect(listed(html)).toEqual(["fx_mba", "fx_mbp", "cw_mb_sleeve"]);
    expect(html).toContain("Laptops first, sorted by price, low to high, because you searched “cheapest”.");
    expect(html).toContain('<a href="/search?q=cheapest+macbook&amp;sort=relevance">Sort by relevance instead</a>');
    expect(chosenSort(html)).toEqual({ value: "", label: "Price: low to high, for “cheapest”" });
  });
});
