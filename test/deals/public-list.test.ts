import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { PUBLIC_DEALS_SQL } from "../../workers/deals/list-deals";
import { api } from "../helpers/http";
import { createDealViaApi, dealSetup } from "./helpers";

/** A deal window an hour ahead. */
const LATER = () => ({
  starts_at: new Date(Date.now() + 3_600_000).toISOString(),
  ends_at: new Date(Date.now() + 7_200_000).toISOString(),
});

interface DealList {
  items: { id: string; product_id: string; product_image: string | null; seller_name: string }[];
}

/**
 * A deal on a product with this picture, sold by a seller with this name. It opens in an hour, so it
 * cannot go live, and change its list's tag, between two requests of a slow run.
 */
async function dealOn(image: string | null, sellerName: string): Promise<{ id: string; productId: string }> {
  const s = await dealSetup(20);
  await env.DB.batch([
    env.DB.prepare("UPDATE products SET image = ? WHERE id = ?").bind(image, s.fixture.productId),
    env.DB.prepare("UPDATE sellers SET name = ? WHERE id = ?").bind(sellerName, s.fixture.sellerId),
  ]);
  return { id: await createDealViaApi(s, LATER()), productId: s.fixture.productId };
}

describe("GET /api/deals", () => {
  it("gives each deal its product's picture, or null when it has none, and its seller's name", async () => {
    const pictured = await dealOn("/art/phone/midnight-blue.svg", "Kavya Electronics");
    const plain = await dealOn(null, "Plain Goods Co");
    const res = await api("/api/deals");
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as DealList;
    expect(items.find((d) => d.id === pictured.id)).toMatchObject({
      product_id: pictured.productId,
      product_image: "/art/phone/midnight-blue.svg",
      seller_name: "Kavya Electronics",
    });
    expect(items.find((d) => d.id === plain.id)).toMatchObject({ product_image: null, seller_name: "Plain Goods Co" });
  });

  it("answers 304 to If-None-Match naming its tag among others, without its W/, or as *", async () => {
    await dealOn(null, "Tag Traders");
    const etag = (await api("/api/deals")).headers.get("etag") ?? "";
    expect(etag).toMatch(/^W\/"/);
    for (const header of [etag, `"other", ${etag}`, etag.slice(2), "*"]) {
      expect((await api("/api/deals", { headers: { "if-none-match": header } })).status, header).toBe(304);
    }
    expect((await api("/api/deals", { headers: { "if-none-match": '"other"' } })).status).toBe(200);
  });

  it("answers one deal's 304 to its tag, and a new tag once the deal changes", async () => {
    const s = await dealSetup(20);
    const id = await createDealViaApi(s, LATER());
    const first = await api(`/api/deals/${id}`);
    const etag = first.headers.get("etag") ?? "";
    expect(etag).toMatch(/^W\/"/);
    const again = await api(`/api/deals/${id}`, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect((await api(`/api/admin/deals/${id}/pause`, { method: "POST", headers: s.manager.headers })).status).toBe(200);
    const changed = await api(`/api/deals/${id}`, { headers: { "if-none-match": etag } });
    expect(changed.status).toBe(200);
    expect(((await changed.json()) as { status: string }).status).toBe("paused");
  });

  it("reads the picture and seller in its one query, looking each up by primary key, never scanning the catalog", async () => {
    const now = new Date().toISOString();
    const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${PUBLIC_DEALS_SQL}`).bind(now, now).all<{ detail: string }>();
    const steps = results.map((r) => r.detail);
    for (const table of ["dl", "dp", "ds"]) {
      expect(steps).toContainEqual(expect.stringMatching(new RegExp(`^SEARCH ${table} USING INDEX sqlite_autoindex_\\w+ \\(id=\\?\\)$`)));
    }
    expect(steps.filter((d) => /^SCAN (dl|dp|ds)\b/.test(d))).toEqual([]);
  });
});
