import { describe, expect, it } from "vitest";
import { COLOUR_DIMS, LEAF_SHAPES, NEUTRAL_COLOUR, colourSlug } from "../../scripts/catalog/art.mjs";
import { categoryRows, productBundle } from "../../scripts/catalog/generate.mjs";
import { LEAVES } from "../../scripts/catalog/taxonomy.mjs";
import { ART_COLOURS } from "../../workers/art/palette";
import { ART_SHAPES } from "../../workers/art/shapes";
import { api } from "../helpers/http";

const PRODUCTS = 1000;
const bundles = Array.from({ length: PRODUCTS }, (_, i) => productBundle(i + 1, PRODUCTS));
const leafOfCategory = new Map(
  categoryRows()
    .filter((row) => row.depth === 2)
    .map((row, i) => [row.id, LEAVES[i]!.slug]),
);

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

describe("generated products' illustrations", () => {
  it("draws every leaf category as a shape the Worker knows", () => {
    for (const leaf of LEAVES) {
      expect(LEAF_SHAPES[leaf.slug], leaf.slug).toBeDefined();
      expect(ART_SHAPES.has(LEAF_SHAPES[leaf.slug]!), `${leaf.slug} -> ${LEAF_SHAPES[leaf.slug]}`).toBe(true);
    }
    expect(ART_SHAPES.has("earbuds")).toBe(true);
  });

  it("has a fill for every colour the taxonomy uses, and a neutral one", () => {
    const colours = LEAVES.flatMap((leaf) => COLOUR_DIMS.flatMap((dim) => leaf.dims[dim] ?? []));
    expect(colours).toContain("Midnight Blue");
    expect(colours).toContain("Black Glass");
    for (const colour of colours) expect(ART_COLOURS.has(colourSlug(colour)), colour).toBe(true);
    expect(ART_COLOURS.has(NEUTRAL_COLOUR)).toBe(true);
    expect(colourSlug("Midnight Blue")).toBe("midnight-blue");
  });

  it("gives every product the picture of its category in its colour", () => {
    for (const { product } of bundles) {
      const leaf = leafOfCategory.get(product.category_id)!;
      const attributes = JSON.parse(product.attributes) as Record<string, string>;
      const [, shape, colour] = /^\/art\/([a-z0-9-]+)\/([a-z0-9-]+)\.svg$/.exec(product.image ?? "") ?? [];
      expect(shape, `${product.id}: ${product.image}`).toBeDefined();
      const inEar = leaf === "headphones" && ["In-Ear", "True Wireless"].includes(attributes.type ?? "");
      expect(shape, product.title).toBe(inEar ? "earbuds" : LEAF_SHAPES[leaf]);
      const named = attributes.colour ?? attributes.finish;
      expect(colour, product.title).toBe(named ? colourSlug(named) : NEUTRAL_COLOUR);
    }
    const images = (id: string) => bundles.find((b) => b.product.id === id)?.product.image;
    expect(images("prd_0000001")).toBe("/art/fridge/silver.svg");
    expect(images("prd_0000003")).toBe("/art/speaker/black.svg");
    expect(images("prd_0000005")).toBe("/art/camera/neutral.svg");
  });

  it("answers every picture the catalog links to", async () => {
    const urls = new Set(bundles.map((b) => b.product.image!));
    expect(urls.size).toBeGreaterThan(50);
    for (const url of urls) {
      const res = await api(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get("content-type"), url).toContain("image/svg+xml");
      await res.arrayBuffer();
    }
  });

  it("leaves every other field of every product as it was", async () => {
    // Products 1 to 1000 of a 1000-product catalog without their image, pinned: a picture must
    // not move any product's title, price or stock (a change to the taxonomy re-pins them).
    const withoutImages = bundles.map((bundle) => {
      const { image: _image, ...product } = bundle.product;
      return { ...bundle, product };
    });
    expect(await sha256(JSON.stringify(withoutImages))).toBe("494b6123cd431b27378fecad84084c51002668b1566cfbf32870219519cc97fd");
    const seen = [1, 3, 999].map((i) => {
      const { product, listings } = bundles[i - 1]!;
      return { id: product.id, title: product.title, popularity: product.popularity, prices: listings.map((l) => l.price) };
    });
    expect(seen).toEqual([
      {
        id: "prd_0000001",
        title: "Samsung Double Door Frost Free Refrigerator (190 L, 2 Star)",
        popularity: 1476,
        prices: [1987900, 2006900],
      },
      {
        id: "prd_0000003",
        title: "Amazon Echo Dot (5th Gen) Smart Speaker with Alexa (Black)",
        popularity: 225,
        prices: [432900, 431900, 423900],
      },
      {
        id: "prd_0000999",
        title: "Apple iPad mini (64GB, Wi-Fi + Cellular)",
        popularity: 6503,
        prices: [5753900, 5710900, 5786900, 5750900],
      },
    ]);
  });
});
