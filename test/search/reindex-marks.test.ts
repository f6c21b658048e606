import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { Suggestion } from "../../workers/search/backend";
import { rebuildSuggestions } from "../../workers/search/suggestions";
import { refreshVocabulary } from "../../workers/search/vocabulary";
import { api } from "../helpers/http";
import { addFixtureProduct, seedFixtureCatalog } from "./fixture-catalog";

interface SuggestionRow {
  rowid: number;
  text: string;
  kind: string;
  ref: string | null;
  weight: number;
}

async function search(q: string): Promise<string[]> {
  const res = await api(`/api/products?q=${encodeURIComponent(q)}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: Array<{ id: string }> }).items.map((i) => i.id);
}

async function suggest(q: string): Promise<Suggestion[]> {
  const res = await api(`/api/autocomplete?q=${encodeURIComponent(q)}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { suggestions: Suggestion[] }).suggestions;
}

async function suggestionRows(): Promise<SuggestionRow[]> {
  const rows = await env.DB.prepare("SELECT rowid, text, kind, ref, weight FROM search_suggestions ORDER BY rowid").all<SuggestionRow>();
  return rows.results;
}

/** The indexes as they were built before combining marks counted as word characters. */
async function buildIndexesSplittingAtMarks(): Promise<void> {
  await env.DB.batch(
    [
      "DROP TABLE products_fts_vocab",
      "DROP TABLE products_fts",
      "DROP TABLE search_suggestions",
      `CREATE VIRTUAL TABLE products_fts USING fts5(
        title, brand, category, attributes, description,
        content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')`,
      "CREATE VIRTUAL TABLE products_fts_vocab USING fts5vocab(products_fts, row)",
      `CREATE VIRTUAL TABLE search_suggestions USING fts5(
        text, kind UNINDEXED, ref UNINDEXED, weight UNINDEXED, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')`,
    ].map((sql) => env.DB.prepare(sql)),
  );
}

async function applyMigration(prefix: string): Promise<void> {
  const migration = env.TEST_MIGRATIONS.find((m) => m.name.startsWith(prefix));
  if (!migration) throw new Error(`no migration ${prefix}`);
  await env.DB.batch(migration.queries.map((sql) => env.DB.prepare(sql)));
}

describe("a catalog indexed before vowel signs counted as letters", () => {
  let before: SuggestionRow[] = [];

  beforeAll(async () => {
    await buildIndexesSplittingAtMarks();
    await seedFixtureCatalog();
    await addFixtureProduct("rm_hi_phone", "सैमसंग मोबाइल फ़ोन काला", "Samsung", "fx-mobiles", 15999);
    await addFixtureProduct("rm_hi_spice", "इलायची मिर्च मसाला बॉक्स", "Masalaco", "fx-cooktops", 299);
    await refreshVocabulary(env.DB);
    await rebuildSuggestions(env.DB);
    // The old index holds pieces of words, such as "इल" of "मोबाइल" and "इलायची".
    expect(await env.DB.prepare("SELECT 1 FROM products_fts_vocab WHERE term = 'इल'").first()).not.toBeNull();
    before = await suggestionRows();
    await applyMigration("0022_");
  });

  it("is searched by whole Hindi words once migrated, without a product being written again", async () => {
    expect((await search("मोबाइल"))[0]).toBe("rm_hi_phone");
    expect(await search("सैमसंग")).toEqual(["rm_hi_phone"]);
    expect(await search("macbook air")).toContain("fx_mba");
    expect(await env.DB.prepare("SELECT 1 FROM products_fts_vocab WHERE term = 'इल'").first()).toBeNull();
  });

  it("keeps every suggestion, now matched by whole words, before the next rebuild", async () => {
    expect(await suggestionRows()).toEqual(before);
    const refs = (await suggest("मोबा")).map((s) => s.ref);
    expect(refs).toContain("rm_hi_phone");
    expect(refs).not.toContain("rm_hi_spice");
  });

  it("gives the spelling corrector the whole words at once", async () => {
    const row = await env.DB.prepare("SELECT docs FROM search_vocabulary WHERE term = 'इलायची'").first<{ docs: number }>();
    expect(row?.docs).toBe(1);
  });

  it("indexes products added or retitled afterwards by whole words too", async () => {
    await addFixtureProduct("rm_hi_tv", "सैमसंग स्मार्ट टेलीविज़न", "Samsung", "fx-tv", 39999);
    expect(await search("टेलीविज़न")).toEqual(["rm_hi_tv"]);
    await env.DB.prepare("UPDATE products SET title = 'इलायची चाय मसाला', description = '' WHERE id = 'rm_hi_spice'").run();
    expect(await search("चाय")).toEqual(["rm_hi_spice"]);
    expect(await search("मिर्च")).not.toContain("rm_hi_spice");
  });
});
