import { AppError } from "../platform/errors";
import { nowIso } from "../platform/time";
import { gstinTaken, isGstinTaken } from "./gstin-taken";
import { readSellerProfile } from "./profile";
import { sellerChangedStatement } from "./seller-changed";
import type { SellerProfile, UpdateSellerProfileInput } from "./profile-schemas";

/**
 * Changes the seller's business details. A GSTIN another seller has is refused by the unique index
 * and the batch changes nothing. The name and city show on the product pages of every listing, so
 * when either changes, the change is announced in the same batch by one outbox row, which the
 * catalog consumer expands into a rebuild of each listed product's page a page of listings at a
 * time (`workers/sellers/seller-changed.ts`): one row whatever the seller's size.
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
      sellerChangedStatement(d1, sellerId, name, city, at),
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
