import { beforeAll, describe, expect, it } from "vitest";
import { apiFilterErrors, checkFilters } from "../../workers/pages/filter-check";
import { api, readerText } from "../helpers/http";
import { seedFixtureCatalog } from "../search/fixture-catalog";

/** The product ids a results page lists, in order. */
function listed(html: string): string[] {
  return [...html.matchAll(/href="\/products\/([^"]+)" class="card-link"/g)].map((m) => m[1] ?? "");
}

describe("results pages with a filter the shopper got wrong", () => {
  beforeAll(seedFixtureCatalog);

  it("keeps the results and the form with what was typed, says what is wrong, and is not kept at the edge", async () => {
    const res = await api("/search?q=samsung&price_min=5000&price_max=1000");
    expect(res.status).toBe(400);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const html = await res.text();
    expect(html).not.toContain("Search is unavailable");
    expect(html).not.toContain("failed validation");
    expect(html).toContain("Results for “samsung”");
    expect(html).toContain("Minimum price is above the maximum.");
    // The form is there with the shopper's own values, the bad field marked and tied to its message.
    expect(html).toContain('class="filters"');
    expect(html).toMatch(/<input id="f-price_min"[^>]*value="5000"[^>]*aria-invalid="true" aria-describedby="price_min-err"/);
    expect(html).toMatch(/<input id="f-price_max"[^>]*value="1000"/);
    expect(html).toContain('id="price_min-err"');
    // The results leave the price range out rather than showing nothing.
    expect(listed(html)).toContain("fx_s24");
    expect(listed(html)).toContain("fx_case");
    // A second visitor making the same mistake is answered afresh, not from the edge.
    expect((await api("/search?q=samsung&price_min=5000&price_max=1000")).headers.get("x-page-cache")).toBeNull();
  });

  it.each(["   ", "%", '"', " - "])("heads a search of only %j as every product, not as a search for it", async (q) => {
    const html = await (await api(`/search?q=${encodeURIComponent(q)}`)).text();
    expect(html).toContain("<h1");
    expect(html).toContain("All products");
    expect(html).not.toContain("Results for");
    // The query was not searched for, and the page says so rather than drop it without a word.
    if (q.trim()) expect(readerText(html)).toContain(`“${q.trim()}” has no letters or numbers to search for, so here is everything.`);
  });

  it("says nothing of the closest matches when there are none", async () => {
    const html = readerText(await (await api("/search?q=zzqqxx+wwvv")).text());
    expect(html).toContain("0 results");
    expect(html).not.toContain("here are the closest ones");
  });

  it("cuts an overlong search where it keeps whole characters, not through an emoji", async () => {
    const q = `${"a".repeat(199)}📱 phone`;
    const html = await (await api(`/search?q=${encodeURIComponent(q)}`)).text();
    expect(html).toContain(`Results for “${"a".repeat(199)}”`);
    expect(html).not.toContain("\uFFFD");
  });

  it("words the API's own refusals for the field, and keeps the rest of the filters", async () => {
    const res = await api("/search?q=samsung&sort=cheapest&brand=Spigen");
    expect(res.status).toBe(400);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const html = await res.text();
    expect(html).toContain("Choose a sort order from the list.");
    expect(html).toMatch(/<select id="f-sort" name="sort" aria-invalid="true"/);
    expect(listed(html)).toEqual(["fx_case"]);
  });

  it("says a page link that does not work is that, and shows the first page", async () => {
    const res = await api("/search?q=samsung&cursor=zzz");
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("That link to a later page does not work, so here is the first page.");
    // A page link is not a filter.
    expect(html).not.toContain("Some filters could not be used");
    expect(listed(html).length).toBeGreaterThan(0);
  });

  it("does the same on a category page", async () => {
    const res = await api("/categories/fx-mobiles?price_min=lots");
    expect(res.status).toBe(400);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const html = await res.text();
    expect(html).toContain("Enter the minimum price as a number of rupees, like 500.");
    expect(html).toContain('value="lots"');
    expect(listed(html)).toContain("fx_s24");
  });

  it("still shares a clean results page at the edge", async () => {
    const res = await api("/search?q=samsung&price_min=1000&price_max=50000");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toMatch(/^public, .*s-maxage=[1-9]/);
    const html = await res.text();
    expect(html).not.toContain("field-error");
    expect(listed(html)).toContain("fx_m14");
    expect(listed(html)).not.toContain("fx_s24");
  });

  it("checks prices in rupees before asking the API", () => {
    const base = { brand: [] };
    expect(checkFilters({ ...base, price_min: "10", price_max: "10" })).toEqual([]);
    expect(checkFilters({ ...base, price_min: "99.5", price_max: "99" })).toEqual([
      { field: "price_min", message: "Minimum price is above the maximum." },
    ]);
    expect(checkFilters({ ...base, price_max: "-1" }).map((e) => e.field)).toEqual(["price_max"]);
    expect(checkFilters({ ...base, price_max: "1000000000" })[0]?.message).toMatch(/higher than anything/);
  });

  it("turns only validation problems about form fields into filter errors", () => {
    const problem = (status: number, paths: string[]) => ({ status, errors: paths.map((path) => ({ path, message: "bad" })) });
    expect(apiFilterErrors(problem(400, ["brand.3", "brand.4"]))).toEqual([{ field: "brand", message: "Choose brands from the list." }]);
    expect(apiFilterErrors(problem(400, ["limit"]))).toEqual([]);
    expect(apiFilterErrors(problem(503, ["sort"]))).toEqual([]);
    expect(apiFilterErrors({ status: 400 })).toEqual([]);
  });
});

