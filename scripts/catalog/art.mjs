/**
 * Which illustration a generated product is shown with: a drawing of what it is, by its model
 * line where the line names one and otherwise by its leaf category, in its colour. The Worker draws them at `/art/{shape}/{colour}.svg` (workers/art/),
 * so the demo catalog looks like a shop without any image files.
 */

/**
 * The shape each leaf category's products are drawn as, by leaf slug, unless an attribute
 * (SHAPE_BY_ATTRIBUTE) or the model line itself (its sixth element, see taxonomy.mjs) says
 * otherwise: a leaf mixes kinds, and a smart bulb among the bedding must not be drawn as a bed.
 */
export const LEAF_SHAPES = {
  mobiles: "phone",
  tablets: "tablet",
  smartwatches: "watch",
  laptops: "laptop",
  chromebooks: "laptop",
  "desktops-monitors": "monitor",
  printers: "printer",
  televisions: "tv",
  "streaming-devices": "remote",
  projectors: "projector",
  headphones: "headphones",
  speakers: "speaker",
  "home-theater": "soundbar",
  cameras: "camera",
  "camera-accessories": "tripod",
  "phone-accessories": "charger",
  storage: "card",
  batteries: "battery",
  "computer-accessories": "mouse",
  "consoles-games": "gamepad",
  refrigerators: "fridge",
  "washing-machines": "washer",
  dishwashers: "dishwasher",
  "air-conditioners": "ac",
  cooktops: "stove",
  "small-kitchen-appliances": "mixer",
  "vacuum-cleaners": "vacuum",
  "mens-clothing": "shirt",
  "womens-clothing": "shirt",
  shoes: "shoe",
  watches: "analog-watch",
  "bags-luggage": "bag",
  furnishing: "bed",
  cookware: "pot",
  staples: "pack",
  "tea-coffee-snacks": "pack",
  fitness: "dumbbell",
  "toys-music": "toy",
  stationery: "notebook",
};

/**
 * Leaves whose products look different by one attribute: headphones that sit in the ear are
 * earbuds, a phone accessory or a printer's refill is the kind its type says, an air cooler sold
 * in litres is no split AC.
 */
export const SHAPE_BY_ATTRIBUTE = {
  headphones: { dim: "type", shapes: { "In-Ear": "earbuds", "True Wireless": "earbuds" } },
  "phone-accessories": {
    dim: "type",
    shapes: { Case: "phone-case", "Screen Protector": "screen-guard", Charger: "charger", Cable: "cable", "Power Bank": "power-bank" },
  },
  printers: { dim: "type", shapes: { Cartridge: "cartridge", Toner: "cartridge", "Ink Bottle": "bottle" } },
  "camera-accessories": { dim: "type", shapes: { Battery: "power-bank", Bag: "bag", Tripod: "tripod", Grip: "power-bank", Film: "photo" } },
  "air-conditioners": { dim: "capacity", shapes: { "35 L": "cooler", "70 L": "cooler" } },
  "vacuum-cleaners": { dim: "type", shapes: { Robot: "robot-vacuum" } },
  "washing-machines": { dim: "type", shapes: { "Fully Automatic Top Load": "washer-top", "Semi-Automatic": "twin-tub" } },
};

/** Attributes naming a product's colour, first found wins: appliances come in a finish. */
export const COLOUR_DIMS = ["colour", "finish"];

/** The colour of a product whose colour is not known. */
export const NEUTRAL_COLOUR = "neutral";

/** A colour name as it appears in an illustration's URL: `Midnight Blue` is `midnight-blue`. */
export function colourSlug(name) {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/**
 * The shape a product of leaf `leafSlug` with these attributes is drawn as; `lineShape` is the
 * one its model line names, if it names one, and wins over the rest.
 */
export function shapeFor(leafSlug, attributes, lineShape) {
  const by = SHAPE_BY_ATTRIBUTE[leafSlug];
  const refined = by ? by.shapes[attributes[by.dim]] : undefined;
  const shape = lineShape ?? refined ?? LEAF_SHAPES[leafSlug];
  if (!shape) throw new Error(`${leafSlug}: no illustration shape; add the leaf to LEAF_SHAPES`);
  return shape;
}

/** The URL of the illustration of a product of leaf `leafSlug` with these attributes (and its line's shape). */
export function productImage(leafSlug, attributes, lineShape) {
  const colour = COLOUR_DIMS.map((dim) => attributes[dim]).find((value) => typeof value === "string");
  return `/art/${shapeFor(leafSlug, attributes, lineShape)}/${colour ? colourSlug(colour) : NEUTRAL_COLOUR}.svg`;
}
