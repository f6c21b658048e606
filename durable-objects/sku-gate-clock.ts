import type { HoldStatus, HoldView } from "../workers/deals/gate-types";
import { type GateCall, reloadDeal, wake } from "./sku-gate-call";
import { ENDS_WITH_SESSION, holdRow } from "./sku-gate-holds";

/**
 * The SkuGate's pause clock. Pausing a deal stops its admission sessions' clock: no session still
 * open when the pause began runs out while it lasts, nor does a deal-page hold that ends with its
 * session; resuming extends each by the pause's length. The rules are written here once, in SQL
 * over `?1` (when the pause began, or null while the deal runs) and `?2` (the call's clock). The
 * edge, which reads sessions from the deal state it caches, has their twin in `afterPause`
 * (workers/deals/session-end.ts).
 */

/** SQL: when `col` (a session's end) falls once the deal, paused at ?1, resumes at ?2. */
function afterPause(col: string): string {
  return `CASE WHEN ${col} > ?1 THEN ${col} + MAX(0, ?2 - ?1) ELSE ${col} END`;
}

/** SQL over `holds`: a deal-page hold waiting out the pause begun at ?1 with the session it ends with. */
const WAITS = `(${ENDS_WITH_SESSION} AND IFNULL(admitted_until > ?1, 0))`;

/** SQL over `holds`: a held hold whose expiry is running, the deal's pause (if any) having begun at ?1. */
export const RUNNING = `(status = 'held' AND NOT ${WAITS})`;

/** When the next held hold whose expiry is running falls due; `pausedAt` as in `RUNNING`. */
export function nextDue(sql: SqlStorage, pausedAt: number | null): number | null {
  // In expiry order on the holds_due index, past any holds waiting out a pause.
  const row = sql.exec<{ t: number }>(`SELECT expires_at AS t FROM holds WHERE ${RUNNING} ORDER BY expires_at LIMIT 1`, pausedAt);
  return row.toArray()[0]?.t ?? null;
}

/** Stops the clock, unless the deal has ended. Pausing again changes nothing. */
export function pauseClock(call: GateCall): void {
  call.sql.exec("UPDATE deal SET paused = 1, paused_at = COALESCE(paused_at, ?) WHERE id = 1 AND ended = 0", call.now);
  reloadDeal(call);
  // Deal-page holds that end with a session stop with it: the next due hold may be later now.
  call.dueAt = undefined;
}

/**
 * Starts the clock again: every session still open when the pause began ends later by the
 * pause's length, with the holds taken in it (so a purchase still frees its shopper's slot, and
 * a later purchase in the same session still frees none) and the deal-page holds that end with
 * it. The admission rate restarts rather than banking the pause. A deal that runs is left alone.
 */
export function resumeClock(call: GateCall): void {
  const { sql, now } = call;
  const d = call.deal;
  if (!d.paused || d.ended) return;
  const pausedAt = d.paused_at ?? now;
  if (now > pausedAt) {
    sql.exec(`UPDATE admissions SET lapses_at = ${afterPause("lapses_at")} WHERE lapses_at > ?1`, pausedAt, now);
    sql.exec(
      `UPDATE holds SET expires_at = CASE WHEN ${WAITS} THEN ${afterPause("expires_at")} ELSE expires_at END,
         admitted_until = ${afterPause("admitted_until")}
       WHERE admitted_until > ?1`,
      pausedAt,
      now,
    );
  }
  sql.exec("UPDATE deal SET paused = 0, paused_at = NULL, last_tick = ? WHERE id = 1", now);
  reloadDeal(call);
  // The holds that waited out the pause are due again, some maybe before the alarm set.
  call.dueAt = undefined;
  wake(call, nextDue(sql, null));
}

/**
 * When the session of admission group `startedAt` ends: while the deal is paused (since
 * `pausedAt`), as if it resumed `now`. Null if there is no such group.
 */
export function sessionEndNow(sql: SqlStorage, startedAt: number, pausedAt: number | null, now: number): number | null {
  const row = sql.exec<{ t: number }>(`SELECT ${afterPause("lapses_at")} AS t FROM admissions WHERE at = ?3`, pausedAt, now, startedAt);
  return row.toArray()[0]?.t ?? null;
}

/**
 * When a hold expires: one waiting out the pause with its session (the deal paused since
 * `pausedAt`) as long after `now` as it had left when the pause began.
 */
export function expiryNow(sql: SqlStorage, reservationId: string, pausedAt: number | null, now: number): number {
  return sql
    .exec<{ t: number }>(
      `SELECT CASE WHEN ${WAITS} THEN ${afterPause("expires_at")} ELSE expires_at END AS t FROM holds WHERE reservation_id = ?3`,
      pausedAt,
      now,
      reservationId,
    )
    .one().t;
}

/**
 * A hold as it stands at `now` (the deal paused since `pausedAt`), without writing anything: a
 * held hold whose time has run out is reported expired, as the alarm or the next call that writes
 * will make it, and one waiting out the pause as running out as long after `now` as it had left.
 * Null when there is no hold under the id.
 */
export function holdNow(
  sql: SqlStorage,
  reservationId: string,
  pausedAt: number | null,
  now: number,
): (HoldView & { limitKey?: string | null }) | null {
  const h = holdRow(sql, reservationId);
  if (!h) return null;
  const status = h.status as HoldStatus;
  const paused = pausedAt !== null;
  if (status === "claimed")
    return { status, qty: h.qty, expiresAt: new Date(h.expires_at).toISOString(), paused, ...claimOf(sql, reservationId, pausedAt, now) };
  if (status !== "held") return { status, qty: h.qty, expiresAt: new Date(h.expires_at).toISOString(), paused };
  const until = expiryNow(sql, reservationId, pausedAt, now);
  return { status: until <= now ? "expired" : "held", qty: h.qty, expiresAt: new Date(until).toISOString(), paused };
}

/**
 * Where the latest order that took over a page hold stands, and the limit key it counts against:
 * an order's hold goes by the page hold's id, a colon and its saga's id (checkout/holds.ts).
 */
function claimOf(
  sql: SqlStorage,
  pageHoldId: string,
  pausedAt: number | null,
  now: number,
): { orderStatus: HoldStatus; limitKey: string | null } | Record<string, never> {
  const row = sql
    .exec<{ reservation_id: string; limit_key: string | null }>(
      "SELECT reservation_id, limit_key FROM holds WHERE substr(reservation_id, 1, length(?1) + 1) = ?1 || ':' ORDER BY updated_at DESC LIMIT 1",
      pageHoldId,
    )
    .toArray()[0];
  const order = row && holdNow(sql, row.reservation_id, pausedAt, now);
  return order ? { orderStatus: order.status, limitKey: row.limit_key } : {};
}
