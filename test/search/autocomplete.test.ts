import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { rebuildSuggestions } from "../../workers/search/suggestions";
import type { Suggestion } from "../../workers/search/backend";
import { api } from "../helpers/http";
import { addFixtureProduct, seedFixtureCatalog } from "./fixture-catalog";

async function suggest(q: string): Promise<Suggestion[]> {
  const res = await api(`/api/autocomplete?q=${encodeURIComponent(q)}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { suggestions: Suggestion[] }).suggestions;
}

describe("GET /api/autocomplete", () => {
  beforeAll(seedFixtureCatalog);

  it("suggests popular queries, the brand and its products as the shopper types", async () => {
    const s = await suggest("sams");
    expect(s[0]).toEqual({ kind: "query", text: "samsung galaxy", ref: null });
    // "samsung" is a popular query and a brand: offered once, as the brand.
    expect(s).toContainEqual({ kind: "brand", text: "Samsung", ref: "Samsung" });
    expect(s.filter((x) => x.text.toLowerCase() === "samsung")).toHaveLength(1);
    // The most popular Samsung products are offered by title, linking to the product.
    expect(s).toContainEqual({ kind: "product", text: "Samsung Galaxy S24 Ultra 5G (12GB RAM, 256GB)", ref: "fx_s24" });
  });

  it("shows the most popular of many matches first, most popular at the top", async () => {
    const now = new Date().toISOString();
    // Twelve queries share the prefix; popularity is deliberately out of insertion order.
    const popularity = [5, 90, 12, 70, 33, 1, 88, 40, 2, 61, 19, 7];
    await env.DB.batch(
      popularity.map((n, i) =>
        env.DB.prepare("INSERT INTO popular_queries (query, popularity, updated_at) VALUES (?1, ?2, ?3)").bind(`qvixo model ${i}`, n, now),
      ),
    );
    await rebuildSuggestions(env.DB);
    const shown = (await suggest("q")).filter((x) => x.kind === "query").map((x) => x.text);
    expect(shown).toEqual(["qvixo model 1", "qvixo model 6", "qvixo model 3", "qvixo model 9"]);
  });

  it("suggests categories by name", async () => {
    const s = await suggest("cookt");
    expect(s).toContainEqual({ kind: "category", text: "Cooktops", ref: "fx-cooktops" });
    expect(s[0]).toEqual({ kind: "query", text: "cooktop", ref: null });
  });

  it("tolerates a small typo in what is typed", async () => {
    const s = await suggest("samsnug gal");
    expect(s.length).toBeGreaterThan(0);
    expect(s.every((x) => x.text.toLowerCase().includes("samsung"))).toBe(true);
    expect(s).toContainEqual({ kind: "query", text: "samsung galaxy", ref: null });
  });

  it("matches a word in the middle of a suggestion", async () => {
    const s = await suggest("galaxy m1");
    expect(s.map((x) => x.ref)).toContain("fx_m14");
  });

  it("reads a half-typed word as the start of a word even when it is also a joining word", async () => {
    // "in" on its way to "induction", "to" to "toaster": dropped as joining words, they left only
    // "prestige" to suggest from.
    const s = await suggest("prestige in");
    expect(s.length).toBeGreaterThan(0);
    expect(s.every((x) => /induction/i.test(x.text))).toBe(true);
    expect(s.map((x) => x.ref)).toContain("fx_pic");
  });

  it("offers each model once, by its most popular variant that matches what was typed", async () => {
    // One phone in three variants, each more popular than the other model, and that other model.
    const variants: [string, string, number][] = [
      ["fx_qv_red", "Qorvix Phone 7 (Red, 128GB)", 900],
      ["fx_qv_blue", "Qorvix Phone 7 (Blue, 128GB)", 800],
      ["fx_qv_red256", "Qorvix Phone 7 (Red, 256GB)", 700],
      ["fx_qv_lite", "Qorvix Phone 7 Lite (Black, 64GB)", 100],
    ];
    for (const [id, title, popularity] of variants) {
      await addFixtureProduct(id, title, "Qorvix", "fx-mobiles", 9999);
      await env.DB.prepare("UPDATE products SET popularity = ?2 WHERE id = ?1").bind(id, popularity).run();
    }
    await rebuildSuggestions(env.DB);
    const products = (q: string) => suggest(q).then((s) => s.filter((x) => x.kind === "product").map((x) => x.ref));
    // Three variants of the Phone 7 would have filled three of the four places; the Lite is a model of its own.
    expect(await products("qorvix")).toEqual(["fx_qv_red", "fx_qv_lite"]);
    // Typing a variant's own words still offers that variant.
    expect(await products("qorvix phone 7 blue")).toEqual(["fx_qv_blue"]);
    expect(await products("qorvix 256")).toEqual(["fx_qv_red256"]);
  });

  it("rejects an empty or overlong query with a 400 problem", async () => {
    expect((await api("/api/autocomplete?q=")).status).toBe(400);
    expect((await api(`/api/autocomplete?q=${"a".repeat(101)}`)).status).toBe(400);
    expect((await api("/api/autocomplete?q=ab&limit=0")).status).toBe(400);
  });
});
