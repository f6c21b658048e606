import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { AppEnv } from "../../workers/platform/context";
import { renderError } from "../../workers/platform/front-door";
import { SHED_RETRY_AFTER_SECONDS } from "../../workers/platform/load-shedding";
import { createRouter } from "../../workers/platform/router";
import { applyOrderToRecommendations } from "../../workers/search/co-purchases";
import { noteInterest } from "../../workers/search/interests";
import type { Recommendations } from "../../workers/search/recommendations";
import { searchRoutes } from "../../workers/search/routes";
import { createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { placeFixtureOrder, seedFixtureCatalog } from "./fixture-catalog";

async function recommendations(query: string, headers: Record<string, string> = {}): Promise<{ res: Response; body: Recommendations }> {
  const res = await api(`/api/recommendations?${query}`, { headers });
  expect(res.status).toBe(200);
  return { res, body: (await res.json()) as Recommendations };
}

describe("recommendations", () => {
  beforeAll(seedFixtureCatalog);

  it("counts products bought together once per order, however often the event is delivered", async () => {
    await placeFixtureOrder("ord_reco_1", ["fx_m14", "fx_case", "fx_dura"]);
    const at = new Date().toISOString();
    expect(await applyOrderToRecommendations(env.DB, "ord_reco_1", at)).toBe(true);
    expect(await applyOrderToRecommendations(env.DB, "ord_reco_1", at)).toBe(false);
    const row = await env.DB.prepare("SELECT count FROM co_purchases WHERE product_id = 'fx_m14' AND other_product_id = 'fx_case'").first();
    expect(row).toEqual({ count: 1 });
    const sales = await env.DB.prepare("SELECT units FROM product_sales_daily WHERE product_id = 'fx_case'").first();
    expect(sales).toEqual({ units: 1 });
  });

  it("shows people-also-bought on a product, most often bought together first", async () => {
    await placeFixtureOrder("ord_reco_2", ["fx_m14", "fx_case"]);
    await applyOrderToRecommendations(env.DB, "ord_reco_2", new Date().toISOString());
    const { body } = await recommendations("product_id=fx_m14");
    expect(body.also_bought.map((i) => i.id)).toEqual(["fx_case", "fx_dura"]);
  });

  it("shows similar products from the same category within the price band, same brand first", async () => {
    const { body } = await recommendations("product_id=fx_a15");
    const ids = body.similar.map((i) => i.id);
    // A15 is ₹17,999: M14 (Samsung, ₹13,499) and Redmi (₹24,999) are in band; S24 and the iPhones are not.
    expect(ids[0]).toBe("fx_m14");
    expect(ids).not.toContain("fx_s24");
    expect(ids).not.toContain("fx_ip15");
    expect(ids).not.toContain("fx_a15");
  });

  it("shows what is trending in the product's category by last week's sales", async () => {
    await placeFixtureOrder("ord_reco_3", ["fx_redmi"]);
    await placeFixtureOrder("ord_reco_4", ["fx_redmi"]);
    await placeFixtureOrder("ord_reco_5", ["fx_redmi"]);
    // Redmi now has 3 units this week, more than the M14's 2, though the M14 is the more popular product.
    for (const id of ["ord_reco_3", "ord_reco_4", "ord_reco_5"]) await applyOrderToRecommendations(env.DB, id, new Date().toISOString());
    const { body, res } = await recommendations("product_id=fx_s24");
    expect(body.trending[0]?.id).toBe("fx_redmi");
    expect(body.trending.map((i) => i.id)).not.toContain("fx_s24");
    expect(res.headers.get("cache-control")).toMatch(/^public/);
  });

  it("fills the store-wide trending row with popular products after the few that sold this week", async () => {
    const { body } = await recommendations("limit=8");
    const ids = body.trending.map((i) => i.id);
    // Four products sold this week (Redmi 3 units, then M14, the case and the battery): they lead,
    // and popular products fill the rest of the row rather than leaving it half empty.
    expect(ids[0]).toBe("fx_redmi");
    expect(new Set(ids.slice(0, 4))).toEqual(new Set(["fx_redmi", "fx_m14", "fx_case", "fx_dura"]));
    expect(ids).toHaveLength(8);
    expect(new Set(ids).size).toBe(8);
  });

  it("gives a signed-in shopper private picks from the categories they carted and viewed", async () => {
    const user = await createTestUser();
    await noteInterest(env.CATALOG_KV, user.id, "fx-cooktops", "cart", new Date().toISOString());
    const { body, res } = await recommendations("", user.headers);
    expect(body.for_you.map((i) => i.id)).toContain("fx_pic");
    expect(res.headers.get("cache-control")).toBe("private, no-store");
  });

  it("has a browser ask again for a guest's picks, so the shopper's own show once they sign in", async () => {
    // Twice: the edge's first answer and its cached copy must both say so.
    for (const _ of [1, 2]) {
      const { res } = await recommendations("limit=5");
      expect(res.headers.get("cache-control")).toBe("no-cache");
      expect(res.headers.get("vary")).toMatch(/Cookie/);
      const again = await api("/api/recommendations?limit=5", { headers: { "if-none-match": res.headers.get("etag") ?? "" } });
      expect(again.status).toBe(304);
    }
  });

  it("answers 404 for an unknown product and 400 for bad parameters", async () => {
    expect((await api("/api/recommendations?product_id=nope")).status).toBe(404);
    expect((await api("/api/recommendations?limit=500")).status).toBe(400);
  });

  it("is shed with 503, Retry-After and X-Degraded when the front door marks the request degraded", async () => {
    const app = createRouter();
    app.use(async (c, next) => {
      c.set("requestId", "req-degraded-test");
      c.set("user", null);
      c.set("degraded", true);
      await next();
    });
    app.route("/api", searchRoutes);
    app.onError(renderError);
    const res = await app.request("/api/recommendations?product_id=fx_m14", {}, env as AppEnv["Bindings"]);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe(String(SHED_RETRY_AFTER_SECONDS));
    expect(res.headers.get("x-degraded")).toBe("1");
  });
});
