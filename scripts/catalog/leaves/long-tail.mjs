/**
 * The long tail a big marketplace lists and a demo does not need: shirts, kurtas, sarees and
 * shoes in every cut and print their brands sell, bedsheets in every design, and cases for every
 * phone the catalog sells. A catalog past the demo's few thousand products is made from these
 * (see `leafSlot` in ../generate.mjs), so a 100,000-product catalog lists each title once instead
 * of every phone thirty times over.
 *
 * Fashion is listed the way Indian marketplaces title it, by what a garment is rather than by a
 * model name ("Men's Slim Fit Checkered Full Sleeve Casual Shirt"), so a line is a brand and one
 * combination of the words its garments are described by. Each brand sells only the kinds of
 * garment it is known for, at its own price level.
 */

/** Every combination of one phrase from each list, in order; an empty phrase is left out. */
function combos(...lists) {
  return lists.reduce((made, list) => made.flatMap((start) => list.map((word) => [start, word].filter(Boolean).join(" "))), [""]);
}

/** A rupee price ending in 9, the way listings are priced. */
const ending9 = (rupees) => Math.max(99, Math.round(rupees / 100) * 100 - 1);

/**
 * A kind of product: its descriptions, the band (rupees) a brand at price level 1 sells it in,
 * and what its lines narrow and are drawn as (see taxonomy.mjs).
 */
const kind = (names, band, only = {}, shape = undefined) => ({ names, band, only, shape });

/** Model lines for brands given as [brand, price level, kinds], each name after `prefix` ("Men's "). */
function linesOf(prefix, brands) {
  return brands.flatMap(([brand, level, kinds]) =>
    kinds.flatMap(({ names, band: [lo, hi], only, shape }) =>
      names.map((name) => [brand, `${prefix}${name}`, ending9(lo * level), ending9(hi * level), only, shape]),
    ),
  );
}

// Men's clothing: sizes S to XXL in the leaf's six colours unless a kind narrows them.
const M = {
  casualShirt: kind(
    combos(["Slim Fit", "Regular Fit"], ["Checkered", "Solid", "Striped", "Printed"], ["Full Sleeve", "Half Sleeve"], ["Casual Shirt"]),
    [699, 1499],
  ),
  formalShirt: kind(
    combos(["Slim Fit", "Regular Fit"], ["Solid", "Striped", "Checkered", "Self Design"], ["", "Cotton"], ["Formal Shirt"]),
    [899, 1799],
    {
      colour: ["Navy", "Black", "White", "Maroon"],
    },
  ),
  tShirt: kind(combos(["Solid", "Printed", "Striped", "Colourblock"], ["Round Neck", "Polo", "V Neck", "Henley"], ["T Shirt"]), [349, 899]),
  jeans: kind(
    combos(
      ["Slim Fit", "Skinny Fit", "Regular Fit", "Tapered Fit", "Straight Fit"],
      ["Mid Rise", "Low Rise"],
      ["", "Stretchable"],
      ["Jeans"],
    ),
    [999, 2299],
    { colour: ["Navy", "Black"], fabric: ["Cotton"] },
    "trousers",
  ),
  trousers: kind(
    [
      "Slim Fit Chinos",
      "Regular Fit Chinos",
      "Skinny Fit Chinos",
      "Slim Fit Formal Trousers",
      "Regular Fit Formal Trousers",
      "Relaxed Fit Cargo Trousers",
    ],
    [899, 1999],
    { colour: ["Navy", "Black", "White", "Olive", "Maroon"] },
    "trousers",
  ),
  trackPants: kind(combos(["Solid", "Striped", "Printed", "Colourblock"], ["Track Pants", "Joggers"]), [499, 1299], {}, "trousers"),
  shorts: kind(combos(["Solid", "Printed", "Checkered"], ["Shorts", "Cargo Shorts", "Bermuda Shorts"]), [399, 999], {}, "trousers"),
  winterwear: kind(
    combos(["Solid", "Printed", "Colourblock"], ["Hooded Sweatshirt", "Round Neck Sweatshirt", "Bomber Jacket", "Puffer Jacket"]),
    [899, 2499],
  ),
  ethnic: kind(
    combos(
      ["Solid", "Printed", "Embroidered", "Woven Design"],
      ["", "Cotton", "Linen Blend"],
      ["Straight Kurta", "Kurta Pyjama Set", "Nehru Jacket"],
    ),
    [799, 2999],
    {},
    "kurta",
  ),
};
const MEN_FORMAL = [M.casualShirt, M.formalShirt, M.tShirt, M.trousers, M.winterwear];
const MEN_CASUAL = [M.casualShirt, M.tShirt, M.jeans, M.trousers, M.shorts, M.winterwear];
const MEN_SPORT = [M.tShirt, M.trackPants, M.shorts, M.winterwear];

