import { edgeAnswer } from "../platform/edge-answer";
import { chargeAnonymousBrowse } from "../platform/rate-limit";
import { queueReply } from "./queue-reply";
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
  const reply = queueReply(answer);
  return edgeAnswer(request, {
    status: 200,
    headers: { ...reply.headers, "content-type": "application/json" },
    body: JSON.stringify(reply.body),
  });
}
