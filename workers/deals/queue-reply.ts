import { gateCallCount } from "./edge-state";
import type { QueueAnswer } from "./waiting-room";

/** The header a waiting-room ticket travels in (or the `ticket` query parameter). */
export const TICKET_HEADER = "x-waiting-room-ticket";

/** The headers every waiting-room answer carries: a place in line is one shopper's, never cached. */
export const QUEUE_ANSWER_HEADERS = { "cache-control": "no-store" } as const;

/**
 * The headers that vary by answer: the state source and this isolate's running count of SkuGate
 * calls (join reports included), which let load tests measure how often the herd reached the
 * Durable Object.
 */
export function queueTrace(a: QueueAnswer): Record<string, string> {
  return { "x-deal-state": a.source, "x-deal-gate-calls": String(gateCallCount()) };
}

/** A waiting-room answer's JSON body, as the API sends it. */
export function queueBody(a: QueueAnswer) {
  return {
    ticket: a.ticket,
    status: a.status,
    position: a.position,
    eta_seconds: a.etaSeconds,
    all_held: a.allHeld,
    paused: a.paused,
    starts_at: a.startsAt,
    ...(a.admissionToken ? { admission_token: a.admissionToken, admission_expires_at: a.admissionExpiresAt } : {}),
  };
}

/** A waiting-room answer as the API sends it: its headers and JSON body. */
export function queueReply(a: QueueAnswer) {
  return { headers: { ...queueTrace(a), ...QUEUE_ANSWER_HEADERS }, body: queueBody(a) };
}
