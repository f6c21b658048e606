import { createDb } from "../platform/db";
import { outboxInsert } from "../platform/outbox";

/** The one message shape on the catalog-changes queue: a product whose page must be rebuilt. */
export interface CatalogChange {
  type: "product.changed";
  product_id: string;
  /** What changed, for logs and for consumers that only care about some changes. */
  reason: "listing_created" | "listing_updated" | "stock_set" | "deal_changed" | "product_updated";
  listing_id?: string;
  at: string;
}

/**
 * The outbox row announcing a catalog change, as a raw D1 statement so it can share a batch
 * with other raw statements (the ledger's and the product summary's). Any domain that changes
 * what a product page shows (a deal going live, a price) puts one of these in its write batch.
 */
export function catalogChangeStatement(d1: D1Database, change: CatalogChange): D1PreparedStatement {
  const query = outboxInsert(createDb(d1), "catalog", change).toSQL();
  return d1.prepare(query.sql).bind(...query.params);
}
