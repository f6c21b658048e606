import { edgeHeaders, edgeRespond } from "../platform/edge-answer";
import { chargeAnonymousBrowse } from "../platform/rate-limit";
import { QUEUE_ANSWER_HEADERS, queueBody, queueTrace } from "./queue-reply";
import { DealIdParam } from "./schemas";
import type { QueueAnswer } from "./waiting-room";

/** What the waiting room's joins and polls answered before the router share. */

const QUEUE_PATH = /^\/api\/deals\/([^/]+)\/queue$/;

/** The deal of a `/api/deals/{id}/queue` path, when the id is well formed; else null (the app's to refuse). */
export function queuePathDealId(pathname: string): string | null {
  const match = QUEUE_PATH.exec(pathname);
  if (!match?.[1]) return null;
  let dealId: string;
  try {
    dealId = decodeURIComponent(match[1]);
  } catch {
    return null;
  }
  return DealIdParam.safeParse({ id: dealId }).success ? dealId : null;
}

/**
 * A waiting-room answer as the app would send it, with the front door's headers. Answers that
 * needed the gate cost origin work, and are charged to the browse limit as the app charges them.
 */
export function queueAnswerAtEdge(request: Request, answer: QueueAnswer, env: Env, ctx: ExecutionContext): Response | null {
  if (answer.source === "gate") chargeAnonymousBrowse(env, ctx, request);
  answerHeaders ??= edgeHeaders({ ...QUEUE_ANSWER_HEADERS, "content-type": "application/json" });
  if (!answerHeaders) return null;
  return edgeRespond(request, 200, answerHeaders, JSON.stringify(queueBody(answer)), queueTrace(answer));
}

// The front door's headers with those every waiting-room answer carries, put together once per
// isolate: the herd's answers then differ only in their trace headers and request id.
let answerHeaders: Headers | null = null;
