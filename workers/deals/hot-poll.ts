import { edgeMayAnswer } from "../platform/edge-answer";
import type { RequestPath } from "../platform/request-path";
import { queueAnswerAtEdge, queuePathDealId } from "./edge-queue";
import { TICKET_HEADER } from "./queue-reply";
import { ticketHeaderValid } from "./schemas";
import { type QueueAnswer, pollQueue } from "./waiting-room";

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
  const ticket = request.headers.get(TICKET_HEADER);
  // Query parameters are the app's to validate.
  if (!ticket || url.search || !ticketHeaderValid(ticket)) return null;
  const dealId = queuePathDealId(url.pathname);
  return dealId && edgeMayAnswer(request, env, url.pathname) ? { dealId, ticket } : null;
}

/**
 * Answers a waiting-room poll before the router: the herd's most common request, from the signed
 * ticket and the cached deal state. Null for any poll the waiting room refuses, so the app
 * answers those with its problem details.
 */
export async function answerQueuePoll(request: Request, poll: QueuePoll, env: Env, ctx: ExecutionContext): Promise<Response | null> {
  let answer: QueueAnswer;
  try {
    answer = await pollQueue(env, ctx, poll.dealId, poll.ticket);
  } catch {
    return null;
  }
  return queueAnswerAtEdge(request, answer, env, ctx);
}
