import { AppError } from "../platform/errors";
import { refusalDetail } from "./refusal-words";
import { type ServerTiming, msSince, serverTimingHeader } from "../platform/server-timing";
import { gateFor, holdIdFor, verifyAdmission } from "./gate-client";
import type { HoldStatus, ReserveRefusal } from "./gate-types";
import type { AdmissionClaims } from "./tickets";
import { answeredLately, grantedBefore, holdRequestKey, rememberAnswer } from "./hold-memo";

/** A shopper's hold on deal units. */
export interface DealHold {
  reservationId: string;
  dealId: string;
  qty: number;
  expiresAt: string;
}

/**
 * Where a hold's answer came from: `memory` (the gate's answer to the same request within the
 * last second), `first` (the gate, for a hold not granted here before) or `again` (the gate, for
 * a hold it granted here before), which alone costs the shopper rate-limit budget (see
 * hold-memo.ts).
 */
export type HoldAsked = "memory" | "first" | "again";

/** A hold granted, where its answer came from, and how long the gate took to give it (when asked). */
export interface HoldAnswer {
  hold: DealHold;
  asked: HoldAsked;
  timing: ServerTiming[];
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
  /** Called before the gate is asked again for a hold, to charge (or refuse) the shopper. */
  beforeAskingAgain: () => void = () => {},
): Promise<HoldAnswer> {
  const claims = await admissionOf(env, dealId, token, who);
  const reservationId = await holdIdFor(dealId, claims.shopper);
  const limitKey = who.userId ?? claims.shopper;
  const key = holdRequestKey(reservationId, limitKey, qty);
  const remembered = answeredLately(key);
  if (remembered && "hold" in remembered) return { hold: remembered.hold, asked: "memory", timing: [] };
  if (remembered) throw refusalProblem(remembered.refused, qty, { "x-deal-hold": "memory" });
  const asked: HoldAsked = grantedBefore(key) ? "again" : "first";
  if (asked === "again") beforeAskingAgain();
  const gateStart = performance.now();
  const res = await gateFor(env, dealId).reserve({
    reservationId,
    shopperId: claims.shopper,
    limitKey,
    qty,
    admittedUntil: claims.exp,
    admittedIn: claims.group,
  });
  // The gate's own time, beside the client's: under a herd, what a shopper waits beyond it is the queue.
  const timing = [{ name: "gate", ms: msSince(gateStart) }];
  if (!res.ok) {
    rememberAnswer(key, { refused: res.reason });
    throw refusalProblem(res.reason, qty, { "x-deal-hold": "gate", "server-timing": serverTimingHeader(timing) });
  }
  const hold = { reservationId, dealId, qty, expiresAt: res.expiresAt };
  rememberAnswer(key, { hold });
  return { hold, asked, timing };
}

/** A shopper's hold on deal units as it stands, for their checkout clock. */
export interface DealHoldState extends DealHold {
  status: HoldStatus;
  /** The deal is paused, so the hold's time stands still. */
  paused: boolean;
  /** For a claimed hold: where the order that took it over stands. */
  orderStatus: HoldStatus | null;
  /** For a claimed hold: how many more units the shopper may hold under the deal's limit. */
  moreAllowed: number | null;
  /** A guest's hold that the account signed in since cannot take: it holds or bought the deal's limit. */
  overAccountLimit: boolean;
  /** When the admission's turn ends (epoch ms, as far as the token or the gate knows): no hold outlasts it. */
  turnEndsAt: number;
}

/**
 * Reads an admitted shopper's hold on a deal, checking the admission exactly as a hold does;
 * null when the shopper holds nothing under it. Nothing is held, extended or given back.
 */
export async function readDealHold(
  env: Env,
  dealId: string,
  token: string,
  who: { userId: string | null; guestId: string | null },
): Promise<DealHoldState | null> {
  const claims = await admissionOf(env, dealId, token, who);
  const reservationId = await holdIdFor(dealId, claims.shopper);
  const hold = await gateFor(env, dealId).hold(reservationId, who.userId);
  return (
    hold && {
      reservationId,
      dealId,
      status: hold.status,
      qty: hold.qty,
      expiresAt: hold.expiresAt,
      paused: hold.paused,
      orderStatus: hold.orderStatus ?? null,
      moreAllowed: hold.moreAllowed ?? null,
      overAccountLimit: hold.overAccountLimit === true,
      turnEndsAt: claims.exp,
    }
  );
}

/** The admission's claims, when it is for this deal and was issued to the account or this browser's guest id. */
async function admissionOf(
  env: Env,
  dealId: string,
  token: string,
  who: { userId: string | null; guestId: string | null },
): Promise<AdmissionClaims> {
  const claims = await verifyAdmission(env, token, { dealId, shopperIds: [who.userId, who.guestId] });
  if (!claims) throw new AppError("forbidden", "Your admission to this deal is not valid (expired, or issued to someone else).");
  return claims;
}

/** Seconds an admitted shopper waits before asking again for units that are all held. */
const ALL_HELD_RETRY_SECONDS = 5;

/** The problem a refused hold answers with; `reason` tells a shopper's page whether to ask again. */
function refusalProblem(reason: ReserveRefusal, qty: number, headers: Record<string, string>): AppError {
  if (reason === "sold_out") {
    return new AppError("sold_out", refusalDetail(reason), { extensions: { reason }, headers });
  }
  if (reason === "all_held") {
    return new AppError("conflict", refusalDetail(reason), {
      extensions: { reason },
      headers: { ...headers, "retry-after": String(ALL_HELD_RETRY_SECONDS) },
    });
  }
  return new AppError("conflict", refusalDetail(reason, qty), { extensions: { reason }, headers });
}
