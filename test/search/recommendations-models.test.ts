import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { familyKey } from "../../workers/catalog/family";
import { applyOrderToRecommendations } from "../../workers/search/co-purchases";
import { forProduct, forShopper, popularSql, SIMILAR_SQL, type Recommendations } from "../../workers/search/recommendations";
import { api } from "../helpers/http";
import { addFixtureCategory, addFixtureProduct, placeFixtureOrder, seedFixtureCatalog } from "./fixture-catalog";

// Two models sold in several variants, beside the fixture's single-product models (no family).
const A15 = { id: "fx_a15", title: "Samsung Galaxy A15 (8GB RAM, 128GB)" };
const A15_256 = { id: "fx_a15_256", title: "Samsung Galaxy A15 (8GB RAM, 256GB)", rupees: 18_999 };
const M14 = { id: "fx_m14", title: "Samsung Galaxy M14 5G (6GB RAM, 128GB)" };
const M14_8GB = { id: "fx_m14_8gb", title: "Samsung Galaxy M14 5G (8GB RAM, 128GB)", rupees: 14_499 };
const M14_BLUE = { id: "fx_m14_blue", title: "Samsung Galaxy M14 5G (Blue, 6GB RAM)", rupees: 13_999 };
const M14_MODEL = [M14.id, M14_8GB.id, M14_BLUE.id];

const today = () => new Date().toISOString().slice(0, 10);

// Straight from the lists' functions, since the API's answers are shared at the edge for a minute
// and these tests change sales between reads of one product.
function onPage(productId: string): Promise<Recommendations> {
  return forProduct(env.DB, productId, today(), 10);
}

async function setFamilies(products: { id: string; title: string }[]): Promise<void> {
  await env.DB.batch(
    products.map((p) =>
      env.DB.prepare("UPDATE products SET family = ?2 WHERE id = ?1").bind(
        p.id,
        familyKey({ categoryId: "fx-mobiles", brand: "Samsung", title: p.title }),
      ),
    ),
  );
}

async function sell(orderId: string, productIds: string[]): Promise<void> {
  await placeFixtureOrder(orderId, productIds);
  await applyOrderToRecommendations(env.DB, orderId, new Date().toISOString());
}

describe("recommendations show one product per model", () => {
  beforeAll(async () => {
    await seedFixtureCatalog();
    for (const v of [A15_256, M14_8GB, M14_BLUE]) await addFixtureProduct(v.id, v.title, "Samsung", "fx-mobiles", v.rupees);
    await setFamilies([A15, A15_256, M14, M14_8GB, M14_BLUE]);
  });

  it("offers other models as similar, each once by its nearest variant, and none of the product's own", async () => {
    const res = await api("/api/recommendations?product_id=fx_a15");
    expect(res.status).toBe(200);
    const { similar } = (await res.json()) as Recommendations;
    // The A15's 256 GB is on its own page's picker; the M14 is shown once, by its variant nearest
    // the A15's ₹17,999 (₹14,499), then the other brand in the price band.
    expect(similar.map((i) => i.id)).toEqual([M14_8GB.id, "fx_redmi"]);
    expect(similar[0]?.title).toBe(M14_8GB.title);
  });

  it("still treats a product with no family as a model of its own", async () => {
    const { similar } = await onPage("fx_redmi");
    // The Redmi (₹24,999) has no family recorded: each model in its price band is similar once, by
    // its variant nearest in price: the A15 by its 256 GB, the M14 by its 8 GB.
    expect(similar.map((i) => i.id)).toEqual([A15_256.id, M14_8GB.id]);
  });

  it("shows a model bought together once, and never the product's own other variants", async () => {
    await sell("ord_models_1", [A15.id, A15_256.id, M14.id, M14_BLUE.id]);
    await sell("ord_models_2", [A15.id, M14_BLUE.id]);
    const { also_bought } = await onPage(A15.id);
    expect(also_bought.map((i) => i.id)).toEqual([M14_BLUE.id]);
  });

  it("ranks trending models by their best-selling variant, leaving out the page's own model", async () => {
    await sell("ord_models_3", [M14_BLUE.id, "fx_redmi"]);
    // On the Redmi's page the M14 trends once, by its variant sold most this week (the blue one).
    const onRedmi = (await onPage("fx_redmi")).trending.map((i) => i.id);
    expect(onRedmi.filter((id) => M14_MODEL.includes(id))).toEqual([M14_BLUE.id]);
    expect(onRedmi).not.toContain("fx_redmi");
    // On any M14's page, no M14 trends: its variants are on the page's picker.
    const onM14 = (await onPage(M14_8GB.id)).trending.map((i) => i.id);
    expect(onM14.some((id) => M14_MODEL.includes(id))).toBe(false);
    // The A15 sold three units over two variants, the Redmi one: the A15 leads, by its variant sold most.
    expect(onM14.slice(0, 2)).toEqual([A15.id, "fx_redmi"]);
    expect(onM14).not.toContain(A15_256.id);
  });

  it("fills the store-wide row with popular models, not a popular model's every variant", async () => {
    await env.DB.prepare("UPDATE products SET popularity = 50000 WHERE id IN (?1, ?2, ?3)")
      .bind(...M14_MODEL)
      .run();
    const { trending } = await forShopper(env.DB, [], today(), 8);
    const ids = trending.map((i) => i.id);
    expect(ids.filter((id) => M14_MODEL.includes(id))).toHaveLength(1);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(8);
  });

  it("reads the popular products through their rank index, however large the catalog grows", async () => {
    const read = async () => (await popularSql(env.DB, 1).all()).meta.rows_read;
    // Buyable products none of whom is popular, forty at a time: a read that ranked the whole
    // catalog would read each new forty too; the rank index's walk stops at the same place.
    await addFixtureCategory("fx-cables", "Cables", "fx-accessories");
    const addCables = async (from: number) => {
      for (let i = from; i < from + 40; i++)
        await addFixtureProduct(`fx_cable_${i}`, `Fixture Cable ${i} (1 m)`, "Fixture", "fx-cables", 199 + i);
    };
    await addCables(0);
    const before = await read();
    await addCables(40);
    expect(await read()).toBe(before);
  });

  it("ranks a category's price band from its index alone, reading product rows only for the cards shown", async () => {
    const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${SIMILAR_SQL}`).bind(A15.id, 10).all<{ detail: string }>();
    const details = plan.results.map((r) => r.detail);
    expect(details).toContainEqual(expect.stringMatching(/^SEARCH p USING COVERING INDEX products_category_idx/));
  });
});
