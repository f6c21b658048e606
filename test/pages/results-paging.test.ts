import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { api } from "../helpers/http";
import { addCategory, addProducts } from "../search/bulk-catalog";

/** The products a results page lists, in order, and where its "More results" link goes. */
async function read(path: string): Promise<{ ids: string[]; next: string | null }> {
  const res = await api(path);
  expect(res.status).toBe(200);
  const html = await res.text();
  const ids = [...html.matchAll(/<a href="\/products\/([^"]+)" class="card-link">/g)].map((m) => decodeURIComponent(m[1] ?? ""));
  const next = /<a href="([^"]+)" rel="next">/.exec(html)?.[1]?.replaceAll("&amp;", "&") ?? null;
  return { ids, next };
}

const bulb = (n: number) => `rp_bulb_${String(n).padStart(2, "0")}`;

describe("results pages, page after page", () => {
  beforeAll(async () => {
    await addCategory("rp-bulbs", "Bulbs");
    // More than a page of 24, priced ₹100 to ₹3,000 in id order.
    await addProducts(
      Array.from({ length: 30 }, (_, i) => ({
        id: bulb(i + 1),
        title: `LED Bulb ${i + 1}`,
        brand: "Glowco",
        category: "rp-bulbs",
        price: (i + 1) * 10_000,
        createdAt: "2026-03-01T00:00:00.000Z",
      })),
    );
  });

  it("shows no product twice when one on a later page drops in price before the shopper gets there", async () => {
    const first = await read("/categories/rp-bulbs?sort=price_asc");
    expect(first.ids).toEqual(Array.from({ length: 24 }, (_, i) => bulb(i + 1)));
    expect(first.next).not.toBeNull();

    await env.DB.prepare("UPDATE products SET price = 5000 WHERE id = ?1").bind(bulb(27)).run();
    const second = await read(first.next ?? "");
    // The 27th is now the cheapest, so it belongs to the page already shown; the rest follow the 24th.
    expect(second.ids).toEqual([bulb(25), bulb(26), bulb(28), bulb(29), bulb(30)]);
    expect(second.next).toBeNull();
  });
});
