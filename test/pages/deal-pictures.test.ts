import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { purgeSharedPage } from "../../workers/pages/cache";
import { api } from "../helpers/http";
import { createDealViaApi, dealSetup } from "../deals/helpers";

/** A live deal on a product with this brand and picture, sold by a seller with this name. */
async function dealOn(opts: { brand: string; image: string | null; seller: string }): Promise<string> {
  const s = await dealSetup(20);
  await env.DB.batch([
    env.DB.prepare("UPDATE products SET brand = ?, image = ? WHERE id = ?").bind(opts.brand, opts.image, s.fixture.productId),
    env.DB.prepare("UPDATE sellers SET name = ? WHERE id = ?").bind(opts.seller, s.fixture.sellerId),
  ]);
  return createDealViaApi(s, { starts_at: new Date(Date.now() + 200).toISOString() });
}

/** The home page's card for a deal: the list item linking to its page. */
function cardOf(html: string, id: string): string {
  const link = html.indexOf(`href="/deals/${id}"`);
  expect(link, id).toBeGreaterThan(-1);
  const start = html.lastIndexOf("<li", link);
  return html.slice(start, html.indexOf("</li>", link) + "</li>".length);
}

describe("flash deals with their product's picture", () => {
  it("shows each deal card's picture above its title, as the other product cards do, and the brand's letter for a product without one", async () => {
    const pictured = await dealOn({ brand: "Glimmer", image: "/art/phone/midnight-blue.svg", seller: "Kavya Electronics" });
    const plain = await dealOn({ brand: "Quillon", image: null, seller: "Plain Goods Co" });
    // A home page drawn before these deals existed may still be in this location's cache.
    await purgeSharedPage("/");
    const html = await (await api("/")).text();

    const card = cardOf(html, pictured);
    const img = card.match(/<span class="thumb pictured"><img [^>]*><\/span>/)?.[0] ?? "";
    expect(img).toContain('src="/art/phone/midnight-blue.svg"');
    // The title beside it names the picture, as on every product card.
    expect(img).toContain('alt=""');
    expect(img).toContain('width="200"');
    expect(img).toContain('loading="lazy"');
    expect(card.indexOf(img)).toBeLessThan(card.indexOf('class="card-title"'));

    expect(cardOf(html, plain)).toContain('<span class="thumb" aria-hidden="true">Q</span>');
  });

  it("shows the deal's picture large on its page, and who sells it beside the price", async () => {
    const id = await dealOn({ brand: "Cloudtab", image: "/art/tablet/silver.svg", seller: "Kavya Electronics" });
    const html = await (await api(`/deals/${id}`)).text();

    const img = html.match(/<div class="gallery"><span class="thumb big pictured"><img [^>]*>/)?.[0] ?? "";
    expect(img).toContain('src="/art/tablet/silver.svg"');
    expect(img).toContain('alt=""');
    expect(img).toContain('width="420"');
    // The page's largest content, so not left for the browser to load last.
    expect(img).not.toContain('loading="lazy"');
    expect(html).toMatch(/<p class="price large">[\s\S]*?<\/p><p class="muted">Sold by Kavya Electronics<\/p>/);
  });

  it("shows the brand's letter large on the page of a deal whose product has no picture", async () => {
    const id = await dealOn({ brand: "Plainbox", image: null, seller: "Plain Goods Co" });
    const html = await (await api(`/deals/${id}`)).text();
    expect(html).toContain('<div class="gallery"><span class="thumb big" aria-hidden="true">P</span></div>');
    expect(html).not.toContain("<img ");
    expect(html).toContain("Sold by Plain Goods Co");
  });
});
