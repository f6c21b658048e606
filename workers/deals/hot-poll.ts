import { edgeAnswer, edgeMayAnswer } from "../platform/edge-answer";
import type { RequestPath } from "../platform/request-path";
import { chargeAnonymousBrowse } from "../platform/rate-limit";
import { TICKET_HEADER, queueReply } from "./queue-reply";
import { DealIdParam } from "./schemas";
import { pollQueue } from "./waiting-room";

const QUEUE_PATH = /^\/api\/deals\/([^/]+)\/queue$/;

/** A poll the edge may answer: the deal and the ticket from its header. */
export interface QueuePoll {
  dealId: string;
  ticket: string;
}

/**
 * The waiting-room poll in `request` (`GET /api/deals/{id}/queue` with the ticket in its header)
 * when the edge may answer it, else null; decided without waiting on anything, so every other
 * request goes to the app at no cost.
 */
export function queuePollIn(request: Request, url: RequestPath, env: Env): QueuePoll | null {
  if (request.method !== "GET") return null;
  const match = QUEUE_PATH.exec(url.pathname);
  const ticket = request.headers.get(TICKET_HEADER);
  // Query parameters are the app's to validate.
  if (!match?.[1] || !ticket || url.search || !edgeMayAnswer(request, env, url.pathname)) return null;
  let dealId: string;
  try {
    dealId = decodeURIComponent(match[1]);
  } catch {
    return null;
  }
  return DealIdParam.safeParse({ id: dealId }).success ? { dealId, ticket } : null;
}

/**
 * Answers a waiting-room poll before the router: the herd's most common request, from the signed
 * ticket and the cached deal state. Null for any poll the waiting room refuses, so the app
 * answers those with its problem details.
 */
export async function answerQueuePoll(request: Request, poll: QueuePoll, env: Env, ctx: ExecutionContext): Promise<Response | null> {
  let reply: ReturnType<typeof queueReply>;
  try {
    const answer = await pollQueue(env, ctx, poll.dealId, poll.ticket);
    // Answers that needed the gate cost origin work, and are charged as the app would charge them.
    if (answer.source === "gate") chargeAnonymousBrowse(env, ctx, request);
    reply = queueReply(answer);
  } catch {
    return null;
  }
  return edgeAnswer(request, {
    status: 200,
    headers: { ...reply.headers, "content-type": "application/json" },
    body: JSON.stringify(reply.body),
  });
}
