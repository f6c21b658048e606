/**
 * The deterministic demo/benchmark catalog generator. Every product is derived from its index
 * alone (its place in a round of leaves and a seeded PRNG per index), so the catalog can be
 * produced in independent chunks of any size, streamed for a million products, and is
 * byte-identical between runs. No two products share a title until every variant of every leaf
 * has been used (see `leafSlot`). Money is paise.
 * Free of Worker imports so Node scripts, the seed CLI and the benchmark harness share it.
 */
import { productImage } from "./art.mjs";
import { demoGstin } from "./gstin.mjs";
import {
  CITY_STATE_CODES,
  DEPARTMENTS,
  GROUPS,
  GST_RATES,
  HSN_CODES,
  LEAVES,
  LINE_HSN_CODES,
  REVIEW_TEXT,
  SELLER_CITIES,
  SELLER_NAME_PARTS,
  WAREHOUSES,
} from "./taxonomy.mjs";

/** The id of the demo seller the demo seller account is bound to. */
export const DEMO_SELLER_ID = "sel_demo";

/** Fixed creation time of generated rows, so output does not depend on the clock. */
export const SEED_EPOCH = Date.parse("2026-06-01T00:00:00.000Z");

/** A product id from its index (1-based), zero-padded so ids sort in index order. */
export function productId(index) {
  return `prd_${String(index).padStart(7, "0")}`;
}

/** A listing id from its product index and its slot (0-3). */
export function listingId(index, slot) {
  return `lst_${String(index).padStart(7, "0")}_${slot}`;
}

/** mulberry32: a small, fast, good-enough PRNG returning floats in [0, 1). */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function rngFor(seed, index) {
  return mulberry32(Math.imul(seed ^ 0x9e3779b9, 2654435761) ^ Math.imul(index, 0x85ebca6b));
}

const pick = (rng, list) => list[Math.floor(rng() * list.length)];
const iso = (ms) => new Date(ms).toISOString();

/** Rupees to paise, rounded to a price ending in 9 the way Indian listings usually are. */
function paiseEnding9(rupees) {
  return (Math.max(9, Math.round(rupees / 10) * 10 - 1) | 0) * 100;
}

/** A category's GST columns from GST_RATES (both null to inherit its ancestors') and its HSN code from HSN_CODES (leaves only). */
function gstColumns(slug) {
  const [rate = null, above = null] = GST_RATES[slug] ?? [];
  return { gst_rate: rate, gst_rate_above_band: above, hsn_code: HSN_CODES[slug] ?? null };
}

/** The category rows (departments, groups, leaves) with materialized slug paths and their GST rates. */
export function categoryRows() {
  const rows = [];
  const pathOf = new Map();
  DEPARTMENTS.forEach(([slug, name], i) => {
    pathOf.set(slug, `/${slug}/`);
    rows.push({ id: `cat_${slug}`, slug, name, parent_id: null, path: `/${slug}/`, depth: 0, position: i, ...gstColumns(slug) });
  });
  GROUPS.forEach(([slug, name, parent], i) => {
    const path = `${pathOf.get(parent)}${slug}/`;
    pathOf.set(slug, path);
    rows.push({ id: `cat_${slug}`, slug, name, parent_id: `cat_${parent}`, path, depth: 1, position: i, ...gstColumns(slug) });
  });
  LEAVES.forEach((leaf, i) => {
    // A group and a leaf may share a slug (e.g. "cameras"); the leaf then gets a suffix.
    const slug = pathOf.has(leaf.slug) ? `${leaf.slug}-all` : leaf.slug;
    rows.push({
      id: `cat_${slug}`,
      slug,
      name: leaf.name,
      parent_id: `cat_${leaf.parent}`,
      path: `${pathOf.get(leaf.parent)}${slug}/`,
      depth: 2,
      position: i,
      ...gstColumns(leaf.slug),
    });
  });
  return rows;
}

const gcd = (a, b) => (b === 0 ? a : gcd(b, a % b));

/**
 * The title variants of a line whose dimensions do not combine freely, as value indexes per title
 * dimension: every combination of its allowed values that one of `configs` (the combinations it was
 * sold in, e.g. 8GB with 128GB or 256GB but 12GB only with 256GB) matches. Same order as the
 * free walk (first dimension fastest), so a line keeps its variants' relative order.
 */
