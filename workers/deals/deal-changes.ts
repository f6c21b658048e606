import { catalogChangeStatement } from "../catalog/changes";
import type { DealRow } from "./deal-rows";

/**
 * What tells the catalog that a deal's product page changed, for the same D1 batch as the deal's
 * own change: a page otherwise keeps showing a paused or ended deal's price (or hides a resumed
 * one) until its projection ages out, which is when the sale's crowd is on it.
 *
 * The product's version goes up too. A page read from D1 just before the change may still be
 * on its way to KV; at the same version it would overwrite the rebuilt page with the old deal,
 * while at an older one the projection refuses it.
 */
export function dealChangedStatements(d1: D1Database, deal: Pick<DealRow, "productId" | "listingId">, at: string): D1PreparedStatement[] {
  return [
    d1.prepare("UPDATE products SET version = version + 1, updated_at = ?1 WHERE id = ?2").bind(at, deal.productId),
    catalogChangeStatement(d1, {
      type: "product.changed",
      product_id: deal.productId,
      listing_id: deal.listingId,
      reason: "deal_changed",
      at,
    }),
  ];
}
