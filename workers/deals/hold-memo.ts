import { BoundedMap } from "../platform/bounded-map";
import type { DealHold } from "./hold";

/**
 * The deal holds this isolate has asked the deal's gate for. Every shopper of a deal shares that
 * one gate, so it is asked as little as a shopper's taps allow:
 *
 * - A hold the gate granted is the answer to the same request for a second: a double tap, or a
 *   page retrying a request whose answer it lost, does not reach the gate again.
 * - The first time an admitted shopper asks for a given hold is not charged to any rate limit:
 *   the admission token it needs is its budget, since the waiting room lets shoppers in at the
 *   deal's pace. A per-address budget would refuse shoppers behind one carrier's NAT just as
 *   their turn comes. Asking again is charged, as any request that costs origin work is.
 */

/** How long a granted hold answers a repeat of its request from memory. */
export const HELD_ANSWER_MS = 1_000;
// Per isolate; enough for every shopper a busy deal admits in several minutes.
const MAX_REMEMBERED = 50_000;

const granted = new BoundedMap<string, { hold: DealHold; until: number }>(MAX_REMEMBERED);
const asked = new BoundedMap<string, true>(MAX_REMEMBERED);

/** A hold request as the gate sees it: the same key is the same request. */
export function holdRequestKey(reservationId: string, limitKey: string, qty: number): string {
  return `${reservationId}|${limitKey}|${qty}`;
}

/** The hold the gate granted for this request within the last second, if any. */
export function grantedLately(key: string, now = Date.now()): DealHold | null {
  const g = granted.get(key);
  if (!g) return null;
  if (g.until > now) return g.hold;
  granted.delete(key);
  return null;
}

/** Marks the request asked; true if this isolate had asked the gate for it before. */
export function askedBefore(key: string): boolean {
  const before = asked.has(key);
  asked.set(key, true);
  return before;
}

export function rememberGranted(key: string, hold: DealHold, now = Date.now()): void {
  granted.set(key, { hold, until: now + HELD_ANSWER_MS });
}