function soldConfigs(leaf, line, dims, choices, configs) {
  const titled = dims.dimNames.slice(0, leaf.titleDims);
  const wanted = configs.map((config) =>
    Object.entries(config).map(([dim, value]) => {
      const d = titled.indexOf(dim);
      if (d < 0) throw new Error(`${leaf.slug}: ${line} sells configs of "${dim}", which its titles do not name`);
      const k = dims.values[d].indexOf(value);
      if (!choices[d].includes(k)) throw new Error(`${leaf.slug}: ${line} sells ${dim} "${value}", which it does not allow`);
      return [d, k];
    }),
  );
  const free = choices.slice(0, titled.length);
  const all = Array.from({ length: free.reduce((n, c) => n * c.length, 1) }, (_, variant) => {
    let v = variant;
    return free.map((c) => {
      const k = c[v % c.length];
      v = Math.floor(v / c.length);
      return k;
    });
  });
  return all.filter((t) => wanted.some((pairs) => pairs.every(([d, k]) => t[d] === k)));
}

/** A set of attribute dimensions resolved once: their names, values, and each value's log price multiplier. */
function dimsPlan(slug, dims, priceBy) {
  const dimNames = Object.keys(dims);
  const logMultipliers = dimNames.map((dim) => {
    const by = priceBy?.[dim];
    if (!by) return null;
    if (by.length !== dims[dim].length) throw new Error(`${slug}: priceBy.${dim} needs one multiplier per value`);
    return by.map(Math.log);
  });
  return { dimNames, values: dimNames.map((dim) => dims[dim]), logMultipliers };
}

/**
 * Each leaf resolved once into what a product needs, so the per-product work stays a few array
 * reads: every model line with the values it comes in per dimension (`only` narrows them) and how
 * many distinct titles (variants of the dimensions the title names) it makes, and per dimension
 * each value's log price multiplier for those in `priceBy` (the leaf's, or its kind's).
 */
const PLANS = LEAVES.map((leaf) => {
  const leafDims = dimsPlan(leaf.slug, leaf.dims, leaf.priceBy);
  const kindDims = Object.fromEntries(
    Object.entries(leaf.kinds ?? {}).map(([kind, { dims, priceBy }]) => [kind, dimsPlan(`${leaf.slug}/${kind}`, dims, priceBy)]),
  );
  const resolve = ([brand, name, lo, hi, only, shape]) => {
    // A line of another kind than the leaf's own (a desktop among the monitors) has that kind's attributes.
    const dims = only?.kind ? kindDims[only.kind] : leafDims;
    if (!dims) throw new Error(`${leaf.slug}: ${brand} ${name} is of kind "${only.kind}", which the leaf does not have`);
    const choices = dims.dimNames.map((dim, d) => {
      const values = dims.values[d];
      if (!only?.[dim]) return values.map((_, k) => k);
      return only[dim].map((value) => {
        const k = values.indexOf(value);
        if (k < 0) throw new Error(`${leaf.slug}: ${brand} ${name} allows ${dim} "${value}", which the leaf does not have`);
        return k;
      });
    });
    let least = 0;
    let most = 0;
    dims.logMultipliers.forEach((logs, d) => {
      if (!logs) return;
      const reachable = choices[d].map((k) => logs[k]);
      least += Math.min(...reachable);
      most += Math.max(...reachable);
    });
    const tuples = only?.configs ? soldConfigs(leaf, `${brand} ${name}`, dims, choices, only.configs) : null;
    const variants = tuples ? tuples.length : choices.slice(0, leaf.titleDims).reduce((n, c) => n * c.length, 1);
    const band = lo === undefined ? leaf.price : [lo, hi];
    const key = stringHash(`${leaf.slug}|${brand}|${name}`);
    return { brand, name, key, ...dims, band, choices, tuples, least, span: most - least, variants, shape, fixed: only?.fixed };
  };
  const lines = leaf.lines.map(resolve);
  const tail = (leaf.tail ?? []).map(resolve);
  const variants = lines.reduce((n, l) => n + l.variants, 0);
  const tailVariants = tail.reduce((n, l) => n + l.variants, 0);
  return { lines, variants, stride: strideFor(variants), tail, tailVariants };
});

/**
 * A step coprime to `n`, so that k -> (k * step) mod n visits every variant once per n products
 * while neighbouring products land on different brands and models.
 */
function strideFor(n) {
  for (const p of [7919, 7907, 7901, 7883, 7879, 7877, 7873]) if (gcd(p % n, n) === 1) return p % n;
  return 1;
}

/**
 * How many products of each leaf the first period of PERIOD_ROUNDS rounds makes: one per variant,
 * up to 240 (laptops come in hundreds, printers in ten), so the demo's few thousand products
 * repeat no title and show every category. Products past it come from what is left (see LEFT).
 */
