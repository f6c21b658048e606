import { nowIso } from "../platform/time";

/**
 * Brings the spelling corrector's word list in line with the index: adds words new products
 * brought, updates document counts, drops words no product uses any more. Words under four
 * letters and words with digits (model numbers) are never corrected, so they are left out.
 * A word a seller adds is searchable at once; only correcting a misspelling of it waits for this.
 */
export async function refreshVocabulary(db: D1Database): Promise<void> {
  await db.batch([
    db.prepare(
      `INSERT INTO search_vocabulary(term, docs)
       SELECT term, doc FROM products_fts_vocab WHERE length(term) >= 4 AND term NOT GLOB '*[0-9]*'
       ON CONFLICT(term) DO UPDATE SET docs = excluded.docs WHERE docs != excluded.docs`,
    ),
    db.prepare("DELETE FROM search_vocabulary WHERE term NOT IN (SELECT term FROM products_fts_vocab)"),
  ]);
}

/** How many popular queries are kept: twice what suggestions use, so a rising query has room to climb. */
export const POPULAR_QUERIES_KEPT = 20_000;

/**
 * Adds to the popularity of queries shoppers ran (the live search log, or an import), for
 * autocomplete. One statement per 500 queries, so a flush costs D1 one query, not one per row.
 */
export async function recordPopularQueries(db: D1Database, counts: Array<{ query: string; popularity: number }>): Promise<void> {
  const now = nowIso();
  const rows = counts
    .map((c) => [c.query.trim().toLowerCase(), c.popularity] as const)
    .filter(([query, popularity]) => query.length > 0 && query.length <= 200 && popularity > 0);
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .prepare(
        `INSERT INTO popular_queries(query, popularity, updated_at)
         SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), ?2 FROM json_each(?1) WHERE true
         ON CONFLICT(query) DO UPDATE SET popularity = popularity + excluded.popularity, updated_at = excluded.updated_at`,
      )
      .bind(JSON.stringify(rows.slice(i, i + 500)), now)
      .run();
  }
}

/** Drops all but the most popular queries, so a log of everything shoppers ever typed stays bounded. */
export async function prunePopularQueries(db: D1Database): Promise<void> {
  await db
    .prepare(
      `DELETE FROM popular_queries WHERE query IN
         (SELECT query FROM popular_queries ORDER BY popularity DESC, query LIMIT -1 OFFSET ?1)`,
    )
    .bind(POPULAR_QUERIES_KEPT)
    .run();
}
