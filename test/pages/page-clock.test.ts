import { describe, expect, it } from "vitest";
import { createListingFixture } from "../helpers/catalog";
import { api, servedAt } from "../helpers/http";

/** Until the edge's copy of `path` (stored in the background after a miss) is what answers. */
async function untilEdgeHit(path: string, headers: Record<string, string> = {}): Promise<Response> {
  for (let i = 0; i < 50; i++) {
    const res = await api(path, { headers });
    if (res.headers.get("x-page-cache") === "hit") return res;
    await res.arrayBuffer();
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${path} never came from the edge`);
}

describe("the server's time on a page, which its live clocks keep", () => {
  it("is stamped as the page is served: drawn afresh, from the edge's copy later, and on a 304", async () => {
    const f = await createListingFixture({ title: "Clockphone 1" });
    const path = `/products/${f.productId}`;
    const before = Date.now();
    const fresh = await api(path);
    expect(fresh.headers.get("x-page-cache")).toBe("miss");
    const drawnAt = servedAt(fresh);
    expect(drawnAt).toBeGreaterThanOrEqual(before);
    expect(drawnAt).toBeLessThanOrEqual(Date.now());
    const etag = fresh.headers.get("etag") ?? "";
    await fresh.arrayBuffer();

    // The edge's copy, served a while after it was drawn, says when it was served, not drawn.
    await new Promise((r) => setTimeout(r, 300));
    const asked = Date.now();
    const hit = await untilEdgeHit(path);
    expect(servedAt(hit)).toBeGreaterThanOrEqual(asked);
    expect(servedAt(hit)).toBeGreaterThan(drawnAt);
    await new Promise((r) => setTimeout(r, 100));
    const again = await untilEdgeHit(path);
    expect(servedAt(again)).toBeGreaterThan(servedAt(hit));

    const notModified = await api(path, { headers: { "if-none-match": etag } });
    expect(notModified.status).toBe(304);
    expect(servedAt(notModified)).toBeGreaterThanOrEqual(servedAt(again));
  });

  it("is on personal pages too, and on no JSON answer", async () => {
    const before = Date.now();
    const cart = await api("/cart");
    expect(cart.headers.get("cache-control")).toBe("private, no-store");
    expect(servedAt(cart)).toBeGreaterThanOrEqual(before);
    const f = await createListingFixture({ title: "Clockphone 2" });
    const json = await api(`/api/products/${f.productId}`);
    expect(json.headers.get("content-type")).toContain("application/json");
    expect(servedAt(json)).toBeNaN();
  });
});
