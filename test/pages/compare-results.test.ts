import { beforeAll, describe, expect, it } from "vitest";
import { purgeSharedPage } from "../../workers/pages/cache";
import { Results } from "../../workers/pages/results";
import type { ProductList } from "../../workers/pages/types";
import { createComparable, PHONES } from "../catalog/compare-fixtures";
import { createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";

/** The product cards of a results page, each as drawn. */
const cards = (html: string) => [...html.matchAll(/<li class="card">[\s\S]*?<\/li>/g)].map((m) => m[0]);

/** A card's Compare toggle's opening tag. */
const toggleOf = (card: string) => /<div class="compare-toggle"[^>]*>/.exec(card)?.[0] ?? "";

/** Until the edge's copy of `path` (stored in the background after a miss) is what answers. */
async function untilEdgeHit(path: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const res = await api(path);
    await res.arrayBuffer();
    if (res.headers.get("x-page-cache") === "hit") return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${path} never came from the edge`);
}

/** A page drawn afresh for a signed-in shopper, not the edge's copy of someone else's. */
async function freshFor(path: string, session: string): Promise<string> {
  await untilEdgeHit(path);
  await purgeSharedPage(path);
  const res = await api(path, { headers: { cookie: `__Host-session=${session}` } });
  expect(res.headers.get("x-page-cache")).toBe("miss");
  expect(res.headers.get("cache-control")).toMatch(/^public/);
  return res.text();
}

describe("a results page's Compare toggles", () => {
  // One set for the file: the category tree a category page reads is kept a while, so a category
  // made for a later test would be missing from it.
  let made: Awaited<ReturnType<typeof createComparable>>;
  beforeAll(async () => {
    made = await createComparable(PHONES);
  });

  it("give each card a hidden, unchecked Compare checkbox naming its product and leaf category, and an empty tray", async () => {
    const { ids, base } = made;
    for (const path of [`/categories/${base.categoryId}`, "/search?q=Comparephone"]) {
      const res = await api(path);
      expect(res.status).toBe(200);
      const html = await res.text();
      const drawn = cards(html).filter((c) => ids.some((id) => c.includes(`/products/${id}`)));
      expect(drawn.length, path).toBeGreaterThanOrEqual(path.startsWith("/search") ? 2 : 3);
      for (const card of drawn) {
        const i = ids.findIndex((id) => card.includes(`href="/products/${id}"`));
        const phone = PHONES[i]!;
        const image = phone.image ? ` data-image="${phone.image}"` : "";
        expect(toggleOf(card)).toBe(
          `<div class="compare-toggle" data-compare-toggle="true" data-kind="${base.categoryId}" data-kind-name="Mobile Phones" data-product-id="${ids[i]}" data-title="${phone.title}"${image} data-brand="${phone.brand ?? "Testbrand"}" hidden="">`,
        );
        // One of many on the page: its name says which product it compares.
        expect(card).toContain(
          `<input type="checkbox" data-compare-check="true"/> Compare<span class="visually-hidden"> ${phone.title}</span>`,
        );
        expect(card).not.toMatch(/data-compare-check="true" checked/);
      }
      expect(html).toMatch(/<aside class="compare-tray" aria-label="Compare" data-compare-tray="true" hidden="">/);
      expect(html).toContain('<script src="/static/compare.js" type="module">');
    }
  });

  it("keeps the results pages the same for a guest and for signed-in shoppers", async () => {
    const { base } = made;
    const [asha, ravi] = await Promise.all([createTestUser(), createTestUser()]);
    for (const path of [`/categories/${base.categoryId}`, "/search?q=Comparephone"]) {
      await untilEdgeHit(path);
      await purgeSharedPage(path);
      const guest = await api(path);
      expect(guest.headers.get("x-page-cache")).toBe("miss");
      const forGuest = await guest.text();
      expect(toggleOf(forGuest)).not.toBe("");
      const forAsha = await freshFor(path, asha.token);
      const forRavi = await freshFor(path, ravi.token);
      expect(forAsha).toBe(forGuest);
      expect(forRavi).toBe(forGuest);
      for (const who of [asha, ravi]) expect(forGuest).not.toMatch(new RegExp(`${who.id}|${who.email}`));
    }
  });

  it("names a card's kind from the category tree where the category facet leaves it out", async () => {
    const list: ProductList = {
      items: [{ id: "prd_a", title: "Tailphone 1", brand: "Tail", price: 100000, category_id: "cat_tail" }],
      facets: { category: [{ value: "tvs", label: "Televisions", id: "cat_tv", count: 40 }] },
    };
    const draw = async (tree?: { id: string; slug: string; name: string }[]) =>
      String(await Results({ heading: "Results", action: "/search", filters: { brand: [] }, list, nextHref: null, tree }).toString());
    expect(toggleOf(await draw())).toBe("");
    expect(toggleOf(await draw([{ id: "cat_tail", slug: "tail", name: "Tail Phones" }]))).toContain(
      'data-kind="cat_tail" data-kind-name="Tail Phones" data-product-id="prd_a"',
    );
  });
});
