import type { GateOutcome, HoldClaim } from "../workers/deals/gate-types";
import { remainingOf } from "./sku-gate-admission";
import { forgetAccounts } from "./sku-gate-accounts";
import { type GateCall, wake } from "./sku-gate-call";
import { RUNNING, nextDue } from "./sku-gate-clock";
import { type HoldRow, commitStep, holdRow, releaseStep } from "./sku-gate-holds";
import { journal } from "./sku-gate-journal";
import { freeSlot, sessionClock } from "./sku-gate-sessions";

/**
 * How the SkuGate's holds settle: sold to their order, or given back (released, or expired) to
 * the deal, or to the ledger once the deal has ended, which returns its unsold units.
 */

/**
 * Turns a live hold into a sale and frees the shopper's waiting-room slot if their session is
 * still open. An expired or released hold, or one another order claimed, is refused; `noop` is
 * the same order's replay.
 */
export function commitHold(call: GateCall, reservationId: string, claim: HoldClaim | undefined): GateOutcome {
  const { sql, now } = call;
  expireDue(call);
  const h = holdRow(sql, reservationId);
  if (!h) return "refused";
  const step = commitStep(h, claim);
  if (step !== "commit") return step;
  const d = call.deal;
  sql.exec(
    "UPDATE holds SET status = 'committed', owner = ?, updated_at = ? WHERE reservation_id = ?",
    h.owner ?? claim?.owner ?? null,
    now,
    reservationId,
  );
  sql.exec("UPDATE deal SET held = held - ?1, sold = sold + ?1 WHERE id = 1", h.qty);
  d.held -= h.qty;
  d.sold += h.qty;
  journal(call, "commit", reservationId, h.qty);
  // One slot per shopper and session: a second purchase in the same session frees nothing more.
  // Asked only when there is an open session to free a slot in.
  const clock = sessionClock(d, now);
  const open = h.admitted_until !== null && h.admitted_until > clock;
  const boughtBefore =
    open &&
    sql
      .exec(
        "SELECT 1 FROM holds WHERE shopper_id = ? AND admitted_until = ? AND status = 'committed' AND reservation_id <> ? LIMIT 1",
        h.shopper_id,
        h.admitted_until,
        reservationId,
      )
      .toArray().length > 0;
  if (open && !boughtBefore) freeSlot(sql, h.admitted_until, clock);
  return "done";
}

/**
 * Gives a hold back at `owner`'s request (null: the deal page's). A sale is not undone here
 * (`refused`: the caller restocks it on the ledger's shelf); an order's own sale is counted
 * returned from then on, not sold. A hold `owner` does not own is left alone (`noop`).
 */
export function releaseHold(call: GateCall, reservationId: string, owner: string | null): GateOutcome {
  const h = holdRow(call.sql, reservationId);
  if (!h) return "noop";
  const step = releaseStep(h, owner);
  if (step === "refused" && owner !== null && h.owner === owner) countRestocked(call, h);
  if (step !== "give_back") return step;
  giveBack(call, h, "release");
  return "done";
}

/**
 * Counts a sold hold's units as returned to stock: its order was cancelled and the caller puts
 * them back on the ledger's shelf, not on sale in the deal (whose remaining units stay as they
 * are, so it never sells more than it was given), nor against its shopper's limit (`counted`):
 * they bought nothing. Once per hold, as the cancel may be retried.
 */
function countRestocked(call: GateCall, h: HoldRow): void {
  if (h.status !== "committed" || h.restocked) return;
  const d = call.deal;
  call.sql.exec("UPDATE holds SET restocked = 1, updated_at = ? WHERE reservation_id = ?", call.now, h.reservation_id);
  call.sql.exec("UPDATE deal SET sold = sold - ?1, returned = returned + ?1 WHERE id = 1", h.qty);
  d.sold -= h.qty;
  d.returned += h.qty;
}

/** Gives back the holds whose expiry has come, unless none can have (`call.dueAt`). */
export function expireDue(call: GateCall): void {
  if (call.dueAt !== undefined && call.now < call.dueAt) return;
  const pausedAt = call.deal.paused_at;
  const due = call.sql.exec<HoldRow>(`SELECT * FROM holds WHERE expires_at <= ?2 AND ${RUNNING} LIMIT 500`, pausedAt, call.now).toArray();
  for (const h of due) giveBack(call, h, "expire");
  call.dueAt = nextDue(call.sql, pausedAt) ?? Number.POSITIVE_INFINITY;
}

/** Gives a held hold's units back to the deal, or, once the deal has ended, to the ledger. */
export function giveBack(call: GateCall, h: HoldRow, kind: "release" | "expire"): void {
  const { sql, now } = call;
  const d = call.deal;
  sql.exec(
    "UPDATE holds SET status = ?, updated_at = ? WHERE reservation_id = ?",
    kind === "expire" ? "expired" : "released",
    now,
    h.reservation_id,
  );
  sql.exec("UPDATE deal SET held = held - ? WHERE id = 1", h.qty);
  d.held -= h.qty;
  journal(call, kind, h.reservation_id, h.qty);
  // After the end there is no deal to give the units back to: they go back to the ledger.
  if (d.ended) {
    sql.exec("UPDATE deal SET returned = returned + ? WHERE id = 1", h.qty);
    d.returned += h.qty;
    journal(call, "return", h.reservation_id, h.qty);
  }
}

/**
 * Ends the deal's sales: every unit neither sold nor held is journaled as returned. Holds still
 * open return their units when they are released or expire. Ending an ended deal changes nothing:
 * by then its units are all returned, which must not read as sold out.
 */
export function endSales(call: GateCall): void {
  const { sql } = call;
  const d = call.deal;
  if (d.ended) return;
  // A deal ended while paused has no sessions left to wait for: the holds that waited for them expire now.
  sql.exec("UPDATE deal SET paused_at = NULL WHERE id = 1");
  d.paused_at = null;
  call.dueAt = undefined;
  expireDue(call);
  // The holds that waited out the pause run again, and no alarm was set for them while they waited.
  wake(call, nextDue(sql, null));
  // Nothing left to sell and nothing held: it ends because, or as, it sold out, and says so after.
  const soldOut = remainingOf(d) === 0 && d.held === 0 ? 1 : 0;
  sql.exec("UPDATE deal SET ended = 1, sold_out = ? WHERE id = 1", soldOut);
  d.ended = 1;
  d.sold_out = soldOut;
  forgetAccounts(sql);
  const unsold = remainingOf(d);
  if (unsold > 0) {
    sql.exec("UPDATE deal SET returned = returned + ? WHERE id = 1", unsold);
    d.returned += unsold;
    journal(call, "return", null, unsold);
  }
}
