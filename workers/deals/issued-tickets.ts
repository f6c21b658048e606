import type { TicketClaims } from "./tickets";
import { BoundedMap } from "../platform/bounded-map";

/**
 * Tickets this isolate issued, by deal and shopper, so a shopper who joins again without
 * presenting theirs (a second tab, a reload that lost it) gets the same ticket back rather than a
 * second place: every new ticket is counted as one more shopper waiting, and the admission steps
 * spend slots on that count. Per isolate and bounded; the page also presents the ticket it keeps,
 * which covers joins that reach another isolate.
 */

const MAX_REMEMBERED = 20_000;

const issued = new BoundedMap<string, { ticket: string; claims: TicketClaims }>(MAX_REMEMBERED);

const keyOf = (dealId: string, shopperId: string) => `${dealId}\n${shopperId}`;

/** The ticket this isolate last issued to the shopper for the deal, if it still remembers it. */
export function issuedTicket(dealId: string, shopperId: string): { ticket: string; claims: TicketClaims } | undefined {
  return issued.get(keyOf(dealId, shopperId));
}

/** Remembers a ticket just issued; the oldest remembered goes first once the bound is reached. */
export function rememberIssued(ticket: string, claims: TicketClaims): void {
  issued.set(keyOf(claims.deal, claims.shopper), { ticket, claims });
}
