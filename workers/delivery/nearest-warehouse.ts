import { type DeliveryEstimate, estimateDelivery } from "./estimate";
import { warehousePincode } from "./warehouse-pincode";

/** A warehouse holding sellable units of a listing. */
export interface StockedWarehouse {
  id: string;
  city: string;
  pincode: string | null;
}

/** The warehouses holding sellable units of one listing (never how many: that stays with the ledger). */
export async function stockedWarehouses(d1: D1Database, listingId: string): Promise<StockedWarehouse[]> {
  const { results } = await d1
    .prepare(
      `SELECT w.id, w.city, w.pincode FROM inventory i JOIN warehouses w ON w.id = i.warehouse_id
       WHERE i.sku_id = ? AND i.available > 0 ORDER BY w.id`,
    )
    .bind(listingId)
    .all<StockedWarehouse>();
  return results;
}

/**
 * The warehouse an order for `toPincode` ships from, with its estimate: the one that delivers
 * soonest (the latest day of its window first, then the earliest), ties to the first by id so the
 * answer never flickers. Null when no warehouse holds stock.
 */
export function nearestWarehouse(
  warehouses: readonly StockedWarehouse[],
  toPincode: string,
  now: Date,
): { warehouse: StockedWarehouse; estimate: DeliveryEstimate } | null {
  let best: { warehouse: StockedWarehouse; estimate: DeliveryEstimate } | null = null;
  for (const warehouse of warehouses) {
    const estimate = estimateDelivery(warehousePincode(warehouse), toPincode, now);
    if (
      !best ||
      estimate.maxDays < best.estimate.maxDays ||
      (estimate.maxDays === best.estimate.maxDays && estimate.minDays < best.estimate.minDays)
    ) {
      best = { warehouse, estimate };
    }
  }
  return best;
}
