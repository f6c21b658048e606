/**
 * The demo marketplace's category tree and, per leaf category, the brands, model lines with
 * their price bands (in rupees), and attribute dimensions products are generated from. Chosen
 * so the shopper queries the search work is measured with ("cooktop", "macbook", "iphone",
 * "samsung", "chromebooks", "amazon fire", "washers", …) find real matches.
 */
import { ACCESSORIES_LEAVES } from "./leaves/accessories.mjs";
import { APPLIANCES_LEAVES } from "./leaves/appliances.mjs";
import { AUDIO_ACCESSORIES_LEAVES } from "./leaves/audio-accessories.mjs";
import { DEVICES_LEAVES } from "./leaves/devices.mjs";
import { FASHION_LEAVES } from "./leaves/fashion.mjs";
import { LIFESTYLE_LEAVES } from "./leaves/lifestyle.mjs";
import { withLongTails } from "./leaves/long-tail.mjs";
import { TV_VIDEO_LEAVES } from "./leaves/tv-video.mjs";

/** Top-level departments in display order: [slug, name]. */
export const DEPARTMENTS = [
  ["electronics", "Electronics"],
  ["appliances", "Appliances"],
  ["fashion", "Fashion"],
  ["home-kitchen", "Home & Kitchen"],
  ["grocery", "Grocery"],
  ["sports-toys", "Sports, Toys & Hobbies"],
  ["office-books", "Office & Stationery"],
];

/** Mid-level categories: [slug, name, parent slug]. */
export const GROUPS = [
  ["mobiles-tablets", "Mobiles & Tablets", "electronics"],
  ["computers", "Computers & Laptops", "electronics"],
  ["tv-video", "TVs & Video", "electronics"],
  ["audio", "Audio", "electronics"],
  ["cameras-photo", "Cameras & Photo", "electronics"],
  ["accessories", "Accessories & Storage", "electronics"],
  ["gaming", "Gaming", "electronics"],
  ["large-appliances", "Large Appliances", "appliances"],
  ["kitchen-appliances", "Kitchen Appliances", "appliances"],
  ["clothing", "Clothing", "fashion"],
  ["footwear", "Footwear", "fashion"],
  ["watches-bags", "Watches & Bags", "fashion"],
  ["home-furnishing", "Furnishing & Decor", "home-kitchen"],
  ["kitchen-dining", "Kitchen & Dining", "home-kitchen"],
  ["foodgrains", "Foodgrains & Staples", "grocery"],
  ["beverages", "Beverages & Snacks", "grocery"],
  ["sports-fitness", "Sports & Fitness", "sports-toys"],
  ["toys-games", "Toys & Music", "sports-toys"],
  ["office-supplies", "Office Supplies", "office-books"],
];

/**
 * Leaf categories products belong to, in a fixed order (generation depends on it, as it does on
 * the order of `lines` and of every list of values). Each has:
 * - `lines`, one row per model line: [brand, model, lo, hi, only?, shape?]. `lo` and `hi` are
 *   what the model's cheapest and dearest variants sell for in India, in rupees; a row without
 *   them falls back to the leaf's `price` band. `only` narrows some dimensions to the values the
 *   model comes in (a split AC in tons, never litres; "Wireless" headphones never wired; a phone
 *   in the colours, storage and RAM it was sold in), so no title or attribute says other than the
 *   model's name does, nor offers a variant that was never made. Its `configs`, if any, lists the
 *   combinations of title dimensions the model was sold in, where they do not combine freely (a
 *   phone's RAM goes with its storage). Its `fixed`, if any, are attributes every product of the
 *   line has alike (a phone's operating system): never a variant, never in a title. `shape` is the illustration the
 *   line is drawn as where its leaf's (art.mjs) would draw it as something else; a line that
 *   names a shape but narrows nothing has `{}` for `only`.
 * - attribute `dims`, the first `titleDims` of which appear in the title.
 * - `priceBy`, for the dimensions a variant's price depends on, a relative price per value
 *   (aligned with `dims`): they set where each variant sits between `lo` and `hi`. Sellers
 *   price within 2.5% of that point, so every step up must stay at least 7% dearer after the
 *   band's stretch, or a bigger variant could undercut a smaller one.
 * - `tail`, added by `withLongTails` (leaves/long-tail.mjs) where a leaf has one: more lines, made
 *   only in a catalog past the demo's size, and each narrowed to the values its name says.
 * - `kinds`, optionally: other kinds of product the leaf sells, each with its own `dims` and
 *   `priceBy`, which a line of that kind (`only.kind`) has instead of the leaf's: a desktop among
 *   the monitors comes in memory and storage, not in screen sizes.
 */
export const LEAVES = withLongTails([
  ...DEVICES_LEAVES,
  ...TV_VIDEO_LEAVES,
  ...AUDIO_ACCESSORIES_LEAVES,
  ...ACCESSORIES_LEAVES,
  ...APPLIANCES_LEAVES,
  ...FASHION_LEAVES,
  ...LIFESTYLE_LEAVES,
]);

