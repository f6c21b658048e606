import { describe, expect, it } from "vitest";
import { DISTINCT_TITLES, categoryRows, productBundle } from "../../scripts/catalog/generate.mjs";
import { LEAVES } from "../../scripts/catalog/taxonomy.mjs";
import { lineDims } from "./line-dims";
import { NAMED_RULES, SOLD_AS_PAIRS, namedInches, namedValues } from "./named-variants";

const titlesOf = (products: number) => Array.from({ length: products }, (_, i) => productBundle(i + 1, products).product.title);

/**
 * Every distinct title the taxonomy can make: model lines, its long tails' included, times the
 * values of the dimensions a title names.
 */
function titleVariants(): number {
  let n = 0;
  for (const leaf of LEAVES) {
    for (const [, , , , only] of [...leaf.lines, ...(leaf.tail ?? [])]) {
      const { dims } = lineDims(leaf, only);
      const titled = Object.keys(dims).slice(0, leaf.titleDims);
      // A line sold in set combinations of memory makes each in every value of the other dimensions.
      const paired = new Set(Object.keys(only?.configs?.[0] ?? {}));
      const free = titled.filter((d) => !paired.has(d));
      const allowed = (d: string) => {
        const values = only?.[d];
        return Array.isArray(values) ? values.length : undefined;
      };
      n += (only?.configs?.length ?? 1) * free.reduce((m, d) => m * (allowed(d) ?? dims[d]?.length ?? 1), 1);
    }
  }
  return n;
}

const ALL_VARIANTS = titleVariants();

/** A catalog of every variant the taxonomy has, each once: every rule below is checked on all of them. */
const SAMPLED = (() => {
  const leafOf = new Map(
    categoryRows()
      .filter((row) => row.depth === 2)
      .map((row, i) => [row.id, LEAVES[i]!]),
  );
  return Array.from({ length: ALL_VARIANTS }, (_, i) => {
    const { product } = productBundle(i + 1, ALL_VARIANTS);
    const leaf = leafOf.get(product.category_id)!;
    // The model is the title without its brand and its bracketed variant.
    const model = product.title.slice(product.brand.length + 1, product.title.lastIndexOf(" ("));
    const line = [...leaf.lines, ...(leaf.tail ?? [])].find(([brand, name]) => brand === product.brand && name === model);
    const { dims } = lineDims(leaf, line?.[4]);
    return { leaf, dims, title: product.title, model, attributes: JSON.parse(product.attributes) as Record<string, string> };
  });
})();

/** Up to ten titles, so a broken rule reads as a list of products rather than one count. */
const firstTen = (titles: string[]) => [...new Set(titles)].slice(0, 10);

