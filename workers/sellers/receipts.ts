import { receiveStockStatements } from "../inventory/stock-levels";
import { AppError } from "../platform/errors";
import { nowIso } from "../platform/time";
import { getOwnListing } from "./listings";
import type { ReceiveStockInput, SellerListing } from "./schemas";
import { requireWarehouse } from "./warehouses";

/**
 * A receipt already made under this key: the listing as it stands, or 422 when the key was used
 * for a different receipt. Null when the key has not been used.
 */
async function replayedReceipt(d1: D1Database, sellerId: string, listingId: string, input: ReceiveStockInput, ref: string) {
  const done = await d1
    .prepare("SELECT warehouse_id, d_available FROM inventory_journal WHERE ref = ? AND kind = 'receive'")
    .bind(ref)
    .first<{ warehouse_id: string; d_available: number }>();
  if (!done) return null;
  if (done.warehouse_id !== input.warehouse_id || done.d_available !== input.units) {
    throw new AppError("idempotency_mismatch", "This Idempotency-Key was used for a different stock receipt.");
  }
  return getOwnListing(d1, sellerId, listingId);
}

/**
 * Adds units that arrived at one warehouse to the listing's stock there, through the inventory
 * ledger (journaled, with the same product summary refresh and catalog change as a count), and
 * stocks the warehouse for the first time if need be. It takes no version: an addition is right
 * against whatever reserves and sales moved the stock meanwhile, which on a sale day is every
 * second. The key is what keeps a retried receipt from adding twice.
 */
export async function receiveListingStock(
  d1: D1Database,
  sellerId: string,
  listingId: string,
  input: ReceiveStockInput,
  idempotencyKey: string,
): Promise<SellerListing> {
  // Another seller's listing is a 404 before anything is received.
  await getOwnListing(d1, sellerId, listingId);
  await requireWarehouse(d1, input.warehouse_id);
  // Keyed per listing, as a count is, so one seller's key can never replay into another listing.
  const ref = `rcv:${listingId}:${idempotencyKey}`;
  const replay = await replayedReceipt(d1, sellerId, listingId, input, ref);
  if (replay) return replay;
  const [journaled] = await d1.batch(
    receiveStockStatements(
      d1,
      { skuId: listingId, warehouseId: input.warehouse_id, units: input.units, ref, reason: "seller stock receipt" },
      nowIso(),
    ),
  );
  if (journaled?.meta.changes !== 1) {
    // Nothing but a used ref refuses a receipt: a retry that raced its first attempt.
    const raced = await replayedReceipt(d1, sellerId, listingId, input, ref);
    if (raced) return raced;
    throw new AppError("conflict", "The receipt could not be recorded; send it again with the same Idempotency-Key.");
  }
  return getOwnListing(d1, sellerId, listingId);
}
