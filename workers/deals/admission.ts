import type { EdgeJoinReport } from "./gate-types";

/**
 * The waiting room's admission arithmetic, kept free of storage so it can be tested directly.
 *
 * The gate never sees individual waiting shoppers: edge isolates report how many joined (the
 * pre-queue as one count, later joins per second), and the gate moves two cursors over those
 * counts. The pre-queue is admitted in the random rank order fixed in each ticket, then later
 * joins first come, first served by join time. Each step admits at most what
 * `new_users_per_minute` has accrued since the last step and what `active_users` leaves room for.
 */

/**
 * How long a second's join count may still grow. Isolates report joins up to about two seconds
 * after they count them, and a cursor that has passed a second admits every ticket of it, counted
 * or not; so the cursors only pass seconds (and the pre-queue only starts) once reports have settled.
 */
export const SETTLE_MS = 3_000;

/** Post-start joins in one second and how many of them are admitted. */
export interface ArrivalBucket {
  sec: number;
  count: number;
  admitted: number;
}

/** Everything one admission step reads. */
export interface AdmissionInput {
  now: number;
  startsAt: number;
  lastTick: number;
  credit: number;
  preCount: number;
  preAdmitted: number;
  /** Buckets not yet fully admitted, oldest first. */
  pending: ArrivalBucket[];
  joinCursor: number;
  active: number;
  activeUsers: number;
  newUsersPerMinute: number;
}

/** What one admission step decided. */
export interface AdmissionStep {
  admitted: number;
  credit: number;
  preAdmitted: number;
  /** Buckets whose admitted count changed. */
  touched: ArrivalBucket[];
  joinCursor: number;
}

// A quiet spell must not bank a burst larger than a few seconds' worth of admissions.
const MAX_STEP_MS = 5_000;

/** Runs one admission step; pure, so replaying the same input gives the same answer. */
export function admissionStep(input: AdmissionInput): AdmissionStep {
  const unchanged: AdmissionStep = {
    admitted: 0,
    credit: input.credit,
    preAdmitted: input.preAdmitted,
    touched: [],
    joinCursor: input.joinCursor,
  };
  const opens = input.startsAt + SETTLE_MS;
  if (input.now < opens) return { ...unchanged, credit: 0 };
  const since = Math.max(input.lastTick, opens);
  const elapsed = Math.min(Math.max(0, input.now - since), MAX_STEP_MS);
  const perMs = input.newUsersPerMinute / 60_000;
  const cap = Math.max(1, perMs * MAX_STEP_MS);
  const credit = Math.min(input.credit + elapsed * perMs, cap);
  // Credit is negative after late joins were booked: they were let in without it.
  let budget = Math.max(0, Math.min(Math.floor(credit), input.activeUsers - input.active));
  let admitted = 0;

  const fromPre = Math.min(budget, Math.max(0, input.preCount - input.preAdmitted));
  admitted += fromPre;
  budget -= fromPre;

  const touched: ArrivalBucket[] = [];
  let joinCursor = input.joinCursor;
  for (const b of input.pending) {
    if (budget <= 0 || !settled(b.sec, input.now)) break;
    const take = Math.min(budget, b.count - b.admitted);
    if (take <= 0) continue;
    const next = { ...b, admitted: b.admitted + take };
    touched.push(next);
    admitted += take;
    budget -= take;
    // Joins within a second are spread evenly enough that a proportional cursor is fair.
    const within = next.admitted >= next.count ? 999 : Math.floor((999 * next.admitted) / next.count);
    joinCursor = Math.max(joinCursor, next.sec * 1000 + within);
  }
  return { admitted, credit: credit - admitted, preAdmitted: input.preAdmitted + fromPre, touched, joinCursor };
}

/** Whether a join second's count can no longer grow, so the join cursor may pass it. */
function settled(sec: number, now: number): boolean {
  return (sec + 1) * 1000 + SETTLE_MS <= now;
}

/** An isolate's join report, sorted by what the gate does with each count. */
export interface FiledReport {
  /** Joins that grow the pre-queue. */
  preJoins: number;
  /** [second, joins] still ahead of the join cursor. */
  joins: Array<[number, number]>;
  /** [second, joins] for seconds the cursor has already passed: those tickets already read as admitted. */
  late: Array<[number, number]>;
}

/**
 * Sorts a report. Once the pre-queue has opened, a pre-join reported late joins the line at the
 * start second instead: growing the pre-queue would lower its admitted fraction and send shoppers
 * already shown "admitted" back to waiting.
 */
export function fileReport(report: EdgeJoinReport, at: { now: number; startsAt: number; joinCursor: number }): FiledReport {
  const growsPreQueue = at.now < at.startsAt + SETTLE_MS;
  const joins = [...report.joins];
  if (report.preJoins > 0 && !growsPreQueue) joins.push([Math.floor(at.startsAt / 1000), report.preJoins]);
  const filed: FiledReport = { preJoins: growsPreQueue ? report.preJoins : 0, joins: [], late: [] };
  for (const entry of joins) (entry[0] * 1000 + 999 <= at.joinCursor ? filed.late : filed.joins).push(entry);
  return filed;
}

/** The fraction of the pre-queue admitted so far; 1 when nobody joined before the start. */
export function preCursor(preCount: number, preAdmitted: number): number {
  return preCount <= 0 ? 1 : Math.min(1, preAdmitted / preCount);
}
