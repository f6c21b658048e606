import type { ReserveRefusal, ReserveRequest, ReserveResult } from "../workers/deals/gate-types";
import { limitKeyFor } from "./sku-gate-accounts";
import { remainingOf } from "./sku-gate-admission";
import { type GateCall, wake } from "./sku-gate-call";
import { expiryNow } from "./sku-gate-clock";
import { type HoldRow, holdRow, isLive, reserveOverLive } from "./sku-gate-holds";
import { journal } from "./sku-gate-journal";
import { expireDue, giveBack } from "./sku-gate-settle";

/** The SkuGate's reserve: a new hold, a replay of one, or a checkout taking a deal-page hold over. */

/** Thrown to roll back a page hold given back for a checkout that was then refused, so the shopper keeps it. */
export class PageHoldKept extends Error {
  constructor(readonly reason: ReserveRefusal) {
    super(`reserve refused: ${reason}`);
  }
}

/**
 * `SkuGate.reserve`'s writes, in its transaction; `admittedUntil` is when the shopper's session
 * ends as the gate reads it. Throws `PageHoldKept` when the writes must be rolled back.
 */
export function reserveHold(call: GateCall, input: ReserveRequest, admittedUntil: number | null): ReserveResult {
  const { sql, now } = call;
  expireDue(call);
  const d = call.deal;
  const owner = input.owner ?? null;
  const limitKey = limitKeyFor(call, input.shopperId, input.limitKey);
  // A deal's hold time may be shorter than the checkout's payment window; an order's hold must
  // outlast the window, or a shopper who paid in time would find their units gone.
  const holdMs = owner === null ? d.hold_ms : Math.max(d.hold_ms, input.holdMs ?? 0);
  const prior = holdRow(sql, input.reservationId);
  if (prior && isLive(prior)) return reserveOver(call, prior, { owner, limitKey, admittedUntil, holdMs, qty: input.qty });
  const raw = input.claimFrom ? holdRow(sql, input.claimFrom) : null;
  const page = raw && raw.status === "held" && raw.owner === null && raw.shopper_id === input.shopperId ? raw : null;
  if (page && page.qty === input.qty) {
    // The shopper may have held on the page as a guest and check out signed in: the hold moves
    // to the account's count then, within the limit, or stays the guest's.
    if (overLimit(call, page, limitKey)) return { ok: false, reason: "per_user_limit" };
    const until = now + holdMs;
    takeOver(call, page, { reservationId: input.reservationId, owner, limitKey, admittedUntil, expiresAt: until });
    return { ok: true, expiresAt: new Date(until).toISOString() };
  }
  // Checkout asks for another quantity than the page held: the order's hold replaces the
  // page's, rather than holding both until the page's expires, unless it is refused.
  if (page) giveBack(call, page, "release");
  // A deal-page hold id is fixed per (deal, shopper), so a hold given back is the shopper's next hold too.
  const shopperId = prior?.shopper_id ?? input.shopperId;
  const refusal = refusalOf(call, limitKey, input.qty);
  if (refusal && page) throw new PageHoldKept(refusal);
  if (refusal) return { ok: false, reason: refusal };
  // A deal-page hold keeps a unit while the shopper types their address, within their turn: it
  // ends with their admission session, as their slot does, so it cannot outlive the token that
  // checkout needs to buy it. An order's hold lasts its whole hold time, for the payment.
  const expiresAt = owner === null && admittedUntil !== null ? Math.min(now + holdMs, admittedUntil) : now + holdMs;
  if (prior) {
    sql.exec(
      "UPDATE holds SET qty = ?, status = 'held', expires_at = ?, owner = ?, limit_key = ?, admitted_until = ?, updated_at = ? WHERE reservation_id = ?",
      input.qty,
      expiresAt,
      owner,
      limitKey,
      admittedUntil,
      now,
      input.reservationId,
    );
  } else {
    sql.exec(
      "INSERT INTO holds (reservation_id, shopper_id, limit_key, qty, status, expires_at, owner, admitted_until, created_at, updated_at) VALUES (?, ?, ?, ?, 'held', ?, ?, ?, ?, ?)",
      input.reservationId,
      shopperId,
      limitKey,
      input.qty,
      expiresAt,
      owner,
      admittedUntil,
      now,
      now,
    );
  }
  sql.exec("UPDATE deal SET held = held + ? WHERE id = 1", input.qty);
  d.held += input.qty;
  if (call.dueAt !== undefined) call.dueAt = Math.min(call.dueAt, expiresAt);
  wake(call, expiresAt);
  journal(call, "reserve", input.reservationId, input.qty);
  return { ok: true, expiresAt: new Date(expiresAt).toISOString() };
}

