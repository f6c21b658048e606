import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createProduct } from "../catalog/fixtures";
import { api } from "../helpers/http";

/** The `<img>` tag drawing `src` on a page, or null when there is none. */
function imgTag(html: string, src: string): string | null {
  return html.match(new RegExp(`<img [^>]*src="${src.replaceAll("/", "\\/").replaceAll(".", "\\.")}"[^>]*>`))?.[0] ?? null;
}

/** A buyable product in stock with this title, brand and picture. */
async function product(title: string, brand: string, image: string | null) {
  const f = await createProduct([{ price: 80000, mrp: 90000, units: 20 }]);
  await env.DB.prepare("UPDATE products SET title = ?, brand = ?, image = ? WHERE id = ?").bind(title, brand, image, f.productId).run();
  return f;
}

describe("product pictures on pages", () => {
  it("shows a product's picture on search results, and its brand's letter when it has none", async () => {
    await product("Glimmerfone 7 (Midnight Blue, 128GB)", "Glimmer", "/art/phone/midnight-blue.svg");
    await product("Glimmerfone 7 Charger", "Quillon", null);

    const found = (await (await api("/api/products?q=glimmerfone")).json()) as { items: { title: string; image: string | null }[] };
    expect(found.items.map((i) => [i.title, i.image]).sort()).toEqual([
      ["Glimmerfone 7 (Midnight Blue, 128GB)", "/art/phone/midnight-blue.svg"],
      ["Glimmerfone 7 Charger", null],
    ]);

    const html = await (await api("/search?q=glimmerfone")).text();
    const img = imgTag(html, "/art/phone/midnight-blue.svg");
    expect(img).not.toBeNull();
    expect(img).toContain('alt=""');
    expect(img).toContain('width="200"');
    expect(img).toContain('height="200"');
    expect(img).toContain('loading="lazy"');
    expect(img).toContain('decoding="async"');
    expect(html).toContain('<span class="thumb" aria-hidden="true">Q</span>');
    expect(html.match(/<img /g)).toHaveLength(1);
  });

  it("shows it on a category page", async () => {
    const f = await product("Brightwash 8 kg Front Load", "Brightwash", "/art/washer/white.svg");
    const html = await (await api(`/categories/${f.categoryId}`)).text();
    expect(imgTag(html, "/art/washer/white.svg")).not.toBeNull();
  });

  it("shows it large on the product page, and on the similar products beside it", async () => {
    const shown = await product("Cloudtab 11 (Silver, 256GB)", "Cloudtab", "/art/tablet/silver.svg");
    const similar = await product("Cloudtab 11 Lite (Gold, 128GB)", "Cloudtab", "/art/tablet/gold.svg");
    await env.DB.prepare("UPDATE products SET category_id = ? WHERE id = ?").bind(shown.categoryId, similar.productId).run();

    const view = (await (await api(`/api/products/${shown.productId}`)).json()) as { image: string | null };
    expect(view.image).toBe("/art/tablet/silver.svg");
    const recs = (await (await api(`/api/recommendations?product_id=${shown.productId}`)).json()) as {
      similar: { id: string; image: string | null }[];
    };
    expect(recs.similar.find((r) => r.id === similar.productId)?.image).toBe("/art/tablet/gold.svg");

    const html = await (await api(`/products/${shown.productId}`)).text();
    const big = imgTag(html, "/art/tablet/silver.svg");
    expect(big).toContain('alt=""');
    expect(big).toContain('width="420"');
    expect(big).not.toContain('loading="lazy"');
    expect(imgTag(html, "/art/tablet/gold.svg")).toContain('loading="lazy"');
  });

  it("shows the brand's letter on the page of a product without a picture", async () => {
    const f = await product("Plainbox Speaker", "Plainbox", null);
    const html = await (await api(`/products/${f.productId}`)).text();
    expect(html).toContain('<span class="thumb big" aria-hidden="true">P</span>');
    expect(html).not.toMatch(/<img [^>]*class|<img [^>]*src="\/art\//);
  });
});
