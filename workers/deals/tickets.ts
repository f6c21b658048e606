import { hmacSign, signToken, verifyToken } from "../platform/hmac";
import { fromBase64url } from "../platform/ids";

/**
 * Waiting-room tickets and admission tokens: compact HMAC-signed tokens (TICKET_SECRET), so
 * the edge can check them without asking anyone. A `typ` field keeps a ticket from being
 * passed off as an admission token or the reverse.
 */

/** A shopper's place in a deal's waiting room. */
export interface TicketClaims {
  typ: "wr-ticket";
  deal: string;
  shopper: string;
  /** When the shopper joined (epoch ms): the order after the start. */
  joinedAt: number;
  /** Joined before the start: admitted in `rank` order when the deal opens. */
  pre: boolean;
  /** The shopper's random place in the pre-queue, in [0, 1); 0 for a join after the start. */
  rank: number;
}

/** The pass to check out a deal's SKU, bound to one shopper and one deal. */
export interface AdmissionClaims {
  typ: "wr-admission";
  deal: string;
  shopper: string;
  /** Epoch ms after which checkout refuses it, unless a pause of the deal has extended the session since. */
  exp: number;
  /**
   * The admission group whose session it is (its `startedAt`), so the gate can tell when that
   * session ends now. Absent from tokens signed before pauses extended sessions.
   */
  group?: number;
}

/**
 * The shopper's pre-queue rank. It is random across shoppers but fixed for a shopper and deal
 * (derived from the secret), so joining again cannot re-roll a better place in line.
 */
export async function preQueueRank(secret: string, dealId: string, shopperId: string): Promise<number> {
  const mac = fromBase64url(await hmacSign(secret, `rank:${dealId}:${shopperId}`));
  const view = new DataView(mac.buffer, mac.byteOffset, mac.byteLength);
  return view.getUint32(0) / RANK_SCALE;
}

/** What a rank's whole number is divided by: ranks are a uint32 over 2^32, in [0, 1). */
export const RANK_SCALE = 2 ** 32;

/** A rank as the gate stores it: the whole number it was made from, so comparing ranks there is exact. */
export function rankKey(rank: number): number {
  return Math.floor(rank * RANK_SCALE);
}

/** Signs a waiting-room ticket. */
export function signTicket(secret: string, claims: Omit<TicketClaims, "typ">): Promise<string> {
  return signToken(secret, { typ: "wr-ticket", ...claims } satisfies TicketClaims);
}

/** The ticket's claims; null when forged, altered, malformed or not a ticket. */
export async function readTicket(secret: string, token: string): Promise<TicketClaims | null> {
  const claims = await verifyToken<Partial<TicketClaims>>(secret, token);
  if (
    claims?.typ !== "wr-ticket" ||
    typeof claims.deal !== "string" ||
    typeof claims.shopper !== "string" ||
    typeof claims.joinedAt !== "number" ||
    typeof claims.pre !== "boolean" ||
    typeof claims.rank !== "number"
  ) {
    return null;
  }
  return claims as TicketClaims;
}

/** Signs an admission token valid until `exp`, for the session of admission group `group`. */
export function signAdmission(secret: string, deal: string, shopper: string, exp: number, group?: number): Promise<string> {
  const claims: AdmissionClaims = { typ: "wr-admission", deal, shopper, exp, ...(group === undefined ? {} : { group }) };
  return signToken(secret, claims);
}

/** The admission token's claims, expired or not; null when forged, altered, malformed or not a token. */
export async function readAdmissionClaims(secret: string, token: string): Promise<AdmissionClaims | null> {
  const claims = await verifyToken<Partial<AdmissionClaims>>(secret, token);
  if (claims?.typ !== "wr-admission" || typeof claims.deal !== "string" || typeof claims.shopper !== "string") return null;
  if (typeof claims.exp !== "number" || (claims.group !== undefined && typeof claims.group !== "number")) return null;
  return claims as AdmissionClaims;
}

/** The admission token's claims; null when forged, altered, malformed, expired or not a token. */
export async function readAdmission(secret: string, token: string, now = Date.now()): Promise<AdmissionClaims | null> {
  const claims = await readAdmissionClaims(secret, token);
  return claims && claims.exp > now ? claims : null;
}