const MENS_CLOTHING = linesOf("Men's ", [
  ["Louis Philippe", 1.6, MEN_FORMAL],
  ["Van Heusen", 1.3, MEN_FORMAL],
  ["Allen Solly", 1.1, MEN_FORMAL],
  ["Peter England", 0.9, MEN_FORMAL],
  ["Arrow", 1.3, MEN_FORMAL],
  ["Raymond", 1.4, MEN_FORMAL],
  ["Park Avenue", 1.1, MEN_FORMAL],
  ["Blackberrys", 1.3, MEN_FORMAL],
  ["Jack & Jones", 1.3, MEN_CASUAL],
  ["Highlander", 0.6, MEN_CASUAL],
  ["Roadster", 0.6, MEN_CASUAL],
  ["WROGN", 0.9, MEN_CASUAL],
  ["Mufti", 1.2, MEN_CASUAL],
  ["Spykar", 1.1, MEN_CASUAL],
  ["Flying Machine", 1, MEN_CASUAL],
  ["Pepe Jeans", 1.3, MEN_CASUAL],
  ["U.S. Polo Assn.", 1.2, MEN_CASUAL],
  ["Tommy Hilfiger", 2.2, MEN_CASUAL],
  ["United Colors of Benetton", 1.5, MEN_CASUAL],
  ["Puma", 1.1, MEN_SPORT],
  ["Adidas", 1.3, MEN_SPORT],
  ["HRX by Hrithik Roshan", 0.7, MEN_SPORT],
  ["Reebok", 1, MEN_SPORT],
  ["Manyavar", 1.8, [M.ethnic]],
  ["FabIndia", 1.3, [M.ethnic]],
  ["Vastramay", 0.7, [M.ethnic]],
]);

// Women's clothing: what is fitted comes in XS to XL; a saree is one size for all.
const FITTED = ["XS", "S", "M", "L", "XL"];
const W = {
  kurta: kind(
    combos(
      ["Printed", "Embroidered", "Solid", "Floral Print", "Ethnic Motifs"],
      ["", "Cotton", "Rayon"],
      ["Straight", "Anarkali", "A-Line", "Flared"],
      ["Kurta"],
    ),
    [599, 1999],
    { size: FITTED },
    "kurta",
  ),
  kurtaSet: kind(
    combos(["Printed", "Embroidered", "Solid"], ["Kurta with Palazzo", "Kurta with Trousers", "Kurta Pant Set", "Kurta Sharara Set"]),
    [999, 3499],
    { size: FITTED },
    "kurta",
  ),
  saree: kind(
    combos(["Printed", "Woven", "Embroidered", "Zari Work", "Solid"], ["Georgette", "Silk", "Cotton"], ["Saree"]),
    [799, 4999],
    { size: ["Free Size"] },
    "sheet",
  ),
  top: kind(
    combos(["Solid", "Printed", "Striped", "Floral Print"], ["Regular Top", "Peplum Top", "Crop Top", "Wrap Top", "Tunic Top"]),
    [399, 1199],
    {
      size: FITTED,
    },
  ),
  dress: kind(
    combos(
      ["Solid", "Printed", "Floral Print", "Striped"],
      ["A-Line Dress", "Fit & Flare Dress", "Maxi Dress", "Bodycon Dress", "Wrap Dress", "Tiered Dress"],
    ),
    [699, 2499],
    { size: FITTED },
    "kurta",
  ),
  jeans: kind(
    combos(["Skinny Fit", "Straight Fit", "Wide Leg", "Mom Fit", "Bootcut", "Slim Fit"], ["High Rise", "Mid Rise"], ["Jeans"]),
    [999, 2499],
    { size: FITTED, colour: ["Black", "Teal"], fabric: ["Cotton"] },
    "trousers",
  ),
  bottoms: kind(
    combos(["Solid", "Printed"], ["Leggings", "Palazzo", "Flared Trousers", "Culottes"]),
    [349, 1199],
    { size: FITTED },
    "trousers",
  ),
  nightwear: kind(combos(["Printed", "Solid", "Checkered"], ["", "Cotton"], ["Night Suit", "Nightdress", "Pyjama Set"]), [499, 1499], {
    size: FITTED,
  }),
};
const WOMEN_ETHNIC = [W.kurta, W.kurtaSet, W.saree];
const WOMEN_WESTERN = [W.top, W.dress, W.jeans, W.bottoms];