/** A reserve under the id of a live hold: the same hold again, or a checkout claiming the deal page's. */
function reserveOver(
  call: GateCall,
  prior: HoldRow,
  ask: { owner: string | null; limitKey: string; admittedUntil: number | null; holdMs: number; qty: number },
): ReserveResult {
  const { sql, now } = call;
  const step = reserveOverLive(prior, ask.qty, ask.owner);
  const adopt = step === "replay" && guestHoldOfAccount(prior, ask.limitKey);
  const moves = step === "claim" || adopt;
  if (step === "refuse" || (moves && overLimit(call, prior, ask.limitKey))) return { ok: false, reason: "per_user_limit" };
  if (adopt) sql.exec("UPDATE holds SET limit_key = ?, updated_at = ? WHERE reservation_id = ?", ask.limitKey, now, prior.reservation_id);
  if (step === "claim") {
    sql.exec(
      "UPDATE holds SET owner = ?, limit_key = ?, expires_at = ?, updated_at = ? WHERE reservation_id = ?",
      ask.owner,
      ask.limitKey,
      Math.max(prior.expires_at, now + ask.holdMs),
      now,
      prior.reservation_id,
    );
  }
  // A page hold waiting out the pause with its session ends as long after the resume as it had left.
  const until = expiryNow(sql, prior.reservation_id, call.deal.paused_at, now);
  if (ask.admittedUntil !== null && ask.admittedUntil > (prior.admitted_until ?? 0)) {
    // A shopper admitted again (their first turn lapsed while the hold stood) buys on the
    // later turn, so that is the slot their purchase frees.
    sql.exec("UPDATE holds SET admitted_until = ? WHERE reservation_id = ?", ask.admittedUntil, prior.reservation_id);
  }
  return { ok: true, expiresAt: new Date(until).toISOString() };
}

/**
 * Moves a held deal-page hold to an order's own id: the units stay held (the deal's counts do
 * not move), now for `owner` only, counted against `limitKey`, and until `expiresAt` (the order's
 * payment needs its whole hold time, not what was left of the shopper's turn), and the page
 * hold's row is marked `claimed` so its id can be held again.
 */
function takeOver(
  call: GateCall,
  page: HoldRow,
  order: { reservationId: string; owner: string | null; limitKey: string; admittedUntil: number | null; expiresAt: number },
): void {
  const { sql, now } = call;
  const until = Math.max(page.admitted_until ?? 0, order.admittedUntil ?? 0) || null;
  sql.exec(
    `INSERT INTO holds (reservation_id, shopper_id, qty, status, expires_at, owner, admitted_until, created_at, updated_at, limit_key)
     VALUES (?1, ?2, ?3, 'held', ?4, ?5, ?6, ?7, ?7, ?8)
     ON CONFLICT (reservation_id) DO UPDATE SET shopper_id = ?2, qty = ?3, status = 'held', expires_at = ?4, owner = ?5,
       admitted_until = ?6, updated_at = ?7, limit_key = ?8`,
    order.reservationId,
    page.shopper_id,
    page.qty,
    order.expiresAt,
    order.owner,
    until,
    now,
    order.limitKey,
  );
  sql.exec("UPDATE holds SET status = 'claimed', updated_at = ? WHERE reservation_id = ?", now, page.reservation_id);
  journal(call, "claim", order.reservationId, page.qty);
}

/** Why a new hold of `qty` counted against `limitKey` cannot be taken now, or null when it can. */
function refusalOf(call: GateCall, limitKey: string, qty: number): ReserveRefusal | null {
  const d = call.deal;
  if (d.ended || call.now >= d.ends_at) return "ended";
  if (d.paused) return "paused";
  if (call.now < d.starts_at) return "not_live";
  if (!Number.isInteger(qty) || qty < 1) return "per_user_limit";
  if (counted(call.sql, limitKey) + qty > d.per_user_limit) return "per_user_limit";
  if (remainingOf(d) >= qty) return null;
  // Held units come back when their holds are released or expire; only units sold or
  // returned to the ledger are gone for good, so only they make the deal sold out.
  return d.units - d.sold - d.returned < qty ? "sold_out" : "all_held";
}

/**
 * Units held or sold under a limit key: every live hold counts, whichever id it goes by, except a
 * sale whose order was cancelled (`restocked`): its shopper bought nothing and may buy again.
 */
export function counted(sql: SqlStorage, limitKey: string): number {
  return sql
    .exec<{ n: number }>(
      "SELECT COALESCE(SUM(qty), 0) AS n FROM holds WHERE limit_key = ? AND status IN ('held', 'committed') AND restocked = 0",
      limitKey,
    )
    .one().n;
}

/**
 * Whether a page hold still counted against the guest id it was taken under is asked for again
 * by the account that id is now known to be (signed in in the same browser): it moves to the
 * account's count, within the limit, as checkout would move it. A hold already counted against
 * an account never moves back to a guest.
 */
function guestHoldOfAccount(h: HoldRow, limitKey: string): boolean {
  return h.status === "held" && h.owner === null && h.limit_key === h.shopper_id && limitKey !== h.limit_key;
}

/** Whether moving a live hold to `limitKey`'s count would take that key past the deal's limit. */
function overLimit(call: GateCall, h: HoldRow, limitKey: string): boolean {
  return movesPastLimit(call.sql, h, limitKey, call.deal.per_user_limit);
}

/** `overLimit` outside a reserve: for reading whether checkout would refuse to move a hold onto an account. */
export function movesPastLimit(sql: SqlStorage, h: HoldRow, limitKey: string, perUserLimit: number): boolean {
  return h.limit_key !== limitKey && counted(sql, limitKey) + h.qty > perUserLimit;
}
