import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { categoryWords } from "../../workers/search/category-heads";
import { type SearchParams, SearchQuerySchema, WORDED_SORT } from "../../workers/search/schemas";
import { buildSearchSql } from "../../workers/search/search-sql";
import { matchExpression } from "../../workers/search/spelling";
import { tokenize } from "../../workers/search/text";
import { addManyProducts } from "./bulk-catalog";
import { seedFixtureCatalog } from "./fixture-catalog";

const SKINS = 2_000;

function statement(q: string, guess: boolean, prefix = ""): D1PreparedStatement {
  const tokens = tokenize(q, "submitted").map((t) => ({ ...t, corrections: [] }));
  const params: SearchParams = { ...SearchQuerySchema.parse({ q }), sort: WORDED_SORT };
  const { sql, args } = buildSearchSql(params, { match: matchExpression(tokens), at: null, key: q, named: categoryWords(tokens), guess });
  return env.DB.prepare(`${prefix}${sql}`).bind(...args);
}

/** Rows D1 reads to answer a query's first page in the order read from cheap-first words, guessing a category or not. */
async function rowsRead(q: string, guess: boolean): Promise<number> {
  return (await statement(q, guess).all()).meta.rows_read;
}

/** How many times the statement's plan reads the text index. */
async function indexReads(q: string, guess: boolean): Promise<number> {
  const { results } = await statement(q, guess, "EXPLAIN QUERY PLAN ").all<{ detail: string }>();
  return results.filter((r) => r.detail.includes("products_fts VIRTUAL TABLE")).length;
}

describe("the category guessed for a query naming a model line", () => {
  beforeAll(async () => {
    await seedFixtureCatalog();
    // Many matches, so reading the index or their rows again would show.
    await addManyProducts({
      prefix: "lc_",
      title: "Apple MacBook Skin",
      brand: "Capco",
      category: "fx-accessories",
      count: SKINS,
      firstPrice: 10_000,
      createdFrom: "2025-01-01T00:00:00Z",
    });
  });

  it("reads only the matches already scored, not the index or their rows again", async () => {
    expect(await indexReads("macbook", true)).toBe(await indexReads("macbook", false));
    const extra = (await rowsRead("macbook", true)) - (await rowsRead("macbook", false));
    // A pass over the scored set, at most MATCH_CAP + 1 rows, held in memory; scoring them again costs eight times as much.
    expect(extra).toBeLessThan(2.5 * SKINS);
  });
});
