import { refreshProductSummary } from "../catalog/summary";
import { catalogChangeStatement } from "../catalog/changes";
import { IDEMPOTENCY_TTL_SECONDS, requestFingerprint } from "../checkout/idempotency";
import { openingStockStatements } from "../inventory/ledger";
import { AppError } from "../platform/errors";
import { inboxOnListingStatement } from "../questions/inbox";
import { newId } from "../platform/ids";
import { isoIn, nowIso } from "../platform/time";
import { getOwnListing, SELLER_COUNT_REASON, sellerCountRef } from "./listings";
import type { CreateListingInput, CreateListingOptions, SellerListing } from "./schemas";
import { requireWarehouse } from "./warehouses";

const ALREADY_LISTED = "You already list this product; change that listing instead.";

// Keys live in the shared idempotency table under the seller, apart from checkout's per-shopper keys.
const scopeOf = (sellerId: string) => `listing:${sellerId}`;

/**
 * The listing an earlier create under this key made, as it now stands; 422 when the key came
 * with a different body. Null when the key has not been used.
 */
async function replayedCreate(d1: D1Database, sellerId: string, key: string, fingerprint: string): Promise<SellerListing | null> {
  const done = await d1
    .prepare("SELECT request_hash, response_body FROM idempotency_keys WHERE scope = ? AND key = ?")
    .bind(scopeOf(sellerId), key)
    .first<{ request_hash: string; response_body: string | null }>();
  if (!done) return null;
  if (done.request_hash !== fingerprint) {
    throw new AppError("idempotency_mismatch", "This Idempotency-Key was used to list a product with other figures.");
  }
  const { listing_id } = JSON.parse(done.response_body ?? "{}") as { listing_id?: string };
  return listing_id ? getOwnListing(d1, sellerId, listing_id) : null;
}

/**
 * Lists a product for sale by the seller; one listing per (product, seller). With an
 * Idempotency-Key the key is recorded in the listing's own batch, so a retry (a double submit, a
 * lost response) finds the listing it made instead of a 409 it cannot tell from an older listing.
 * With `stock` the opening count is in that batch too, booked through the ledger as a seller's
 * count: the listing exists with its stock or not at all, and the listing's one catalog change
 * announces both. The product's recent questions the seller has not answered join its inbox in the
 * same batch.
 */
export async function createListing(
  d1: D1Database,
  sellerId: string,
  input: CreateListingInput,
  options: CreateListingOptions = {},
): Promise<{ listing: SellerListing; replayed: boolean }> {
  const key = options["idempotency-key"];
  const fingerprint = key ? await requestFingerprint(input) : "";
  if (key) {
    const replay = await replayedCreate(d1, sellerId, key, fingerprint);
    if (replay) return { listing: replay, replayed: true };
  }
  const product = await d1.prepare("SELECT id FROM products WHERE id = ?").bind(input.product_id).first();
  if (!product) {
    throw new AppError("validation_failed", "The product does not exist.", {
      errors: [{ path: "product_id", message: "No such product" }],
    });
  }
  const existing = await d1
    .prepare("SELECT id FROM listings WHERE product_id = ? AND seller_id = ?")
    .bind(input.product_id, sellerId)
    .first<{ id: string }>();
  if (existing) throw new AppError("conflict", ALREADY_LISTED, { extensions: { listing_id: existing.id } });
  if (input.stock) await requireWarehouse(d1, input.stock.warehouse_id, "stock.warehouse_id");
  const id = newId("lst");
  const now = nowIso();
  // The check above is for a clear message; what keeps out a warehouse that closes after it is the
  // stock row's foreign key: that insert fails, and with it the whole batch, listing and key included.
  const opening = input.stock
    ? openingStockStatements(
        d1,
        {
          skuId: id,
          warehouseId: input.stock.warehouse_id,
          available: input.stock.available,
          ref: sellerCountRef(id, key),
          reason: SELLER_COUNT_REASON,
        },
        now,
      )
    : [];
  const remember = key
    ? [
        d1
          .prepare(
            `INSERT INTO idempotency_keys (scope, key, request_hash, state, response_status, response_body, created_at, expires_at)
             VALUES (?, ?, ?, 'done', 201, ?, ?, ?)`,
          )
          .bind(scopeOf(sellerId), key, fingerprint, JSON.stringify({ listing_id: id }), now, isoIn(IDEMPOTENCY_TTL_SECONDS)),
      ]
    : [];
  try {
    await d1.batch([
      d1
        .prepare(
          "INSERT INTO listings (id, product_id, seller_id, price, mrp, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(id, input.product_id, sellerId, input.price, input.mrp, input.active ? 1 : 0, now, now),
      ...remember,
      // In the listing's own batch rather than from the catalog change's consumer: it is one bounded
      // insert, and the seller sees what shoppers already asked the moment its listing exists. A
      // listing created inactive is asked nothing until it is switched on.
      ...(input.active ? [inboxOnListingStatement(d1, sellerId, [input.product_id], now)] : []),
      ...opening,
      // After the opening stock, so the buy box and search see the new offer's units, and the one
      // change below rebuilds the product's page with them.
      ...refreshProductSummary(d1, input.product_id, now),
      catalogChangeStatement(d1, {
        type: "product.changed",
        product_id: input.product_id,
        listing_id: id,
        reason: "listing_created",
        at: now,
      }),
    ]);
  } catch (err) {
    // The warehouse left the network between the check and the batch: refused as the check would have.
    if (input.stock && String(err).includes("FOREIGN KEY")) await requireWarehouse(d1, input.stock.warehouse_id, "stock.warehouse_id");
    // Two concurrent creates for the same product: the UNIQUE index lets exactly one win. When
    // both carried this key, the loser is a retry of the winner and answers as the winner did.
    if (!String(err).includes("UNIQUE")) throw err;
    const replay = key ? await replayedCreate(d1, sellerId, key, fingerprint) : null;
    if (replay) return { listing: replay, replayed: true };
    throw new AppError("conflict", ALREADY_LISTED);
  }
  return { listing: await getOwnListing(d1, sellerId, id), replayed: false };
}
