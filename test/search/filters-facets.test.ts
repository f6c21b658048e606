import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { D1SearchBackend } from "../../workers/search/d1-backend";
import { SearchQuerySchema } from "../../workers/search/schemas";
import { PRICE_EDGES } from "../../workers/search/facet-sql";
import { addCategory, addProducts } from "./bulk-catalog";
import { seedFixtureCatalog } from "./fixture-catalog";

const backend = () => new D1SearchBackend(env.DB);
const run = (query: Record<string, string | string[]>) => backend().search(SearchQuerySchema.parse(query));

/**
 * The expected result written independently of the search SQL: plain filters over products,
 * with the category subtree resolved from the fixture's slug paths.
 */
async function direct(
  where: string,
  args: unknown[] = [],
): Promise<Array<{ id: string; brand: string; category_id: string; price: number; rs: number; rc: number }>> {
  const { results } = await env.DB.prepare(
    `SELECT id, brand, category_id, price, rating_sum AS rs, rating_count AS rc FROM products
     WHERE id LIKE 'fx\\_%' ESCAPE '\\' AND price IS NOT NULL AND ${where}`,
  )
    .bind(...args)
    .all<{ id: string; brand: string; category_id: string; price: number; rs: number; rc: number }>();
  return results;
}

function countBy<T>(rows: T[], key: (r: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) out[key(r)] = (out[key(r)] ?? 0) + 1;
  return out;
}

/**
 * `where` holds the filters every count applies; `brand`, `price` and `rating` hold the filters
 * that have a facet of their own, which that facet leaves out (disjunctive faceting).
 */
interface Case {
  name: string;
  query: Record<string, string | string[]>;
  where: string;
  brand?: string;
  price?: string;
  rating?: string;
}

const CASES: Case[] = [
  {
    name: "category includes its descendants",
    query: { category: "fx-mobiles-tablets" },
    where: "category_id IN ('fx-mobiles', 'fx-tablets', 'fx-mobiles-tablets')",
  },
  {
    name: "several brands",
    query: { category: "fx-electronics", brand: ["Samsung", "Apple"] },
    where: "category_id != 'fx-cooktops'",
    brand: "brand IN ('Samsung', 'Apple')",
  },
  {
    name: "price range on the buy-box price",
    query: { category: "fx-electronics", price_min: "1000000", price_max: "7000000" },
    where: "category_id != 'fx-cooktops'",
    price: "price BETWEEN 1000000 AND 7000000",
  },
  {
    name: "minimum rating",
    query: { category: "fx-electronics", rating_min: "4" },
    where: "category_id != 'fx-cooktops'",
    rating: "rc > 0 AND rs >= 4 * rc",
  },
  { name: "in stock only", query: { category: "fx-home", in_stock: "true" }, where: "category_id = 'fx-cooktops' AND stock_total > 0" },
  {
    name: "text with every filter",
    query: { q: "samsung", category: "fx-electronics", in_stock: "true", rating_min: "3.5", price_max: "5000000", brand: "Samsung" },
    where: "(brand = 'Samsung' OR title LIKE '%samsung%') AND category_id != 'fx-cooktops' AND stock_total > 0",
    brand: "brand = 'Samsung'",
    price: "price <= 5000000",
    rating: "rc > 0 AND rs >= 3.5 * rc",
  },
];

/** The predicate of every filter of `c` but the facet `without`'s own. */
function whereOf(c: Case, without?: "brand" | "price" | "rating"): string {
  return [c.where, ...(["brand", "price", "rating"] as const).flatMap((k) => (k !== without && c[k] ? [c[k]] : []))].join(" AND ");
}

