import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_DEPTH } from "../../workers/search/cursor";
import { D1SearchBackend } from "../../workers/search/d1-backend";
import { SearchQuerySchema } from "../../workers/search/schemas";
import { MATCH_CAP, RELEVANCE_DEPTH } from "../../workers/search/search-sql";
import { api } from "../helpers/http";
import { addCategory, addManyProducts, addProducts } from "./bulk-catalog";
import { seedFixtureCatalog } from "./fixture-catalog";

const run = (query: Record<string, string>) => new D1SearchBackend(env.DB).search(SearchQuerySchema.parse(query));

/** The true order of every widget for a sort, written without the search SQL. */
const ORDER = {
  price_asc: "price ASC, id",
  price_desc: "price DESC, id",
  newest: "created_at DESC, id",
  rating: "CASE WHEN rating_count > 0 THEN 1.0 * rating_sum / rating_count END DESC NULLS LAST, rating_count DESC, id",
} as const;

/** The same for browsing, which ranks by popularity lifted by rating when no sort is chosen. */
const BROWSE_ORDER = {
  ...ORDER,
  relevance: "popularity * (CASE WHEN rating_count > 0 THEN 0.94 + 0.02 * rating_sum / rating_count ELSE 1.0 END) DESC, id",
} as const;

async function expectedIds(sort: keyof typeof BROWSE_ORDER, offset: number, limit: number): Promise<string[]> {
  const { results } = await env.DB.prepare(
    `SELECT id FROM products WHERE category_id = 'cap-widgets' ORDER BY ${BROWSE_ORDER[sort]} LIMIT ?1 OFFSET ?2`,
  )
    .bind(limit, offset)
    .all<{ id: string }>();
  return results.map((r) => r.id);
}

// More widgets than the cap, listed first, then three listed after them: a set that stops at the
// first 5,000 matches in index order never sees the last three.
describe("results past the match cap", () => {
  beforeAll(async () => {
    await seedFixtureCatalog();
    await addCategory("cap-widgets", "Widgets");
    await addManyProducts({
      prefix: "cap_w",
      title: "Widget gadget",
      brand: "Capco",
      category: "cap-widgets",
      count: MATCH_CAP + 1,
      firstPrice: 100_000,
      createdFrom: "2025-01-01T00:00:00Z",
    });
    await addProducts([
      {
        id: "cap_top",
        title: "Widget",
        brand: "Capco",
        category: "cap-widgets",
        price: 150_000,
        createdAt: "2025-06-01T00:00:00Z",
        popularity: 1_000_000,
        ratingSum: 40,
        ratingCount: 10,
      },
      {
        id: "cap_new",
        title: "Widget gadget just listed",
        brand: "Newco",
        category: "cap-widgets",
        price: 50,
        createdAt: "2026-06-01T00:00:00Z",
        ratingSum: 50,
        ratingCount: 10,
      },
      {
        id: "cap_dear",
        title: "Widget gadget deluxe",
        brand: "Capco",
        category: "cap-widgets",
        price: 9_999_900,
        createdAt: "2025-03-01T00:00:00Z",
      },
    ]);
  });

  it("ranks every match for relevance, not only the first 5,000", async () => {
    expect((await run({ q: "widget" })).items[0]?.id).toBe("cap_top");
  });

  it("pages through a broad query by relevance as deep as paging goes, each result once and in one order", async () => {
    const seen: string[] = [];
    let page = await run({ q: "widget", limit: "60" });
    for (;;) {
      seen.push(...page.items.map((i) => i.id));
      if (!page.next_cursor) break;
      page = await run({ q: "widget", limit: "60", cursor: page.next_cursor });
    }
    expect(seen.length).toBeGreaterThan(MAX_DEPTH);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen[0]).toBe("cap_top");
    // Pages of another size walk the same order.
    const small = await run({ q: "widget", limit: "24" });
    const next = await run({ q: "widget", limit: "24", cursor: small.next_cursor ?? "" });
    expect([...small.items, ...next.items].map((i) => i.id)).toEqual(seen.slice(0, 48));
    expect(RELEVANCE_DEPTH).toBeLessThanOrEqual(MATCH_CAP);
  });

  for (const sort of Object.keys(ORDER) as Array<keyof typeof ORDER>) {
    it(`gives the true first pages of a broad query sorted by ${sort}`, async () => {
      const first = await run({ q: "widget", sort, limit: "24" });
      expect(first.items.map((i) => i.id)).toEqual(await expectedIds(sort, 0, 24));
      const second = await run({ q: "widget", sort, limit: "24", cursor: first.next_cursor ?? "" });
      expect(second.items.map((i) => i.id)).toEqual(await expectedIds(sort, 24, 24));
    });
  }

  // A browse past the cap pages through the head of its order; each page must be the true one,
  // down to where paging stops. After a first page of one row, the rating sort's second page
  // starts among the rated widgets and runs on into the unrated ones.
  for (const sort of Object.keys(BROWSE_ORDER) as Array<keyof typeof BROWSE_ORDER>) {
    it(`browses past the cap sorted by ${sort}, page after page`, async () => {
      const query = { category: "cap-widgets", sort };
      let page = await run({ ...query, limit: "1" });
      let depth = 0;
      for (;;) {
        expect(page.items.map((i) => i.id)).toEqual(await expectedIds(sort, depth, depth === 0 ? 1 : 60));
        depth += page.items.length;
        if (!page.next_cursor) break;
        page = await run({ ...query, limit: "60", cursor: page.next_cursor });
      }
      expect(depth).toBeGreaterThan(MAX_DEPTH);
      expect(depth).toBeLessThanOrEqual(MAX_DEPTH + 60);
    });
  }

  it("says a broad query was capped and counts the cap, not more", async () => {
    const page = await run({ q: "widget" });
    expect(page).toMatchObject({ total: MATCH_CAP, capped: true, facets_capped: true });
  });

  it("answers browsing past the cap with a capped total, as a text query does", async () => {
    const queries: Array<Record<string, string>> = [{}, { category: "cap-widgets" }, { in_stock: "true" }];
    for (const query of queries) {
      const page = await run(query);
      expect(page).toMatchObject({ total: MATCH_CAP, capped: true });
    }
  });

  it("tells the shopper a capped count is a lower bound", async () => {
    const res = await api("/categories/cap-widgets");
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("5,000+ results");
  });

  it("does not call a result of exactly 5,000 capped", async () => {
    const exactly = { price_min: String(100_001), price_max: String(100_000 + MATCH_CAP) };
    for (const query of [
      { q: "widget", ...exactly },
      { category: "cap-widgets", ...exactly },
    ]) {
      const page = await run(query);
      expect(page).toMatchObject({ total: MATCH_CAP, capped: false });
    }
  });
});
