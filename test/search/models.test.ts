import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { familyKey } from "../../workers/catalog/family";
import { D1SearchBackend } from "../../workers/search/d1-backend";
import { SearchQuerySchema } from "../../workers/search/schemas";
import { api } from "../helpers/http";
import { addFixtureCategory, addFixtureProduct, seedFixtureCatalog } from "./fixture-catalog";

const run = (query: Record<string, string>) => new D1SearchBackend(env.DB).search(SearchQuerySchema.parse(query));

/** Running shoes in three models: one in six sizes and colours (one dearer, one cheaper), one in two, one alone. */
const SHOES = [
  ["ms_strx_7b", "Stridex Runner Running Shoes (UK 7, Black)", "Stridex", 2999],
  ["ms_strx_8b", "Stridex Runner Running Shoes (UK 8, Black)", "Stridex", 2999],
  ["ms_strx_10b", "Stridex Runner Running Shoes (UK 10, Black)", "Stridex", 5499],
  ["ms_strx_7w", "Stridex Runner Running Shoes (UK 7, White)", "Stridex", 2999],
  ["ms_strx_8w", "Stridex Runner Running Shoes (UK 8, White)", "Stridex", 2999],
  ["ms_strx_9w", "Stridex Runner Running Shoes (UK 9, White)", "Stridex", 2899],
  ["ms_pacer_8", "Pacer Trail Running Shoes (UK 8, Grey)", "Pacer", 3499],
  ["ms_pacer_9", "Pacer Trail Running Shoes (UK 9, Grey)", "Pacer", 3499],
  ["ms_zoomo", "Zoomo Lite Running Shoes", "Zoomo", 1999],
] as const;

const modelOf = (id: string) => SHOES.find((s) => s[0] === id)?.[1].replace(/ \(.*$/, "");

describe("search and browsing list each model once", () => {
  beforeAll(async () => {
    await seedFixtureCatalog();
    await addFixtureCategory("ms-shoes", "Shoes", "fx-home");
    for (const [id, title, brand, rupees] of SHOES) await addFixtureProduct(id, title, brand, "ms-shoes", rupees);
    // As the seed does: products are keyed by family once inserted, and search follows.
    await env.DB.batch(
      SHOES.map(([id, title, brand]) =>
        env.DB.prepare("UPDATE products SET family = ?2 WHERE id = ?1").bind(id, familyKey({ categoryId: "ms-shoes", brand, title })),
      ),
    );
  });

  it("shows one result per model, saying how many of its sizes and colours matched", async () => {
    const page = await run({ q: "running shoes" });
    expect(page.items.map((i) => modelOf(i.id)).sort()).toEqual([
      "Pacer Trail Running Shoes",
      "Stridex Runner Running Shoes",
      "Zoomo Lite Running Shoes",
    ]);
    expect(page.total).toBe(3);
    const variants = Object.fromEntries(page.items.map((i) => [modelOf(i.id), i.variants]));
    expect(variants).toEqual({ "Stridex Runner Running Shoes": 6, "Pacer Trail Running Shoes": 2, "Zoomo Lite Running Shoes": 1 });
  });

  it("stands a model for the size or colour the words asked for", async () => {
    const page = await run({ q: "running shoes white" });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]?.title).toMatch(/White\)$/);
    expect(page.items[0]?.variants).toBe(3);
  });

  it("stands a model for its first size in the requested order, and orders the models by it", async () => {
    const cheapest = await run({ q: "running shoes", sort: "price_asc" });
    expect(cheapest.items.map((i) => [i.id, i.price])).toEqual([
      ["ms_zoomo", 199_900],
      ["ms_strx_9w", 289_900],
      ["ms_pacer_8", 349_900],
    ]);
    const dearest = await run({ q: "running shoes", sort: "price_desc" });
    expect(dearest.items.map((i) => [i.id, i.price])).toEqual([
      ["ms_strx_10b", 549_900],
      ["ms_pacer_8", 349_900],
      ["ms_zoomo", 199_900],
    ]);
  });

  it("stands a model for a size in stock when its first is sold out", async () => {
    await env.DB.prepare("UPDATE products SET stock_total = 0 WHERE id = 'ms_strx_9w'").run();
    try {
      const page = await run({ q: "running shoes", sort: "price_asc" });
      const stridex = page.items.find((i) => modelOf(i.id) === "Stridex Runner Running Shoes");
      expect([stridex?.price, stridex?.availability]).toEqual([299_900, "in_stock"]);
      expect(stridex?.variants).toBe(6);
    } finally {
      await env.DB.prepare("UPDATE products SET stock_total = 10 WHERE id = 'ms_strx_9w'").run();
    }
  });

  it("counts models in the facets, a model in every price bucket one of its sizes is in", async () => {
    const page = await run({ q: "running shoes" });
    expect(page.facets.brand.map((b) => [b.value, b.count]).sort()).toEqual([
      ["Pacer", 1],
      ["Stridex", 1],
      ["Zoomo", 1],
    ]);
    expect(page.facets.category.map((c) => [c.value, c.count])).toEqual([["ms-shoes", 3]]);
    expect(page.facets.price.map((b) => [b.label, b.count])).toEqual([
      ["₹1,000 – ₹5,000", 3],
      ["₹5,000 – ₹10,000", 1],
    ]);
    // Choosing the dearer bucket finds the one model it counted, as the size that is in it.
    const bucket = page.facets.price[1];
    const dear = await run({ q: "running shoes", price_min: String(bucket?.min), price_max: String(bucket?.max) });
    expect(dear.items.map((i) => [i.id, i.variants])).toEqual([["ms_strx_10b", 1]]);
  });

  it("pages through the models, each once", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 5; i++) {
      const page = await run({ q: "running shoes", limit: "1", ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((item) => modelOf(item.id) ?? item.id));
      cursor = page.next_cursor;
      if (!cursor) break;
    }
    expect(seen.sort()).toEqual(["Pacer Trail Running Shoes", "Stridex Runner Running Shoes", "Zoomo Lite Running Shoes"]);
  });

  it("keeps each size searchable as itself once its family changes", async () => {
    // A product moved out of its family (a seller's fix to a mistyped title) is a model of its own at once.
    await env.DB.prepare("UPDATE products SET family = NULL WHERE id = 'ms_pacer_9'").run();
    try {
      const page = await run({ q: "pacer trail" });
      expect(page.items.map((i) => [i.id, i.variants]).sort()).toEqual([
        ["ms_pacer_8", 1],
        ["ms_pacer_9", 1],
      ]);
    } finally {
      await env.DB.prepare("UPDATE products SET family = ?2 WHERE id = ?1")
        .bind("ms_pacer_9", familyKey({ categoryId: "ms-shoes", brand: "Pacer", title: "Pacer Trail Running Shoes (UK 9, Grey)" }))
        .run();
    }
  });

  it("lists each model once when browsing a category too, in every order", async () => {
    const popular = await run({ category: "ms-shoes" });
    expect(popular.total).toBe(3);
    expect(popular.items.map((i) => i.variants).sort()).toEqual([1, 2, 6]);
    const cheapest = await run({ category: "ms-shoes", sort: "price_asc" });
    expect(cheapest.items.map((i) => i.id)).toEqual(["ms_zoomo", "ms_strx_9w", "ms_pacer_8"]);
    const filtered = await run({ category: "ms-shoes", price_min: "500000" });
    expect(filtered.items.map((i) => [i.id, i.variants])).toEqual([["ms_strx_10b", 1]]);
    expect(filtered.facets.price.map((b) => b.count)).toEqual([3, 1]);
  });

  it("offers a model's other sizes and colours on its card", async () => {
    const html = await (await api("/search?q=running+shoes")).text();
    expect(html).toContain("+5 more options");
    expect(html).toContain("+1 more option<");
    const zoomo = html.slice(html.indexOf("/products/ms_zoomo"));
    expect(zoomo.slice(0, zoomo.indexOf("</li>"))).not.toContain("more option");
  });
});

