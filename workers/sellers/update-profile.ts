import { AppError } from "../platform/errors";
import { nowIso } from "../platform/time";
import { gstinTaken, isGstinTaken } from "./gstin-taken";
import { readSellerProfile } from "./profile";
import type { SellerProfile, UpdateSellerProfileInput } from "./profile-schemas";

/**
 * Changes the seller's business details. A GSTIN another seller has is refused by the unique index
 * and the batch changes nothing. The name and city show on the product pages of every listing, so
 * when either changes, each listed product's page is announced for a rebuild in the same batch.
 *
 * Shipping and the invoicing backfill read the GSTIN when they draft invoices, so a valid one set
 * here lets the seller's held orders ship and its owed invoices be issued on the cron's next run.
 */
export async function updateSellerProfile(d1: D1Database, sellerId: string, input: UpdateSellerProfileInput): Promise<SellerProfile> {
  const name = input.business_name ?? null;
  const city = input.city ?? null;
  const at = nowIso();
  try {
    await d1.batch([
      // Before the update, while the old name and city can still be compared.
      d1
        .prepare(
          `INSERT INTO outbox (topic, payload, created_at)
           SELECT 'catalog', json_object('type', 'product.changed', 'product_id', l.product_id, 'listing_id', l.id, 'reason', 'seller_updated', 'at', ?4), ?4
           FROM listings l JOIN sellers s ON s.id = l.seller_id
           WHERE l.seller_id = ?1 AND (s.name IS NOT COALESCE(?2, s.name) OR s.city IS NOT COALESCE(?3, s.city))`,
        )
        .bind(sellerId, name, city, at),
      d1
        .prepare("UPDATE sellers SET name = COALESCE(?2, name), city = COALESCE(?3, city), gstin = COALESCE(?4, gstin) WHERE id = ?1")
        .bind(sellerId, name, city, input.gstin ?? null),
    ]);
  } catch (err) {
    if (isGstinTaken(err)) throw gstinTaken();
    throw err;
  }
  const profile = await readSellerProfile(d1, sellerId);
  if (!profile) throw new AppError("not_found", "Your seller account is linked to a seller that does not exist.");
  return profile;
}
