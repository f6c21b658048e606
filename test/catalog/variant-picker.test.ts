import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { familyKey } from "../../workers/catalog/family";
import { FAMILY_MEMBERS_SQL, FAMILY_SQL, type ProductView } from "../../workers/catalog/product-view";
import { nowIso } from "../../workers/platform/time";
import { api } from "../helpers/http";
import { createProduct } from "./fixtures";

/**
 * A phone model in four variants plus one that only comes in silver at 1TB, keyed as the seed keys
 * them, and look-alikes that are not of the family: the same title in another category, and
 * another brand's. Ids sort so that a worse match comes before the best one.
 */
async function phoneFamily() {
  const s = crypto.randomUUID().slice(0, 8);
  const now = nowIso();
  const category = `cat_vp_${s}`;
  const other = `cat_vp_other_${s}`;
  const ids = {
    blue128: `prd_vp_${s}_a`,
    silver256: `prd_vp_${s}_b`,
    blue256: `prd_vp_${s}_c`,
    silver128: `prd_vp_${s}_d`,
    silver1tb: `prd_vp_${s}_e`,
    elsewhere: `prd_vp_${s}_f`,
    otherBrand: `prd_vp_${s}_g`,
  };
  const model = `Glimmer Nova ${s} 5G`;
  const rows: [string, string, string, Record<string, string>, string][] = [
    [ids.blue128, "Glimmer", "Midnight Blue, 128GB, 6GB RAM", { colour: "Midnight Blue", storage: "128GB", ram: "6GB RAM" }, category],
    [ids.silver256, "Glimmer", "Prism Silver, 256GB, 8GB RAM", { colour: "Prism Silver", storage: "256GB", ram: "8GB RAM" }, category],
    [ids.blue256, "Glimmer", "Midnight Blue, 256GB, 8GB RAM", { colour: "Midnight Blue", storage: "256GB", ram: "8GB RAM" }, category],
    [ids.silver128, "Glimmer", "Prism Silver, 128GB, 6GB RAM", { colour: "Prism Silver", storage: "128GB", ram: "6GB RAM" }, category],
    [ids.silver1tb, "Glimmer", "Prism Silver, 1TB, 8GB RAM", { colour: "Prism Silver", storage: "1TB", ram: "8GB RAM" }, category],
    [ids.elsewhere, "Glimmer", "Sunset Orange, 128GB, 6GB RAM", { colour: "Sunset Orange", storage: "128GB", ram: "6GB RAM" }, other],
    [ids.otherBrand, "Quillon", "Jade Green, 512GB, 6GB RAM", { colour: "Jade Green", storage: "512GB", ram: "6GB RAM" }, category],
  ];
  await env.DB.batch([
    env.DB.prepare("INSERT INTO categories (id, slug, name, path, depth) VALUES (?1, ?1, 'Phones', ?2, 0)").bind(category, `/${category}/`),
    env.DB.prepare("INSERT INTO categories (id, slug, name, path, depth) VALUES (?1, ?1, 'Cases', ?2, 0)").bind(other, `/${other}/`),
    ...rows.map(([id, brand, variant, attributes, categoryId]) => {
      const title = `${model} (${variant})`;
      return env.DB.prepare(
        "INSERT INTO products (id, title, brand, category_id, attributes, family, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      ).bind(id, title, brand, categoryId, JSON.stringify({ brand, ...attributes }), familyKey({ categoryId, brand, title }), now, now);
    }),
  ]);
  return ids;
}

const choices = (view: ProductView) =>
  view.variants.map((d) => [d.name, d.options.map((o) => [o.value, o.product_id, o.current])] as const);

describe("the product API's variants", () => {
  it("offers each value of every dimension the family differs in, the current one marked, leading to the closest variant", async () => {
    const ids = await phoneFamily();
    const res = await api(`/api/products/${ids.blue128}`);
    expect(res.status).toBe(200);
    const view = (await res.json()) as ProductView;
    expect(choices(view)).toEqual([
      [
        "colour",
        [
          ["Midnight Blue", ids.blue128, true],
          // Silver at 128GB and 6GB, as this one is, not the silver 256GB that sorts first.
          ["Prism Silver", ids.silver128, false],
        ],
      ],
      [
        "storage",
        [
          ["128GB", ids.blue128, true],
          // Blue kept at 256GB; the silver one differs in colour too.
          ["256GB", ids.blue256, false],
          // Only silver comes in 1TB: the closest there is.
          ["1TB", ids.silver1tb, false],
        ],
      ],
      [
        "ram",
        [
          ["6GB RAM", ids.blue128, true],
          ["8GB RAM", ids.blue256, false],
        ],
      ],
    ]);
    // Another category's or brand's look-alike is not a variant.
    expect(JSON.stringify(view.variants)).not.toMatch(/Sunset Orange|Jade Green|512GB/);
  });

  it("marks the other product current on its own page", async () => {
    const ids = await phoneFamily();
    const view = (await (await api(`/api/products/${ids.silver1tb}`)).json()) as ProductView;
    const storage = view.variants.find((d) => d.name === "storage");
    expect(storage?.options.map((o) => [o.value, o.product_id, o.current])).toEqual([
      ["128GB", ids.silver128, false],
      ["256GB", ids.silver256, false],
      ["1TB", ids.silver1tb, true],
    ]);
  });

  it("is empty for a product without a family", async () => {
    const f = await createProduct([{ price: 99900, units: 5 }]);
    const view = (await (await api(`/api/products/${f.productId}`)).json()) as ProductView;
    expect(view.variants).toEqual([]);
    await env.DB.prepare("UPDATE products SET family = NULL WHERE id = ?").bind(f.productId).run();
    const unkeyed = (await (await api(`/api/products/${f.productId}`)).json()) as ProductView;
    expect(unkeyed.variants).toEqual([]);
  });

  it("reads the family through its index alone, without sorting it or looking up its products' rows", async () => {
    const ids = await phoneFamily();
    // The members' walk, and the one row the page reads them as.
    for (const sql of [FAMILY_SQL, FAMILY_MEMBERS_SQL]) {
      const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`).bind(ids.blue128, 100).all<{ detail: string }>();
      const steps = plan.results.map((r) => r.detail).join("\n");
      expect(steps).toMatch(/SEARCH m USING COVERING INDEX products_family_idx/);
      expect(steps).not.toMatch(/TEMP B-TREE/);
    }
  });

  it("reads the family as one row of members in id order, as far as the page's limit", async () => {
    const ids = await phoneFamily();
    const family = [ids.blue128, ids.silver256, ids.blue256, ids.silver128, ids.silver1tb];
    const read = (limit: number) => env.DB.prepare(FAMILY_MEMBERS_SQL).bind(ids.blue256, limit).all<{ members: string }>();
    const all = await read(100);
    // One row however large the family: the page's build pays for one value, not a row per member.
    expect(all.results).toHaveLength(1);
    const members = JSON.parse(all.results[0]?.members ?? "[]") as [string, string][];
    expect(members.map(([id]) => id)).toEqual(family);
    expect(JSON.parse(members[4]?.[1] ?? "{}")).toEqual({ brand: "Glimmer", colour: "Prism Silver", storage: "1TB", ram: "8GB RAM" });
    const first = JSON.parse((await read(2)).results[0]?.members ?? "[]") as [string, string][];
    expect(first.map(([id]) => id)).toEqual(family.slice(0, 2));
    const none = await env.DB.prepare(FAMILY_MEMBERS_SQL).bind("prd_no_such_product", 100).all<{ members: string }>();
    expect(none.results.map((r) => JSON.parse(r.members))).toEqual([[]]);
  });

  it("offers the family without a member whose attributes cannot be read, and the page still answers", async () => {
    const ids = await phoneFamily();
    await env.DB.prepare("UPDATE products SET attributes = 'not json' WHERE id = ?").bind(ids.silver1tb).run();
    const res = await api(`/api/products/${ids.blue128}`);
    expect(res.status).toBe(200);
    const storage = ((await res.json()) as ProductView).variants.find((d) => d.name === "storage");
    expect(storage?.options.map((o) => [o.value, o.product_id])).toEqual([
      ["128GB", ids.blue128],
      ["256GB", ids.blue256],
    ]);
  });
});

describe("the product page's variant picker", () => {
  it("links each variant under its dimension's name, the shown one marked current, and draws nothing without variants", async () => {
    const ids = await phoneFamily();
    const html = await (await api(`/products/${ids.blue128}`)).text();
    const picker = html.match(/<section class="variants"[\s\S]*?<\/section>/)?.[0] ?? "";
    expect(picker).toContain('aria-label="Variants"');
    expect(picker).toMatch(
      /<p class="variant-name" id="variant-0">Colour: <strong>Midnight Blue<\/strong><\/p><ul class="chips" aria-labelledby="variant-0">/,
    );
    expect(picker).toContain(`<a href="/products/${ids.blue128}" aria-current="true">Midnight Blue</a>`);
    expect(picker).toContain(`<a href="/products/${ids.silver128}">Prism Silver</a>`);
    expect(picker).toContain(`<a href="/products/${ids.silver1tb}">1TB</a>`);
    expect(picker.match(/aria-current="true"/g)).toHaveLength(3);

    // A product without variants draws no picker at all.
    const f = await createProduct([{ price: 99900, units: 5 }]);
    const alone = await (await api(`/products/${f.productId}`)).text();
    expect(alone).toContain("<h1>");
    expect(alone).not.toContain('class="variants"');
  });
});