const PERIOD_ROUNDS = 15;
const PER_PERIOD = PLANS.map((plan) => Math.min(16 * PERIOD_ROUNDS, plan.variants));
const PERIOD = PER_PERIOD.reduce((n, w) => n + w, 0);

/**
 * How many products of `leaf` the rounds before round `r` of a period make. A leaf's products are
 * spread evenly over the period and each round rounds up, so every leaf is in the first round and
 * a leaf of eight variants is in eight rounds of fifteen rather than in all of them.
 */
const madeBefore = (leaf, r) => Math.ceil((r * PER_PERIOD[leaf]) / PERIOD_ROUNDS);

/** The leaves of each round of a period, each as many times as it makes products in that round. */
const ROUNDS = Array.from({ length: PERIOD_ROUNDS }, (_, r) =>
  PER_PERIOD.flatMap((_, leaf) => Array.from({ length: madeBefore(leaf, r + 1) - madeBefore(leaf, r) }, () => leaf)),
);

/**
 * Products after the first period come from what no earlier product used: each leaf's variants
 * the first period did not reach, then its long tail (`tail` in taxonomy.mjs: the thousands of
 * shirts, sarees and phone cases a big marketplace lists and a demo does not need). Each leaf's
 * share is what it has left, so a leaf of ten printers makes ten products in any catalog while
 * clothing fills a large one, as it does a real marketplace's. Only a catalog bigger than every
 * variant together repeats a title.
 */
const LEFT = PLANS.map((plan, leaf) => plan.variants - PER_PERIOD[leaf] + plan.tailVariants);
const LEFT_TOTAL = LEFT.reduce((n, left) => n + left, 0);
const LEFT_BEFORE = LEFT.map((_, leaf) => LEFT.slice(0, leaf).reduce((n, left) => n + left, 0));
const LEFT_STRIDE = strideFor(LEFT_TOTAL);

/** How many products a catalog can have before any title repeats: every variant of every leaf, once. */
export const DISTINCT_TITLES = PERIOD + LEFT_TOTAL;

/**
 * The leaf of product `index` and its rank among that leaf's products. The first period is made
 * in PERIOD_ROUNDS rounds whose leaves come in an order shuffled per round, so the demo catalog is
 * interleaved; later products step through the variants left over (see LEFT) by a stride coprime
 * to their number, so any stretch of them spreads over every leaf with some left rather than
 * using one leaf up first. Either way a product is found from its index alone.
 */
function leafSlot(index, seed) {
  const period = Math.floor((index - 1) / PERIOD);
  if (period > 0 && LEFT_TOTAL > 0) {
    const at = (((index - 1 - PERIOD) % LEFT_TOTAL) * LEFT_STRIDE) % LEFT_TOTAL;
    let leafIndex = 0;
    while (at >= LEFT_BEFORE[leafIndex] + LEFT[leafIndex]) leafIndex++;
    return { leafIndex, rank: PER_PERIOD[leafIndex] + at - LEFT_BEFORE[leafIndex] };
  }
  let at = (index - 1) % PERIOD;
  let r = 0;
  while (at >= ROUNDS[r].length) at -= ROUNDS[r++].length;
  const order = [...ROUNDS[r]];
  const rng = rngFor(seed ^ 0x5bd1e995, period * PERIOD_ROUNDS + r);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const leafIndex = order[at];
  let before = 0;
  for (let i = 0; i < at; i++) if (order[i] === leafIndex) before++;
  return { leafIndex, rank: period * PER_PERIOD[leafIndex] + madeBefore(leafIndex, r) + before };
}

/**
 * The leaf's `rank`th product: a model line and its values of the dimensions the title names.
 * Ranks walk every variant of the leaf's lines once, in a stride order that mixes brands and
 * models, and then its tail's in order.
 */
function variantOf(plan, rank, titleDims) {
  let v = rank < plan.variants ? (rank * plan.stride) % plan.variants : (rank - plan.variants) % plan.tailVariants;
  const lines = rank < plan.variants ? plan.lines : plan.tail;
  let line = lines[0];
  for (const l of lines) {
    line = l;
    if (v < l.variants) break;
    v -= l.variants;
  }
  if (line.tuples) return { line, ks: line.tuples[v] };
  const ks = line.choices.slice(0, titleDims).map((c) => {
    const k = c[v % c.length];
    v = Math.floor(v / c.length);
    return k;
  });
  return { line, ks };
}

