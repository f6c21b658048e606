import type { TimelineEntry } from "./queries";

/** Why a shopper sends an order back, as the return form and the API name it. */
export const RETURN_REASONS = ["damaged", "wrong_item", "not_as_described", "size_fit", "no_longer_needed"] as const;

/** One reason for a return. */
export type ReturnReason = (typeof RETURN_REASONS)[number];

/** Each reason in the words the shopper picks it by, and that ops and the timeline read. */
export const RETURN_REASON_WORDS: Readonly<Record<ReturnReason, string>> = {
  damaged: "Damaged or defective",
  wrong_item: "Wrong item delivered",
  not_as_described: "Not as described",
  size_fit: "Size or fit not right",
  no_longer_needed: "No longer needed",
};

/** The longest note a shopper may add to a return. */
export const RETURN_NOTE_MAX = 500;

/**
 * What the transition log records for a return request: the reason in words, then the shopper's
 * note. The log is the one record of the request, written in the same batch as the status change,
 * so the request and its reason can never be apart.
 */
export function requestWords(reason: ReturnReason, note: string | null | undefined): string {
  return note ? `${RETURN_REASON_WORDS[reason]}: ${note}` : RETURN_REASON_WORDS[reason];
}

/** Reads `requestWords` back; null for words it did not write. */
export function parseRequestWords(text: string): { reason: ReturnReason; note: string | null } | null {
  for (const reason of RETURN_REASONS) {
    const words = RETURN_REASON_WORDS[reason];
    if (text === words) return { reason, note: null };
    if (text.startsWith(`${words}: `)) return { reason, note: text.slice(words.length + 2) };
  }
  return null;
}

/** An order's latest return request and what became of it. */
export interface ReturnRequestView {
  reason: ReturnReason;
  note: string | null;
  requested_at: string;
  outcome: "pending" | "accepted" | "declined";
  decided_at: string | null;
  /** Why ops declined it, as the shopper is told; null unless declined. */
  decline_reason: string | null;
}

/** The latest return request in a timeline (oldest first), or null when the shopper never asked. */
export function returnRequestOf(timeline: readonly TimelineEntry[]): ReturnRequestView | null {
  const at = timeline.findLastIndex((t) => t.to === "return_requested");
  const asked = timeline[at];
  const parsed = asked ? parseRequestWords(asked.reason) : null;
  if (!asked || !parsed) return null;
  const decision = timeline.slice(at + 1).find((t) => t.from === "return_requested");
  return {
    ...parsed,
    requested_at: asked.at,
    outcome: !decision ? "pending" : decision.to === "refunded" ? "accepted" : "declined",
    decided_at: decision?.at ?? null,
    decline_reason: decision?.to === "delivered" ? decision.reason : null,
  };
}

/** When the order was first delivered: the window counts from there, not from a declined return. */
export function firstDeliveredAt(timeline: readonly TimelineEntry[]): string | null {
  return timeline.find((t) => t.to === "delivered")?.at ?? null;
}
