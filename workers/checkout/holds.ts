import { recordEndedFigures } from "../deals/ended-gates";
import { gateFor } from "../deals/gate-client";
import { restockDealUnit } from "../inventory/deal-ledger";
import { commitReservation, findReservation, releaseReservation, reserveStock, restockReservation } from "../inventory/ledger";
import { nowIso } from "../platform/time";
import { ORDER_HOLD_MS } from "./payment-window";

/** One order line's stock hold: in the D1 ledger for a normal SKU, in the deal's SkuGate for a deal SKU. */
export interface LineHold {
  /** The order the line belongs to; a deal hold is claimed by, and sold to, this order only. */
  orderId: string;
  listingId: string;
  qty: number;
  /** The hold's idempotency reference, derived from the saga id and the listing. */
  ref: string;
  dealId: string | null;
  /** For a deal line placed by an admitted shopper: when their admission session ends. */
  admittedUntil?: number;
  /** For a deal line placed by an admitted shopper: the admission group of their session, which names it at the gate. */
  admittedIn?: number;
  /** For a deal line at checkout: the shopper's deal-page hold, which the line's hold takes over if it is still held. */
  claimFrom?: string;
  /** Where the order goes, at checkout: a normal line is held in the warehouse that delivers there soonest. */
  toPincode?: string;
}

/**
 * The reference a saga's hold on one line goes by; the same saga always derives the same one. A
 * deal line's is the shopper's deal-page hold id with the saga's own after it: each order holds,
 * buys and gives back its own units, so a shopper may come back for more up to the deal's limit.
 */
export function holdRef(sagaId: string, listingId: string, pageHold: string | null): string {
  return pageHold ? `${pageHold}:${sagaId}` : `${sagaId}:reserve:${listingId}`;
}

/** The journal ref under which a sold deal line's unit is put back on the shelf, once at most. */
export function dealRestockRef(holdRef: string): string {
  return `${holdRef}:restock`;
}

/** Why a reserve failed, for the shopper. */
export type HoldRefusal = "sold_out" | "expired" | "all_held" | "per_user_limit" | "not_live" | "paused" | "ended";

/**
 * Reserves one line for `ORDER_HOLD_MS` (a deal line for the deal's hold time when that is
 * longer). Idempotent under `hold.ref`: a replay returns the same hold and moves nothing (the
 * ledger finds the reservation by ref; the gate finds the hold by reservation id). A deal line
 * takes over the shopper's deal-page hold when `claimFrom` names one still held for the same
 * quantity; otherwise it is a new hold, within the deal's per-shopper limit. `buyer` is who
 * reserves: `shopperId` the identity their admission was issued to, `accountId` the account the
 * limit counts against, whichever identities it was admitted under. `expiresAt` (epoch ms) is
 * when the hold lapses unless committed; a line already sold never does.
 */
export async function reserveLine(
  env: Env,
  hold: LineHold,
  buyer: { shopperId: string; accountId: string },
): Promise<{ ok: true; expiresAt: number } | { ok: false; reason: HoldRefusal }> {
  if (hold.dealId) {
    const res = await gateFor(env, hold.dealId).reserve({
      reservationId: hold.ref,
      shopperId: buyer.shopperId,
      limitKey: buyer.accountId,
      qty: hold.qty,
      owner: hold.orderId,
      holdMs: ORDER_HOLD_MS,
      admittedUntil: hold.admittedUntil,
      admittedIn: hold.admittedIn,
      ...(hold.claimFrom ? { claimFrom: hold.claimFrom } : {}),
    });
    return res.ok ? { ok: true, expiresAt: Date.parse(res.expiresAt) } : { ok: false, reason: res.reason };
  }
  const r = await reserveStock(env.DB, {
    skuId: hold.listingId,
    qty: hold.qty,
    ref: hold.ref,
    ttlSeconds: ORDER_HOLD_MS / 1000,
    ...(hold.toPincode ? { toPincode: hold.toPincode } : {}),
  });
  if (!r) return { ok: false, reason: "sold_out" };
  if (r.status === "committed") return { ok: true, expiresAt: Number.POSITIVE_INFINITY };
  // A hold past its expiry that the sweeper has not reached yet would have its commit refused.
  if (r.status === "held")
    return r.expiresAt > nowIso() ? { ok: true, expiresAt: Date.parse(r.expiresAt) } : { ok: false, reason: "expired" };
  // A replay after the hold was released must not count as holding stock.
  return { ok: false, reason: "sold_out" };
}

/** Turns a hold into a sale; `refused` when it expired or was released meanwhile. */
export async function commitLine(env: Env, hold: LineHold): Promise<"done" | "noop" | "refused"> {
  if (hold.dealId) return gateFor(env, hold.dealId).commit(hold.ref, { owner: hold.orderId, qty: hold.qty });
  return commitReservation(env.DB, hold.ref);
}

/**
 * Undoes a line whatever state it reached: a live hold is released, a sale is put back on the
 * shelf. Idempotent: a line already undone (or never reserved) is left alone. `never_sold` when
 * the deal's gate says the line's order never bought its unit, so there is nothing to restock,
 * now or later; `restock_pending` when a normal line's sale could not go back on the shelf yet
 * (see `restockReservation`), so the undo must be tried again; `undone` otherwise.
 */
export async function undoLine(env: Env, hold: LineHold, why: string): Promise<"never_sold" | "restock_pending" | "undone"> {
  if (hold.dealId) {
    const gate = gateFor(env, hold.dealId);
    // Only the order that bought a hold is refused; a sale is never handed back to the gate, so
    // for any other answer this order holds no sale of this unit and never will.
    if ((await gate.release(hold.ref, why, hold.orderId)) !== "refused") return "never_sold";
    // Refused means the unit was sold to this order: put it back on the ledger's shelf. Only the
    // order that bought a deal hold is refused (another order's release is left alone) and a
    // sale is never given back to the gate, so the hold's own ref names a single restock.
    const deal = await env.DB.prepare("SELECT listing_id AS skuId, warehouse_id AS warehouseId, status FROM deals WHERE id = ?")
      .bind(hold.dealId)
      .first<{ skuId: string; warehouseId: string; status: string }>();
    if (!deal) return "undone";
    // The gate books its sale into D1 through the journal queue about a second later; an undo
    // inside that second finds nothing to restock yet, and `finishRestocks` finishes it.
    const { skuId, warehouseId } = deal;
    await restockDealUnit(env.DB, { skuId, warehouseId, qty: hold.qty, ref: dealRestockRef(hold.ref), reason: why }, nowIso());
    // The gate now counts the sale returned; an ended deal's list shows figures recorded at its end.
    if (deal.status === "ended") await recordEndedFigures(env, hold.dealId);
    return "undone";
  }
  let r = await findReservation(env.DB, hold.ref);
  if (r?.status === "held") {
    if ((await releaseReservation(env.DB, hold.ref)) !== "refused") return "undone";
    // The saga's commit can land between the read and the release; the unit is sold then, so it
    // goes back on the shelf as a restock.
    r = await findReservation(env.DB, hold.ref);
  }
  // Refused only while still committed: it is left as it was, for a later try to restock.
  if (r?.status === "committed" && (await restockReservation(env.DB, hold.ref)) === "refused") return "restock_pending";
  return "undone";
}
