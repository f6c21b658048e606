import { parse } from "hono/utils/cookie";
import { GUEST_COOKIE, guestSetCookie, verifyGuestCookie } from "../accounts/guest";
import { readConfig } from "../platform/config";
import { edgeAnswer, edgeMayAnswerBodilessPost } from "../platform/edge-answer";
import { newId } from "../platform/ids";
import { chargeAnonymousBrowse } from "../platform/rate-limit";
import type { RequestPath } from "../platform/request-path";
import { TICKET_HEADER, queueReply } from "./queue-reply";
import { DealIdParam } from "./schemas";
import { joinQueue } from "./waiting-room";

const QUEUE_PATH = /^\/api\/deals\/([^/]+)\/queue$/;

/** A join the edge may answer: the deal and the ticket the shopper already holds, if any. */
export interface QueueJoin {
  dealId: string;
  ticket: string | null;
}

/**
 * The waiting-room join in `request` (`POST /api/deals/{id}/queue` with no body, from a visitor
 * with no session) when the edge may answer it, else null; decided without waiting on anything.
 */
export function queueJoinIn(request: Request, url: RequestPath, env: Env): QueueJoin | null {
  if (request.method !== "POST") return null;
  const match = QUEUE_PATH.exec(url.pathname);
  // Query parameters are the app's to validate.
  if (!match?.[1] || url.search || !edgeMayAnswerBodilessPost(request, env, url.pathname)) return null;
  let dealId: string;
  try {
    dealId = decodeURIComponent(match[1]);
  } catch {
    return null;
  }
  return DealIdParam.safeParse({ id: dealId }).success ? { dealId, ticket: request.headers.get(TICKET_HEADER) } : null;
}

/**
 * Answers a join before the router: on sale day the herd's joins are most of its first minute.
 * The shopper is the guest the cookie names, or a guest minted now whose cookie the answer sets,
 * exactly as the front door would. Null for anything the waiting room refuses (an unknown deal),
 * so the app answers that with its problem details.
 */
export async function answerQueueJoin(request: Request, join: QueueJoin, env: Env, ctx: ExecutionContext): Promise<Response | null> {
  const secret = readConfig(env).SESSION_SECRET;
  const cookie = parse(request.headers.get("cookie") ?? "", GUEST_COOKIE)[GUEST_COOKIE];
  const known = cookie ? await verifyGuestCookie(secret, cookie) : null;
  const guestId = known ?? newId("gst");
  let reply: ReturnType<typeof queueReply>;
  try {
    const answer = await joinQueue(env, ctx, join.dealId, guestId, join.ticket);
    if (answer.source === "gate") chargeAnonymousBrowse(env, ctx, request);
    reply = queueReply(answer);
  } catch {
    return null;
  }
  const res = edgeAnswer(request, {
    status: 200,
    headers: { ...reply.headers, "content-type": "application/json" },
    body: JSON.stringify(reply.body),
  });
  if (res && !known) res.headers.append("set-cookie", await guestSetCookie(secret, guestId));
  return res;
}
