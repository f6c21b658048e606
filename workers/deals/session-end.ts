import type { DealState } from "./gate-types";
import type { TicketClaims } from "./tickets";

/**
 * When an admitted ticket's session ends: the lapse of the first admission group whose cursors
 * reached it. Fixed by the gate when the group was admitted, so polling again never extends it.
 * Null when no group in the state reached the ticket (the gate has not booked it yet).
 */
export function sessionEnd(claims: TicketClaims, state: DealState): number | null {
  const { lapsesAt, preCursor, joinCursor } = state.sessions;
  for (const [i, endsAt] of lapsesAt.entries()) {
    const reached = claims.pre ? claims.rank < (preCursor[i] ?? 0) : claims.joinedAt <= (joinCursor[i] ?? -1);
    if (reached) return endsAt;
  }
  return null;
}