/** The filters box's opening tag and its summary's text. */
function filterBox(html: string): { tag: string; summary: string } {
  const m = /(<details class="filter-box"[^>]*>)<summary>([\s\S]*?)<\/summary>/.exec(html);
  return { tag: m?.[1] ?? "", summary: (m?.[2] ?? "").replace(/<[^>]+>/g, "") };
}

describe("the results page's filters box", () => {
  beforeAll(seedFixtureCatalog);

  it("starts folded, for a phone, until the shopper uses it; then it stays open and says how many filters apply", async () => {
    const plain = filterBox(await (await api("/search?q=samsung")).text());
    expect(plain.tag).not.toMatch(/\sopen/);
    expect(plain.tag).toContain("data-open-wide");
    expect(plain.summary).toBe("Filters and sort");

    const used = filterBox(await (await api("/search?q=samsung&brand=Samsung&in_stock=true&price_max=100000")).text());
    expect(used.tag).toMatch(/\sopen/);
    expect(used.summary).toBe("Filters and sort · 3 applied");

    // A category chosen on the search page is a filter; a category's own page is not one.
    expect(filterBox(await (await api("/search?q=samsung&category=fx-mobiles")).text()).summary).toBe("Filters and sort · 1 applied");
    const category = filterBox(await (await api("/categories/fx-mobiles")).text());
    expect(category.tag).not.toMatch(/\sopen/);
    expect(category.summary).toBe("Filters and sort");
    expect(filterBox(await (await api("/categories/fx-mobiles?brand=Samsung")).text()).summary).toBe("Filters and sort · 1 applied");

    expect(filterBox(await (await api("/search?q=samsung&sort=price_asc")).text()).tag).toMatch(/\sopen/);
    expect(filterBox(await (await api("/search?q=samsung&price_min=5000&price_max=1000")).text()).tag).toMatch(/\sopen/);
  });

  it("counts a price range only when the results were narrowed by it, and still says why a refused one was left out", async () => {
    const valid = await (await api("/search?q=samsung&price_min=1000&price_max=50000")).text();
    expect(filterBox(valid).summary).toBe("Filters and sort · 1 applied");

    const upsideDown = await (await api("/search?q=samsung&price_min=5000&price_max=1000")).text();
    expect(filterBox(upsideDown).summary).toBe("Filters and sort");
    expect(filterBox(upsideDown).tag).toMatch(/\sopen/);
    expect(readerText(upsideDown)).toContain(
      "Some filters could not be used, so these results leave them out: Minimum price is above the maximum.",
    );

    const notANumber = await (await api("/search?q=samsung&brand=Samsung&price_min=lots")).text();
    expect(filterBox(notANumber).summary).toBe("Filters and sort · 1 applied");
    expect(readerText(notANumber)).toContain("Enter the minimum price as a number of rupees, like 500.");

    // A budget the search read in the words narrows the results, whatever the price box says.
    const budget = await (await api("/search?q=phone%20under%2020000&price_min=lots")).text();
    expect(budget).toContain("Showing results under ₹20,000.");
    expect(filterBox(budget).summary).toBe("Filters and sort · 1 applied");
  });
});
