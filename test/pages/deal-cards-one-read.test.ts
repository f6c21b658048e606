import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { app } from "../../workers/app";
import { purgeSharedPage } from "../../workers/pages/cache";
import { createPageRoutes } from "../../workers/pages/routes";
import type { AppEnv } from "../../workers/platform/context";
import { requestContext } from "../../workers/platform/front-door";
import { createDealViaApi, dealSetup } from "../deals/helpers";
import { ORIGIN, readerText } from "../helpers/http";

/** A live deal at ₹999 on a product with this title and brand (and no picture), listed at this MRP by this seller. */
async function dealOn(opts: { title: string; brand: string; mrp: number; seller: string }): Promise<string> {
  const s = await dealSetup(20);
  await env.DB.batch([
    env.DB.prepare("UPDATE products SET title = ?, brand = ?, image = NULL WHERE id = ?").bind(opts.title, opts.brand, s.fixture.productId),
    env.DB.prepare("UPDATE listings SET mrp = ? WHERE id = ?").bind(opts.mrp, s.fixture.listingId),
    env.DB.prepare("UPDATE sellers SET name = ? WHERE id = ?").bind(opts.seller, s.fixture.sellerId),
  ]);
  return createDealViaApi(s, { deal_price: 99900, starts_at: new Date(Date.now() + 200).toISOString() });
}

/**
 * Draws a page as the Worker does, through page routes whose in-process API calls are recorded:
 * every read a page makes goes through one of them, so their paths are the page's reads.
 */
async function drawCounting(path: string): Promise<{ html: string; calls: string[] }> {
  const calls: string[] = [];
  const pages = new Hono<AppEnv>();
  pages.use(requestContext);
  pages.route(
    "/",
    createPageRoutes((request, e, ctx) => {
      calls.push(new URL(request.url).pathname);
      return app.fetch(request, e, ctx);
    }),
  );
  const ctx = createExecutionContext();
  const res = await pages.fetch(new Request(`${ORIGIN}${path}`), env, ctx);
  const html = await res.text();
  await waitOnExecutionContext(ctx);
  expect(res.status).toBe(200);
  return { html, calls };
}

/** The words of a deal's card on the home page. */
function cardText(html: string, id: string): string {
  const link = html.indexOf(`href="/deals/${id}"`);
  expect(link, id).toBeGreaterThan(-1);
  return readerText(html.slice(html.lastIndexOf("<li", link), html.indexOf("</li>", link)));
}

const DEALS = [
  { title: "Orbit Buds Pro", brand: "Orbit", mrp: 199900, seller: "Kavya Electronics" },
  { title: "Lumen Lamp Mini", brand: "Lumen", mrp: 149900, seller: "Plain Goods Co" },
  { title: "Quill Pen Tablet", brand: "Quill", mrp: 124900, seller: "Nila Traders" },
];

describe("flash deal cards and pages read their deals once", () => {
  it("draws every deal card on the home page from the one deals read, with each deal's own product, MRP and discount", async () => {
    const ids = [];
    for (const deal of DEALS) ids.push(await dealOn(deal));
    await new Promise((r) => setTimeout(r, 250));
    // A home page drawn before these deals existed may still be in this location's cache.
    await purgeSharedPage("/");
    const { html, calls } = await drawCounting("/");

    expect(calls.filter((p) => p === "/api/deals")).toHaveLength(1);
    // No read of any deal's product: the list already named it.
    expect(calls.filter((p) => p.startsWith("/api/products"))).toEqual([]);
    const cards = ids.map((id) => cardText(html, id));
    expect(cards[0]).toContain("Orbit Buds Pro ₹999 MRP ₹1,999 50% off");
    expect(cards[1]).toContain("Lumen Lamp Mini ₹999 MRP ₹1,499 33% off");
    expect(cards[2]).toContain("Quill Pen Tablet ₹999 MRP ₹1,249 20% off");
    // Each card without a picture shows its own brand's letter.
    expect(html).toContain('<span class="thumb" aria-hidden="true">O</span>');
    expect(html).toContain('<span class="thumb" aria-hidden="true">Q</span>');
  });

  it("draws a deal's page from the deals read alone, with its product, MRP, discount and seller", async () => {
    const id = await dealOn({ title: "Velvet Throw Blanket", brand: "Velvet", mrp: 249900, seller: "Kavya Home" });
    const { html, calls } = await drawCounting(`/deals/${id}`);

    expect(calls).toEqual(["/api/deals"]);
    expect(html).toContain("<h1>Velvet Throw Blanket</h1>");
    expect(readerText(html)).toContain("₹999 MRP ₹2,499 60% off Sold by Kavya Home");
    expect(html).toContain('<div class="gallery"><span class="thumb big" aria-hidden="true">V</span></div>');
  });

  it("gives each deal on the list its product's title and brand and its listing's MRP", async () => {
    const id = await dealOn({ title: "Copper Kettle 1.5L", brand: "Copperline", mrp: 179900, seller: "Nila Traders" });
    const res = await app.fetch(new Request(`${ORIGIN}/api/deals`), env, createExecutionContext());
    const { items } = (await res.json()) as { items: Record<string, unknown>[] };
    expect(items.find((d) => d.id === id)).toMatchObject({
      product_title: "Copper Kettle 1.5L",
      product_brand: "Copperline",
      product_image: null,
      mrp: 179900,
      deal_price: 99900,
      seller_name: "Nila Traders",
    });
  });
});
