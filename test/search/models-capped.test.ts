import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { D1SearchBackend } from "../../workers/search/d1-backend";
import { SearchQuerySchema } from "../../workers/search/schemas";
import { MATCH_CAP } from "../../workers/search/search-sql";
import { addCategory, addManyProducts } from "./bulk-catalog";
import { seedFixtureCatalog } from "./fixture-catalog";

const run = (query: Record<string, string>) => new D1SearchBackend(env.DB).search(SearchQuerySchema.parse(query));

const COUNT = MATCH_CAP + 600;
const MODELS = 1_867;
const id = (i: number) => `gw_${String(i).padStart(5, "0")}`;

/** Every page of a query, 60 at a time, until paging stops. */
async function allPages(query: Record<string, string>) {
  const items: Array<{ id: string; price: number; variants: number }> = [];
  let cursor: string | null = null;
  for (let n = 0; n < 100; n++) {
    const page = await run({ ...query, limit: "60", ...(cursor ? { cursor } : {}) });
    items.push(...page.items);
    cursor = page.next_cursor;
    if (!cursor) break;
  }
  return items;
}

// More products than the cap, in models of three sizes: product i is a size of model i mod 1,867,
// and costs more the larger i is, so each model's cheapest size is its smallest i.
describe("results past the match cap, one model at a time", () => {
  beforeAll(async () => {
    await seedFixtureCatalog();
    await addCategory("gw-widgets", "Gridwidgets");
    await addManyProducts({
      prefix: "gw_",
      title: "Gridwidget",
      brand: "Capco",
      category: "gw-widgets",
      count: COUNT,
      firstPrice: 100_000,
      createdFrom: "2025-01-01T00:00:00Z",
    });
    await env.DB.prepare("UPDATE products SET family = 'gw|' || (CAST(substr(id, 4) AS INTEGER) % ?1) WHERE id GLOB 'gw_*'")
      .bind(MODELS)
      .run();
  });

  it("pages a broad query sorted by price through every model once, each as its cheapest size", async () => {
    const items = await allPages({ q: "gridwidget", sort: "price_asc" });
    expect(items.map((i) => i.id)).toEqual(Array.from({ length: MODELS }, (_, k) => id(k + 1)));
    expect(items.slice(0, 3).map((i) => i.variants)).toEqual([3, 3, 3]);
  });

  it("pages a capped browse through the models of its first products, each once and in order", async () => {
    const items = await allPages({ category: "gw-widgets", sort: "price_asc" });
    // The first 5,001 products by price hold a size of every model, each model's cheapest first.
    expect(items.map((i) => i.id)).toEqual(Array.from({ length: MODELS }, (_, k) => id(k + 1)));
    const dearest = await allPages({ category: "gw-widgets", sort: "price_desc" });
    expect(new Set(dearest.map((i) => i.id)).size).toBe(dearest.length);
    expect(dearest.map((i) => i.price)).toEqual([...dearest.map((i) => i.price)].sort((a, b) => b - a));
    expect(dearest[0]?.id).toBe(id(COUNT));
  });

  it("counts the models among the first products it read, and says it was capped", async () => {
    const page = await run({ category: "gw-widgets", sort: "price_asc" });
    expect(page).toMatchObject({ total: MODELS, capped: true });
  });
});
