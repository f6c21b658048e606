import { describe, expect, it } from "vitest";
import { productBundle } from "../../scripts/catalog/generate.mjs";

// The demo and the long tail after it, so many models come in several variants.
const PRODUCTS = 20_000;

describe("generated ratings", () => {
  it("rates every size and colour of a model alike, however many bought each", () => {
    const models = new Map<string, { title: string; sum: number; count: number }[]>();
    for (let i = 1; i <= PRODUCTS; i++) {
      const { product } = productBundle(i, PRODUCTS);
      if (product.rating_count === 0) continue;
      const model = `${product.category_id}|${product.title.slice(0, product.title.lastIndexOf(" ("))}`;
      models.set(model, [...(models.get(model) ?? []), { title: product.title, sum: product.rating_sum, count: product.rating_count }]);
    }
    const failures: string[] = [];
    let compared = 0;
    let counts = 0;
    for (const variants of models.values()) {
      if (variants.length < 2) continue;
      compared++;
      const [a, ...rest] = variants;
      for (const b of rest) {
        // Each average is a whole number of stars over its count, so off by up to half a star over it.
        const slack = 0.5 / a!.count + 0.5 / b.count + 1e-9;
        if (Math.abs(a!.sum / a!.count - b.sum / b.count) > slack) {
          failures.push(`${a!.title} ${(a!.sum / a!.count).toFixed(2)} vs ${b.title} ${(b.sum / b.count).toFixed(2)}`);
        }
        if (b.count !== a!.count) counts++;
      }
    }
    expect(compared).toBeGreaterThan(1_000);
    expect(failures.slice(0, 10)).toEqual([]);
    // Still each variant's own count of ratings.
    expect(counts).toBeGreaterThan(compared);
  });
});
