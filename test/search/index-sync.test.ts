import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { refreshProductSummary } from "../../workers/catalog/summary";
import { D1SearchBackend } from "../../workers/search/d1-backend";
import { maintainSearch } from "../../workers/search/maintenance";
import { SearchQuerySchema } from "../../workers/search/schemas";
import { listingOf, seedFixtureCatalog } from "./fixture-catalog";

const run = (query: Record<string, string>) => new D1SearchBackend(env.DB).search(SearchQuerySchema.parse(query));
const ids = async (query: Record<string, string>) => (await run(query)).items.map((i) => i.id);

/** A seller change as the catalog write path makes it: the change and the buy-box refresh in one batch. */
async function sellerWrite(productId: string, change: D1PreparedStatement): Promise<void> {
  const now = new Date().toISOString();
  await env.DB.batch([change, ...refreshProductSummary(env.DB, productId, now)]);
}

describe("the index follows seller changes in the same transaction", () => {
  beforeAll(seedFixtureCatalog);

  it("shows a price change in price filters and sorts at once", async () => {
    expect(await ids({ q: "redmi", price_max: "1000000" })).toEqual([]);
    await sellerWrite(
      "fx_redmi",
      env.DB.prepare("UPDATE listings SET price = 899900, updated_at = ?2 WHERE id = ?1").bind(
        listingOf("fx_redmi"),
        new Date().toISOString(),
      ),
    );
    expect(await ids({ q: "redmi", price_max: "1000000" })).toEqual(["fx_redmi"]);
    const page = await run({ category: "fx-mobiles", sort: "price_asc" });
    expect(page.items[0]?.id).toBe("fx_redmi");
    expect(page.items[0]?.price).toBe(899900);
  });

  it("keeps every field search filters, facets and ranks on equal to the product's own, whatever changed", async () => {
    await env.DB.batch([
      env.DB.prepare("UPDATE products SET rating_sum = rating_sum + 5, rating_count = rating_count + 1 WHERE id = 'fx_redmi'"),
      env.DB.prepare("UPDATE products SET popularity = popularity + 40 WHERE id = 'fx_redmi'"),
      env.DB.prepare("UPDATE products SET title = 'Redmi Note 13 Pro 5G (Arctic White)', brand = 'Xiaomi' WHERE id = 'fx_redmi'"),
    ]);
    const drift = await env.DB.prepare(
      `SELECT p.id FROM products p JOIN search_docs d ON d.product_id = p.id
       WHERE d.title_lower IS NOT lower(p.title) OR d.brand IS NOT p.brand OR d.category_id IS NOT p.category_id
         OR d.price IS NOT p.price OR d.stock_total IS NOT p.stock_total OR d.rating_sum IS NOT p.rating_sum
         OR d.rating_count IS NOT p.rating_count OR d.popularity IS NOT p.popularity OR d.created_at IS NOT p.created_at`,
    ).all();
    expect(drift.results).toEqual([]);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM search_docs").first("n")).toBe(
      await env.DB.prepare("SELECT count(*) AS n FROM products").first("n"),
    );
    expect(await ids({ q: "redmi arctic", rating_min: "1" })).toContain("fx_redmi");
  });

  it("drops a product from in-stock results when its stock runs out, and brings it back on restock", async () => {
    expect(await ids({ q: "chromebook", in_stock: "true" })).toEqual(["fx_cbook"]);
    const setStock = (n: number) =>
      sellerWrite("fx_cbook", env.DB.prepare("UPDATE inventory SET available = ?2 WHERE sku_id = ?1").bind(listingOf("fx_cbook"), n));
    await setStock(0);
    expect(await ids({ q: "chromebook", in_stock: "true" })).toEqual([]);
    expect((await run({ q: "chromebook" })).items[0]?.availability).toBe("sold_out");
    await setStock(7);
    expect(await ids({ q: "chromebook", in_stock: "true" })).toEqual(["fx_cbook"]);
  });

  it("makes a new product searchable once it has an offer", async () => {
    const now = new Date().toISOString();
    await env.DB.prepare(
      `INSERT INTO products(id, title, brand, category_id, created_at, updated_at)
       VALUES ('fx_new', 'Nothing Phone (2a) 5G Milk White', 'Nothing', 'fx-mobiles', ?1, ?1)`,
    )
      .bind(now)
      .run();
    // A product without an active listing is not for sale, so search does not show it yet.
    expect(await ids({ q: "nothing phone" })).not.toContain("fx_new");
    await sellerWrite(
      "fx_new",
      env.DB.prepare(
        "INSERT INTO listings(id, product_id, seller_id, price, mrp, created_at, updated_at) VALUES ('fx_new_l1', 'fx_new', 'fx_seller', 2399900, 2599900, ?1, ?1)",
      ).bind(now),
    );
    expect(await ids({ q: "nothing phone" })).toEqual(["fx_new"]);
    expect((await run({ q: "nothing phone" })).relaxed).toBe(false);
  });

  it("re-indexes a retitled product: the old words stop matching, the new ones match", async () => {
    await env.DB.prepare(
      "UPDATE products SET title = 'Duracell Ultra AAA Batteries (Pack of 4)', description = 'Long life.' WHERE id = 'fx_dura'",
    ).run();
    expect(await ids({ q: "alkaline" })).toEqual([]);
    expect(await ids({ q: "duracell ultra aaa" })).toEqual(["fx_dura"]);
  });

  it("re-indexes a category's products when the category is renamed", async () => {
    await env.DB.prepare("UPDATE categories SET name = 'Induction and Hobs' WHERE id = 'fx-cooktops'").run();
    expect((await ids({ q: "hobs" })).sort()).toEqual(["fx_glen", "fx_pic"]);
  });

  it("learns a new word for typo correction at the next maintenance run, and skips runs between", async () => {
    const now = new Date().toISOString();
    await env.DB.prepare(
      `INSERT INTO products(id, title, brand, category_id, created_at, updated_at)
       VALUES ('fx_kettle', 'Borosilicate Glass Kettle 1.7L', 'Kettlex', 'fx-cooktops', ?1, ?1)`,
    )
      .bind(now)
      .run();
    await sellerWrite(
      "fx_kettle",
      env.DB.prepare(
        "INSERT INTO listings(id, product_id, seller_id, price, mrp, created_at, updated_at) VALUES ('fx_kettle_l1', 'fx_kettle', 'fx_seller', 149900, 199900, ?1, ?1)",
      ).bind(now),
    );
    // Spelled right, the new product is found at once; misspelt, only once the vocabulary knows the word.
    expect(await ids({ q: "borosilicate" })).toEqual(["fx_kettle"]);
    expect(await maintainSearch(env.DB, new Date("2026-11-30T10:03:00Z"))).toBe(false);
    expect(await ids({ q: "borosilcate" })).not.toContain("fx_kettle");
    expect(await maintainSearch(env.DB, new Date("2026-11-30T10:10:00Z"))).toBe(true);
    expect(await ids({ q: "borosilcate" })).toEqual(["fx_kettle"]);
  });
});