const WOMENS_CLOTHING = linesOf("Women's ", [
  ["Biba", 1.2, WOMEN_ETHNIC],
  ["W", 1.1, WOMEN_ETHNIC],
  ["Aurelia", 1, WOMEN_ETHNIC],
  ["Libas", 0.8, WOMEN_ETHNIC],
  ["Anouk", 0.8, WOMEN_ETHNIC],
  ["Global Desi", 1, WOMEN_ETHNIC],
  ["FabIndia", 1.4, WOMEN_ETHNIC],
  ["Sangria", 0.7, WOMEN_ETHNIC],
  ["Janasya", 0.6, WOMEN_ETHNIC],
  ["Indo Era", 0.7, WOMEN_ETHNIC],
  ["Kalini", 0.8, WOMEN_ETHNIC],
  ["Vishudh", 0.6, WOMEN_ETHNIC],
  ["Only", 1.1, WOMEN_WESTERN],
  ["Vero Moda", 1.2, WOMEN_WESTERN],
  ["Mango", 1.6, WOMEN_WESTERN],
  ["Roadster", 0.6, WOMEN_WESTERN],
  ["Tokyo Talkies", 0.6, WOMEN_WESTERN],
  ["SASSAFRAS", 0.7, WOMEN_WESTERN],
  ["Harpa", 0.7, WOMEN_WESTERN],
  ["Mast & Harbour", 0.7, WOMEN_WESTERN],
  ["AND", 1.3, WOMEN_WESTERN],
  ["Levi's", 1.4, [W.top, W.jeans]],
  ["Pepe Jeans", 1.3, [W.top, W.jeans]],
  ["Zivame", 0.9, [W.nightwear]],
  ["Clovia", 0.7, [W.nightwear]],
  ["Go Colors", 0.6, [W.bottoms]],
  ["De Moza", 0.7, [W.bottoms]],
]);

// Shoes: UK 6 to 10 in the leaf's five colours.
const S = {
  sport: kind(
    combos(["Men's", "Women's"], ["Running Shoes", "Walking Shoes", "Training Shoes", "Lace-Up Sneakers", "Slip-On Sneakers"]),
    [1499, 4999],
  ),
  sliders: kind(["Men's Sliders", "Women's Sliders", "Men's Flip Flops"], [399, 1499], {}, "sandal"),
  formal: kind(
    ["Men's Leather Derby Formal Shoes", "Men's Leather Oxford Formal Shoes", "Men's Leather Loafers", "Men's Casual Sneakers"],
    [1299, 3999],
  ),
  boots: kind(["Men's Leather Chelsea Boots", "Men's Leather Ankle Boots"], [2499, 5999], {}, "boot"),
  women: kind(
    ["Women's Block Heel Sandals", "Women's Flat Sandals", "Women's Wedge Heels", "Women's Ballerina Flats"],
    [499, 1999],
    {},
    "sandal",
  ),
};
const FORMAL = S.formal;
const LEATHER_SANDALS = kind(["Men's Leather Sandals"], [999, 2499], {}, "sandal");

const SHOES = linesOf("", [
  ["Nike", 1.6, [S.sport, S.sliders]],
  ["Adidas", 1.4, [S.sport, S.sliders]],
  ["Puma", 1.1, [S.sport, S.sliders]],
  ["Reebok", 1, [S.sport]],
  ["ASICS", 1.5, [S.sport]],
  ["Skechers", 1.3, [S.sport]],
  ["Campus", 0.5, [S.sport, S.sliders]],
  ["Sparx", 0.4, [S.sport, S.sliders]],
  ["Red Tape", 0.8, [S.sport, FORMAL]],
  ["Bata", 0.6, [FORMAL, LEATHER_SANDALS, S.women]],
  ["Woodland", 1.2, [FORMAL, S.boots, LEATHER_SANDALS]],
  ["Red Chief", 1, [FORMAL, S.boots]],
  ["Hush Puppies", 1.3, [FORMAL]],
  ["Liberty", 0.6, [FORMAL, S.women]],
  ["Metro", 0.8, [FORMAL, S.women]],
  ["Clarks", 1.8, [FORMAL, S.boots]],
  ["Crocs", 1, [kind(["Classic Clogs", "LiteRide Clogs", "Baya Sliders"], [1999, 3999], {}, "sandal")]],
]);

