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

/** Adds to the popularity of queries shoppers ran (from search logs or an import), for autocomplete. */
export async function recordPopularQueries(db: D1Database, counts: Array<{ query: string; popularity: number }>): Promise<void> {
  const now = nowIso();
  const statements = counts
    .map((c) => ({ query: c.query.trim().toLowerCase(), popularity: c.popularity }))
    .filter((c) => c.query.length > 0 && c.query.length <= 200 && c.popularity > 0)
    .map((c) =>
      db
        .prepare(
          `INSERT INTO popular_queries(query, popularity, updated_at) VALUES (?1, ?2, ?3)
           ON CONFLICT(query) DO UPDATE SET popularity = popularity + excluded.popularity, updated_at = excluded.updated_at`,
        )
        .bind(c.query, c.popularity, now),
    );
  for (let i = 0; i < statements.length; i += 500) await db.batch(statements.slice(i, i + 500));
}
