import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { flushSearchLog } from "../../workers/search/query-log";
import { api } from "../helpers/http";
import { seedFixtureCatalog } from "./fixture-catalog";

interface Page {
  items: Array<{ id: string; price: number; brand: string }>;
  total: number;
  relaxed: boolean;
  facets: { brand: Array<{ value: string; count: number }> };
  price_phrase: { q: string; price_min: number | null; price_max: number | null } | null;
}

async function search(query: string): Promise<Page> {
  const res = await api(`/api/products?${query}&limit=60`);
  expect(res.status).toBe(200);
  return (await res.json()) as Page;
}

/** The product ids a results page lists, in order. */
function listed(html: string): string[] {
  return [...html.matchAll(/href="\/products\/([^"]+)" class="card-link"/g)].map((m) => m[1] ?? "");
}

// What "phone" finds in the fixture: the Galaxy M14 at ₹13,499, the Galaxy A15 at ₹17,999 and a ₹599 phone
// case are within ₹20,000; the Redmi Note 13 Pro at ₹24,999, both iPhone 15s and the S24 Ultra are not.
describe("a budget typed into the search", () => {
  beforeAll(seedFixtureCatalog);

  it("searches the other words and keeps only products at or under the budget, by buy-box price", async () => {
    const page = await search("q=phone%20under%2020000");
    expect(page.price_phrase).toEqual({ q: "phone", price_min: null, price_max: 2_000_000 });
    expect(page.relaxed).toBe(false);
    expect(page.items.map((i) => i.id).sort()).toEqual(["fx_a15", "fx_case", "fx_m14"]);
    expect(page.items.every((i) => i.price <= 2_000_000)).toBe(true);
    // The counts are those of the filtered result, not of every phone.
    expect(page.total).toBe(3);
    expect(Object.fromEntries(page.facets.brand.map((b) => [b.value, b.count]))).toEqual({ Samsung: 2, Spigen: 1 });
  });

  it("reads the budget however it is written", async () => {
    const ids = async (q: string) => (await search(`q=${encodeURIComponent(q)}`)).items.map((i) => i.id).sort();
    expect(await ids("galaxy below 15k")).toEqual(["fx_case", "fx_m14", "fx_tab"]);
    expect(await ids("galaxy between 15000 and 20000")).toEqual(["fx_a15"]);
    expect(await ids("laptop above ₹1,00,000")).toEqual(["fx_mbp"]);
    expect(await ids("redmi under rs 20000")).toEqual([]);
  });

  it("searches every product within the budget when the budget is all there is", async () => {
    const page = await search("q=under%20500");
    expect(page.price_phrase).toEqual({ q: "", price_min: null, price_max: 50_000 });
    expect(page.items.map((i) => i.id)).toEqual(["fx_dura"]);
  });

  it("still finds a model by its number: a number is a price only after a budget word or with a currency", async () => {
    const page = await search("q=iphone%2015");
    expect(page.price_phrase).toBeNull();
    expect(page.items[0]?.id).toBe("fx_ip15");
  });

  it("lets a price the shopper set win over the budget on its side, and fills the other side from it", async () => {
    const lower = await search("q=phone%20under%2020000&price_min=1500000");
    expect(lower.price_phrase).toEqual({ q: "phone", price_min: 1_500_000, price_max: 2_000_000 });
    expect(lower.items.map((i) => i.id)).toEqual(["fx_a15"]);
    const tighter = await search("q=phone%20under%2020000&price_max=1400000");
    expect(tighter.items.map((i) => i.id).sort()).toEqual(["fx_case", "fx_m14"]);
    // A minimum above the budget keeps the minimum and drops the budget, never the other way round.
    const above = await search("q=phone%20under%2020000&price_min=10000000");
    expect(above.price_phrase).toEqual({ q: "phone", price_min: 10_000_000, price_max: null });
    expect(above.items.map((i) => i.id).sort()).toEqual(["fx_ip15p", "fx_s24"]);
  });

  it("searches the words as typed when asked to", async () => {
    const page = await search("q=phone%20under%2020000&as_typed=true");
    expect(page.price_phrase).toBeNull();
    expect(page.relaxed).toBe(true);
    expect(page.items.some((i) => i.price > 2_000_000)).toBe(true);
  });

  it("counts the words searched toward popular queries, not the budget", async () => {
    await flushSearchLog(env.DB);
    await search("q=ceramic%20cooktop%20under%205000");
    await flushSearchLog(env.DB);
    const popularity = (q: string) => env.DB.prepare("SELECT popularity FROM popular_queries WHERE query = ?1").bind(q).first();
    expect(await popularity("ceramic cooktop")).toEqual({ popularity: 1 });
    expect(await popularity("ceramic cooktop under 5000")).toBeNull();
  });
});

describe("the results page for a budget", () => {
  beforeAll(seedFixtureCatalog);

  it("says what it understood, fills the price box, and links to the words without the price filter", async () => {
    const res = await api("/search?q=phone%20under%2020000");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(listed(html).sort()).toEqual(["fx_a15", "fx_case", "fx_m14"]);
    expect(html).toContain("Showing results under ₹20,000.");
    expect(html).toContain(
      '<a href="/search?q=phone+under+20000&amp;as_typed=true">Search “phone under 20000” without the price filter</a>',
    );
    // The form carries the budget as an ordinary filter the shopper can change or clear.
    expect(html).toMatch(/<input id="f-price_max"[^>]*value="20000"/);
    expect(html).toMatch(/<input id="f-price_min"[^>]*value=""/);
    expect(html).toContain('<input type="hidden" name="q" value="phone"/>');
  });

  it("shows every matching product when the link is followed, and keeps searching as typed from its form", async () => {
    // The budget's page is kept at the edge first: the link must not be answered with it.
    await api("/search?q=phone%20under%2020000");
    await new Promise((r) => setTimeout(r, 50));
    const html = await (await api("/search?as_typed=true&q=phone%20under%2020000")).text();
    expect(html).not.toContain("Showing results under");
    expect(listed(html)).toContain("fx_ip15");
    expect(html).toContain('<input type="hidden" name="as_typed" value="true"/>');
    expect(html).toMatch(/<input id="f-price_max"[^>]*value=""/);
  });

  it("shows a range and a floor in words", async () => {
    const range = await (await api("/search?q=laptop%20between%2020k%20and%20rs%201%20lakh")).text();
    expect(range).toContain("Showing results from ₹20,000 to ₹1,00,000.");
    expect(listed(range).sort()).toEqual(["fx_cbook", "fx_mba"]);
    const floor = await (await api("/search?q=laptop%20above%20100000")).text();
    expect(floor).toContain("Showing results ₹1,00,000 and above.");
  });

  it("says nothing of a budget for a model number", async () => {
    const html = await (await api("/search?q=iphone%2015")).text();
    expect(html).not.toContain("without the price filter");
    expect(listed(html)[0]).toBe("fx_ip15");
  });
});
