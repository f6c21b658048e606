import { SETTLE_MS } from "./admission";
import type { DealState } from "./gate-types";
import { type TicketClaims, rankKey } from "./tickets";

/** A waiting shopper's place in line and wait, estimated from a ticket and the cached deal state. */

/**
 * Post-start joins still waiting that joined before `at`: read off the gate's running totals
 * (evenly spread within each step), then at the assumed join rate past their end.
 */
export function joinedAhead(at: number, state: DealState): number {
  const { from, step, counts } = state.ahead;
  if (at <= from) return 0;
  const first = Math.floor(from / 1000);
  let prevAt = from;
  let prevCount = 0;
  for (const [i, count] of counts.entries()) {
    const knot = (first + (i + 1) * step) * 1000;
    if (at <= knot) return prevCount + ((count - prevCount) * (at - prevAt)) / (knot - prevAt);
    prevAt = knot;
    prevCount = count;
  }
  return prevCount + ((at - prevAt) / 1000) * state.arrivalsPerSecond;
}

/** How many of `sorted` (ascending) are below `key`. */
function countBelow(sorted: readonly number[], key: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A ticket's place in line: the pre-queue by rank (counted exactly while the state lists the few
 * still waiting, else estimated from the share of ranks ahead); after the start, the whole
 * pre-queue still waiting and the joins before it.
 */
export function positionOf(claims: TicketClaims, state: DealState): number {
  if (claims.pre) {
    // A rank not reported to the gate yet is counted after those below it all the same.
    if (state.preWaiting) return 1 + countBelow(state.preWaiting, rankKey(claims.rank));
    return Math.max(1, Math.ceil((claims.rank - state.preCursor) * state.preCount));
  }
  const preWaiting = state.preWaiting?.length ?? Math.max(0, Math.ceil((1 - state.preCursor) * state.preCount));
  return Math.max(1, preWaiting + Math.ceil(joinedAhead(claims.joinedAt, state)));
}

/** Seconds until a shopper at `position` is let in: the pre-queue opens, then admissions at the rate the settings allow. */
export function etaSeconds(position: number, state: DealState, now: number): number {
  const untilOpen = Math.max(0, (state.startsAt + SETTLE_MS - now) / 1000);
  return Math.ceil(untilOpen + position / Math.max(state.admitsPerSecond, 1e-6));
}
