/** One value of a variant dimension on a product page, and the family member it leads to. */
export interface VariantOption {
  value: string;
  product_id: string;
  /** The product whose page this is. */
  current: boolean;
}

/** A dimension the family's products differ in (colour, storage, size), with its values in order. */
export interface VariantDimension {
  name: string;
  options: VariantOption[];
}

/** A product of the family as the page reads it: its id and attributes. */
export interface FamilyMember {
  id: string;
  attributes: Record<string, string>;
}

/**
 * How many of a family's products a page reads, in id order. A model sold in every colour and
 * size over many sellers' catalogs can have hundreds; past this many, the values only later
 * products have are not offered, rather than the page's build growing with the family.
 */
export const FAMILY_READ_LIMIT = 100;

/**
 * The variant picker of `current`'s page: per attribute its family's products differ in (the
 * brand never does), every value seen, and for each the member to go to: the one with that value
 * that keeps most of the current product's other choices, earlier dimensions first (a shopper
 * switching storage keeps their colour before their RAM), then the lowest id. Empty when the
 * family has one product or its products differ in nothing.
 *
 * Deliberately no price or stock of the other members, not even "sold out": the page is a
 * projection rebuilt when its own product changes, and a sibling's sale, restock or repricing
 * does not rebuild it, so such a figure could be minutes out of date and send shoppers away from
 * a variant that is back in stock. Which variants exist changes only when a product is added or
 * retitled, which rarely happens and shows here once the projection reaches its maximum age
 * (PROJECTION_MAX_AGE_MS) and the cached page is next refreshed; the page a link leads to shows
 * its own price and availability, kept fresh by its own changes.
 */
export function variantChoices(current: FamilyMember, family: FamilyMember[]): VariantDimension[] {
  const members = family.some((m) => m.id === current.id) ? family : [current, ...family];
  if (members.length < 2) return [];
  const names: string[] = [];
  for (const m of [current, ...members]) {
    for (const name of Object.keys(m.attributes)) if (name !== "brand" && !names.includes(name)) names.push(name);
  }
  const dims = names.filter((name) => new Set(members.map((m) => m.attributes[name]).filter((v) => v !== undefined)).size > 1);
  return dims.map((name) => ({
    name,
    options: orderValues([...new Set(members.map((m) => m.attributes[name]).filter((v) => v !== undefined))]).map((value) => {
      if (current.attributes[name] === value) return { value, product_id: current.id, current: true };
      const others = dims.filter((d) => d !== name);
      let best: FamilyMember | null = null;
      let bestScore: number[] = [];
      for (const m of members) {
        if (m.attributes[name] !== value) continue;
        const matches = others.map((d) => (m.attributes[d] === current.attributes[d] ? 1 : 0));
        const score = [matches.reduce((n: number, x) => n + x, 0), ...matches];
        if (!best || isBetter(score, bestScore) || (sameScore(score, bestScore) && m.id < best.id)) {
          best = m;
          bestScore = score;
        }
      }
      return { value, product_id: (best ?? current).id, current: false };
    }),
  }));
}

function isBetter(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] ?? 0) > (b[i] ?? 0);
  return false;
}

const sameScore = (a: number[], b: number[]) => a.every((x, i) => x === b[i]);

/** Clothing sizes, smallest first. */
const APPAREL_SIZES = ["XXS", "XS", "S", "M", "L", "XL", "XXL", "XXXL", "3XL", "4XL"];

/** Multipliers of the units storage is sold in, so 1TB sorts after 512GB. */
const UNITS: Record<string, number> = { KB: 1e-6, MB: 1e-3, GB: 1, TB: 1e3 };

/**
 * A dimension's values in the order a shopper expects: sizes and other measures smallest first
 * (64GB < 128GB < 1TB, UK 6 < UK 10, 1 Ton < 1.5 Ton), clothing sizes from XS up, and anything
 * else (colours, finishes) alphabetically.
 */
export function orderValues(values: string[]): string[] {
  const byName = (a: string, b: string) => a.localeCompare(b, "en");
  if (values.every((v) => APPAREL_SIZES.includes(v.toUpperCase()))) {
    return [...values].sort((a, b) => APPAREL_SIZES.indexOf(a.toUpperCase()) - APPAREL_SIZES.indexOf(b.toUpperCase()));
  }
  const measures = new Map(values.map((v) => [v, measure(v)]));
  if (values.every((v) => measures.get(v) !== null)) {
    return [...values].sort((a, b) => (measures.get(a) ?? 0) - (measures.get(b) ?? 0) || byName(a, b));
  }
  return [...values].sort(byName);
}

function measure(value: string): number | null {
  const m = /(\d+(?:\.\d+)?)\s*(KB|MB|GB|TB)?/i.exec(value);
  if (!m?.[1]) return null;
  return Number(m[1]) * (UNITS[m[2]?.toUpperCase() ?? ""] ?? 1);
}