/**
 * A variant's base price in rupees: its place between the model's cheapest and dearest variant,
 * geometric so each step up (more storage, a bigger screen) costs the same share of the band.
 * A model whose variants do not differ in price (a shirt's sizes and colours) sits at one random
 * point of its band, the same for every variant, as a brand prices a garment once.
 */
function baseRupees(model, logMultiplier, roll) {
  const [lo, hi] = model.band;
  if (model.span === 0) return lo + (hi - lo) * roll ** 2;
  return lo * (hi / lo) ** ((logMultiplier - model.least) / model.span);
}

/**
 * Random numbers of the model line rather than of the product, drawn from the line's own stream,
 * so what is decided once for a model (its price, its MRP's markup, how well it is rated) is the
 * same in every variant.
 */
function modelRolls(model, seed) {
  const rng = rngFor(seed + 13, model.key);
  const price = rng();
  const markup = rng();
  return { price, markup, rating: rng() };
}

/** FNV-1a over a string's UTF-16 units: a stable number per model line. */
function stringHash(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const LEAF_IDS = (() => {
  const byLeaf = new Map(
    categoryRows()
      .filter((r) => r.depth === 2)
      .map((r, i) => [LEAVES[i], r.id]),
  );
  return LEAVES.map((l) => byLeaf.get(l));
})();

/** How many sellers a catalog of `products` products has (besides the demo seller). */
export function sellerCount(products) {
  return Math.max(12, Math.min(5000, Math.ceil(products / 40)));
}

/**
 * Seller rows, the demo seller first, each registered for GST in its city's state. The n-th row's
 * GSTIN is the one the gst_invoices migration gives the n-th seller of an older database.
 */
export function sellerRows(products, seed = 1) {
  const demo = {
    id: DEMO_SELLER_ID,
    name: "Demo Electronics Pvt Ltd",
    city: "Bengaluru",
    rating_x10: 46,
    rating_prior_x10: 46,
    created_at: iso(SEED_EPOCH),
  };
  const rows = [{ ...demo, gstin: demoGstin(CITY_STATE_CODES[demo.city], demo.name, 1) }];
  const n = sellerCount(products);
  for (let i = 1; i <= n; i++) {
    const rng = rngFor(seed + 7, i);
    const name = `${pick(rng, SELLER_NAME_PARTS.first)} ${pick(rng, SELLER_NAME_PARTS.second)} ${i}`;
    const city = pick(rng, SELLER_CITIES);
    const rating = 30 + Math.floor(rng() * 20);
    rows.push({
      id: `sel_${String(i).padStart(5, "0")}`,
      name,
      city,
      rating_x10: rating,
      // What buyers' ratings are blended with (workers/sellers/shown-rating.ts), so the first few move it gently.
      rating_prior_x10: rating,
      created_at: iso(SEED_EPOCH - Math.floor(rng() * 900) * 86_400_000),
      gstin: demoGstin(CITY_STATE_CODES[city], name, i + 1),
    });
  }
  return rows;
}

/** Warehouse rows. */
export function warehouseRows() {
  return WAREHOUSES.map(([id, name, city, pincode]) => ({ id, name, city, pincode }));
}

/**
 * Everything one product contributes: the product, 2-4 listings from distinct sellers at
 * different prices (price <= mrp), stock per (listing, warehouse) with some listings sold out
 * and some down to a few units, and a few reviews for some products.
 */
export function productBundle(index, totalProducts, seed = 1) {
  const rng = rngFor(seed, index);
  const { leafIndex, rank } = leafSlot(index, seed);
  const leaf = LEAVES[leafIndex];
  const { line: model, ks } = variantOf(PLANS[leafIndex], rank, leaf.titleDims);
  const brand = model.brand;
  const attributes = { brand };
  let logMultiplier = 0;
  for (let d = 0; d < model.dimNames.length; d++) {
    // The dimensions the title does not name vary freely between products of one title.
    const k = d < ks.length ? ks[d] : pick(rng, model.choices[d]);
    attributes[model.dimNames[d]] = model.values[d][k];
    logMultiplier += model.logMultipliers[d]?.[k] ?? 0;
  }
  // Set, not drawn: the random stream, and so every other product, stays as it was without them.
  Object.assign(attributes, model.fixed);
  const variant = model.dimNames
    .slice(0, leaf.titleDims)
    .map((d) => attributes[d])
    .join(", ");
  const title = `${brand} ${model.name} (${variant})`;
  const id = productId(index);
  const createdMs = SEED_EPOCH - Math.floor(rng() * 365 * 86_400_000);
  const ratingCount = Math.floor(rng() ** 2 * 12_000);
  // The average and the price are the model's (shoppers rate the model, whichever size or colour
  // they bought; a brand prices a garment once), yet the product still draws a number for each,
  // so everything it draws after them stays as it was.
  rng();
  const rolls = modelRolls(model, seed);
  const average = 3 + rolls.rating * 1.9;
  rng();
  const base = baseRupees(model, logMultiplier, rolls.price);
  const product = {
    id,
    title,
    brand,
    category_id: LEAF_IDS[leafIndex],
    description: `${title}. ${leaf.name} from ${brand}, sold by trusted sellers with fast delivery across India.`,
    attributes: JSON.stringify(attributes),
    image: productImage(leaf.slug, attributes, model.shape),
    hsn_code: LINE_HSN_CODES[leaf.slug]?.[model.name] ?? null,
    rating_sum: Math.round(average * ratingCount),
    rating_count: ratingCount,
    popularity: Math.floor(rng() ** 3 * 10_000),
    version: 1,
    created_at: iso(createdMs),
    updated_at: iso(createdMs),
  };

  const nSellers = sellerCount(totalProducts);
  const offerCount = 2 + Math.floor(rng() * 3);
  const chosen = new Set();
  // Every seventh product carries the demo seller, so the demo seller account has listings to manage.
  if (index % 7 === 0) chosen.add(DEMO_SELLER_ID);
  while (chosen.size < offerCount) chosen.add(`sel_${String(1 + Math.floor(rng() * nSellers)).padStart(5, "0")}`);
  // One markup per model (the product's draw kept, as above), so every size and colour of a
  // garment carries one MRP and a dearer variant a higher one.
  rng();
  const mrp = paiseEnding9(base * (1.15 + rolls.markup * 0.45));
  const listings = [];
  const inventory = [];
  let slot = 0;
  for (const sellerId of chosen) {
    const lid = listingId(index, slot++);
    // Sellers stay within 2.5% of the base, inside the 7% every variant step is kept to (see
    // LEAVES), so a dearer variant is never cheaper whichever sellers' offers are compared.
    const price = Math.min(mrp, paiseEnding9(base * (0.975 + rng() * 0.05)));
    listings.push({
      id: lid,
      product_id: id,
      seller_id: sellerId,
      price,
      mrp,
      active: 1,
      created_at: product.created_at,
      updated_at: product.created_at,
    });
    const stockRoll = rng();
    const warehouses = 1 + Math.floor(rng() * 2);
    const first = Math.floor(rng() * WAREHOUSES.length);
    for (let w = 0; w < warehouses; w++) {
      // About 12% of listings sold out, 12% down to a few units, the rest well stocked.
      const available = stockRoll < 0.12 ? 0 : stockRoll < 0.24 ? 1 + Math.floor(rng() * 4) : 10 + Math.floor(rng() * 490);
      inventory.push({ sku_id: lid, warehouse_id: WAREHOUSES[(first + w) % WAREHOUSES.length][0], available, initial: available });
    }
  }

  const reviews = [];
  if (index % 4 === 0) {
    const n = 1 + Math.floor(rng() * 3);
    for (let r = 0; r < n; r++) {
      const rating = Math.min(5, Math.max(1, Math.round(average + (rng() - 0.5) * 2)));
      // Chosen by position, not by the generator's random stream, so the rest of the catalog stays as it was.
      const texts = REVIEW_TEXT[rating - 1];
      const [t, b] = texts[(index + r) % texts.length];
      reviews.push({
        id: `rev_${String(index).padStart(7, "0")}_${r}`,
        product_id: id,
        user_id: null,
        rating,
        title: t,
        body: b,
        created_at: iso(createdMs + (r + 1) * 86_400_000),
      });
    }
  }
  return { product, listings, inventory, reviews };
}

/**
 * Products `from`..`to` (inclusive, 1-based) gathered per table, for one chunk of a load.
 */
export function productChunk(from, to, totalProducts, seed = 1) {
  const chunk = { products: [], listings: [], inventory: [], reviews: [] };
  for (let i = from; i <= to; i++) {
    const b = productBundle(i, totalProducts, seed);
    chunk.products.push(b.product);
    chunk.listings.push(...b.listings);
    chunk.inventory.push(...b.inventory);
    chunk.reviews.push(...b.reviews);
  }
  return chunk;
}
