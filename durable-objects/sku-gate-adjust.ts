import type { GateAdjustRefusal, GateAdjustResult, GateAdjustment } from "../workers/deals/gate-types";
import { type GateCall, reloadDeal } from "./sku-gate-call";
import type { DealRow } from "./sku-gate-schema";
import { startNewGroups } from "./sku-gate-sessions";

/**
 * A deal manager's change to the SkuGate's settings while the deal runs (or before it opens).
 * The gate is what admits, times sessions, counts the per-shopper limit and keeps the deal's
 * clock, so it checks a change against its own state, by its own clock, before anything else
 * records it. Each setting takes effect where the gate next reads it:
 * - `active_users` and `new_per_minute` at the next admission step (the edge's next sync); credit
 *   banked under a higher rate is cut to the new rate's cap there.
 * - `session_ms` for shoppers admitted from now on, in groups of their own; sessions under way keep
 *   the end their tokens carry (a token cannot be recalled, and a shopper mid-checkout keeps the
 *   time they were promised).
 * - `ends_at` at once: past it the gate sells nothing and calls the deal ended, and the minute
 *   cron ends it by the deal row's copy, which the caller writes next.
 * - `starts_at` (before opening only): the pre-queue grows until the new start, and the admission
 *   clock is set to it, as when the gate was set up, so the pre-queue opens at the new start in
 *   the random order its tickets fixed.
 */

/** Why the gate refuses `change` at `now`, or null when it may be made. */
export function adjustRefusal(d: DealRow, change: GateAdjustment, now: number): GateAdjustRefusal | null {
  if (d.ended || now >= d.ends_at) return "ended";
  const beforeOpen = change.beforeOpen || change.startsAt !== undefined || change.perUserLimit !== undefined;
  if (beforeOpen && now >= d.starts_at) return "opened";
  if (beforeOpen && d.paused) return "paused";
  const startsAt = change.startsAt ?? d.starts_at;
  if (change.startsAt !== undefined && change.startsAt <= now) return "starts_too_soon";
  const endsAt = change.endsAt ?? d.ends_at;
  if (endsAt <= now || endsAt <= startsAt) return "ends_too_soon";
  if (change.sessionMinutes !== undefined && change.sessionMinutes * 60_000 < d.hold_ms) return "session_under_hold";
  return null;
}

/**
 * Applies `change` unless the gate refuses it (nothing is written then). `restore` applies it
 * without the checks: it puts back settings the deal had, when recording a change failed after
 * the gate had made it. Making the same change again changes nothing.
 */
export function adjustDeal(call: GateCall, change: GateAdjustment, restore: boolean): GateAdjustResult {
  const { sql, now } = call;
  const d = call.deal;
  const refusal = restore ? null : adjustRefusal(d, change, now);
  if (refusal) return { ok: false, reason: refusal };
  const startsAt = change.startsAt ?? d.starts_at;
  const sessionMs = change.sessionMinutes === undefined ? d.session_ms : change.sessionMinutes * 60_000;
  sql.exec(
    `UPDATE deal SET starts_at = ?1, last_tick = CASE WHEN ?1 = starts_at THEN last_tick ELSE ?1 END, ends_at = ?2,
       per_user_limit = ?3, active_users = ?4, new_per_minute = ?5, session_ms = ?6 WHERE id = 1`,
    startsAt,
    change.endsAt ?? d.ends_at,
    change.perUserLimit ?? d.per_user_limit,
    change.activeUsers ?? d.active_users,
    change.newUsersPerMinute ?? d.new_per_minute,
    sessionMs,
  );
  if (sessionMs !== d.session_ms) startNewGroups(sql, now);
  reloadDeal(call);
  return { ok: true };
}
