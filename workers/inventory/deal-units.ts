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
}

/** The most listings one read answers: a page of offers, never the catalog. */
export const DEAL_UNITS_MAX_SKUS = 50;

/** The deal units of each SKU asked for, in the order asked; a SKU without stock reads as zero. */
export async function dealUnitsOf(db: D1Database, skuIds: readonly string[]): Promise<DealUnits[]> {
  const unique = [...new Set(skuIds)];
  if (unique.length === 0) return [];
  const { results } = await db
    .prepare(
      `SELECT sku_id AS skuId, MAX(MAX(available, 0)) AS dealUnits, SUM(MAX(available, 0)) AS available,
              SUM(available > 0) AS warehouses
       FROM inventory WHERE sku_id IN (SELECT value FROM json_each(?1)) GROUP BY sku_id`,
    )
    .bind(JSON.stringify(unique))
    .all<DealUnits>();
  const found = new Map(results.map((r) => [r.skuId, r]));
  return unique.map((skuId) => found.get(skuId) ?? { skuId, dealUnits: 0, available: 0, warehouses: 0 });
}