describe("filters and facets agree with a direct SQL count", () => {
  beforeAll(seedFixtureCatalog);

  for (const c of CASES) {
    it(c.name, async () => {
      const expected = await direct(whereOf(c));
      expect(expected.length).toBeGreaterThan(0);
      const page = await run({ ...c.query, limit: "60" });
      expect(page.total).toBe(expected.length);
      expect(page.capped).toBe(false);
      expect(page.facets_capped).toBe(false);
      expect(page.items.map((i) => i.id).sort()).toEqual(expected.map((r) => r.id).sort());

      const brands = Object.fromEntries(page.facets.brand.map((b) => [b.value, b.count]));
      expect(brands).toEqual(countBy(await direct(whereOf(c, "brand")), (r) => r.brand));
      const cats = Object.fromEntries(page.facets.category.map((b) => [b.id, b.count]));
      expect(cats).toEqual(countBy(expected, (r) => r.category_id));
      const lowerEdge = (price: number) => PRICE_EDGES.filter((e) => price >= e).at(-1) ?? 0;
      const prices = Object.fromEntries(page.facets.price.map((b) => [String(b.min), b.count]));
      expect(prices).toEqual(countBy(await direct(whereOf(c, "price")), (r) => String(lowerEdge(r.price))));
      const unrated = await direct(whereOf(c, "rating"));
      for (const r of page.facets.rating) {
        expect(r.count).toBe(unrated.filter((e) => e.rc > 0 && e.rs >= r.min * e.rc).length);
      }
    });
  }

  it("each price facet bucket, sent back as price_min and price_max, returns exactly its count", async () => {
    // A product priced exactly on a bucket edge belongs to the bucket above it, and only there.
    await addProducts([
      {
        id: "fx_edge",
        title: "Edge Priced Charger",
        brand: "Edgeco",
        category: "fx-accessories",
        price: PRICE_EDGES[1],
        createdAt: "2026-01-20T00:00:00Z",
      },
    ]);
    const page = await run({ category: "fx-electronics" });
    expect(page.facets.price.reduce((n, b) => n + b.count, 0)).toBe(page.total);
    for (const b of page.facets.price) {
      const filtered = await run({
        category: "fx-electronics",
        price_min: String(b.min),
        ...(b.max !== null ? { price_max: String(b.max) } : {}),
      });
      expect({ bucket: b.value, total: filtered.total }).toEqual({ bucket: b.value, total: b.count });
    }
  });

  it("counts each facet without its own filter, so another value can be added", async () => {
    const all = await run({ category: "fx-mobiles-tablets" });
    const chosen = {
      brand: await run({ category: "fx-mobiles-tablets", brand: "Samsung" }),
      price: await run({ category: "fx-mobiles-tablets", price_min: "2000000", price_max: "7000000" }),
      rating: await run({ category: "fx-mobiles-tablets", rating_min: "4" }),
    };
    expect(chosen.brand.facets.brand).toEqual(all.facets.brand);
    expect(chosen.brand.facets.brand.map((b) => b.value)).toEqual(expect.arrayContaining(["Samsung", "Apple", "Redmi"]));
    expect(chosen.price.facets.price).toEqual(all.facets.price);
    expect(chosen.rating.facets.rating).toEqual(all.facets.rating);
    // The other facets still count the chosen products only.
    expect(chosen.brand.facets.category.reduce((n, c) => n + c.count, 0)).toBe(chosen.brand.total);
    expect(chosen.brand.facets.price.reduce((n, b) => n + b.count, 0)).toBe(chosen.brand.total);

    const counts = Object.fromEntries(all.facets.brand.map((b) => [b.value, b.count]));
    const two = await run({ category: "fx-mobiles-tablets", brand: ["Samsung", "Apple"] });
    expect(two.total).toBe((counts.Samsung ?? 0) + (counts.Apple ?? 0));
  });

  it("lists a chosen brand even when it is not among the 30 largest", async () => {
    await addCategory("fx-many", "Many brands");
    await addProducts(
      Array.from({ length: 31 * 2 + 1 }, (_, i) => ({
        id: `fx_many_${i}`,
        title: `Many Brand Lamp ${i}`,
        brand: i === 0 ? "Aaa Tiny" : `Brand ${String(Math.ceil(i / 2)).padStart(2, "0")}`,
        category: "fx-many",
        price: 99_900,
        createdAt: "2026-01-20T00:00:00Z",
      })),
    );
    const page = await run({ category: "fx-many", brand: "Aaa Tiny" });
    expect(page.facets.brand).toHaveLength(31);
    expect(page.facets.brand).toContainEqual({ value: "Aaa Tiny", label: "Aaa Tiny", count: 1 });
  });

  it("each category and rating facet value, sent back as the filter, returns exactly its count", async () => {
    const page = await run({ q: "samsung" });
    for (const c of page.facets.category) expect((await run({ q: "samsung", category: c.value })).total).toBe(c.count);
    for (const r of page.facets.rating) expect((await run({ q: "samsung", rating_min: r.value })).total).toBe(r.count);
  });

  it("sorts by price both ways, by rating and by newest", async () => {
    const base = { category: "fx-electronics", limit: "60" };
    const asc = (await run({ ...base, sort: "price_asc" })).items.map((i) => i.price);
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    const desc = (await run({ ...base, sort: "price_desc" })).items.map((i) => i.price);
    expect(desc).toEqual([...asc].reverse());
    const rated = (await run({ ...base, sort: "rating" })).items.map((i) => i.rating.average ?? -1);
    expect(rated).toEqual([...rated].sort((a, b) => b - a));
    const newest = (await run({ ...base, sort: "newest" })).items.map((i) => i.created_at);
    expect(newest).toEqual([...newest].sort().reverse());
  });

  it("pages with an opaque cursor through every result exactly once", async () => {
    const all = await run({ category: "fx-electronics", limit: "60" });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof run>> = await run({ category: "fx-electronics", limit: "4", ...(cursor ? { cursor } : {}) });
      expect(page.total).toBe(all.total);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((i) => i.id));
  });

  it("reports availability from the buy-box stock", async () => {
    const page = await run({ q: "iphone 15", limit: "10" });
    const byId = Object.fromEntries(page.items.map((i) => [i.id, i.availability]));
    expect(byId.fx_ip15).toBe("in_stock");
    expect(byId.fx_ip15p).toBe("sold_out");
  });
});
