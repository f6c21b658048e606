import { AppError } from "../platform/errors";
import { readConfig } from "../platform/config";
import { type StateSource, type WaitUntil, countJoin, dealState } from "./edge-state";
import type { DealState } from "./gate-types";
import { issuedTicket, rememberIssued } from "./issued-tickets";
import { etaSeconds, positionOf } from "./place-in-line";
import { admittingGroup, groupEnd } from "./session-end";
import { type TicketClaims, preQueueRank, readTicket, signAdmission, signTicket } from "./tickets";

/**
 * The waiting room, answered at the edge: joins and polls read the cached deal state and the
 * shopper's signed ticket, and never call the SkuGate themselves.
 */

/** A waiting-room answer before rendering. */
export interface QueueAnswer {
  ticket: string;
  status: "waiting" | "admitted" | "expired" | "sold_out" | "ended";
  position: number | null;
  etaSeconds: number | null;
  /** Every unit not sold is held by shoppers checking out, so nobody more is let in until one comes back. */
  allHeld: boolean;
  paused: boolean;
  startsAt: string;
  admissionToken?: string;
  admissionExpiresAt?: string;
  source: StateSource;
}

// Deals known to exist and be set up, per isolate, so unknown ids cost a D1 read at most every few seconds.
const known = new Map<string, { ok: boolean; at: number }>();
const UNKNOWN_TTL_MS = 5_000;

async function requireOpenDeal(db: D1Database, dealId: string): Promise<void> {
  const memo = known.get(dealId);
  if (memo && (memo.ok || Date.now() - memo.at < UNKNOWN_TTL_MS)) {
    if (!memo.ok) throw new AppError("not_found", `No deal ${dealId}.`);
    return;
  }
  const row = await db.prepare("SELECT status FROM deals WHERE id = ?").bind(dealId).first<{ status: string }>();
  const ok = !!row && row.status !== "setting_up";
  if (known.size > 10_000) known.clear();
  known.set(dealId, { ok, at: Date.now() });
  if (!ok) throw new AppError("not_found", `No deal ${dealId}.`);
}

/**
 * Joins a shopper to a deal's waiting room. A shopper who already holds a valid ticket for this
 * deal gets it back unchanged, so re-joining never improves (or loses) a place in line, nor
 * counts them twice; so does one who joins again without it, when this isolate issued it.
 */
export async function joinQueue(
  env: Env,
  ctx: WaitUntil,
  dealId: string,
  shopperId: string,
  presented: string | null,
): Promise<QueueAnswer> {
  await requireOpenDeal(env.DB, dealId);
  const secret = readConfig(env).TICKET_SECRET;
  const existing = presented ? await readTicket(secret, presented) : null;
  const { state, source } = await dealState(env, ctx, dealId);
  if (existing && existing.deal === dealId && existing.shopper === shopperId && presented) {
    return answerFor(secret, presented, existing, state, source);
  }
  const earlier = issuedTicket(dealId, shopperId);
  if (earlier) {
    const answer = await answerFor(secret, earlier.ticket, earlier.claims, state, source);
    // A turn that lapsed unused is over: joining again is a new place, at the back.
    if (answer.status !== "expired") return answer;
  }
  const now = Date.now();
  const pre = now < state.startsAt;
  const claims: Omit<TicketClaims, "typ"> = {
    deal: dealId,
    shopper: shopperId,
    joinedAt: now,
    pre,
    // After the start the line is first come, first served, and the rank is never read: the
    // signature it would cost is saved on every join of the herd that arrives once the deal is live.
    rank: pre ? await preQueueRank(secret, dealId, shopperId) : 0,
  };
  const ticket = await signTicket(secret, claims);
  // Nobody needs a place in line once the deal is over.
  if (state.status !== "ended" && state.status !== "sold_out") {
    countJoin(env, ctx, dealId, { pre: claims.pre, rank: claims.rank, at: now });
    rememberIssued(ticket, { typ: "wr-ticket", ...claims });
  }
  return answerFor(secret, ticket, { typ: "wr-ticket", ...claims }, state, source);
}

/** Answers a poll from a ticket holder; a forged, altered or foreign ticket is refused. */
export async function pollQueue(env: Env, ctx: WaitUntil, dealId: string, ticket: string | null): Promise<QueueAnswer> {
  if (!ticket)
    throw new AppError("validation_failed", "A waiting-room ticket is required.", { errors: [{ path: "ticket", message: "required" }] });
  const secret = readConfig(env).TICKET_SECRET;
  const claims = await readTicket(secret, ticket);
  if (!claims) throw new AppError("invalid_signature", "This waiting-room ticket is not valid.");
  if (claims.deal !== dealId) throw new AppError("forbidden", "This ticket is for another deal.");
  await requireOpenDeal(env.DB, dealId);
  const { state, source } = await dealState(env, ctx, dealId);
  return answerFor(secret, ticket, claims, state, source);
}

/** Whether the admission cursors have reached this ticket. */
export function isAdmitted(claims: TicketClaims, state: DealState): boolean {
  return claims.pre ? claims.rank < state.preCursor : claims.joinedAt <= state.joinCursor;
}

async function answerFor(
  secret: string,
  ticket: string,
  claims: TicketClaims,
  state: DealState,
  source: StateSource,
): Promise<QueueAnswer> {
  const base = {
    ticket,
    startsAt: new Date(state.startsAt).toISOString(),
    paused: state.status === "paused",
    // The gate lets nobody in while no unit is free (sku-gate-admission.ts), so a shopper at the
    // front of the line is told why they wait rather than that their turn is coming.
    allHeld: state.status === "live" && state.remaining <= 0,
    source,
  };
  if (state.status === "ended") return { ...base, status: "ended", position: null, etaSeconds: null };
  if (state.status === "sold_out") return { ...base, status: "sold_out", position: null, etaSeconds: null };
  const now = Date.now();
  const group = isAdmitted(claims, state) ? admittingGroup(claims, state) : -1;
  const sessionEndsAt = groupEnd(state, group, now);
  // A lapsed session has given its slot to someone else; the shopper can join again, at the back.
  if (sessionEndsAt !== null && sessionEndsAt <= now) return { ...base, status: "expired", position: null, etaSeconds: null };
  if (state.status === "live" && sessionEndsAt !== null) {
    return {
      ...base,
      status: "admitted",
      position: 0,
      etaSeconds: 0,
      // A state cached by an earlier version names no groups: its token ends at its expiry, as before.
      admissionToken: await signAdmission(secret, claims.deal, claims.shopper, sessionEndsAt, state.sessions.startedAt?.[group]),
      admissionExpiresAt: new Date(sessionEndsAt).toISOString(),
    };
  }
  // Before the start a place would follow from the shopper's random pre-queue rank, which a guest
  // could re-roll with a new guest id until it looked good; none is shown until the deal opens.
  if (now < state.startsAt) return { ...base, status: "waiting", position: null, etaSeconds: null };
  const position = positionOf(claims, state);
  return { ...base, status: "waiting", position, etaSeconds: state.status === "paused" ? null : etaSeconds(position, state, now) };
}
