import { describe, expect, it } from "vitest";
import { productBundle } from "../../scripts/catalog/generate.mjs";
import { LEAVES } from "../../scripts/catalog/taxonomy.mjs";
import { dimensionSets, lineDims } from "./line-dims";

// Generated in memory: the benchmark catalog, the demo's products and the long tail after them,
// so nearly every model line comes in all of its variants.
const PRODUCTS = 100_000;

interface Offered {
  category: string;
  title: string;
  /** Brand and model: the title without its variant. */
  model: string;
  attributes: Record<string, string>;
  /** One price (paise) per seller. */
  prices: number[];
  mrp: number;
}

const CATALOG: Offered[] = Array.from({ length: PRODUCTS }, (_, i) => {
  const { product, listings } = productBundle(i + 1, PRODUCTS);
  return {
    category: product.category_id,
    title: product.title,
    model: product.title.slice(0, product.title.lastIndexOf(" (")),
    attributes: JSON.parse(product.attributes) as Record<string, string>,
    prices: listings.map((l) => l.price),
    mrp: listings[0]!.mrp,
  };
});

const rupees = (paise: number) => `₹${(paise / 100).toLocaleString("en-IN")}`;
const startingWith = (prefix: string) => CATALOG.filter((p) => p.title.startsWith(prefix));
const priceRange = (products: Offered[]) => {
  const all = products.flatMap((p) => p.prices);
  return [Math.min(...all), Math.max(...all)] as const;
};

/** Up to ten failures, so a broken band reads as a list of products rather than one boolean. */
function firstFailures(failures: string[]): string[] {
  return failures.slice(0, 10);
}

