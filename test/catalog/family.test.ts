import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { familyKey, familyName } from "../../workers/catalog/family";
import { orderValues } from "../../workers/catalog/variants";
import { nowIso } from "../../workers/platform/time";

/** Titles the SQL forms of the rule must key as familyKey does, awkward ones included. */
const AWKWARD_TITLES = [
  "Samsung Galaxy M34 5G (Midnight Blue, 128GB)",
  "Samsung Galaxy M34 5G",
  "  Samsung  Galaxy M34 5G   (Prism Silver, 256GB)  ",
  "Amazon Echo Dot (5th Gen) Smart Speaker with Alexa (Charcoal)",
  "Lumen Lamp (Pro (2024))",
  "Lumen Lamp (bright) edition",
  "Lumen Lamp ()",
  "Lumen Lamp (   )",
  "(Midnight Blue)",
  "Lumen Lamp(Blue)",
  "Lumen Lamp (a) (b)",
  "ÄRMEL Kurta Ñame (Grün, XL)",
  "इलायची चाय मसाला (250 g)",
];

describe("family key", () => {
  it("keys a variant by its brand, category and the title before its closing brackets", () => {
    const blue = familyKey({ categoryId: "cat_mobiles", brand: "Samsung", title: "Samsung Galaxy M34 5G (Midnight Blue, 128GB)" });
    const silver = familyKey({ categoryId: "cat_mobiles", brand: " samsung", title: "SAMSUNG Galaxy M34 5G  (Prism Silver, 256GB) " });
    expect(blue).toBe("cat_mobiles|samsung|samsung galaxy m34 5g");
    expect(silver).toBe(blue);
    expect(familyKey({ categoryId: "cat_cases", brand: "Samsung", title: "Samsung Galaxy M34 5G (Midnight Blue, 128GB)" })).not.toBe(blue);
    expect(familyKey({ categoryId: "cat_mobiles", brand: "Redmi", title: "Samsung Galaxy M34 5G (Midnight Blue, 128GB)" })).not.toBe(blue);
  });

  it("keys a title without a closing bracketed variant by the whole title", () => {
    expect(familyName("Samsung Galaxy M34 5G")).toBe("Samsung Galaxy M34 5G");
    expect(familyName("Lumen Lamp (bright) edition")).toBe("Lumen Lamp (bright) edition");
    expect(familyName("Lumen Lamp ()")).toBe("Lumen Lamp ()");
    expect(familyName("(Midnight Blue)")).toBe("(Midnight Blue)");
  });

  it("keeps brackets inside the name and reads only the last bracketed part as the variant", () => {
    expect(familyName("Amazon Echo Dot (5th Gen) Smart Speaker with Alexa (Charcoal)")).toBe(
      "Amazon Echo Dot (5th Gen) Smart Speaker with Alexa",
    );
    expect(familyName("Lumen Lamp (a) (b)")).toBe("Lumen Lamp (a)");
    // Brackets nested in the variant are not a variant the picker can name: the title stands alone.
    expect(familyName("Lumen Lamp (Pro (2024))")).toBe("Lumen Lamp (Pro (2024))");
  });

  it("orders sizes by what they measure and names alphabetically", () => {
    expect(orderValues(["1TB", "128GB", "64GB", "256GB"])).toEqual(["64GB", "128GB", "256GB", "1TB"]);
    expect(orderValues(["1TB SSD", "512GB SSD"])).toEqual(["512GB SSD", "1TB SSD"]);
    expect(orderValues(["UK 10", "UK 6", "UK 8"])).toEqual(["UK 6", "UK 8", "UK 10"]);
    expect(orderValues(["XL", "S", "M", "XXL", "L"])).toEqual(["S", "M", "L", "XL", "XXL"]);
    expect(orderValues(["Prism Silver", "Midnight Blue"])).toEqual(["Midnight Blue", "Prism Silver"]);
  });
});

describe("the migration's backfill", () => {
  it("keys existing products as familyKey does", async () => {
    const migration = env.TEST_MIGRATIONS.find((m) => m.name.endsWith("_product_family.sql"));
    // The hand-written statements follow the generated ALTER TABLE and CREATE INDEX.
    const backfill = migration?.queries.filter((q) => !/^\s*(ALTER|CREATE)\b/i.test(q.replace(/^\s*--.*$/gm, ""))) ?? [];
    expect(backfill.length).toBeGreaterThan(0);

    const now = nowIso();
    const s = crypto.randomUUID().slice(0, 8);
    const category = `cat_bf_${s}`;
    await env.DB.prepare("INSERT INTO categories (id, slug, name, path, depth) VALUES (?1, ?1, 'Backfill', ?2, 0)")
      .bind(category, `/${category}/`)
      .run();
    await env.DB.batch(
      AWKWARD_TITLES.map((title, i) =>
        env.DB.prepare("INSERT INTO products (id, title, brand, category_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)").bind(
          `prd_bf_${s}_${i}`,
          title,
          i % 2 ? " Lumen " : "ÄRMEL Home",
          category,
          now,
          now,
        ),
      ),
    );
    for (const q of backfill) await env.DB.prepare(q).run();

    const rows = await env.DB.prepare("SELECT title, brand, category_id, family FROM products WHERE category_id = ? ORDER BY id")
      .bind(category)
      .all<{ title: string; brand: string; category_id: string; family: string | null }>();
    expect(rows.results).toHaveLength(AWKWARD_TITLES.length);
    for (const r of rows.results) {
      expect([r.title, r.family]).toEqual([r.title, familyKey({ categoryId: r.category_id, brand: r.brand, title: r.title })]);
    }
  });
});
