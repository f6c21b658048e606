import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { queryText } from "../../workers/search/text";
import { createListingFixture } from "../helpers/catalog";

describe("D1 supports the FTS5 features search relies on", () => {
  it("indexes a new product through the insert trigger, with bm25 column weights and prefix queries", async () => {
    const f = await createListingFixture({ title: "Quixotic Zephyr Blender 750W", brand: "Zephyrco" });
    const row = await env.DB.prepare(
      `SELECT d.product_id, bm25(products_fts, 10, 5, 3, 2, 1) AS score
       FROM products_fts JOIN search_docs d ON d.doc_id = products_fts.rowid
       WHERE products_fts MATCH ?1`,
    )
      .bind('"quixot"*')
      .first<{ product_id: string; score: number }>();
    expect(row?.product_id).toBe(f.productId);
    expect(row?.score).toBeLessThan(0);
  });

  it("removes a deleted document's terms (contentless_delete) and lists live terms in fts5vocab", async () => {
    const f = await createListingFixture({ title: "Vexillology Poster", brand: "Flagly" });
    const before = await env.DB.prepare("SELECT doc FROM products_fts_vocab WHERE term = 'vexillology'").first<{ doc: number }>();
    expect(before?.doc).toBe(1);
    await env.DB.prepare("UPDATE products SET title = 'Heraldry Poster' WHERE id = ?").bind(f.productId).run();
    const after = await env.DB.prepare("SELECT doc FROM products_fts_vocab WHERE term = 'vexillology'").first();
    expect(after).toBeNull();
  });

  it("supports the trigram tokenizer the spelling corrector uses", async () => {
    await env.DB.prepare("INSERT INTO search_vocabulary(term, docs) VALUES ('trigramtestword', 3)").run();
    const row = await env.DB.prepare(
      `SELECT v.term FROM search_vocabulary_trigrams t JOIN search_vocabulary v ON v.id = t.rowid
       WHERE search_vocabulary_trigrams MATCH '"tri" OR "amt" OR "wor"'`,
    ).first<{ term: string }>();
    expect(row?.term).toBe("trigramtestword");
  });

  it("keeps vowel signs and other combining marks inside words, and reads them as the query side does", async () => {
    const title = "सैमसंग मोबाइल फ़ोन சாம்சங் கைபேசி স্যামসাং মোবাইল";
    await createListingFixture({ title, brand: "Bhashaco" });
    const terms = await env.DB.prepare("SELECT term FROM products_fts_vocab WHERE term >= 'ऀ'").all<{ term: string }>();
    const indexed = terms.results.map((r) => r.term);
    expect(indexed).toContain("मोबाइल");
    expect(indexed).toContain("கைபேசி");
    expect(indexed).not.toContain("इल");
    expect(indexed.sort()).toEqual(queryText(title).split(" ").sort());
  });
});
