/**
 * How many units a new flash deal can carve out of a listing's stock, for the people who create
 * deals. A deal takes all its units from one warehouse (one conditional UPDATE, see
 * `createDeal`), so the figure that decides is the largest `available` of a single warehouse, not
 * the listing's total; both are given, as a manager may want to know why they differ.
 */

/** One listing's stock as a deal sees it. */
export interface DealUnits {
  skuId: string;
  /** The most units one deal can carve now: the largest available count in one warehouse. */
  dealUnits: number;
  /** Available units summed over every warehouse. */
  available: number;
  /** Warehouses holding any available units. */
  warehouses: number;
  /**
   * Whether the listing exists and is on sale, which a deal needs. An unknown id reads as zeros
   * like a listing without stock, so this is what tells the two apart.
   */
  active: boolean;
}

/** The most listings one read answers: a page of offers, never the catalog. */
export const DEAL_UNITS_MAX_SKUS = 50;

/** The deal units of each SKU asked for, in the order asked; a SKU without stock, or unknown, reads as zero. */
export async function dealUnitsOf(db: D1Database, skuIds: readonly string[]): Promise<DealUnits[]> {
  const unique = [...new Set(skuIds)];
  if (unique.length === 0) return [];
  // From the listings, so an unknown id is told apart; a listing without inventory rows has zeros.
  const { results } = await db
    .prepare(
      `SELECT l.id AS skuId, l.active AS active, COALESCE(MAX(MAX(i.available, 0)), 0) AS dealUnits,
              COALESCE(SUM(MAX(i.available, 0)), 0) AS available, COALESCE(SUM(i.available > 0), 0) AS warehouses
       FROM listings l LEFT JOIN inventory i ON i.sku_id = l.id
       WHERE l.id IN (SELECT value FROM json_each(?1)) GROUP BY l.id`,
    )
    .bind(JSON.stringify(unique))
    .all<Omit<DealUnits, "active"> & { active: number }>();
  const found = new Map(results.map((r) => [r.skuId, { ...r, active: r.active === 1 }]));
  return unique.map((skuId) => found.get(skuId) ?? { skuId, dealUnits: 0, available: 0, warehouses: 0, active: false });
}
