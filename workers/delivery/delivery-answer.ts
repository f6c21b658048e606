import type { Offer, ProductView } from "../catalog/product-view";
import { codAvailable } from "./cash-on-delivery";
import type { CourierCalendar } from "./holidays";
import { type StockedWarehouse, nearestWarehouse } from "./nearest-warehouse";
import type { DeliveryAnswer } from "./schemas";

/**
 * The delivery answer for one offer of a product (`offer`, null when the product has none) to
 * `pincode`, placed at `now` with the courier holidays of `calendar`, from the warehouses holding
 * the offer's stock: from the one that delivers soonest, or not deliverable when there is none.
 */
export function deliveryAnswer(
  warehouses: readonly StockedWarehouse[],
  product: Pick<ProductView, "id">,
  offer: Pick<Offer, "listing_id" | "price"> | null,
  pincode: string,
  now: Date,
  calendar: CourierCalendar,
): DeliveryAnswer {
  const nearest = offer ? nearestWarehouse(warehouses, pincode, now, calendar) : null;
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
