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

/** Which set of products each facet is counted over (a WITH name; several may share one). */
export interface FacetSets {
  brand: string;
  category: string;
  price: string;
  rating: string;
}

const priceBucket = `CASE ${PRICE_EDGES.map((e, i) => `WHEN price < ${e} THEN ${i}`).join(" ")} ELSE ${PRICE_EDGES.length} END`;

/**
 * The answer row's facet columns. Brands and categories keep their 30 largest values; a chosen
 * brand (`chosenBrands`, its placeholders) is always listed so that it can be taken off again.
 */
export function facetColumns(sets: FacetSets, chosenBrands: string[]): string {
  const keep = chosenBrands.length ? ` OR brand IN (${chosenBrands.join(", ")})` : "";
  return `(SELECT json_group_array(json_array(brand, n)) FROM
     (SELECT brand, n FROM (SELECT brand, count(*) AS n, row_number() OVER (ORDER BY count(*) DESC, brand) AS r FROM ${sets.brand} GROUP BY brand)
      WHERE r <= 30${keep} ORDER BY r)) AS brands,
  (SELECT json_group_array(json_array(c.id, c.slug, c.name, x.n)) FROM
     (SELECT category_id, count(*) AS n FROM ${sets.category} GROUP BY category_id ORDER BY n DESC, category_id LIMIT 30) x
     JOIN categories c ON c.id = x.category_id) AS categories,
  (SELECT json_group_array(json_array(b, n)) FROM
     (SELECT ${priceBucket} AS b, count(*) AS n FROM ${sets.price} GROUP BY b ORDER BY b)) AS prices,
  (SELECT json_array(${RATING_STEPS.map((s) => `coalesce(sum(rating_count > 0 AND rating_sum >= ${s} * rating_count), 0)`).join(", ")}) FROM ${sets.rating}) AS ratings`;
}
