import { describe, expect, it } from "vitest";
import { edgeSecondsFor } from "../../workers/pages/cache";
import { RESULTS_EDGE_SECONDS } from "../../workers/pages/shop";
import { createProduct } from "../catalog/fixtures";
import { createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("results pages after a seller change", () => {
  it("shows a new price on a category page, sorted or not, within seconds", async () => {
    const f = await createProduct([{ price: 80000, mrp: 90000, units: 20 }]);
    const pages = [`/categories/${f.categoryId}`, `/categories/${f.categoryId}?sort=price_asc`];
    for (const page of pages) expect(await (await api(page)).text()).toContain("₹800");
    await sleep(50);
    // Cached, so a herd on the page is rendered once per data centre.
    expect((await api(pages[0]!)).headers.get("x-page-cache")).toBe("hit");

    const seller = await createTestUser(["seller"], { sellerId: f.sellerId });
    const edit = await api(`/api/seller/listings/${f.listingId}`, { method: "PATCH", headers: seller.headers, body: { price: 75000 } });
    expect(edit.status).toBe(200);
    await sleep((RESULTS_EDGE_SECONDS + 1) * 1000);
    for (const page of pages) {
      const html = await (await api(page)).text();
      expect(html).toContain("₹750");
      expect(html).not.toContain("₹800");
    }
  });

  it("keeps a results page no longer than the search answer it was built from", async () => {
    const f = await createProduct([{ price: 80000, mrp: 90000, units: 20 }]);
    const answer = await api(`/api/products?category=${f.categoryId}`);
    const expires = Date.parse(answer.headers.get("expires") ?? "");
    expect(expires).toBeGreaterThan(Date.now());
    expect(expires).toBeLessThanOrEqual(Date.now() + RESULTS_EDGE_SECONDS * 1000);

    const now = Date.parse("2030-01-01T00:00:00Z");
    const expiringIn = (ms: number) => new Headers({ expires: new Date(now + ms).toUTCString() });
    expect(edgeSecondsFor(expiringIn(2000), RESULTS_EDGE_SECONDS, now)).toBe(2);
    expect(edgeSecondsFor(expiringIn(60_000), RESULTS_EDGE_SECONDS, now)).toBe(RESULTS_EDGE_SECONDS);
    expect(edgeSecondsFor(expiringIn(-1000), RESULTS_EDGE_SECONDS, now)).toBe(0);
  });
});
