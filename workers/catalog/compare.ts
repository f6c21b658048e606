import type { Background } from "../platform/background";
import { AppError } from "../platform/errors";
import { type CachedDoc, etagFor } from "./edge-cache";
import { cachedProductPage } from "./product-page";
import type { Offer, ProductView } from "./product-view";

/** The fewest and most products one comparison holds: two to choose between, four to fit a phone's screen. */
export const COMPARE_MIN = 2;
export const COMPARE_MAX = 4;

/** One product's column: what its own page shows in its buy box, as the product API reports it. */
export interface ComparedProduct {
  id: string;
  title: string;
  brand: string;
  image: string | null;
  rating: ProductView["rating"];
  buy_box: Offer | null;
  availability: ProductView["availability"];
  deal: ProductView["deal"];
}

/** One specification row: a value per product, in the products' order, null where one lacks it. */
export interface SpecificationRow {
  name: string;
  values: (string | null)[];
  same: boolean;
}

/** The answer of GET /api/compare. */
export interface Comparison {
  category: { id: string; slug: string; name: string };
  products: ComparedProduct[];
  specifications: SpecificationRow[];
}

/**
 * The union of the products' attribute names, each placed where it comes earliest in any of
 * them, ties by name. The catalog keeps no order per category, but products of one leaf carry
 * their attributes in the order they were described, so this is that order, and the same
 * whichever order the ids were asked in.
 */
export function specificationRows(attributes: readonly Record<string, string>[]): SpecificationRow[] {
  const rank = new Map<string, number>();
  for (const attrs of attributes) {
    Object.keys(attrs).forEach((name, i) => {
      rank.set(name, Math.min(rank.get(name) ?? i, i));
    });
  }
  const names = [...rank.keys()].sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
  return names.map((name) => {
    const values = attributes.map((attrs) => (Object.hasOwn(attrs, name) ? (attrs[name] ?? null) : null));
    return { name, values, same: values.every((v) => v !== null && v === values[0]) };
  });
}

/**
 * Compares 2-4 products through the product read path (memory, Cache API, KV projection, D1 only
 * for a miss), so a comparison costs what reading their pages costs and shows the same prices.
 * An unknown product is a 404 naming it; products of different leaf categories are a 400 saying
 * which, as a phone beside a television has no specification rows in common worth reading.
 */
export async function compareProducts(env: Env, ctx: Background, ids: readonly string[]): Promise<CachedDoc> {
  const pages = await Promise.all(ids.map((id) => cachedProductPage(env, ctx, id)));
  const missing = ids.filter((_, i) => pages[i] === null);
  if (missing.length > 0) {
    throw new AppError("not_found", `No product with id ${missing.join(", ")}.`, {
      errors: missing.map((id) => ({ path: "ids", message: `No product with id ${id}` })),
      extensions: { missing },
    });
  }
  const docs = pages as CachedDoc[];
  const views = docs.map((doc) => JSON.parse(doc.body) as ProductView);
  const kind = views[0]!.category;
  const others = views.filter((v) => v.category.id !== kind.id);
  if (others.length > 0) {
    const words = others.map((v) => `${v.id} is in ${v.category.name}`).join(", ");
    throw new AppError("validation_failed", `Compare products of one kind: ${views[0]!.id} is in ${kind.name}, ${words}.`, {
      errors: [{ path: "ids", message: `Products of different kinds: ${kind.name} and ${others.map((v) => v.category.name).join(", ")}` }],
    });
  }
  const comparison: Comparison = {
    category: { id: kind.id, slug: kind.slug, name: kind.name },
    products: views.map((v) => ({
      id: v.id,
      title: v.title,
      brand: v.brand,
      image: v.image,
      rating: v.rating,
      buy_box: v.buy_box,
      availability: v.availability,
      deal: v.deal,
    })),
    specifications: specificationRows(views.map((v) => v.attributes ?? {})),
  };
  const body = JSON.stringify(comparison);
  // Fresh only if every product was; right only until the first of them changes by itself (a deal).
  const state = docs.some((d) => d.state === "miss") ? "miss" : docs.some((d) => d.state === "stale") ? "stale" : "hit";
  const until = docs.flatMap((d) => (d.validUntil === undefined ? [] : [d.validUntil]));
  return { body, etag: await etagFor(body), state, ...(until.length > 0 ? { validUntil: Math.min(...until) } : {}) };
}
