import { env } from "cloudflare:workers";
import { setAvailable } from "../../workers/inventory/ledger";
import { newId } from "../../workers/platform/ids";
import { nowIso } from "../../workers/platform/time";
import { createListingFixture, type Fixture } from "../helpers/catalog";

/** A product with several sellers' offers, stock counted through the ledger, which computes the buy box. */
export interface ProductFixture extends Fixture {
  /** Listing ids in the order the offers were given. */
  listingIds: string[];
  sellerIds: string[];
}

/**
 * Creates a product whose offers have the given prices and sellable units (the first offer
 * reuses the base fixture's seller); each offer's stock count refreshes the buy-box summary.
 */
export async function createProduct(offers: { price: number; mrp?: number; units: number }[]): Promise<ProductFixture> {
  const [first, ...rest] = offers;
  const f = await createListingFixture({ price: first?.price ?? 129900, mrp: first?.mrp ?? 149900 });
  const listingIds = [f.listingId];
  const sellerIds = [f.sellerId];
  const now = nowIso();
  for (const o of rest) {
    const sellerId = newId("sel");
    const listingId = newId("lst");
    await env.DB.batch([
      env.DB.prepare("INSERT INTO sellers (id, name, city, rating_x10, created_at) VALUES (?, 'Other Seller', 'Delhi', 40, ?)").bind(
        sellerId,
        now,
      ),
      env.DB.prepare(
        "INSERT INTO listings (id, product_id, seller_id, price, mrp, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?)",
      ).bind(listingId, f.productId, sellerId, o.price, o.mrp ?? 149900, now, now),
    ]);
    listingIds.push(listingId);
    sellerIds.push(sellerId);
  }
  for (const [i, o] of offers.entries()) {
    await setAvailable(env.DB, { skuId: listingIds[i]!, warehouseId: f.warehouseId, available: o.units, ref: `fixture:${listingIds[i]}` });
  }
  return { ...f, listingIds, sellerIds };
}
