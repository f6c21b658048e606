import { istDayStart, returnDeadline } from "../orders/return-window";

/**
 * Days after delivery a buyer may rate the order's sellers, counted on the calendar in India as the
 * return window is. Long enough to cover the longest return window and the return that may follow
 * it (a seller's handling of a return is part of its service), short enough that a seller's rating
 * says how it serves buyers now, not a year ago.
 */
export const FEEDBACK_DAYS = 60;

const DAY_MS = 86_400_000;

/** The last moment an order delivered at `deliveredAt` may have its sellers rated. */
export function feedbackDeadline(deliveredAt: string): string {
  return returnDeadline(deliveredAt, FEEDBACK_DAYS);
}

/**
 * The earliest delivery that may still be rated at `now`: an order delivered at or after it is
 * within `feedbackDeadline`. So the write's SQL compares one timestamp, never the calendar.
 */
export function earliestRatableDelivery(now: Date): string {
  return new Date(istDayStart(now.getTime() - FEEDBACK_DAYS * DAY_MS)).toISOString();
}

/** SQL over an order `o`: when it was first delivered (a declined return puts it back to delivered). */
export const FIRST_DELIVERED_AT = `(SELECT MIN(t.at) FROM order_transitions t WHERE t.order_id = o.id AND t.to_status = 'delivered')`;

/**
 * Whether an order's sellers may be rated now: `open` until `until`, `closed` since, or
 * `not_delivered` before the buyer has it.
 */
export type FeedbackWindow = { state: "open" | "closed"; until: string } | { state: "not_delivered"; until: null };

/** The window of an order the buyer `received` (or not), first delivered at `deliveredAt`. */
export function feedbackWindow(received: boolean, deliveredAt: string | null, now: Date): FeedbackWindow {
  if (!received || !deliveredAt) return { state: "not_delivered", until: null };
  const until = feedbackDeadline(deliveredAt);
  return { state: now.getTime() <= Date.parse(until) ? "open" : "closed", until };
}
