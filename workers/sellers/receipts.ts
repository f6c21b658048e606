import { receiveStockStatements } from "../inventory/stock-levels";
import { AppError } from "../platform/errors";
import { nowIso } from "../platform/time";
import { getOwnListing } from "./listings";
import { MAX_UNITS, type ReceiveStockInput, type SellerListing } from "./schemas";
import { requireWarehouse } from "./warehouses";
import { fieldsRefused } from "../platform/failed-fields";

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
 * Refuses a receipt that would take the warehouse past the most units a count may set there: a
 * receipt typed with extra digits would otherwise put them on sale, and the seller's own stock file
 * could no longer be sent back as downloaded. Read before the batch; two receipts racing may pass
 * it together, which only a typo repeated at the same instant could make matter.
 */
async function refuseOverWarehouseCap(d1: D1Database, listingId: string, input: ReceiveStockInput): Promise<void> {
  const row = await d1
    .prepare("SELECT available FROM inventory WHERE sku_id = ?1 AND warehouse_id = ?2")
    .bind(listingId, input.warehouse_id)
    .first<{ available: number }>();
  const now = row?.available ?? 0;
  if (now + input.units <= MAX_UNITS) return;
  throw fieldsRefused([
    {
      path: "units",
      message: `This warehouse has ${now.toLocaleString("en-IN")} for sale: ${input.units.toLocaleString("en-IN")} more would pass the ${MAX_UNITS.toLocaleString("en-IN")} one warehouse can hold. Check the number received.`,
    },
  ]);
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
): Promise<{ listing: SellerListing; replayed: boolean }> {
  // Another seller's listing is a 404 before anything is received.
  await getOwnListing(d1, sellerId, listingId);
  await requireWarehouse(d1, input.warehouse_id);
  // Keyed per listing, as a count is, so one seller's key can never replay into another listing.
  const ref = `rcv:${listingId}:${idempotencyKey}`;
  const replay = await replayedReceipt(d1, sellerId, listingId, input, ref);
  if (replay) return { listing: replay, replayed: true };
  await refuseOverWarehouseCap(d1, listingId, input);
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
    if (raced) return { listing: raced, replayed: true };
    throw new AppError("conflict", "The receipt could not be recorded; send it again with the same Idempotency-Key.");
  }
  return { listing: await getOwnListing(d1, sellerId, listingId), replayed: false };
}
