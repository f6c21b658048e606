import { describe, expect, it } from "vitest";
import { splitTitle } from "../../workers/pages/card-title";
import { env } from "cloudflare:workers";
import { createProduct } from "../catalog/fixtures";
import { api, readerText } from "../helpers/http";

describe("a tile's title", () => {
  it("puts the variant in a title's closing brackets on a line of its own", () => {
    expect(splitTitle("Xiaomi Redmi Note 13 Pro (Midnight Black, 256GB, 8GB RAM)")).toEqual({
      name: "Xiaomi Redmi Note 13 Pro",
      variant: "Midnight Black, 256GB, 8GB RAM",
    });
    expect(splitTitle("Tata Sampann Moong Dal (10 kg)")).toEqual({ name: "Tata Sampann Moong Dal", variant: "10 kg" });
  });

  it("keeps a title whole when its brackets are not a closing variant", () => {
    for (const title of [
      "Canon EOS R50 Mirrorless Camera",
      "Boat (Rockerz) 450 Headphones",
      "Odd title ()",
      "(Just brackets)",
      "A (b (c))",
    ]) {
      expect(splitTitle(title)).toEqual({ name: title, variant: null });
    }
  });

  it("shows every variant's storage and colour on the category page, where two tiles of one phone would read alike", async () => {
    const f = await createProduct([{ price: 80000, mrp: 90000, units: 20 }]);
    await env.DB.prepare("UPDATE products SET title = ? WHERE id = ?")
      .bind("Zenfone Test 11 Ultra (Eclipse Black, 512GB, 16GB RAM)", f.productId)
      .run();
    const html = await (await api(`/categories/${f.categoryId}`)).text();
    const tile = /<li class="card"[\s\S]*?<\/li>/.exec(html)?.[0] ?? "";
    expect(tile).toContain('<span class="card-title">Zenfone Test 11 Ultra</span>');
    expect(tile).toContain('<span class="card-variant">Eclipse Black, 512GB, 16GB RAM</span>');
    // The link still reads out the whole title.
    expect(readerText(/<a [^>]*class="card-link"[\s\S]*?<\/a>/.exec(tile)?.[0] ?? "")).toContain(
      "Zenfone Test 11 Ultra Eclipse Black, 512GB, 16GB RAM",
    );
  });
});