// Bedding: in any of the four bed sizes and the leaf's four colours.
const BEDDING = kind(
  combos(
    ["Floral Print", "Geometric Print", "Solid", "Striped", "Jaipuri Print", "Abstract Print"],
    ["Cotton Bedsheet with 2 Pillow Covers", "Microfibre Comforter", "Reversible Dohar", "Fitted Bedsheet"],
  ),
  [599, 2499],
  { size: ["Single", "Double", "Queen", "King"] },
  "sheet",
);
const FURNISHING = linesOf("", [
  ["Bombay Dyeing", 1, [BEDDING]],
  ["Spaces", 1.1, [BEDDING]],
  ["D'Decor", 1.4, [BEDDING]],
  ["Portico New York", 1.2, [BEDDING]],
  ["Raymond Home", 1.2, [BEDDING]],
  ["Story@Home", 0.7, [BEDDING]],
  ["Trident", 0.9, [BEDDING]],
  ["Welspun", 0.9, [BEDDING]],
  ["Cortina", 0.8, [BEDDING]],
  ["Home Centre", 1, [BEDDING]],
]);

/**
 * Cases and screen protectors for each phone the catalog sells: premium case makers for the
 * flagships, everyday ones for every phone. A case comes in the colours its style is made in.
 */
function phoneCases(phones) {
  const phoneName = ([brand, model]) =>
    brand === "Apple" || (brand === "Xiaomi" && model.startsWith("Redmi")) ? model : `${brand} ${model}`;
  const flagship = ([brand, model]) => ["Apple", "Google", "Nothing"].includes(brand) || /^Galaxy (S|Z|A55)|^12$/.test(model);
  const style = (name, lo, hi, colour) => ({ name, lo, hi, only: { type: ["Case"], colour } });
  const protector = (name, lo, hi) => ({ name, lo, hi, only: { type: ["Screen Protector"], colour: ["Clear"] } });
  const premium = [
    [
      "Spigen",
      [style("Ultra Hybrid Back Cover", 999, 1499, ["Clear", "Black", "Blue"]), style("Rugged Armor Back Cover", 899, 1299, ["Black"])],
    ],
    [
      "Spigen",
      [style("Liquid Air Back Cover", 799, 1199, ["Black", "Blue", "Purple"]), protector("Tempered Glass Screen Protector", 799, 1299)],
    ],
    ["Ringke", [style("Fusion Back Cover", 699, 1099, ["Clear", "Black"]), style("Onyx Back Cover", 599, 999, ["Black", "Blue"])]],
    ["ESR", [style("Classic Hybrid Back Cover", 799, 1199, ["Clear", "Black"])]],
  ];
  const everyday = [
    [
      "Nillkin",
      [
        style("Frosted Shield Back Cover", 499, 799, ["Black", "Blue", "Red"]),
        style("CamShield Back Cover", 599, 899, ["Black", "Blue", "Purple"]),
      ],
    ],
    [
      "TheGiftKart",
      [
        style("Shockproof Crystal Clear Back Cover", 249, 449, ["Clear"]),
        style("Silicone Back Cover", 199, 399, ["Black", "Blue", "Purple", "Red"]),
      ],
    ],
    ["TheGiftKart", [protector("Tempered Glass Screen Protector", 199, 399)]],
    ["Kapaver", [style("Leather Flip Cover", 399, 699, ["Black", "Blue", "Red"])]],
  ];
  return phones.flatMap((phone) =>
    [...(flagship(phone) ? premium : []), ...everyday].flatMap(([brand, styles]) =>
      styles.map(({ name, lo, hi, only }) => [brand, `${name} for ${phoneName(phone)}`, lo, hi, only]),
    ),
  );
}

/**
 * A line narrowed to the values its name says: a "Cotton Formal Shirt" is cotton, a "Georgette
 * Saree" georgette, where the line does not already say so itself.
 */
function narrowedToName(leaf, [brand, name, lo, hi, only = {}, shape]) {
  const named = {};
  for (const [dim, values] of Object.entries(leaf.dims)) {
    if (only[dim]) continue;
    const said = values.filter((v) => new RegExp(`(^|\\s)${v}(?=\\s|$)`).test(name));
    if (said.length > 0) named[dim] = said;
  }
  return [brand, name, lo, hi, { ...only, ...named }, shape];
}

/** The leaves with their long tails (`tail`, lines as in `lines`) where they have one. */
export function withLongTails(leaves) {
  const phones = leaves.find((leaf) => leaf.slug === "mobiles")?.lines ?? [];
  const tails = {
    "mens-clothing": MENS_CLOTHING,
    "womens-clothing": WOMENS_CLOTHING,
    shoes: SHOES,
    furnishing: FURNISHING,
    "phone-accessories": phoneCases(phones),
  };
  return leaves.map((leaf) => (tails[leaf.slug] ? { ...leaf, tail: tails[leaf.slug].map((line) => narrowedToName(leaf, line)) } : leaf));
}
