import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { SearchQuerySchema, SORTS } from "../../workers/search/schemas";
import { buildSearchSql } from "../../workers/search/search-sql";
import { addManyProducts } from "./bulk-catalog";
import { seedFixtureCatalog } from "./fixture-catalog";

function statement(query: Record<string, string | string[]>, prefix = ""): D1PreparedStatement {
  const { sql, args } = buildSearchSql(SearchQuerySchema.parse(query), { match: null, at: null });
  return env.DB.prepare(`${prefix}${sql}`).bind(...args);
}

/** Rows D1 reads to answer a browse request (tables, indexes and the statement's own sets). */
async function rowsRead(query: Record<string, string | string[]>): Promise<number> {
  return (await statement(query).all()).meta.rows_read;
}

const BROWSES: Array<Record<string, string | string[]>> = [
  {},
  { category: "fx-electronics" },
  { category: "fx-mobiles" },
  { in_stock: "true" },
  { price_min: "100", price_max: "90000000" },
  { rating_min: "3" },
  { brand: ["Capco", "Samsung"] },
];

const grow = (batch: number, count: number) =>
  addManyProducts({
    prefix: `cost_${batch}_`,
    title: "Cable tidy",
    brand: "Capco",
    category: "fx-accessories",
    count,
    firstPrice: 10_000,
    createdFrom: "2025-01-01T00:00:00Z",
    rated: true,
  });

describe("browsing cost", () => {
  beforeAll(async () => {
    await seedFixtureCatalog();
    // Every browse below already passes the cap; a result still under it rightly reads more as it grows.
    await grow(1, 9_000);
  });

  it("reads as many rows with 6,000 more products as before, for every sort and filter", async () => {
    const queries = BROWSES.flatMap((q) => SORTS.map((sort) => ({ ...q, sort })));
    const before: number[] = [];
    for (const q of queries) before.push(await rowsRead(q));
    await grow(2, 6_000);
    const grew: Array<{ q: Record<string, string | string[]>; extra: number }> = [];
    for (const [i, q] of queries.entries()) grew.push({ q, extra: (await rowsRead(q)) - (before[i] ?? 0) });
    // A walk stops after the cap's worth of rows, so where the new products land in the order moves
    // its length a little either way; reading every matching product would add the 6,000 several times.
    expect(grew.filter((g) => g.extra >= 2_000)).toEqual([]);
  });

  // The walk in the requested order is what keeps browsing bounded; if an index stops matching
  // its sort (an expression edited on one side only), the plan falls back to sorting the catalog.
  for (const sort of SORTS) {
    it(`walks a covering index in ${sort} order instead of sorting`, async () => {
      const { results } = await statement({ sort }, "EXPLAIN QUERY PLAN ").all<{ id: number; parent: number; detail: string }>();
      const materialized = results.find((r) => r.detail === "MATERIALIZE m_rows");
      expect(materialized).toBeDefined();
      const inside = new Set([materialized?.id]);
      for (const r of results) if (inside.has(r.parent)) inside.add(r.id);
      const steps = results.filter((r) => inside.has(r.parent)).map((r) => r.detail);
      expect(steps.some((d) => /^(SCAN|SEARCH) p USING COVERING INDEX products_\w+_idx\b/.test(d))).toBe(true);
      expect(steps).not.toContain("USE TEMP B-TREE FOR ORDER BY");
      expect(results.map((r) => r.detail).filter((d) => /^SCAN (p|products)$/.test(d))).toEqual([]);
    });
  }
});