describe("a size with a decimal point", () => {
  const ACS = [
    ["dc_ac_1", "Coolbreeze Split AC (1 Ton, 5 Star)", 33599],
    ["dc_ac_15", "Coolbreeze Split AC (1.5 Ton, 3 Star)", 38999],
    ["dc_ac_2", "Coolbreeze Split AC (2 Ton, 3 Star)", 45999],
  ] as const;

  beforeAll(async () => {
    await seedFixtureCatalog();
    await addFixtureCategory("dc-acs", "Air Conditioners", "fx-home");
    for (const [id, title, rupees] of ACS) await addFixtureProduct(id, title, "Coolbreeze", "dc-acs", rupees);
    await env.DB.batch(
      ACS.map(([id, title]) =>
        env.DB.prepare("UPDATE products SET family = ?2 WHERE id = ?1").bind(
          id,
          familyKey({ categoryId: "dc-acs", brand: "Coolbreeze", title }),
        ),
      ),
    );
  });

  it("stands the model for the size asked for, not one whose title holds its digits apart", async () => {
    const page = await run({ q: "coolbreeze ac 1.5 ton" });
    expect(page.items.map((i) => [i.title, i.variants])).toEqual([["Coolbreeze Split AC (1.5 Ton, 3 Star)", 1]]);
    // Without the point, the words are two numbers as before, which every size's title may hold.
    expect((await run({ q: "coolbreeze ac 2 ton" })).items.map((i) => i.title)).toEqual(["Coolbreeze Split AC (2 Ton, 3 Star)"]);
  });

  it("gives a product's average rating to one decimal as the product's own answer does", async () => {
    // 45 stars from 11 ratings: 4.09…, drawn and filtered as 4.0 everywhere.
    await env.DB.prepare("UPDATE products SET rating_sum = 45, rating_count = 11 WHERE id = 'dc_ac_2'").run();
    const found = await run({ q: "coolbreeze ac 2 ton" });
    expect(found.items[0]?.rating).toEqual({ average: 4, count: 11 });
    const product = (await (await api("/api/products/dc_ac_2")).json()) as { rating: { average: number; count: number } };
    expect(product.rating).toEqual({ average: 4, count: 11 });
  });
});
