import { AppError } from "../platform/errors";
import { newId } from "../platform/ids";
import { nowIso } from "../platform/time";
import { gstinTaken, isGstinTaken } from "./gstin-taken";
import { sellerProfileOf } from "./profile";
import type { RegisterSellerInput, SellerProfile } from "./profile-schemas";

/**
 * Makes the signed-in user the seller of a new business: the seller row and the user's seller
 * grant bound to it, in one batch. The grant's primary key (one role of a kind per user) and the
 * sellers' unique GSTIN decide every refusal, so two requests racing (a double click) make one
 * seller and the other is refused with the batch rolled back whole. Sessions read roles on every
 * request, so the user's open sessions act as the seller from their next request.
 */
export async function registerSeller(d1: D1Database, userId: string, input: RegisterSellerInput): Promise<SellerProfile> {
  const id = newId("sel");
  const createdAt = nowIso();
  try {
    await d1.batch([
      // The grant first: a user who is already a seller is refused for that before any GSTIN clash.
      d1.prepare("INSERT INTO user_roles (user_id, role, seller_id) VALUES (?1, 'seller', ?2)").bind(userId, id),
      d1
        .prepare("INSERT INTO sellers (id, name, city, gstin, created_at) VALUES (?1, ?2, ?3, ?4, ?5)")
        .bind(id, input.business_name, input.city, input.gstin, createdAt),
    ]);
  } catch (err) {
    if (String(err).includes("UNIQUE constraint failed: user_roles")) {
      // Read only after the constraint refused, to say which seller the account already is.
      const held = await d1
        .prepare("SELECT seller_id FROM user_roles WHERE user_id = ? AND role = 'seller'")
        .bind(userId)
        .first<string | null>("seller_id");
      throw new AppError("conflict", "Your account is already a seller; change its details on your seller profile.", {
        extensions: { seller_id: held ?? null },
      });
    }
    if (isGstinTaken(err)) throw gstinTaken();
    throw err;
  }
  return sellerProfileOf({ id, name: input.business_name, city: input.city, gstin: input.gstin, createdAt });
}
