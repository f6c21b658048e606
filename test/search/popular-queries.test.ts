import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { D1SearchBackend } from "../../workers/search/d1-backend";
import { maintainSearch } from "../../workers/search/maintenance";
import { FLUSH_EVERY_MS, flushSearchLog, MAX_PENDING_QUERIES, noteQuery } from "../../workers/search/query-log";
import { api } from "../helpers/http";
import { seedFixtureCatalog } from "./fixture-catalog";

async function searchFor(query: string): Promise<void> {
  expect((await api(`/api/products?${query}`)).status).toBe(200);
}

async function popularity(query: string): Promise<number | null> {
  const row = await env.DB.prepare("SELECT popularity FROM popular_queries WHERE query = ?1").bind(query).first<{ popularity: number }>();
  return row?.popularity ?? null;
}

describe("popular queries from live searches", () => {
  beforeAll(seedFixtureCatalog);

  it("turns searches shoppers run into query suggestions at the next maintenance", async () => {
    const suggestions = () => new D1SearchBackend(env.DB).suggest("ceram", 8);
    expect((await suggestions()).filter((s) => s.kind === "query")).toEqual([]);
    // Sorted three ways, as a shopper looking around would; one of them misspelt.
    await searchFor("q=glen%20ceramic");
    await searchFor("q=glen%20ceramic&sort=price_asc");
    await searchFor("q=glen%20ceramc&sort=rating");
    // A search only some of whose words matched is no suggestion, and a second page is the same search again.
    await searchFor("q=glen%20zzqx");
    const firstPage = (await (await api("/api/products?q=cooktop&limit=1")).json()) as { next_cursor: string };
    await searchFor(`q=cooktop&limit=1&cursor=${encodeURIComponent(firstPage.next_cursor)}`);
    await maintainSearch(env.DB, new Date("2026-11-30T10:10:00Z"));
    expect(await suggestions()).toContainEqual({ kind: "query", text: "glen ceramic", ref: null });
    expect(await popularity("glen ceramic")).toBe(3);
    expect(await popularity("glen ceramc")).toBeNull();
    expect(await popularity("glen zzqx")).toBeNull();
    // The seeded 1,214 and the first page.
    expect(await popularity("cooktop")).toBe(1215);
  });

  it("counts a search by its words, so punctuation and emoji never make a suggestion of their own", async () => {
    await flushSearchLog(env.DB);
    const before = (await popularity("glen ceramic")) ?? 0;
    await searchFor(`q=${encodeURIComponent("Glen-Ceramic!!")}`);
    await searchFor(`q=${encodeURIComponent("glen   ceramic 💩💩")}`);
    await flushSearchLog(env.DB);
    expect(await popularity("glen ceramic")).toBe(before + 2);
    const { results } = await env.DB.prepare("SELECT query FROM popular_queries WHERE query LIKE 'glen%'").all<{ query: string }>();
    expect(results.map((r) => r.query)).toEqual(["glen ceramic"]);
  });

  it("holds a bounded number of queries per isolate and writes them once per window", async () => {
    await flushSearchLog(env.DB);
    const start = 1_000_000;
    let due = false;
    for (let i = 0; i < MAX_PENDING_QUERIES * 3; i++) due = noteQuery(`bounded query ${i}`, start + i) || due;
    expect(due).toBe(false);
    expect(noteQuery("bounded query 0", start + FLUSH_EVERY_MS)).toBe(true);
    expect(await flushSearchLog(env.DB)).toBe(MAX_PENDING_QUERIES);
    expect(await popularity("bounded query 0")).toBe(2);
    expect(await popularity(`bounded query ${MAX_PENDING_QUERIES}`)).toBeNull();
  });
});
