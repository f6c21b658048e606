import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { SearchQuerySchema } from "../../workers/search/schemas";
import { buildSearchSql, MATCH_CAP } from "../../workers/search/search-sql";
import type { SortPosition } from "../../workers/search/sort-sql";
import { addCategory, addManyProducts } from "./bulk-catalog";
import { seedFixtureCatalog } from "./fixture-catalog";

const QUERY = { category: "rr-widgets", sort: "rating", limit: "60" };

/** A browse page's statement from `at` (or the first page), and the rows D1 read to answer it. */
async function page(at: SortPosition | null): Promise<{ row: Record<string, unknown>; rowsRead: number }> {
  const { sql, args } = buildSearchSql(SearchQuerySchema.parse(QUERY), { match: null, at });
  const { results, meta } = await env.DB.prepare(sql)
    .bind(...args)
    .all<Record<string, unknown>>();
  return { row: results[0] ?? {}, rowsRead: meta.rows_read };
}

const UNRATED = 20_000;

// A category past the cap where every product is rated, and many unrated products elsewhere: a
// later page is read from the head of the category's rating order, which holds only rated
// products, so the unrated part of the rating index is never walked.
describe("a later page of a rating sort past the cap", () => {
  beforeAll(async () => {
    await seedFixtureCatalog();
    await addCategory("rr-widgets", "Rated widgets");
    await addManyProducts({
      prefix: "rr_w",
      title: "Rated widget",
      brand: "Capco",
      category: "rr-widgets",
      count: MATCH_CAP + 3_000,
      firstPrice: 100_000,
      createdFrom: "2025-01-01T00:00:00Z",
      rated: true,
    });
    await addManyProducts({
      prefix: "rr_u",
      title: "Unrated cable",
      brand: "Capco",
      category: "fx-accessories",
      count: UNRATED,
      firstPrice: 10_000,
      createdFrom: "2025-01-01T00:00:00Z",
    });
  });

  it("reads about a page more than the first page, not every unrated product", async () => {
    const first = await page(null);
    expect(first.row.capped).toBe(1);
    const at: SortPosition = {
      key: [first.row.last_rating_avg as number, first.row.last_rating_count as number],
      id: first.row.last_id as string,
    };
    const second = await page(at);
    // A page holds one row more than asked for, which says another page follows.
    const ids = (JSON.parse(second.row.items as string) as Array<[string]>).slice(0, 60).map(([id]) => id);
    const { results } = await env.DB.prepare(
      `SELECT id FROM products WHERE category_id = 'rr-widgets'
       ORDER BY CASE WHEN rating_count > 0 THEN 1.0 * rating_sum / rating_count END DESC NULLS LAST, rating_count DESC, id
       LIMIT 60 OFFSET 60`,
    ).all<{ id: string }>();
    expect(ids).toEqual(results.map((r) => r.id));
    // The second page is read from the same head of the order as the first, so it reads as much.
    expect(second.rowsRead - first.rowsRead).toBeLessThan(UNRATED / 10);
  });
});
