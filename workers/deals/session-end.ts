import type { DealState } from "./gate-types";
import type { TicketClaims } from "./tickets";

/**
 * When a session due to end at `endsAt` ends once the deal, paused at `pausedAt`, resumes at
 * `resumedAt`: a session still open when the pause began is extended by the pause's length, one
 * that had lapsed stays lapsed. The gate extends its sessions so on resume, by the same rule in
 * SQL (durable-objects/sku-gate-clock.ts); while the deal is still paused, reading a session as if
 * the deal resumed now keeps it from running out meanwhile.
 */
export function afterPause(endsAt: number, pausedAt: number, resumedAt: number): number {
  return endsAt > pausedAt ? endsAt + Math.max(0, resumedAt - pausedAt) : endsAt;
}

/**
 * Which admission group in the state let a ticket in: the first whose cursors reached it (its
 * index in `state.sessions`), or -1 when none did (the gate has not booked it yet).
 */
export function admittingGroup(claims: TicketClaims, state: DealState): number {
  const { preCursor, joinCursor } = state.sessions;
  return state.sessions.lapsesAt.findIndex((_, i) =>
    claims.pre ? claims.rank < (preCursor[i] ?? 0) : claims.joinedAt <= (joinCursor[i] ?? -1),
  );
}

/**
 * When an admitted ticket's session ends: the lapse of the group that admitted it. Fixed by the
 * gate when the group was admitted, so polling again never extends it; only a pause does.
 * Null when no group in the state reached the ticket.
 */
export function sessionEnd(claims: TicketClaims, state: DealState, now = Date.now()): number | null {
  return groupEnd(state, admittingGroup(claims, state), now);
}

/**
 * When the session of the state's admission group `i` ends; null when there is no such group.
 * While the deal is paused, a session still open when the pause began reads as ending as much
 * after `now` as it had left then, so none runs out during the pause.
 */
export function groupEnd(state: DealState, i: number, now: number): number | null {
  const endsAt = state.sessions.lapsesAt[i];
  if (endsAt === undefined) return null;
  return state.pausedAt === null ? endsAt : afterPause(endsAt, state.pausedAt, now);
}

/**
 * Whether `state` shows that the session of the admission group that began at `startedAt` is
 * over at `now`, for a token that said it ends at `exp`; false when the state cannot tell. Only a
 * state the gate produced after `exp` can: a pause that began before the token ran out is in it
 * (as `pausedAt`, or as lapses already moved by the resume), and one that began later came after
 * the session had ended. The state lists every group still open, so a group older than all it
 * lists has lapsed.
 */
export function sessionOverIn(state: DealState, startedAt: number, exp: number, now: number): boolean {
  if (state.at < exp) return false;
  const groups = state.sessions.startedAt ?? [];
  const i = groups.indexOf(startedAt);
  if (i < 0) return groups.length > 0 && startedAt < (groups[0] as number);
  const endsAt = groupEnd(state, i, now);
  return endsAt !== null && endsAt <= now;
}
