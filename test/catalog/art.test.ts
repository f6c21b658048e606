import { describe, expect, it } from "vitest";
import { COLOUR_DIMS, LEAF_SHAPES, NEUTRAL_COLOUR, SHAPE_BY_ATTRIBUTE, colourSlug } from "../../scripts/catalog/art.mjs";
import { DISTINCT_TITLES, categoryRows, productBundle } from "../../scripts/catalog/generate.mjs";
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

/**
 * Products that are of another kind than most of their leaf, by title, and the shape each must
 * be drawn as: a smart bulb sold among the bedding is a bulb, not a bed.
 */
const KINDS: [title: RegExp, shape: string][] = [
  [/Earbuds|AirPods|Buds2/, "earbuds"],
  [/Smart Bulb|LED Bulb|LED Batten/, "bulb"],
  [/Pillow \(Pack/, "pillow"],
  [/Bedsheet|Saree|Dupatta|Comforter|Dohar/, "sheet"],
  [/Table Lamp/, "lamp"],
  [/Wall Clock/, "clock"],
  [/Electric Kettle/, "kettle"],
  [/Toaster/, "toaster"],
  [/Air Fryer/, "air-fryer"],
  [/OTG Oven|Microwave Oven/, "oven"],
  [/Water Purifier/, "purifier"],
  [/Roomba/, "robot-vacuum"],
  [/Deep Freezer|Chest Freezer/, "freezer"],
  [/Top Load/, "washer-top"],
  [/Semi-Automatic/, "twin-tub"],
  [/Air Cooler|Desert Cooler/, "cooler"],
  [/Fry Pan|Tawa/, "pan"],
  [/Tumbler Set/, "glass"],
  [/Dinner Set/, "plate"],
  [/Cutlery/, "cutlery"],
  [/Lunch Box/, "lunch-box"],
  [/Sunflower Oil|Mustard Oil|Ink Bottle|Flask/, "bottle"],
  [/Ghee|Butter|Instant Coffee|Gold Blend|Yogurt/, "jar"],
  [/ Tea \(|Ground Coffee/, "cup"],
  [/Cookies|Marie Gold|Parle-G/, "biscuits"],
  [/Bluetooth Keyboard|Keyboard and Mouse Combo/, "keyboard"],
  [/Webcam/, "webcam"],
  [/Router|Mesh|GS305 Switch/, "router"],
  [/Laptop Sleeve|Laptop Case/, "laptop-bag"],
  [/Flash Drive|USB Drive|Dual Drive|Dongle|TV Stick|Streaming Stick|Chromecast/, "stick"],
  [/Hard Drive|Portable SSD|870 EVO SSD/, "drive"],
  [/Coin Battery/, "coin-cell"],
  [/Ink Cartridge|PG-745 Ink|Toner/, "cartridge"],
  [/Mac mini|Desktop \(/, "desktop"],
  [/Echo Dot|Echo Pop|Nest Mini|Home Smart Speaker/, "smart-speaker"],
  [/Echo Show/, "smart-display"],
  [/Soundbar|Home Theater|Aavante Bar/, "soundbar"],
  [/Drone/, "drone"],
  [/Tripod|Shooting Grip/, "tripod"],
  [/Power Bank|LP-E17|NP-FZ100|Battery Grip/, "power-bank"],
  [/Instax Mini Film/, "photo"],
  [/ Case for | Cover for /, "phone-case"],
  [/Screen Protector/, "screen-guard"],
  [/ Cable \(/, "cable"],
  [/MagSafe|Wireless Charger/, "charging-pad"],
  [/PlayStation 5|Xbox Series/, "console"],
  [/ for Xbox One|Scarlet for Switch/, "game"],
  [/Network Card/, "gift-card"],
  [/Switch OLED/, "handheld"],
  [/Quest/, "vr-headset"],
  // A kurta set with palazzo or trousers is drawn as its kurta.
  [/^(?!.*Kurta).*(Jeans \(|Chinos|Trousers|Track Pants|Joggers|Shorts|Leggings|Palazzo|Culottes)/, "trousers"],
  [/Kurta/, "kurta"],
  [/Trolley|Cabin Luggage/, "suitcase"],
  [/Tote Bag/, "tote"],
  [/Sandals|Sliders|Flip Flops|Clogs|Heels|Flats/, "sandal"],
  [/Boots/, "boot"],
  [/Smart Band|Digital Watch/, "watch"],
  [/Treadmill/, "treadmill"],
  [/Cross Trainer|Smart Bike/, "exercise-bike"],
  [/Yoga Mat/, "yoga-mat"],
  [/Gym Gloves/, "glove"],
  [/Resistance Bands|Vacuum Belts/, "band"],
  [/Bicycle|Cycle \(/, "bicycle"],
  [/Football/, "football"],
  [/Cricket Kit/, "cricket-bat"],
  [/Board Game/, "board-game"],
  [/Action Figure|Figures Pack|amiibo/, "figure"],
  [/Guitar/, "guitar"],
  [/PSR-E373|Musical Keyboard/, "piano"],
  [/Microphone/, "microphone"],
  [/Gel Pen|Pencils|Highlighter|Oil Pastels/, "pen"],
  [/Geometry Box/, "pencil-box"],
  [/Masking Tape/, "tape"],
  [/Copy Paper/, "paper"],
  [/Letter Trays/, "tray"],
  [/Calculator/, "calculator"],
  [/Stand Mixer|Hand Whisk|Ice Cream Maker/, "stand-mixer"],
  [/Coffee Maker/, "coffee-maker"],
  [/Meat Slicer/, "slicer"],
  [/CompR 12 Subwoofer/, "speaker"],
  [/Laptop Backpack 15\.6|Camera Backpack|Sling Bag/, "bag"],
  [/Powerline/, "charger"],
];

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

describe("generated products' illustrations", () => {
  it("chooses only shapes the Worker draws: every leaf's, every attribute's and every model line's", () => {
    const chosen = new Map<string, string>();
    for (const leaf of LEAVES) {
      expect(LEAF_SHAPES[leaf.slug], leaf.slug).toBeDefined();
      chosen.set(LEAF_SHAPES[leaf.slug]!, leaf.slug);
      for (const shape of Object.values(SHAPE_BY_ATTRIBUTE[leaf.slug]?.shapes ?? {})) chosen.set(shape, `${leaf.slug} by attribute`);
      for (const [brand, model, , , , shape] of leaf.lines) if (shape) chosen.set(shape, `${brand} ${model}`);
    }
    for (const [shape, by] of chosen) expect(ART_SHAPES.has(shape), `${by} -> ${shape}`).toBe(true);
    expect([...chosen.keys()]).toEqual(
      expect.arrayContaining(["earbuds", "bulb", "pillow", "sheet", "kettle", "keyboard", "power-bank", "tripod"]),
    );
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
      expect(ART_SHAPES.has(shape!), `${product.title}: ${shape}`).toBe(true);
      // A leaf's own shape, unless the product is of another kind than the leaf is named for.
      if (!KINDS.some(([title]) => title.test(product.title))) expect(shape, `${leaf}: ${product.title}`).toBe(LEAF_SHAPES[leaf]);
      const named = attributes.colour ?? attributes.finish;
      expect(colour, product.title).toBe(named ? colourSlug(named) : NEUTRAL_COLOUR);
    }
    const images = (id: string) => bundles.find((b) => b.product.id === id)?.product.image;
    expect(images("prd_0000001")).toBe("/art/laptop/neutral.svg");
    expect(images("prd_0000002")).toBe("/art/battery/neutral.svg");
    expect(images("prd_0000005")).toBe("/art/washer/silver.svg");
  });

  it("draws each product as what it is, not as the rest of its category", () => {
    // Every variant of every line, the long tails' included, once.
    const catalog = Array.from({ length: DISTINCT_TITLES }, (_, i) => productBundle(i + 1, DISTINCT_TITLES).product);
    const failures: string[] = [];
    for (const [title, shape] of KINDS) {
      const matching = catalog.filter((p) => title.test(p.title));
      expect(matching.length, `no product matches ${title}`).toBeGreaterThan(0);
      for (const p of matching) if (!p.image?.startsWith(`/art/${shape}/`)) failures.push(`${p.title}: ${p.image}, not a ${shape}`);
    }
    expect([...new Set(failures)].slice(0, 10)).toEqual([]);
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
    expect(await sha256(JSON.stringify(withoutImages))).toBe("6df0b3de33d25d24dc8867f7f8eb942879c51309c563cdba24894310c17f7646");
    const seen = [1, 3, 999].map((i) => {
      const { product, listings } = bundles[i - 1]!;
      return { id: product.id, title: product.title, popularity: product.popularity, prices: listings.map((l) => l.price) };
    });
    expect(seen).toEqual([
      {
        id: "prd_0000001",
        title: "HP Chromebook 14 (64GB eMMC, 4GB RAM)",
        popularity: 1476,
        prices: [2286900, 2307900],
      },
      {
        id: "prd_0000003",
        title: "Biba Women's Anarkali Kurta (XS, Red)",
        popularity: 659,
        prices: [150900, 151900],
      },
      {
        id: "prd_0000999",
        title: "Apple Watch Ultra 2 (41mm, Midnight Blue)",
        popularity: 7905,
        prices: [9763900, 9690900, 9818900, 9758900],
      },
    ]);
  });
});
