import { type CatalogChange, listingChangeAfterChange } from "./changes";
import { refreshSkuSummaryAfterChange, refreshSummaryAfterStockMove } from "./summary";

/** A stock movement of one SKU, as the catalog sees it: how many sellable units it added (negative: took). */
export interface StockMove {
  skuId: string;
  dAvailable: number;
}

/**
 * What a stock movement tells the catalog, for the end of the movement's own D1 batch, right
 * after the statement that records it: when the movement changed what shoppers are shown, the
 * product's summary is recomputed (the buy box passes to a seller who still has stock, search
 * stops offering a sold-out product) and a catalog change is written for the projection, the
 * page caches and search, as a seller's edit does. A movement that stays inside its
 * availability bucket adds no write, so a sale day's reservations do not churn the catalog.
 * A movement that leaves sellable units alone (a sale out of a hold) needs nothing.
 */
export function stockMoveCatalogStatements(db: D1Database, move: StockMove, at: string): D1PreparedStatement[] {
  if (move.dAvailable === 0) return [];
  return [
    ...refreshSummaryAfterStockMove(db, move.skuId, move.dAvailable, at),
    listingChangeAfterChange(db, move.skuId, "stock_moved", at),
  ];
}

/**
 * What a stock count (an absolute `available` for one warehouse) or a receipt of units tells the
 * catalog, for the end of its own batch, right after the statement that applies it. How far a
 * count moves the stock is only known as it applies, and counts and receipts are rare, so the
 * summary is always recomputed and a change written, as for a seller's edit of the listing.
 */
export function stockCountCatalogStatements(
  db: D1Database,
  skuId: string,
  at: string,
  reason: Extract<CatalogChange["reason"], "stock_set" | "stock_received"> = "stock_set",
): D1PreparedStatement[] {
  return [...refreshSkuSummaryAfterChange(db, skuId, at), listingChangeAfterChange(db, skuId, reason, at)];
}
