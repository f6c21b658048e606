import { sha256Hex } from "../platform/ids";
import { readConfig } from "../platform/config";
import type { DealRow } from "./deal-rows";
import { heldDealState } from "./edge-state";
import { gateFor } from "./gate-stub";
import { sessionOverIn } from "./session-end";
import { type AdmissionClaims, readAdmissionClaims } from "./tickets";

/**
 * What checkout and the pages need from flash deals: the live deal for a listing, the check of
 * an admission token, and the deal's SkuGate.
 */

/** A deal row as checkout needs it. */
export type LiveDeal = Pick<
  DealRow,
  "id" | "listingId" | "productId" | "warehouseId" | "dealPrice" | "units" | "perUserLimit" | "startsAt" | "endsAt" | "holdSeconds"
> & { status: "scheduled" | "live" };

/** The deal selling a listing right now (set up, not paused or ended, now inside its window), or null. */
export async function liveDealForListing(db: D1Database, listingId: string, now = new Date()): Promise<LiveDeal | null> {
  const at = now.toISOString();
  const row = await db
    .prepare(
      `SELECT id, listing_id AS listingId, product_id AS productId, warehouse_id AS warehouseId, deal_price AS dealPrice,
              units, per_user_limit AS perUserLimit, starts_at AS startsAt, ends_at AS endsAt, hold_seconds AS holdSeconds, status
       FROM deals WHERE listing_id = ? AND status IN ('scheduled', 'live') AND starts_at <= ? AND ends_at > ?
       ORDER BY starts_at DESC LIMIT 1`,
    )
    .bind(listingId, at, at)
    .first<LiveDeal>();
  return row ? { ...row, status: "live" } : null;
}

/**
 * Checks an admission token for a deal: signed by us, for this deal, issued to one of
 * `shopperIds` (checkout passes the user id and the current guest id, since a shopper may have
 * signed in after being admitted), and with its session still open. Returns the claims, or null.
 * A token past its expiry may name a session a pause of the deal has extended since it was
 * signed, or is holding open: the deal's gate says when that session ends now, and the claims
 * come back with that end. Most such tokens are simply over, and the deal state this isolate
 * already holds says so without a call to the gate, the one object every shopper of the deal
 * shares.
 */
export async function verifyAdmission(
  env: Env,
  token: string,
  expected: { dealId: string; shopperIds: Array<string | null | undefined> },
): Promise<AdmissionClaims | null> {
  const claims = await readAdmissionClaims(readConfig(env).TICKET_SECRET, token);
  if (!claims || claims.deal !== expected.dealId) return null;
  if (!expected.shopperIds.some((id) => id && id === claims.shopper)) return null;
  if (claims.exp > Date.now()) return claims;
  if (claims.group === undefined) return null;
  const held = heldDealState(claims.deal);
  if (held && sessionOverIn(held, claims.group, claims.exp, Date.now())) return null;
  const endsAt = await gateFor(env, claims.deal).sessionEndOf(claims.group);
  return endsAt !== null && endsAt > Date.now() ? { ...claims, exp: endsAt } : null;
}

export { gateFor } from "./gate-stub";

/**
 * The reservation id of a shopper's hold on a deal. Both the deal page's hold and checkout use
 * it, so the hold a shopper took after admission is the one checkout commits, never a second one.
 */
export async function holdIdFor(dealId: string, shopperId: string): Promise<string> {
  return `dh_${(await sha256Hex(`${dealId}:${shopperId}`)).slice(0, 32)}`;
}
