import { edgeAnswer, edgeMayAnswer } from "../platform/edge-answer";
import { chargeAnonymousBrowse } from "../platform/rate-limit";
import { TICKET_HEADER, queueReply } from "./queue-reply";
import { DealIdParam } from "./schemas";
import { pollQueue } from "./waiting-room";

const QUEUE_PATH = /^\/api\/deals\/([^/]+)\/queue$/;

/**
 * A waiting-room poll (`GET /api/deals/{id}/queue` with the ticket in its header) answered before
 * the router: the herd's most common request, answered from the signed ticket and the cached deal
 * state. Null for anything else, and for any poll the waiting room refuses, so the app answers
 * those with its problem details.
 */
export async function answerQueuePoll(request: Request, env: Env, ctx: ExecutionContext): Promise<Response | null> {
  if (request.method !== "GET") return null;
  const url = new URL(request.url);
  const match = QUEUE_PATH.exec(url.pathname);
  const ticket = request.headers.get(TICKET_HEADER);
  // Query parameters are the app's to validate.
  if (!match?.[1] || !ticket || url.search || !edgeMayAnswer(request, env, url.pathname)) return null;
  let id: string;
  try {
    id = decodeURIComponent(match[1]);
  } catch {
    return null;
  }
  if (!DealIdParam.safeParse({ id }).success) return null;
  let reply: ReturnType<typeof queueReply>;
  try {
    const answer = await pollQueue(env, ctx, id, ticket);
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