/**
 * Fulfilment warehouses: [id, name, city, PIN code]. The city is the market a centre serves; the
 * PIN code is where the building is (delivery estimates count from it), so a Bengaluru shopper's
 * 560001 is a neighbouring sorting district of Hoskote's 562114, not the same one.
 */
export const WAREHOUSES = [
  ["wh_bhiwandi", "Bhiwandi FC", "Mumbai", "421302"],
  ["wh_gurugram", "Gurugram FC", "Delhi NCR", "122001"],
  ["wh_hoskote", "Hoskote FC", "Bengaluru", "562114"],
  ["wh_chennai", "Sriperumbudur FC", "Chennai", "602105"],
  ["wh_kolkata", "Uluberia FC", "Kolkata", "711316"],
  ["wh_hyderabad", "Medchal FC", "Hyderabad", "501401"],
  ["wh_pune", "Chakan FC", "Pune", "410501"],
  ["wh_ahmedabad", "Changodar FC", "Ahmedabad", "382213"],
];

/** Pieces seller names are built from. */
export const SELLER_NAME_PARTS = {
  first: [
    "Shree",
    "Sai",
    "Om",
    "Krishna",
    "Ganesh",
    "Laxmi",
    "Royal",
    "Metro",
    "Urban",
    "Bharat",
    "Apna",
    "Star",
    "Galaxy",
    "Sunrise",
    "Indus",
    "Jai",
  ],
  second: [
    "Retail",
    "Traders",
    "Electronics",
    "Mart",
    "Enterprises",
    "Distributors",
    "Bazaar",
    "Store",
    "Supplies",
    "Emporium",
    "Deals",
    "Wholesale",
  ],
};

/** Cities sellers ship from. */
export const SELLER_CITIES = [
  "Mumbai",
  "Delhi",
  "Bengaluru",
  "Chennai",
  "Kolkata",
  "Hyderabad",
  "Pune",
  "Ahmedabad",
  "Jaipur",
  "Lucknow",
  "Surat",
  "Indore",
];

/**
 * The GST state code (a GSTIN's first two digits) of each city sellers ship from, and of the few
 * other cities sellers of an older database may be in.
 */
export const CITY_STATE_CODES = {
  Mumbai: "27",
  Pune: "27",
  Delhi: "07",
  Bengaluru: "29",
  Chennai: "33",
  Kolkata: "19",
  Hyderabad: "36",
  Ahmedabad: "24",
  Surat: "24",
  Jaipur: "08",
  Lucknow: "09",
  Indore: "23",
  Kochi: "32",
};

/**
 * GST in percent per category slug: [rate], or [rate, rate above ₹2,500 a piece] for goods the
 * tariff bands by price. A category not listed takes its nearest listed ancestor's rate. From the
 * CBIC goods rate schedule as revised with effect from 22 September 2025 (Notification
 * 9/2025-Central Tax (Rate)), which left two main rates, 5% and 18%: a category holding goods of
 * several rates takes the rate of most of what it sells.
 */
export const GST_RATES = {
  // Phones, computers, audio, cameras, storage, watches and consoles.
  electronics: [18],
  // Every set, whatever its size, since the 2025 revision (large sets paid 28% before).
  televisions: [18],
  // Refrigerators, washing machines, vacuum cleaners; air conditioners and dishwashers came down
  // from 28% in 2025 and are listed so a change of one rate stays one line.
  appliances: [18],
  "air-conditioners": [18],
  dishwashers: [18],
  // Watches and bags.
  fashion: [18],
  // Apparel (chapters 61-62): 5% on a piece worth up to ₹2,500, 18% above.
  "mens-clothing": [5, 18],
  "womens-clothing": [5, 18],
  // Footwear (chapter 64): 5% on a pair worth up to ₹2,500, 18% above.
  shoes: [5, 18],
  // Steel and aluminium cookware, kitchenware and tableware.
  "home-kitchen": [5],
  // Mattresses, LED lighting and lamps; cotton bed linen alone would be banded like apparel.
  furnishing: [18],
  // Packaged and labelled atta, rice, pulses and edible oil.
  grocery: [5],
  // Tea, instant coffee, biscuits and namkeen.
  "tea-coffee-snacks": [5],
  // Sports goods, toys and musical instruments.
  "sports-toys": [5],
  // Pens, calculators, copier paper and office supplies; exercise books, pencils and erasers
  // alone would be nil-rated, printed books too.
  "office-books": [18],
};

/**
 * The HSN code (the tariff heading GST invoices name goods by) per leaf category, at six digits, as a
 * seller with a turnover above ₹5 crore must print it. A leaf is priced and taxed as its typical goods
 * are, so its code is theirs: where a leaf mixes headings (a case beside a charger), the code is that
 * of the goods most of its lines are.
 */