describe("generated titles", () => {
  it("never show two demo products under one title: one product per variant, its sellers its offers", () => {
    const titles = titlesOf(3_000);
    expect(new Set(titles).size).toBe(titles.length);
  });

  it("never show two products of a 100,000-product benchmark catalog under one title", () => {
    const titles = titlesOf(100_000);
    expect(new Set(titles).size).toBe(100_000);
  });

  it("use every variant the taxonomy has, each once, before repeating any", () => {
    expect(DISTINCT_TITLES).toBe(ALL_VARIANTS);
    expect(new Set(SAMPLED.map((p) => p.title)).size).toBe(ALL_VARIANTS);
    // One more product can only repeat a title.
    const next = productBundle(ALL_VARIANTS + 1, ALL_VARIANTS + 1).product.title;
    expect(SAMPLED.some((p) => p.title === next)).toBe(true);
  });

  it("grow a big catalog from its long tail: a 100,000-product catalog is mostly clothing, with each phone once", () => {
    const per = new Map<string, number>();
    for (let i = 1; i <= 100_000; i++) {
      const c = productBundle(i, 100_000).product.category_id;
      per.set(c, (per.get(c) ?? 0) + 1);
    }
    const phoneVariants = SAMPLED.filter((p) => p.leaf.slug === "mobiles").length;
    expect(per.get("cat_mobiles")).toBeGreaterThan(200);
    expect(per.get("cat_mobiles")).toBeLessThanOrEqual(phoneVariants);
    expect((per.get("cat_mens-clothing") ?? 0) + (per.get("cat_womens-clothing") ?? 0)).toBeGreaterThan(50_000);
    expect(per.get("cat_phone-accessories")).toBeGreaterThan(500);
  });

  it("mix every category into the first few hundred products, phones more than projectors", () => {
    const first = Array.from({ length: 600 }, (_, i) => productBundle(i + 1, 600).product.category_id);
    const per = new Map<string, number>();
    for (const c of first) per.set(c, (per.get(c) ?? 0) + 1);
    expect(per.size).toBe(LEAVES.length);
    expect(per.get("cat_mobiles")).toBeGreaterThan(4 * (per.get("cat_projectors") ?? 0));
  });

  it("never contradict themselves on headphones: wireless words and Wired, earbuds and Over-Ear, over-ear and In-Ear", () => {
    const headphones = SAMPLED.filter((p) => p.leaf.slug === "headphones");
    expect(headphones.length).toBeGreaterThan(15);
    const over = /WH-1000XM5|MDR-ZX110|Tune 760NC|Rockerz 450|QuietComfort Ultra|Crusher Evo|Momentum 4|Stereo Headphones/;
    const failures = headphones
      .map((p) => p.title)
      .filter(
        (title) =>
          (/Wireless|Bluetooth|Buds|AirPods|Earbuds/.test(title) && /Wired/.test(title)) ||
          (/Earbuds|AirPods|Buds/.test(title) && /Over-Ear/.test(title)) ||
          (over.test(title) && /In-Ear|True Wireless/.test(title)),
      );
    expect(firstTen(failures)).toEqual([]);
  });

  it.each(NAMED_RULES.map((rule) => [`${rule[0]}: ${rule[1]} -> ${rule[2]} ${rule[3]}`, rule] as const))(
    "keep what a model's name says: %s",
    (_, [slug, model, dim, value]) => {
      const matching = SAMPLED.filter((p) => p.leaf.slug === slug && model.test(p.model));
      expect(matching.length, "the rule matches no product").toBeGreaterThan(0);
      const failures = matching.filter((p) => !value.test(p.attributes[dim] ?? "")).map((p) => `${p.title} [${dim}: ${p.attributes[dim]}]`);
      expect(firstTen(failures)).toEqual([]);
    },
  );

  it.each(SOLD_AS_PAIRS.map(([model, pairs]) => [`${model}: ${pairs.join(", ")}`, model, pairs] as const))(
    "sell a phone only in the memory it was sold in: %s",
    (_, model, pairs) => {
      const matching = SAMPLED.filter((p) => p.leaf.slug === "mobiles" && model.test(p.model));
      expect(matching.length, "the rule matches no product").toBeGreaterThan(0);
      const memoryOf = (p: (typeof SAMPLED)[number]) =>
        `${Number.parseInt(p.attributes.ram!, 10)}/${Number.parseInt(p.attributes.storage!, 10)}`;
      const failures = matching.filter((p) => !pairs.includes(memoryOf(p))).map((p) => p.title);
      expect(firstTen(failures)).toEqual([]);
      // Every pair it was sold in is on sale, not just the cheapest.
      expect(new Set(matching.map(memoryOf))).toEqual(new Set(pairs));
    },
  );

  it("describe a desktop by its memory and storage, never by a screen it does not have", () => {
    const desktops = SAMPLED.filter((p) => /Mac mini|OptiPlex|Pavilion Desktop/.test(p.model));
    expect(desktops.length).toBeGreaterThan(0);
    const failures = desktops
      .filter(
        (p) =>
          p.attributes.size ||
          p.attributes.resolution ||
          !/^\d+GB RAM, (\d+GB|1TB) SSD\)$/.test(p.title.slice(p.title.lastIndexOf("(") + 1)),
      )
      .map((p) => `${p.title} ${JSON.stringify(p.attributes)}`);
    expect(firstTen(failures)).toEqual([]);
    // A Mac runs macOS on Apple's chip, a Dell or HP desktop Windows on Intel's.
    for (const p of desktops) {
      const mac = p.model.startsWith("Mac");
      expect(`${p.attributes.processor} ${p.attributes.os}`, p.title).toMatch(
        mac ? /^Apple M2 macOS$/ : /^Intel Core i[57] Windows 11 (Home|Pro)$/,
      );
    }
  });

  it("price a product by what its title says: a choice the title leaves out moves the price a quarter at most", () => {
    // A pack of four titled "Bru Instant Coffee (1 kg)" at four times the price reads as a mistake.
    const failures = LEAVES.flatMap((leaf) =>
      [leaf, ...Object.values(leaf.kinds ?? {})].flatMap(({ dims, priceBy }) =>
        Object.keys(dims ?? {})
          .slice(leaf.titleDims)
          .filter((dim) => priceBy?.[dim] && Math.max(...priceBy[dim]) / Math.min(...priceBy[dim]) > 1.25)
          .map((dim) => `${leaf.slug}: ${dim} ${JSON.stringify(priceBy?.[dim])}`),
      ),
    );
    expect(failures).toEqual([]);
  });

  it("sell a musical instrument in a colour, never for an age as the toys beside it are", () => {
    const instruments = SAMPLED.filter((p) => /Guitar|Keyboard$|Microphone/.test(p.model) && !/Bluetooth|Combo/.test(p.model));
    expect(instruments.length).toBeGreaterThan(0);
    const failures = instruments
      .filter((p) => p.attributes.age || !p.attributes.colour || !p.title.endsWith(`(${p.attributes.colour})`))
      .map((p) => `${p.title} ${JSON.stringify(p.attributes)}`);
    expect(firstTen(failures)).toEqual([]);
  });

  it("give a subwoofer a power, not a home theatre's channels, a spare part no vacuum's type, a smart band no dial", () => {
    // A soundbar "with Subwoofer" is a home theatre, in channels.
    const subwoofers = SAMPLED.filter((p) => /Subwoofer$/.test(p.model) && !/ with /.test(p.model));
    const spares = SAMPLED.filter((p) => /Belts$/.test(p.model));
    const bands = SAMPLED.filter((p) => /Smart Band$/.test(p.model));
    for (const found of [subwoofers, spares, bands]) expect(found.length).toBeGreaterThan(0);
    const failures = [
      ...subwoofers.filter((p) => p.attributes.channels || !/\(\d+W\)$/.test(p.title)),
      ...spares.filter((p) => p.attributes.type || p.attributes.power || /\(.*\) \(/.test(p.title)),
      ...bands.filter((p) => p.attributes.dial || !p.title.endsWith(`(${p.attributes.colour})`)),
    ].map((p) => `${p.title} ${JSON.stringify(p.attributes)}`);
    expect(firstTen(failures)).toEqual([]);
  });

  it("say which operating system every phone, tablet and computer runs, its maker's and the same for every variant", () => {
    const devices = SAMPLED.filter((p) => ["mobiles", "tablets", "laptops", "chromebooks"].includes(p.leaf.slug));
    expect(devices.length).toBeGreaterThan(1_000);
    const expected = (p: (typeof devices)[number]) => {
      if (p.leaf.slug === "chromebooks") return "Chrome OS";
      if (/^iPhone/.test(p.model)) return "iOS";
      if (/^iPad/.test(p.model)) return "iPadOS";
      if (/^MacBook/.test(p.model)) return "macOS";
      if (p.leaf.slug === "laptops") return "Windows 11 Home";
      return /^Fire /.test(p.model) ? "Fire OS" : "Android";
    };
    const failures = devices.filter((p) => p.attributes.os !== expected(p)).map((p) => `${p.title} [os: ${p.attributes.os}]`);
    expect(firstTen(failures)).toEqual([]);
    // A fixed value rather than a dimension: the product page never offers it as a variant.
    const systems = new Map<string, Set<string | undefined>>();
    for (const p of devices) systems.set(p.model, (systems.get(p.model) ?? new Set()).add(p.attributes.os));
    expect([...systems].filter(([, s]) => s.size > 1).map(([model]) => model)).toEqual([]);
  });

  it('give every product the value of each dimension its model names: a "King Bedsheet" is King, a "5G" phone 5G', () => {
    const failures: string[] = [];
    let named = 0;
    for (const p of SAMPLED) {
      for (const [dim, values] of Object.entries(p.dims)) {
        const said = namedValues(p.model, values);
        if (said.length === 0) continue;
        named++;
        if (!said.includes(p.attributes[dim]!)) failures.push(`${p.title} [${dim}: ${p.attributes[dim]}, named ${said.join(" or ")}]`);
      }
    }
    expect(named).toBeGreaterThan(1_000);
    expect(firstTen(failures)).toEqual([]);
  });

  it('give every product the screen size its model\'s name carries: an "XPS 13" is 13.3", an "UltraGear 27" 27"', () => {
    const failures: string[] = [];
    let named = 0;
    for (const p of SAMPLED) {
      for (const [dim, values] of Object.entries(p.dims)) {
        const inches = namedInches(p.model, values);
        if (inches === undefined) continue;
        named++;
        if (Math.trunc(Number.parseFloat(p.attributes[dim]!)) !== inches) failures.push(`${p.title} [${dim}: ${p.attributes[dim]}]`);
      }
    }
    expect(named).toBeGreaterThan(500);
    expect(firstTen(failures)).toEqual([]);
  });
});
