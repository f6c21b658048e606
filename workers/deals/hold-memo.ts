import { BoundedMap } from "../platform/bounded-map";
import type { ReserveRefusal } from "./gate-types";
import type { DealHold } from "./hold";

/**
 * The deal holds this isolate has asked the deal's gate for. Every shopper of a deal shares that
 * one gate, so it is asked as little as a shopper's taps allow:
 *
 * - The gate's answer to a hold request, granted or refused, is the answer to the same request
 *   for a second: a double tap, or a page retrying at once, does not reach the gate again. So one
 *   admitted shopper reaches the gate at most once a second per isolate, however fast they ask.
 * - Until the gate has granted a hold, asking for it is not charged to any rate limit: the
 *   admission token it needs is its budget, since the waiting room lets shoppers in at the deal's
 *   pace, and a shopper told "every unit is held, try again" must be able to. A per-address budget
 *   would refuse shoppers behind one carrier's NAT just as their turn comes. Asking again for a
 *   hold already granted is charged, as any request that costs origin work is.
 */

/** How long the gate's answer to a hold request answers a repeat of it from memory. */
export const HELD_ANSWER_MS = 1_000;
// Per isolate; enough for every shopper a busy deal admits in several minutes.
const MAX_REMEMBERED = 50_000;

type Answer = { hold: DealHold } | { refused: ReserveRefusal };

const answers = new BoundedMap<string, Answer & { until: number }>(MAX_REMEMBERED);
const granted = new BoundedMap<string, true>(MAX_REMEMBERED);

/** A hold request as the gate sees it: the same key is the same request. */
export function holdRequestKey(reservationId: string, limitKey: string, qty: number): string {
  return `${reservationId}|${limitKey}|${qty}`;
}

/** The gate's answer to this request within the last second, if any. */
export function answeredLately(key: string, now = Date.now()): Answer | null {
  const a = answers.get(key);
  if (!a) return null;
  if (a.until > now) return a;
  answers.delete(key);
  return null;
}

/** Whether the gate has granted this request before, here: asking for it again is charged. */
export function grantedBefore(key: string): boolean {
  return granted.has(key);
}

export function rememberAnswer(key: string, answer: Answer, now = Date.now()): void {
  answers.set(key, { ...answer, until: now + HELD_ANSWER_MS });
  if ("hold" in answer) granted.set(key, true);
}
