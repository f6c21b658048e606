import { type DeliveryEstimate, TRANSIT_DAYS, estimateDelivery } from "./estimate";
import type { CourierCalendar } from "./holidays";
import { pincodeDistance, pincodeProblem } from "./pincode";
import { warehousePincode } from "./warehouse-pincode";

/** A warehouse holding sellable units of a listing. */
export interface StockedWarehouse {
  id: string;
  city: string;
  pincode: string | null;
}

/**
 * The warehouses holding sellable units of one listing (never how many: that stays with the
 * ledger). Units carved out for a deal not yet over are sellable too, from the deal's warehouse:
 * a deal that took every unit on the shelf must not read as undeliverable on its own sale day.
 */
export async function stockedWarehouses(d1: D1Database, listingId: string): Promise<StockedWarehouse[]> {
  const { results } = await d1
    .prepare(
      `SELECT w.id, w.city, w.pincode FROM warehouses w
       WHERE w.id IN (
         SELECT warehouse_id FROM inventory WHERE sku_id = ?1 AND available > 0
         UNION SELECT warehouse_id FROM deals WHERE listing_id = ?1 AND status IN ('scheduled', 'live', 'paused')
       )
       ORDER BY w.id`,
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
  calendar: CourierCalendar,
): { warehouse: StockedWarehouse; estimate: DeliveryEstimate } | null {
  let best: { warehouse: StockedWarehouse; estimate: DeliveryEstimate } | null = null;
  for (const warehouse of warehouses) {
    const estimate = estimateDelivery(warehousePincode(warehouse), toPincode, now, calendar);
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

/**
 * Warehouses in the order they deliver to `toPincode` soonest, as `nearestWarehouse` chooses (the
 * latest day of the window first, then the earliest); warehouses as quick as each other keep the
 * order they came in. A PIN code we do not deliver to leaves the order as it is.
 */
export function bySpeedTo<W extends { city: string; pincode: string | null }>(warehouses: readonly W[], toPincode: string): W[] {
  if (pincodeProblem(toPincode)) return [...warehouses];
  const days = (w: W) => {
    const from = warehousePincode(w);
    return TRANSIT_DAYS[from ? pincodeDistance(from, toPincode) : "country"];
  };
  return warehouses
    .map((w, i) => ({ w, i, d: days(w) }))
    .sort((a, b) => a.d.max - b.d.max || a.d.min - b.d.min || a.i - b.i)
    .map((x) => x.w);
}
