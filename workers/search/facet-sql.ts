/** Price facet bucket edges in paise (₹500, ₹1,000, ₹5,000, ₹10,000, ₹25,000, ₹50,000). */
export const PRICE_EDGES = [50_000, 100_000, 500_000, 1_000_000, 2_500_000, 5_000_000] as const;

/** Rating facet thresholds; each counts products rated at least that, matching `rating_min`. */
export const RATING_STEPS = [4, 3, 2, 1] as const;

/**
 * The price filter bounds of bucket `b`, both inclusive like `price_min` and `price_max`, so a
 * bucket sent back as the filter finds exactly the products it counted. A bucket ends one paisa
 * below the next edge, where the next bucket starts.
 */
export function priceBucketBounds(b: number): { min: number; max: number | null } {
  const edge = PRICE_EDGES[b];
  return { min: b === 0 ? 0 : (PRICE_EDGES[b - 1] ?? 0), max: edge === undefined ? null : edge - 1 };
}

/**
 * What a product's row carries for the price and rating facets: `b`, its price bucket, and `rs`,
 * how many rating steps it reaches (0 to 4: 4 is rated 4 or more, 0 unrated or under 1), of a
 * products row aliased `p`.
 */
export const FACET_ROW = {
  price: `CASE ${PRICE_EDGES.map((e, i) => `WHEN p.price < ${e} THEN ${i}`).join(" ")} ELSE ${PRICE_EDGES.length} END AS b`,
  rating: `(p.rating_count > 0) * (${RATING_STEPS.map((s) => `(p.rating_sum >= ${s} * p.rating_count)`).join(" + ")}) AS rs`,
} as const;

/**
 * A facet's values as a bit mask, of rows carrying FACET_ROW: `prices`, a bit per price bucket,
 * and `rated`, a bit per number of rating steps reached. Of a model (`perModel`, an aggregate over
 * its products' rows), a bit is set when any of its products has it, so a facet counts each model
 * once per value, and choosing a value finds every model it counted. A sum of distinct single
 * bits is their union, and it is not max(), so a query that takes its other columns from the row
 * a max() picks can carry it too.
 */
export function facetBits(k: "price" | "rating", perModel: boolean): string {
  const bit = k === "price" ? "1 << b" : "1 << rs";
  return `${perModel ? `sum(DISTINCT ${bit})` : bit} AS ${k === "price" ? "prices" : "rated"}`;
}

/** Both facet masks, of a model or of one product (see facetBits). */
export const facetMasks = (perModel: boolean) => `${facetBits("price", perModel)}, ${facetBits("rating", perModel)}`;

/**
 * Which set each facet is counted over: a WITH name or subquery with one row per model, carrying
 * `brand`, `category_id`, `prices` and `rated` (facetBits) as the facet needs.
 */
export interface FacetSets {
  brand: string;
  category: string;
  price: string;
  rating: string;
}

/**
 * The answer row's facet columns, each counting models (see facetBits). Brands and categories
 * keep their 30 largest values; a chosen brand (`chosenBrands`, its placeholders) is always listed
 * so that it can be taken off again. Prices and ratings are one count per bucket and step.
 */
export function facetColumns(sets: FacetSets, chosenBrands: string[]): string {
  const keep = chosenBrands.length ? ` OR brand IN (${chosenBrands.join(", ")})` : "";
  const prices = Array.from({ length: PRICE_EDGES.length + 1 }, (_, b) => `coalesce(sum((prices >> ${b}) & 1), 0)`);
  // A model reaches a step when any of its products reaches it or more.
  const ratings = RATING_STEPS.map((step) => `coalesce(sum((rated >> ${step}) > 0), 0)`);
  return `(SELECT json_group_array(json_array(brand, n)) FROM
     (SELECT brand, n FROM (SELECT brand, count(*) AS n, row_number() OVER (ORDER BY count(*) DESC, brand) AS r FROM ${sets.brand} GROUP BY brand)
      WHERE r <= 30${keep} ORDER BY r)) AS brands,
  (SELECT json_group_array(json_array(c.id, c.slug, c.name, x.n)) FROM
     (SELECT category_id, count(*) AS n FROM ${sets.category} GROUP BY category_id ORDER BY n DESC, category_id LIMIT 30) x
     JOIN categories c ON c.id = x.category_id) AS categories,
  (SELECT json_array(${prices.join(", ")}) FROM ${sets.price}) AS prices,
  (SELECT json_array(${ratings.join(", ")}) FROM ${sets.rating}) AS ratings`;
}