describe("generated prices", () => {
  it.each([
    ["Xiaomi Redmi", "Apple iPhone 15 Pro"],
    ["Samsung Galaxy M34 5G", "Samsung Galaxy S24"],
    ["Dell Vostro 3420", "Apple MacBook Pro 14 M3"],
    ["Amazon Fire 7 Tablet", "Apple iPad Pro 11"],
    ['Westinghouse Roku TV HD (32"', 'LG OLED evo C3 Smart TV (55"'],
    ["boAt Airdopes 141 Earbuds", "Apple AirPods Pro (2nd Gen)"],
    ["Noise Twist", "Apple Watch Ultra 2"],
    ["Godrej Edge Single Door Refrigerator (190 L", "LG InstaView Door-in-Door Fridge (653 L"],
    ["Whirlpool White Magic Semi-Automatic", "LG Washer Dryer"],
    ["Symphony Diet 3D Air Cooler", "Daikin Inverter Split AC"],
  ])("sells every %s for less than any %s", (cheaper, dearer) => {
    const low = startingWith(cheaper);
    const high = startingWith(dearer);
    expect(low.length).toBeGreaterThan(0);
    expect(high.length).toBeGreaterThan(0);
    const [, lowMax] = priceRange(low);
    const [highMin] = priceRange(high);
    expect(lowMax, `${cheaper} up to ${rupees(lowMax)}, ${dearer} from ${rupees(highMin)}`).toBeLessThan(highMin);
  });

  it("never sells a phone for less than the same phone with less storage and the same RAM", () => {
    const gb = (storage: string) => Number.parseInt(storage, 10) * (storage.endsWith("TB") ? 1024 : 1);
    const phones = CATALOG.filter((p) => p.category === "cat_mobiles");
    const failures: string[] = [];
    for (const a of phones) {
      for (const b of phones) {
        if (a.model !== b.model || a.attributes.ram !== b.attributes.ram) continue;
        if (gb(a.attributes.storage!) >= gb(b.attributes.storage!)) continue;
        // `a` has less storage than `b`: none of its sellers may ask more than any of b's.
        if (Math.max(...a.prices) > Math.min(...b.prices)) {
          failures.push(`${a.title} at ${rupees(Math.max(...a.prices))} vs ${b.title} at ${rupees(Math.min(...b.prices))}`);
        }
      }
    }
    expect(phones.length).toBeGreaterThan(200);
    expect(firstFailures(failures)).toEqual([]);
  });

  it("never sells a variant of a model for less than a cheaper variant of it, whatever the leaf prices by", () => {
    const failures: string[] = [];
    let compared = 0;
    for (const leaf of LEAVES) {
      const products = CATALOG.filter((p) => p.category === `cat_${leaf.slug}` || p.category === `cat_${leaf.slug}-all`);
      // A line of another kind than its leaf's (a desktop among the monitors) prices by that kind's dimensions.
      for (const { dims, priceBy, models } of dimensionSets(leaf)) {
        if (!priceBy) continue;
        const multiplier = (dim: string, p: Offered) => priceBy[dim]![dims[dim]!.indexOf(p.attributes[dim]!)]!;
        for (const dim of Object.keys(priceBy)) {
          // Products that differ from each other only in `dim`, among the attributes prices depend on.
          const groups = new Map<string, Offered[]>();
          for (const p of products) {
            if (!models.has(p.model)) continue;
            const key = [p.model, ...Object.keys(priceBy).map((d) => (d === dim ? "" : p.attributes[d]))].join("|");
            groups.set(key, [...(groups.get(key) ?? []), p]);
          }
          for (const group of groups.values()) {
            for (const a of group) {
              for (const b of group) {
                if (multiplier(dim, a) >= multiplier(dim, b)) continue;
                compared++;
                if (Math.max(...a.prices) > Math.min(...b.prices)) {
                  failures.push(
                    `${a.title} [${dim} ${a.attributes[dim]}] up to ${rupees(Math.max(...a.prices))} vs ${b.title} from ${rupees(Math.min(...b.prices))}`,
                  );
                }
              }
            }
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(5_000);
    expect(firstFailures(failures)).toEqual([]);
  });

  it("prices every size and colour of a model alike when the model does not price by them", () => {
    // The model lines (demo and long tail) whose price depends on none of their dimensions.
    const flat = new Set<string>();
    for (const leaf of LEAVES) {
      for (const [brand, model, , , only] of [...leaf.lines, ...(leaf.tail ?? [])]) {
        if (!lineDims(leaf, only).priceBy) flat.add(`${leaf.slug}|${brand} ${model}`);
      }
    }
    const groups = new Map<string, Offered[]>();
    for (const p of CATALOG) {
      const key = `${p.category.replace(/^cat_/, "").replace(/-all$/, "")}|${p.model}`;
      if (flat.has(key)) groups.set(key, [...(groups.get(key) ?? []), p]);
    }
    const failures: string[] = [];
    let compared = 0;
    for (const group of groups.values()) {
      if (group.length < 2) continue;
      compared++;
      const mrps = new Set(group.map((p) => p.mrp));
      if (mrps.size > 1) failures.push(`${group[0]!.model}: MRPs ${[...mrps].map(rupees).join(", ")}`);
      const [least, most] = priceRange(group);
      // Sellers are 2.5% either side of one price; a price ending in 9 rounds by up to ₹10.
      if (most > least * 1.06 + 2_000) failures.push(`${group[0]!.model}: variants from ${rupees(least)} to ${rupees(most)}`);
    }
    expect(compared).toBeGreaterThan(1_000);
    expect(firstFailures(failures)).toEqual([]);
  });

  it("prices every model line of the categories shoppers search most", () => {
    const popular = [
      "mobiles",
      "laptops",
      "televisions",
      "tablets",
      "headphones",
      "refrigerators",
      "washing-machines",
      "air-conditioners",
      "smartwatches",
    ];
    const unpriced = LEAVES.filter((leaf) => popular.includes(leaf.slug)).flatMap((leaf) =>
      leaf.lines
        .filter(([, , lo, hi]) => !(typeof lo === "number" && typeof hi === "number" && lo < hi))
        .map(([brand, model]) => `${leaf.slug}: ${brand} ${model}`),
    );
    expect(unpriced).toEqual([]);
  });

  it("keeps prices ending in 9 rupees, within MRP, and sellers a few percent apart", () => {
    const failures: string[] = [];
    let differing = 0;
    for (const p of CATALOG) {
      const least = Math.min(...p.prices);
      const most = Math.max(...p.prices);
      if ([...p.prices, p.mrp].some((paise) => paise % 1000 !== 900)) failures.push(`${p.title}: a price not ending in 9 rupees`);
      if (most > p.mrp) failures.push(`${p.title}: ${rupees(most)} above MRP ${rupees(p.mrp)}`);
      // Under ₹1,000 the rounding to a price ending in 9 is itself more than a few percent.
      if (least >= 100_000 && most / least >= 1.06) failures.push(`${p.title}: sellers from ${rupees(least)} to ${rupees(most)}`);
      if (most > least) differing++;
    }
    expect(firstFailures(failures)).toEqual([]);
    expect(differing / CATALOG.length).toBeGreaterThan(0.8);
  });
});
