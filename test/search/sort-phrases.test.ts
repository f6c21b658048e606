import { beforeAll, describe, expect, it } from "vitest";
import { parseSortIntent } from "../../workers/search/sort-intent";
import { api } from "../helpers/http";
import { seedFixtureCatalog } from "./fixture-catalog";

interface Page {
  items: Array<{ id: string; price: number }>;
  relaxed: boolean;
  price_phrase: { q: string; price_min: number | null; price_max: number | null } | null;
  sort_phrase: { q: string; sort: string; words: string } | null;
}

async function search(query: string): Promise<Page> {
  const res = await api(`/api/products?${query}&limit=60`);
  expect(res.status).toBe(200);
  return (await res.json()) as Page;
}

const q = (text: string) => `q=${encodeURIComponent(text)}`;
const prices = (page: Page) => page.items.map((i) => i.price);
const ascending = (xs: number[]) => xs.every((x, i) => i === 0 || (xs[i - 1] as number) <= x);

/** The product ids a results page lists, in order. */
function listed(html: string): string[] {
  return [...html.matchAll(/href="\/products\/([^"]+)" class="card-link"/g)].map((m) => m[1] ?? "");
}

// Shoppers' words for "cheapest first" with queries from the shopper query log (laptop, cooktop,
// macbook, samsung, mobile): the fixture's laptops are the HP Chromebook at ₹22,990, the MacBook
// Air at ₹99,900 and the MacBook Pro at ₹1,69,900, which relevance ranks the other way round.
describe("cheapest first, asked for in words", () => {
  beforeAll(seedFixtureCatalog);

  it("sorts by price, low to high, and searches the other words", async () => {
    const asTyped = await search(q("laptop"));
    expect(asTyped.items.map((i) => i.id)).not.toEqual(["fx_cbook", "fx_mba", "fx_mbp"]);
    const page = await search(q("sasta laptop"));
    expect(page.sort_phrase).toEqual({ q: "laptop", sort: "price_asc", words: "sasta" });
    expect(page.relaxed).toBe(false);
    expect(page.items.map((i) => i.id)).toEqual(["fx_cbook", "fx_mba", "fx_mbp"]);
  });

  it("reads the words however they are typed", async () => {
    for (const [typed, words, searched] of [
      ["cheap cooktop", "cheap", "cooktop"],
      ["cheapest macbook", "cheapest", "macbook"],
      ["budget laptop", "budget", "laptop"],
      ["sabse sasta samsung", "sabse sasta", "samsung"],
      ["Sasti laptop", "Sasti", "laptop"],
      ["laptop lowest price", "lowest price", "laptop"],
      ["kam price wala laptop", "kam price", "wala laptop"],
    ] as const) {
      const page = await search(q(typed));
      expect(page.sort_phrase, typed).toEqual({ q: searched, sort: "price_asc", words });
      expect(page.items.length, typed).toBeGreaterThan(1);
      expect(ascending(prices(page)), typed).toBe(true);
    }
  });

  it("lets a sort the shopper chose win, and then searches the words as typed", async () => {
    const relevance = await search(`${q("sasta laptop")}&sort=relevance`);
    expect(relevance.sort_phrase).toBeNull();
    const dearest = await search(`${q("cheap laptop")}&sort=price_desc`);
    expect(dearest.sort_phrase).toBeNull();
    expect(prices(dearest)).toEqual([...prices(dearest)].sort((a, b) => b - a));
    expect((await search(`${q("cheap laptop")}&as_typed=true`)).sort_phrase).toBeNull();
  });

  it("keeps a budget typed with the words, and says the same words were searched", async () => {
    const page = await search(q("cheap laptop under 100000"));
    expect(page.price_phrase).toEqual({ q: "laptop", price_min: null, price_max: 10_000_000 });
    expect(page.sort_phrase).toEqual({ q: "laptop", sort: "price_asc", words: "cheap" });
    expect(page.items.map((i) => i.id)).toEqual(["fx_cbook", "fx_mba"]);
  });

  it("leaves alone a query without them, and words that only contain them", () => {
    expect(parseSortIntent("samsung")).toEqual({ text: "samsung", words: null });
    expect(parseSortIntent("budgetary laptop")).toEqual({ text: "budgetary laptop", words: null });
    expect(parseSortIntent("low noise fan")).toEqual({ text: "low noise fan", words: null });
    expect(parseSortIntent("सबसे सस्ता मोबाइल")).toEqual({ text: "मोबाइल", words: "सबसे सस्ता" });
  });
});

describe("the results page for cheapest first in words", () => {
  beforeAll(seedFixtureCatalog);

  it("lists the cheapest first, says why, and offers relevance instead", async () => {
    const res = await api(`/search?${q("sasta laptop")}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(listed(html)).toEqual(["fx_cbook", "fx_mba", "fx_mbp"]);
    expect(html).toContain("Sorted by price, low to high, because you searched “sasta”.");
    expect(html).toContain('<a href="/search?q=laptop&amp;sort=relevance">Sort by relevance instead</a>');
    // The form carries the sort as the shopper's choice, and the words it searched.
    expect(html).toMatch(/<option value="price_asc" selected/);
    expect(html).toContain('<input type="hidden" name="q" value="laptop"/>');

    const byRelevance = await (await api("/search?q=laptop&sort=relevance")).text();
    expect(byRelevance).not.toContain("Sorted by price");
  });

  it("says both a budget and the sort when the query has both", async () => {
    const html = await (await api(`/search?${q("cheap laptop under 100000")}`)).text();
    expect(html).toContain("Showing results under ₹1,00,000.");
    expect(html).toContain("Sorted by price, low to high, because you searched “cheap”.");
    expect(html).toContain('<a href="/search?q=laptop+under+100000&amp;sort=relevance">Sort by relevance instead</a>');
    expect(listed(html)).toEqual(["fx_cbook", "fx_mba"]);
  });
});