export const HSN_CODES = {
  // Smartphones, and smartwatches as apparatus for transmission of data; tablets and laptops as
  // portable data processing machines; desktops as processing units.
  mobiles: "851713",
  tablets: "847130",
  smartwatches: "851762",
  laptops: "847130",
  chromebooks: "847130",
  "desktops-monitors": "847150",
  printers: "844332",
  // Television sets; streaming sticks as reception apparatus without a display; projectors.
  televisions: "852872",
  "streaming-devices": "852871",
  projectors: "852869",
  // Headphones; loudspeakers in one enclosure (speakers and soundbars alike).
  headphones: "851830",
  speakers: "851822",
  "home-theater": "851822",
  // Digital cameras; parts and accessories of photographic cameras.
  cameras: "852589",
  "camera-accessories": "900691",
  // Chargers and adapters as static converters; memory cards as solid-state storage; alkaline cells;
  // keyboards and mice as input units; consoles.
  "phone-accessories": "850440",
  storage: "852351",
  batteries: "850610",
  "computer-accessories": "847160",
  "consoles-games": "950450",
  // Refrigerators, washing machines (automatic, up to 10 kg), dishwashers, split air conditioners,
  // induction cooktops, mixer grinders, vacuum cleaners.
  refrigerators: "841821",
  "washing-machines": "845011",
  dishwashers: "842211",
  "air-conditioners": "841510",
  cooktops: "851660",
  "small-kitchen-appliances": "850940",
  "vacuum-cleaners": "850811",
  // Men's cotton shirts; women's garments of cotton (kurtas); footwear with rubber or plastic soles
  // and textile uppers; wrist watches; suitcases and bags with plastic or textile surfaces.
  "mens-clothing": "620520",
  "womens-clothing": "621142",
  shoes: "640411",
  watches: "910211",
  "bags-luggage": "420212",
  // Mattresses; stainless steel kitchenware; wheat flour and black tea (the other lines of those
  // two aisles are in LINE_HSN_CODES); gym equipment; toys; pens.
  furnishing: "940429",
  cookware: "732393",
  staples: "110100",
  "tea-coffee-snacks": "090240",
  fitness: "950691",
  "toys-music": "950300",
  stationery: "960810",
};

/**
 * HSN codes of product lines whose goods are not their leaf's heading, by leaf and line name: a
 * grocery aisle holds rice, dal, oil and ghee under one leaf, each its own heading on an invoice.
 * A line not named here is invoiced under its leaf's code (HSN_CODES).
 */
export const LINE_HSN_CODES = {
  // Milled rice; pigeon peas, moong and chickpeas (dried, shelled); sunflower and mustard oil;
  // ghee among the other milk fats, butter.
  staples: {
    "Basmati Rice Classic": "100630",
    "Basmati Rice Feast Rozzana": "100630",
    "Rozana Basmati Rice": "100630",
    "Toor Dal Unpolished": "071360",
    "Moong Dal": "071331",
    "Chana Dal": "071320",
    "Sunlite Refined Sunflower Oil": "151219",
    "Kachi Ghani Mustard Oil": "151491",
    "Pure Ghee": "040590",
    Butter: "040510",
  },
  // Instant coffee as coffee extracts, roasted ground coffee; namkeen as food preparations not
  // elsewhere specified; sweet biscuits; yogurt.
  "tea-coffee-snacks": {
    "Classic Instant Coffee": "210111",
    "Gold Blend": "210111",
    "Instant Coffee": "210111",
    "Pike Place Ground Coffee": "090121",
    "Aloo Bhujia": "210690",
    "Navrattan Mix": "210690",
    "Good Day Cashew Cookies": "190531",
    "Marie Gold": "190531",
    "Parle-G Biscuits": "190531",
    "Greek Yogurt": "040320",
  },
};

/** Review titles and bodies, a few for each star rating (index: stars minus one). */
export const REVIEW_TEXT = [
  [
    ["Disappointed", "Stopped working within a week; the replacement took too long."],
    ["Not as shown", "What arrived looks nothing like the photos. Returned it."],
    ["Poor quality", "Broke on the second use. Packaging was damaged too."],
  ],
  [
    ["Not worth the price", "Build quality is below what the listing suggests."],
    ["Below average", "Works, but feels cheap. Expected better for this brand."],
    ["Late and so-so", "Delivery took nine days and the product is just about okay."],
  ],
  [
    ["Okay for the money", "Does the job, nothing special. Delivery was on time."],
    ["Average", "Decent for daily use. A few rough edges, but fine at this price."],
    ["Does what it says", "No complaints, no surprises. Bought it in the sale."],
  ],
  [
    ["Good value", "Works well and arrived well packed. Happy with the purchase."],
    ["Worth it in the sale", "Good product at the sale price. Would buy again."],
    ["Happy overall", "Quality is good; instructions could be clearer."],
  ],
  [
    ["Excellent!", "Exactly as described, great quality, and delivered a day early."],
    ["Superb product", "Gifted it to my parents and they love it. Genuine product."],
    ["Best buy this year", "Better than I expected for the price. Fast delivery to my city."],
  ],
];
