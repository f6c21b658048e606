import { gateCallCount } from "./edge-state";
import type { QueueAnswer } from "./waiting-room";

/** The header a waiting-room ticket travels in (or the `ticket` query parameter). */
export const TICKET_HEADER = "x-waiting-room-ticket";

/** A waiting-room answer as the API sends it: its headers and JSON body. */
export function queueReply(a: QueueAnswer) {
  return {
    headers: {
      // The state source and this isolate's running count of SkuGate calls (join reports included)
      // let load tests measure how often the herd reached the Durable Object.
      "x-deal-state": a.source,
      "x-deal-gate-calls": String(gateCallCount()),
      "cache-control": "no-store",
    },
    body: {
      ticket: a.ticket,
      status: a.status,
      position: a.position,
      eta_seconds: a.etaSeconds,
      paused: a.paused,
      starts_at: a.startsAt,
      ...(a.admissionToken ? { admission_token: a.admissionToken, admission_expires_at: a.admissionExpiresAt } : {}),
    },
  };
}
