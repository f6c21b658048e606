import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { api } from "../helpers/http";
import { seedFixtureCatalog } from "./fixture-catalog";

interface Problem {
  status: number;
  errors?: Array<{ path: string; message: string }>;
}

describe("GET /api/products over HTTP", () => {
  beforeAll(seedFixtureCatalog);

  const BAD: Array<[string, string]> = [
    ["sort=cheapest", "sort"],
    ["price_min=abc", "price_min"],
    ["price_min=500000&price_max=100", "price_min"],
    ["rating_min=7", "rating_min"],
    ["limit=1000", "limit"],
    ["in_stock=maybe", "in_stock"],
    ["colour=red", "colour"],
    ["cursor=not-a-cursor", "cursor"],
    // An empty number is a mistake to report, not a zero that silently filters everything out.
    ["q=samsung&price_max=", "price_max"],
    ["price_min=", "price_min"],
    ["rating_min=", "rating_min"],
    ["price_max=%20", "price_max"],
    // Only plain decimals are numbers: not hex, exponents or Infinity.
    ["price_min=0x10", "price_min"],
    ["price_max=1e9", "price_max"],
    ["rating_min=Infinity", "rating_min"],
  ];
  for (const [query, field] of BAD) {
    it(`rejects ${query} with a 400 problem naming ${field}`, async () => {
      const res = await api(`/api/products?${query}`);
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      const body = (await res.json()) as Problem;
      expect(body.errors?.map((e) => e.path)).toContain(field);
    });
  }

  it("browses the whole catalog with no parameters at all", async () => {
    const res = await api("/api/products");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { total: number; items: unknown[] };
    expect(body.total).toBeGreaterThan(0);
    expect(body.items.length).toBeGreaterThan(0);
  });

  it("refuses a cursor from another query", async () => {
    const first = (await (await api("/api/products?category=fx-electronics&limit=2")).json()) as { next_cursor: string };
    const res = await api(`/api/products?category=fx-home&limit=2&cursor=${first.next_cursor}`);
    expect(res.status).toBe(400);
  });

  it("accepts a repeated brand", async () => {
    const res = await api("/api/products?brand=Apple&brand=Redmi&limit=60");
    const body = (await res.json()) as { items: Array<{ brand: string }> };
    expect(new Set(body.items.map((i) => i.brand))).toEqual(new Set(["Apple", "Redmi"]));
  });

  it("sends a public short-lived Cache-Control and an ETag, and answers If-None-Match with 304", async () => {
    const res = await api("/api/products?q=macbook");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("public, max-age=5");
    const etag = res.headers.get("etag");
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const again = await api("/api/products?q=macbook", { headers: { "if-none-match": etag ?? "" } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
  });

  it("serves a repeat of a query from the edge cache, whatever the parameter order", async () => {
    await api("/api/products?q=cooktop&sort=price_asc");
    // The cache write happens after the response; give it a moment.
    await new Promise((r) => setTimeout(r, 50));
    const res = await api("/api/products?sort=price_asc&q=cooktop");
    expect(res.headers.get("x-cache")).toBe("hit");
    expect(((await res.json()) as { total: number }).total).toBe(2);
  });

  it("never hands one visitor's cookie to another from the edge cache", async () => {
    const first = await api("/api/products?q=macbook&sort=rating");
    const mine = first.headers.get("set-cookie");
    await new Promise((r) => setTimeout(r, 50));
    const second = await api("/api/products?q=macbook&sort=rating");
    expect(second.headers.get("x-cache")).toBe("hit");
    const theirs = second.headers.get("set-cookie");
    if (mine) expect(theirs ?? "").not.toContain(mine.split(";")[0]);
  });

  it("changes nothing in the catalog when a request is rejected", async () => {
    const before = await env.DB.prepare("SELECT count(*) AS n, sum(version) AS v FROM products").first();
    await api("/api/products?sort=cheapest&q=x");
    expect(await env.DB.prepare("SELECT count(*) AS n, sum(version) AS v FROM products").first()).toEqual(before);
  });

  it("documents search, autocomplete and recommendations in the OpenAPI document", async () => {
    const res = await api("/api/openapi.json");
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { paths: Record<string, { get?: { parameters?: Array<{ name: string }> } }> };
    const params = doc.paths["/api/products"]?.get?.parameters?.map((p) => p.name) ?? [];
    expect(params).toEqual(
      expect.arrayContaining(["q", "category", "brand", "price_min", "price_max", "rating_min", "in_stock", "sort", "cursor", "limit"]),
    );
    expect(doc.paths["/api/autocomplete"]?.get).toBeDefined();
    expect(doc.paths["/api/recommendations"]?.get).toBeDefined();
  });
});
