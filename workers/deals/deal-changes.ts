import { catalogChangeStatement } from "../catalog/changes";
import type { DealRow } from "./deal-rows";

/**
 * The outbox row telling the catalog to rebuild the deal's product page, for the same D1 batch
 * as the deal's own change: a page otherwise keeps showing a paused or ended deal's price (or
 * hides a resumed one) until its projection ages out, which is when the sale's crowd is on it.
 */
export function dealChangedStatement(d1: D1Database, deal: Pick<DealRow, "productId" | "listingId">, at: string): D1PreparedStatement {
  return catalogChangeStatement(d1, {
    type: "product.changed",
    product_id: deal.productId,
    listing_id: deal.listingId,
    reason: "deal_changed",
    at,
  });
}
