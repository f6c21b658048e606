/**
 * Which illustration a generated product is shown with: a drawing of what it is, by its leaf
 * category, in its colour. The Worker draws them at `/art/{shape}/{colour}.svg` (workers/art/),
 * so the demo catalog looks like a shop without any image files.
 */

/** The shape each leaf category's products are drawn as, by leaf slug. */
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
  "home-theater": "speaker",
  cameras: "camera",
  "camera-accessories": "camera",
  "phone-accessories": "charger",
  storage: "card",
  batteries: "battery",
  "computer-accessories": "mouse",
  "consoles-games": "gamepad",
  refrigerators: "fridge",
  "washing-machines": "washer",
  dishwashers: "washer",
  "air-conditioners": "ac",
  cooktops: "pot",
  "small-kitchen-appliances": "mixer",
  "vacuum-cleaners": "vacuum",
  "mens-clothing": "shirt",
  "womens-clothing": "shirt",
  shoes: "shoe",
  watches: "watch",
  "bags-luggage": "bag",
  furnishing: "bed",
  cookware: "pot",
  staples: "pack",
  "tea-coffee-snacks": "pack",
  fitness: "dumbbell",
  "toys-music": "toy",
  stationery: "notebook",
};

/** Leaves whose products look different by one attribute: headphones that sit in the ear are earbuds. */
export const SHAPE_BY_ATTRIBUTE = {
  headphones: { dim: "type", shapes: { "In-Ear": "earbuds", "True Wireless": "earbuds" } },
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

/** The shape a product of leaf `leafSlug` with these attributes is drawn as. */
export function shapeFor(leafSlug, attributes) {
  const by = SHAPE_BY_ATTRIBUTE[leafSlug];
  const refined = by ? by.shapes[attributes[by.dim]] : undefined;
  const shape = refined ?? LEAF_SHAPES[leafSlug];
  if (!shape) throw new Error(`${leafSlug}: no illustration shape; add the leaf to LEAF_SHAPES`);
  return shape;
}

/** The URL of the illustration of a product of leaf `leafSlug` with these attributes. */
export function productImage(leafSlug, attributes) {
  const colour = COLOUR_DIMS.map((dim) => attributes[dim]).find((value) => typeof value === "string");
  return `/art/${shapeFor(leafSlug, attributes)}/${colour ? colourSlug(colour) : NEUTRAL_COLOUR}.svg`;
}
