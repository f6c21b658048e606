import { AppError } from "../platform/errors";
import { gateFor, holdIdFor, verifyAdmission } from "./gate-client";
import type { ReserveRefusal } from "./gate-types";

/** A shopper's hold on deal units. */
export interface DealHold {
  reservationId: string;
  dealId: string;
  qty: number;
  expiresAt: string;
}

/**
 * Holds deal units for an admitted shopper: `who` is the signed-in account, if any, and the guest
 * id of the browser. The reservation id is derived from the deal and the admitted shopper, so
 * repeated taps return the same hold and checkout takes exactly that one over. A signed-in
 * shopper's hold counts against their account's limit, whichever identity was admitted.
 */
export async function holdDealUnits(
  env: Env,
  dealId: string,
  token: string,
  who: { userId: string | null; guestId: string | null },
  qty: number,
): Promise<DealHold> {
  const claims = await verifyAdmission(env, token, { dealId, shopperIds: [who.userId, who.guestId] });
  if (!claims) throw new AppError("forbidden", "Your admission to this deal is not valid (expired, or issued to someone else).");
  const reservationId = await holdIdFor(dealId, claims.shopper);
  const res = await gateFor(env, dealId).reserve({
    reservationId,
    shopperId: claims.shopper,
    limitKey: who.userId ?? claims.shopper,
    qty,
    admittedUntil: claims.exp,
    admittedIn: claims.group,
  });
  if (!res.ok) throw refusalProblem(res.reason);
  return { reservationId, dealId, qty, expiresAt: res.expiresAt };
}

/** Seconds an admitted shopper waits before asking again for units that are all held. */
const ALL_HELD_RETRY_SECONDS = 5;

/** The problem a refused hold answers with; `reason` tells a shopper's page whether to ask again. */
function refusalProblem(reason: ReserveRefusal): AppError {
  if (reason === "sold_out") {
    return new AppError("sold_out", "This deal is sold out.", { extensions: { reason } });
  }
  if (reason === "all_held") {
    return new AppError("conflict", "Every unit is held by shoppers checking out; try again shortly.", {
      extensions: { reason },
      headers: { "retry-after": String(ALL_HELD_RETRY_SECONDS) },
    });
  }
  return new AppError("conflict", `The deal cannot be held now (${reason}).`, { extensions: { reason } });
}
