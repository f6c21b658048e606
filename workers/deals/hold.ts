import { AppError } from "../platform/errors";
import { gateFor, holdIdFor, verifyAdmission } from "./gate-client";

/** A shopper's hold on deal units. */
export interface DealHold {
  reservationId: string;
  dealId: string;
  qty: number;
  expiresAt: string;
}

/**
 * Holds deal units for an admitted shopper. The reservation id is derived from the deal and the
 * admitted shopper, so repeated taps return the same hold and checkout commits exactly that one.
 */
export async function holdDealUnits(
  env: Env,
  dealId: string,
  token: string,
  shopperIds: Array<string | null | undefined>,
  qty: number,
): Promise<DealHold> {
  const claims = await verifyAdmission(env, token, { dealId, shopperIds });
  if (!claims) throw new AppError("forbidden", "Your admission to this deal is not valid (expired, or issued to someone else).");
  const reservationId = await holdIdFor(dealId, claims.shopper);
  const res = await gateFor(env, dealId).reserve({ reservationId, shopperId: claims.shopper, qty, admittedUntil: claims.exp });
  if (!res.ok) {
    throw new AppError(res.reason === "sold_out" ? "sold_out" : "conflict", `The deal cannot be held now (${res.reason}).`, {
      extensions: { reason: res.reason },
    });
  }
  return { reservationId, dealId, qty, expiresAt: res.expiresAt };
}
