import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { starsText } from "../../workers/pages/format";
import { FEW_LEFT_MAX } from "../../workers/catalog/availability";
import { type ProductView, buildProductDoc } from "../../workers/catalog/product-view";
import { readProjection, writeProjection } from "../../workers/catalog/projection";
import { api } from "../helpers/http";
import { createDealViaApi, dealSetup } from "../deals/helpers";
import { createProduct } from "./fixtures";

/** Requests until the background cache write has landed and the page is served from cache. */
async function untilCached(path: string, headers: Record<string, string> = {}): Promise<Response> {
  for (let i = 0; i < 50; i++) {
    const res = await api(path, { headers });
    if (res.headers.get("x-cache") === "hit") return res;
    await res.arrayBuffer();
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${path} never became a cache hit`);
}

describe("GET /api/products/{id}", () => {
  it("shows offers, the buy box, rating and availability buckets, never a stock count", async () => {
    // Listed out of price order, so the page's order is its own.
    const f = await createProduct([
      { price: 129900, units: 40 },
      { price: 119900, units: 0 },
      { price: 124900, units: FEW_LEFT_MAX },
    ]);
    await env.DB.prepare("UPDATE products SET rating_sum = 43, rating_count = 10 WHERE id = ?").bind(f.productId).run();
    const res = await api(`/api/products/${f.productId}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as ProductView;
    expect(body.offers.map((o) => [o.price, o.availability])).toEqual([
      [119900, "sold_out"],
      [124900, "few_left"],
      [129900, "in_stock"],
    ]);
    // The cheapest offer is sold out, so the buy box is the cheapest one that can be bought.
    expect(body.buy_box?.listing_id).toBe(f.listingIds[2]);
    expect(body.availability).toBe("few_left");
    expect(body.rating).toEqual({ average: 4.3, count: 10 });
    expect(body.deal).toBeNull();
    expect(JSON.stringify(body)).not.toMatch(/"(units|available|stock_total)"/);
  });

  it("gives an average rating of 4.39 as 4.3, as the product's search card reads it, not 4.4", async () => {
    const f = await createProduct([{ price: 99900, units: 12 }]);
    await env.DB.prepare("UPDATE products SET rating_sum = 4390, rating_count = 1000 WHERE id = ?").bind(f.productId).run();
    const body = (await (await api(`/api/products/${f.productId}`)).json()) as ProductView;
    expect(body.rating).toEqual({ average: 4.3, count: 1000 });
    expect(starsText(4.39)).toBe("4.3");
  });

  it("names every ancestor category, however deep the tree", async () => {
    const f = await createProduct([{ price: 99900, units: 12 }]);
    const s = crypto.randomUUID().slice(0, 8);
    const root = `/appliances-${s}/`;
    const mid = `${root}kitchen-appliances-${s}/`;
    const leaf = `${mid}small-kitchen-appliances-${s}/`;
    const cat = (id: string, parent: string | null, path: string, depth: number) =>
      env.DB.prepare("INSERT INTO categories (id, slug, name, parent_id, path, depth) VALUES (?, ?, ?, ?, ?, ?)").bind(
        id,
        id,
        `Name ${id}`,
        parent,
        path,
        depth,
      );
    // Stored leaf first, so the page's root-first order is its own.
    await env.DB.batch([
      cat(`c-${s}`, `b-${s}`, leaf, 2),
      cat(`b-${s}`, `a-${s}`, mid, 1),
      cat(`a-${s}`, null, root, 0),
      env.DB.prepare("UPDATE products SET category_id = ? WHERE id = ?").bind(`c-${s}`, f.productId),
    ]);
    const body = (await (await api(`/api/products/${f.productId}`)).json()) as ProductView;
    expect(body.category).toMatchObject({ id: `c-${s}`, ancestors: [{ slug: `a-${s}` }, { slug: `b-${s}` }] });
  });

  it("shows a product whose every listing is withdrawn as sold out, with no offers and no buy box", async () => {
    const f = await createProduct([{ price: 99900, units: 12 }]);
    await env.DB.prepare("UPDATE listings SET active = 0 WHERE product_id = ?").bind(f.productId).run();
    const res = await api(`/api/products/${f.productId}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as ProductView;
    expect(body).toMatchObject({ id: f.productId, offers: [], buy_box: null, availability: "sold_out", deal: null });
  });

  it("misses, then hits the edge cache, and answers If-None-Match with 304", async () => {
    const f = await createProduct([{ price: 99900, units: 12 }]);
    const path = `/api/products/${f.productId}`;
    const first = await api(path);
    expect(first.headers.get("x-cache")).toBe("miss");
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(first.headers.get("cache-control")).toContain("max-age=");
    const firstBody = await first.text();

    // Change D1 behind the cache's back: a cached page must not read D1 again.
    await env.DB.prepare("UPDATE products SET title = 'Changed behind the cache' WHERE id = ?").bind(f.productId).run();
    const hit = await untilCached(path);
    expect(await hit.text()).toBe(firstBody);
    expect(hit.headers.get("etag")).toBe(etag);

    const notModified = await api(path, { headers: { "if-none-match": etag! } });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get("etag")).toBe(etag);
    expect(await notModified.text()).toBe("");
    const otherTag = await api(path, { headers: { "if-none-match": '"something-else"' } });
    expect(otherTag.status).toBe(200);
  });

  it("says on a miss where the read spent its time (Server-Timing), and nothing on a hit", async () => {
    const metrics = (res: Response) =>
      (res.headers.get("server-timing") ?? "")
        .split(", ")
        .filter(Boolean)
        .map((m) => m.replace(/;dur=[\d.]+$/, ""));
    const f = await createProduct([{ price: 99900, units: 12 }]);
    const path = `/api/products/${f.productId}`;
    const first = await api(path);
    expect(first.headers.get("x-cache")).toBe("miss");
    expect(first.headers.get("server-timing")).toMatch(
      /^cache;desc=miss;dur=\d+(\.\d)?, kv;desc=miss;dur=\d+(\.\d)?, d1;desc=page;dur=\d+(\.\d)?$/,
    );
    const hit = await untilCached(path);
    expect(hit.headers.get("server-timing")).toBeNull();

    // Projected in KV but not cached here (another location's consumer wrote it): the document
    // is checked against D1's version rather than built again.
    const g = await createProduct([{ price: 49900, units: 3 }]);
    const doc = await buildProductDoc(env.DB, g.productId, new Date().toISOString());
    await writeProjection(env, doc!);
    expect(metrics(await api(`/api/products/${g.productId}`))).toEqual(["cache;desc=miss", "kv;desc=hit", "d1;desc=version"]);
  });

  it("shows the deal that is live now and not one that is scheduled", async () => {
    const f = await createProduct([{ price: 99900, units: 50 }]);
    const now = Date.now();
    const at = (mins: number) => new Date(now + mins * 60_000).toISOString();
    const insert = (id: string, status: string, starts: string, ends: string) =>
      env.DB.prepare(
        `INSERT INTO deals (id, listing_id, product_id, warehouse_id, deal_price, units, starts_at, ends_at, per_user_limit,
           wr_active_users, wr_new_users_per_minute, wr_session_minutes, status, created_by, created_at, updated_at)
         VALUES (?, ?, ?, ?, 49900, 10, ?, ?, 1, 100, 100, 10, ?, 'test', ?, ?)`,
      ).bind(id, f.listingId, f.productId, f.warehouseId, starts, ends, status, at(0), at(0));
    await env.DB.batch([
      insert(`${f.productId}-live`, "live", at(-5), at(55)),
      insert(`${f.productId}-later`, "scheduled", at(60), at(120)),
    ]);
    const body = (await (await api(`/api/products/${f.productId}`)).json()) as ProductView;
    expect(body.deal).toMatchObject({ id: `${f.productId}-live`, deal_price: 49900, listing_id: f.listingId });
  });

  it("shows a deal from its start even while its projection still holds it as scheduled", async () => {
    const f = await createProduct([{ price: 99900, units: 50 }]);
    const now = Date.now();
    const at = (secs: number) => new Date(now + secs * 1000).toISOString();
    // The minute cron has not marked the deal live yet.
    await env.DB.prepare(
      `INSERT INTO deals (id, listing_id, product_id, warehouse_id, deal_price, units, starts_at, ends_at, per_user_limit,
         wr_active_users, wr_new_users_per_minute, wr_session_minutes, status, created_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, 49900, 10, ?, ?, 1, 100, 100, 10, 'scheduled', 'test', ?, ?)`,
    )
      .bind(`${f.productId}-opening`, f.listingId, f.productId, f.warehouseId, at(-5), at(3600), at(-60), at(-60))
      .run();
    // Projected before the start, as the catalog consumer would have done when the deal was created.
    const doc = await buildProductDoc(env.DB, f.productId, at(-30));
    expect(doc?.deals.map((d) => d.status)).toEqual(["scheduled"]);
    await writeProjection(env, doc!);

    const body = (await (await api(`/api/products/${f.productId}`)).json()) as ProductView;
    expect(body.deal).toMatchObject({ id: `${f.productId}-opening`, deal_price: 49900, status: "live" });
  });

  it("shows a deal from its start even though the page was cached just before it", async () => {
    const s = await dealSetup(30);
    const path = `/api/products/${s.fixture.productId}`;
    const startsAt = Date.now() + 4_000;
    const id = await createDealViaApi(s, { starts_at: new Date(startsAt).toISOString() });
    // Once the deal's own catalog change has been applied (its purge included), nothing else
    // will refresh the cached page before the start.
    for (let i = 0; i < 150; i++) {
      const doc = await readProjection(env.CATALOG_KV, s.fixture.productId);
      if (doc?.deals.some((d) => d.id === id)) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const before = await untilCached(path);
    expect(((await before.json()) as ProductView).deal).toBeNull();
    await new Promise((r) => setTimeout(r, startsAt + 50 - Date.now()));
    // The cached copy is fresh for seconds longer, but it stopped being right at the start.
    const res = await api(path);
    expect(((await res.json()) as ProductView).deal).toMatchObject({ id, status: "live" });
  });

  it("answers an unknown product with a 404 problem and a malformed id with a 400 naming the field", async () => {
    const missing = await api("/api/products/prd_does_not_exist");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toContain("application/problem+json");
    // Asked again, the remembered "absent" answer is still a 404.
    expect((await api("/api/products/prd_does_not_exist")).status).toBe(404);

    const bad = await api(`/api/products/${encodeURIComponent("prd 1; DROP TABLE")}`);
    expect(bad.status).toBe(400);
    const problem = (await bad.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((e) => e.path)).toContain("id");
    const tooLong = await api(`/api/products/${"p".repeat(65)}`);
    expect(tooLong.status).toBe(400);
  });
});

describe("GET /api/categories", () => {
  it("returns the tree with children under their parents, with an ETag that yields 304", async () => {
    const res = await api("/api/categories");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { categories: { id: string; children: unknown[] }[] };
    expect(Array.isArray(body.categories)).toBe(true);
    const again = await api("/api/categories", { headers: { "if-none-match": res.headers.get("etag")! } });
    expect(again.status).toBe(304);
  });
});
