import { beforeAll, describe, expect, it } from "vitest";
import { api, readerText } from "../helpers/http";
import { seedFixtureCatalog } from "../search/fixture-catalog";

async function page(path: string): Promise<{ html: string; text: string }> {
  const res = await api(path);
  expect(res.status).toBe(200);
  const html = await res.text();
  return { html, text: readerText(html) };
}

/** The link a page of no results offers out of its filters: where it goes and what it says. */
function wayOut(html: string): { href: string; words: string } | null {
  const m = /<a href="([^"]*)" data-without-filters="true">([^<]*)<\/a>/.exec(html);
  return m ? { href: (m[1] ?? "").replaceAll("&amp;", "&"), words: m[2] ?? "" } : null;
}

async function total(query: string): Promise<number> {
  const res = await api(`/api/products?${query}`);
  return ((await res.json()) as { total: number }).total;
}

describe("a results page with nothing to show", () => {
  beforeAll(seedFixtureCatalog);

  it("offers the search without the shopper's filters, with how many it finds", async () => {
    const { html, text } = await page("/search?q=samsung&brand=Samsung&price_max=500&in_stock=true");
    expect(text).toContain("0 results");
    expect(text).toContain("Nothing matches these filters.");
    const all = await total("q=samsung");
    expect(all).toBeGreaterThan(1);
    expect(wayOut(html)).toEqual({ href: "/search?q=samsung", words: `Show all ${all} results for “samsung” without them` });
    // The filters are the trouble, not the words: no advice on spelling.
    expect(text).not.toContain("Check the spelling");
  });

  it("counts a budget read in the words as a filter to take off", async () => {
    const { html } = await page(`/search?q=${encodeURIComponent("macbook under 1000")}`);
    expect(wayOut(html)).toEqual({
      href: "/search?q=macbook",
      words: `Show all ${await total("q=macbook")} results for “macbook” without them`,
    });
  });

  it("offers a category page without its filters", async () => {
    const { html } = await page("/categories/fx-laptops?price_max=100");
    expect(wayOut(html)).toEqual({ href: "/categories/fx-laptops", words: "Show all 3 results in Laptops without them" });
  });

  it("says nothing was found, how to search again, and what to browse instead", async () => {
    const { html, text } = await page("/search?q=zqxwvb");
    expect(text).toContain("We found nothing for “zqxwvb”.");
    expect(text).toContain("Check the spelling, or try fewer or more general words");
    expect(wayOut(html)).toBeNull();
    expect(html).toContain('<a href="/categories/fx-electronics">Electronics</a>');
    expect(html).toContain('<a href="/categories/fx-home">Home &amp; Kitchen</a>');
    expect(html).toContain('<a href="/deals">See the deals</a>');
  });

  it("says when the words find nothing even without the filters", async () => {
    const { html, text } = await page("/search?q=zqxwvb&in_stock=true");
    expect(text).toContain("We found nothing for “zqxwvb”, even without your filters.");
    expect(wayOut(html)).toBeNull();
  });
});
