import { createDb } from "../platform/db";
import { outboxInsert, outboxInsertAfterChange } from "../platform/outbox";

/** The one message shape on the catalog-changes queue: a product whose page must be rebuilt. */
export interface CatalogChange {
  type: "product.changed";
  product_id: string;
  /** What changed, for logs and for consumers that only care about some changes. */
  reason:
    | "listing_created"
    | "listing_updated"
    | "listings_bulk_updated"
    | "stock_set"
    | "stock_received"
    | "stock_moved"
    | "deal_changed"
    | "product_updated"
    | "review_changed"
    | "questions_changed"
    | "seller_updated";
  listing_id?: string;
  at: string;
}

/**
 * The outbox row announcing a catalog change, as a raw D1 statement so it can share a batch
 * with other raw statements (the ledger's and the product summary's). Any domain that changes
 * what a product page shows (a deal going live, a price) puts one of these in its write batch.
 * With `afterChange`, the row is written only if the statement before it changed exactly one row.
 */
export function catalogChangeStatement(d1: D1Database, change: CatalogChange, opts: { afterChange?: boolean } = {}): D1PreparedStatement {
  if (opts.afterChange) return outboxInsertAfterChange(d1, "catalog", change);
  const query = outboxInsert(createDb(d1), "catalog", change).toSQL();
  return d1.prepare(query.sql).bind(...query.params);
}

/**
 * The same outbox row for a change to one listing, for batches that know the listing but not
 * its product (the inventory ledger's): the statement looks the product up. Written only if the
 * statement before it changed exactly one row.
 */
export function listingChangeAfterChange(
  d1: D1Database,
  listingId: string,
  reason: CatalogChange["reason"],
  at: string,
): D1PreparedStatement {
  return d1
    .prepare(
      `INSERT INTO outbox (topic, payload, created_at)
       SELECT 'catalog', json_object('type', 'product.changed', 'product_id', product_id, 'listing_id', id, 'reason', ?2, 'at', ?3), ?3
       FROM listings WHERE id = ?1 AND changes() = 1`,
    )
    .bind(listingId, reason, at);
}
