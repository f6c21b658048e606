import type { GateOutcome, HoldClaim } from "../workers/deals/gate-types";

/**
 * Who may do what with a deal hold that already has a row. The deal page's hold id is fixed per
 * (deal, shopper), so repeated taps name the same row; each checkout holds under an id of its own
 * and takes the page's hold over (`reserveHold`'s `claimFrom`). A row's `owner` (the order
 * that holds it) is what keeps one order's hold or sale from being handed to another.
 */

/** A row of the gate's holds table. */
export interface HoldRow {
  reservation_id: string;
  /** The waiting-room identity the shopper was admitted under: their deal-page hold and slot go by it. */
  shopper_id: string;
  /** Whom the per-shopper limit counts the hold against: the signed-in account, else `shopper_id`. */
  limit_key: string;
  qty: number;
  status: string;
  expires_at: number;
  /** The order that claimed the hold; null until a checkout claims it (or for holds older than owners). */
  owner: string | null;
  /** When the shopper's admission session ends (epoch ms); null when not known. */
  admitted_until: number | null;
  /** 1 once the sale went back to the ledger's stock with its cancelled order. */
  restocked: number;
  [key: string]: SqlStorageValue;
}

/**
 * SQL over `holds`: a deal-page hold that ends when its shopper's admission session does (it was
 * capped at the session's end, see `reserveHold`), so a pause stops and extends it with the session.
 */
export const ENDS_WITH_SESSION = "(status = 'held' AND owner IS NULL AND expires_at = admitted_until)";

/** The hold row under a reservation id, or null. */
export function holdRow(sql: SqlStorage, reservationId: string): HoldRow | null {
  return sql.exec<HoldRow>("SELECT * FROM holds WHERE reservation_id = ?", reservationId).toArray()[0] ?? null;
}

/** A hold still standing for someone: units are held for it, or sold to it. */
export function isLive(h: HoldRow): boolean {
  return h.status === "held" || h.status === "committed";
}

/**
 * A reserve under the id of a live hold: `replay` (the same hold again), `claim` (a checkout
 * takes the hold its shopper made on the deal page) or `refuse`. `owner` is null for the deal page.
 */
export function reserveOverLive(h: HoldRow, qty: number, owner: string | null): "replay" | "claim" | "refuse" {
  // A different quantity under the same id (one unit held on the deal page, two asked at
  // checkout) must not be charged as if held.
  if (h.qty !== qty) return "refuse";
  if (h.status === "committed") return owner !== null && h.owner === owner ? "replay" : "refuse";
  if (h.owner === owner) return "replay";
  return h.owner === null && owner !== null ? "claim" : "refuse";
}

/** What a commit by `claim` (none: a caller outside checkout) does to a hold. */
export function commitStep(h: HoldRow, claim: HoldClaim | undefined): GateOutcome | "commit" {
  const owner = claim?.owner ?? null;
  if (h.status === "committed") return h.owner === owner ? "noop" : "refused";
  if (h.status !== "held") return "refused";
  if (h.owner === owner) return "commit";
  // An unclaimed hold may be claimed by the order paying for exactly its quantity: holds made
  // before owners were recorded are bought this way.
  return h.owner === null && claim !== undefined && claim.qty === h.qty ? "commit" : "refused";
}

/**
 * What a release by `owner` does: `give_back` a held hold, `refused` for a sale (the caller
 * restocks it), `noop` for a hold already given back or one this caller does not own, which it
 * must neither release nor restock.
 */
export function releaseStep(h: HoldRow, owner: string | null): "give_back" | "noop" | "refused" {
  if (h.owner !== null && h.owner !== owner) return "noop";
  if (h.status === "committed") return "refused";
  if (h.status !== "held") return "noop";
  // An unclaimed held hold may be the shopper's fresh deal-page hold taken after this order's
  // own hold expired; it is not this order's to give back.
  return h.owner === owner ? "give_back" : "noop";
}
