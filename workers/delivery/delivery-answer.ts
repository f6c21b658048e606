import type { Offer, ProductView } from "../catalog/product-view";
import { codAvailable } from "./cash-on-delivery";
import { nearestWarehouse, stockedWarehouses } from "./nearest-warehouse";
import type { DeliveryAnswer } from "./schemas";

/**
 * The delivery answer for one offer of a product (`offer`, null when the product has none) to
 * `pincode`, placed at `now`: from the stocked warehouse that delivers soonest, or not
 * deliverable when none holds stock.
 */
export async function deliveryAnswer(
  d1: D1Database,
  product: Pick<ProductView, "id">,
  offer: Pick<Offer, "listing_id" | "price"> | null,
  pincode: string,
  now: Date,
): Promise<DeliveryAnswer> {
  const nearest = offer ? nearestWarehouse(await stockedWarehouses(d1, offer.listing_id), pincode, now) : null;
  const e = nearest?.estimate;
  return {
    product_id: product.id,
    listing_id: offer?.listing_id ?? null,
    pincode,
    deliverable: nearest !== null,
    from_city: nearest?.warehouse.city ?? null,
    min_days: e?.minDays ?? null,
    max_days: e?.maxDays ?? null,
    dispatch_on: e?.dispatchOn ?? null,
    earliest: e?.earliest ?? null,
    by: e?.latest ?? null,
    cod_available: codAvailable(offer?.price ?? 0, nearest !== null),
  };
}
