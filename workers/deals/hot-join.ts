import { parse } from "hono/utils/cookie";
import { GUEST_COOKIE, guestSetCookie, verifyGuestCookie } from "../accounts/guest";
import { readConfig } from "../platform/config";
import { edgeMayAnswerBodilessPost } from "../platform/edge-answer";
import { newId } from "../platform/ids";
import type { RequestPath } from "../platform/request-path";
import { queueAnswerAtEdge, queuePathDealId } from "./edge-queue";
import { TICKET_HEADER } from "./queue-reply";
import { ticketHeaderValid } from "./schemas";
import { type QueueAnswer, joinQueue } from "./waiting-room";

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
  // Query parameters are the app's to validate.
  if (request.method !== "POST" || url.search) return null;
  const dealId = queuePathDealId(url.pathname);
  const ticket = request.headers.get(TICKET_HEADER);
  // A ticket the router refuses is refused there, not answered here with a new one.
  if (!ticketHeaderValid(ticket)) return null;
  return dealId && edgeMayAnswerBodilessPost(request, env, url.pathname) ? { dealId, ticket } : null;
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
  let answer: QueueAnswer;
  try {
    answer = await joinQueue(env, ctx, join.dealId, guestId, join.ticket);
  } catch {
    return null;
  }
  const res = queueAnswerAtEdge(request, answer, env, ctx);
  if (res && !known) res.headers.append("set-cookie", await guestSetCookie(secret, guestId));
  return res;
}
