import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { purgeSharedPage } from "../../workers/pages/cache";
import { createTestUser } from "../helpers/accounts";
import { createListingFixture } from "../helpers/catalog";
import { api } from "../helpers/http";

/** The "Recently viewed" row of a page. */
const row = (html: string) => /<section class="recently-viewed"[\s\S]*?<\/section>/.exec(html)?.[0] ?? "";

/** The opening tag of a product page's article, which carries what the script records. */
const article = (html: string) => /<article class="product"[^>]*>/.exec(html)?.[0] ?? "";

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
  // The copy an earlier request stores lands in the background: wait for it, then drop it.
  await untilEdgeHit(path);
  await purgeSharedPage(path);
  const res = await api(path, { headers: { cookie: `__Host-session=${session}` } });
  expect(res.headers.get("x-page-cache")).toBe("miss");
  expect(res.headers.get("cache-control")).toMatch(/^public/);
  return res.text();
}

describe("the Recently viewed row", () => {
  it("is on the home page as an empty, hidden shell with its Clear button, filled in by its script", async () => {
    const html = await (await api("/")).text();
    const shell = row(html);
    expect(shell).toMatch(/^<section class="recently-viewed" aria-labelledby="recent-h" data-recently-viewed="true" hidden="">/);
    expect(shell).toContain('<h2 id="recent-h">Recently viewed</h2>');
    expect(shell).toContain(
      '<button type="button" class="link" data-recent-clear="true">Clear<span class="visually-hidden"> recently viewed</span></button>',
    );
    expect(shell).toContain('<ul class="grid" data-recent-items="true"></ul>');
    expect(html).toContain('<script src="/static/recently-viewed.js" type="module">');
  });

  it("is at the bottom of a product page, whose article says what to record: id, title, picture and brand, no price", async () => {
    const f = await createListingFixture({ price: 129900, mrp: 149900, title: "Viewphone 4 (8GB, 256GB)", brand: "Viewbrand" });
    await env.DB.prepare("UPDATE products SET image = '/art/phone/teal.svg' WHERE id = ?").bind(f.productId).run();
    const html = await (await api(`/products/${f.productId}`)).text();
    const tag = article(html);
    expect(tag).toContain(`data-product-id="${f.productId}"`);
    expect(tag).toContain('data-record-viewed=""');
    expect(tag).toContain('data-title="Viewphone 4 (8GB, 256GB)"');
    expect(tag).toContain('data-image="/art/phone/teal.svg"');
    expect(tag).toContain('data-brand="Viewbrand"');
    expect(tag).not.toMatch(/1,299|129900|price/);
    // Last in the page's flow: only the compare tray, fixed to the screen's foot, is drawn after it.
    expect(html).toMatch(
      /<section class="recently-viewed"[^>]* hidden="">[\s\S]*?<\/section>\s*(<aside class="compare-tray"[\s\S]*?<\/aside>\s*)?<\/main>/,
    );
    expect(html).toContain('<script src="/static/recently-viewed.js" type="module">');
  });

  it("records no picture that is not on this site, so the tile shows the brand's letter", async () => {
    const f = await createListingFixture({ title: "Offsitephone 2" });
    await env.DB.prepare("UPDATE products SET image = 'https://cdn.example/p.jpg' WHERE id = ?").bind(f.productId).run();
    const tag = article(await (await api(`/products/${f.productId}`)).text());
    expect(tag).toContain('data-record-viewed=""');
    expect(tag).not.toContain("data-image");
  });

  it("keeps the pages the edge caches the same for every shopper", async () => {
    const f = await createListingFixture({ title: "Sharedphone 1" });
    const [asha, ravi] = await Promise.all([createTestUser(), createTestUser()]);
    for (const path of ["/", `/products/${f.productId}`]) {
      const forAsha = await freshFor(path, asha.token);
      const forRavi = await freshFor(path, ravi.token);
      expect(row(forAsha)).toContain("Recently viewed");
      expect(forRavi).toBe(forAsha);
      for (const who of [asha, ravi]) expect(forAsha).not.toMatch(new RegExp(`${who.id}|${who.email}`));
    }
  });
});
