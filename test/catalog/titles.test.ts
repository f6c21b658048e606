import { describe, expect, it } from "vitest";
import { productBundle } from "../../scripts/catalog/generate.mjs";
import { LEAVES } from "../../scripts/catalog/taxonomy.mjs";

const titlesOf = (products: number) => Array.from({ length: products }, (_, i) => productBundle(i + 1, products).product.title);

/** Every distinct title the taxonomy can make: model lines times the values of the dimensions a title names. */
function titleVariants(): number {
  let n = 0;
  for (const leaf of LEAVES) {
    const dims = Object.keys(leaf.dims).slice(0, leaf.titleDims);
    for (const [, , , , only] of leaf.lines) {
      n += dims.reduce((m, d) => m * (only?.[d]?.length ?? leaf.dims[d]?.length ?? 1), 1);
    }
  }
  return n;
}

describe("generated titles", () => {
  it("never show two demo products under one title: one product per variant, its sellers its offers", () => {
    const titles = titlesOf(3_000);
    expect(new Set(titles).size).toBe(titles.length);
  });

  it("use every variant the taxonomy has in a benchmark-sized catalog", () => {
    const all = titleVariants();
    const titles = titlesOf(100_000);
    expect(new Set(titles).size).toBe(all);
  });

  it("mix every category into the first few hundred products, phones more than projectors", () => {
    const first = Array.from({ length: 600 }, (_, i) => productBundle(i + 1, 600).product.category_id);
    const per = new Map<string, number>();
    for (const c of first) per.set(c, (per.get(c) ?? 0) + 1);
    expect(per.size).toBe(LEAVES.length);
    expect(per.get("cat_mobiles")).toBeGreaterThan(4 * (per.get("cat_projectors") ?? 0));
  });
});
