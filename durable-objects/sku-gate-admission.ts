import { SETTLE_MS, admissionStep, fileReport } from "../workers/deals/admission";
import type { DealState, EdgeJoinReport, GateStatus, LineAhead } from "../workers/deals/gate-types";
import { type GateCall, reloadDeal } from "./sku-gate-call";
import type { DealRow } from "./sku-gate-schema";
import { addPreJoins, preCursorAt, preWaitingRanks } from "./sku-gate-pre-queue";
import { activeSlots, bookAdmitted, bookLate, sessionClock, sessionsOf } from "./sku-gate-sessions";

/**
 * The SkuGate's waiting-room side: one admission step over the join counts edge isolates
 * reported, and the small deal state they cache. Plain functions over the gate's SQLite, called
 * from the gate's methods, so they run inside its single-threaded, atomic calls.
 */

/**
 * The edge's once-a-second step: adds the joins an isolate counted, runs an admission step while
 * the deal sells, and answers with the deal state the isolate caches.
 */
export function syncEdge(call: GateCall, report: EdgeJoinReport): DealState {
  const { sql, now } = call;
  recordJoins(sql, call.deal, report, now);
  reloadDeal(call);
  const d = call.deal;
  if (!d.paused && !d.ended && now < d.ends_at && remainingOf(d) > 0) {
    runAdmission(sql, d, now);
    reloadDeal(call);
  }
  return dealStateOf(sql, call.deal, now);
}

/** Units neither sold, held nor returned. */
export function remainingOf(d: DealRow): number {
  return d.units - d.held - d.sold - d.returned;
}

/**
 * Adds an isolate's join counts. Joins reported for a second the join cursor has already passed
 * were let in by the cursor without the admission limits, so they are booked as admitted: they
 * hold slots in the group that let them in and spend credit, and the next shoppers wait for them.
 */
function recordJoins(sql: SqlStorage, d: DealRow, report: EdgeJoinReport, now: number): void {
  const filed = fileReport(report, { now, startsAt: d.starts_at, joinCursor: d.join_cursor });
  if (filed.preJoins > 0) addPreJoins(sql, filed.preJoins, report.preRanks);
  // Pre-queue joins reported once the pre-queue had opened wait in the line instead, yet their
  // shoppers joined before the opening, which is how the deal's results must count them.
  const preInLine = report.preJoins - filed.preJoins;
  if (preInLine > 0) sql.exec("UPDATE deal SET pre_late = pre_late + ? WHERE id = 1", preInLine);
  for (const [sec, n] of filed.joins) {
    sql.exec("INSERT INTO arrivals (sec, count) VALUES (?, ?) ON CONFLICT (sec) DO UPDATE SET count = count + excluded.count", sec, n);
  }
  let late = 0;
  for (const [sec, n] of filed.late) {
    sql.exec(
      "INSERT INTO arrivals (sec, count, admitted) VALUES (?1, ?2, ?2) ON CONFLICT (sec) DO UPDATE SET count = count + ?2, admitted = admitted + ?2",
      sec,
      n,
    );
    bookLate(sql, sec, n, sessionClock(d, now));
    late += n;
  }
  if (late > 0) sql.exec("UPDATE deal SET credit = credit - ? WHERE id = 1", late);
}

/** Runs one admission step and records who it admitted. */
function runAdmission(sql: SqlStorage, d: DealRow, now: number): void {
  // Seconds behind the cursor's own are fully admitted; starting there skips their rows.
  const pending = sql
    .exec<{ sec: number; count: number; admitted: number }>(
      "SELECT sec, count, admitted FROM arrivals WHERE sec >= ? AND admitted < count ORDER BY sec LIMIT 600",
      Math.floor(d.join_cursor / 1000),
    )
    .toArray();
  const step = admissionStep({
    now,
    startsAt: d.starts_at,
    lastTick: d.last_tick,
    credit: d.credit,
    preCount: d.pre_count,
    preAdmitted: d.pre_admitted,
    pending,
    joinCursor: d.join_cursor,
    active: activeSlots(sql, now),
    activeUsers: d.active_users,
    newUsersPerMinute: d.new_per_minute,
  });
  sql.exec(
    "UPDATE deal SET credit = ?, pre_admitted = ?, join_cursor = ?, last_tick = ? WHERE id = 1",
    step.credit,
    step.preAdmitted,
    step.joinCursor,
    now,
  );
  for (const b of step.touched) sql.exec("UPDATE arrivals SET admitted = ? WHERE sec = ?", b.admitted, b.sec);
  if (step.admitted > 0) bookAdmitted(sql, d, now, step.admitted, step);
}

// The summary of the line ships to every isolate each second: it covers at most ten minutes of
// joins past the cursor (which also bounds the rows read per sync) in at most 20 running totals.
const AHEAD_WINDOW_S = 600;
const AHEAD_POINTS = 20;

/**
 * Post-start joins still waiting, as running totals from the join cursor (or the start), and
 * the join rate to assume past them: the window's own average when the line is longer than the
 * window, else the last ten seconds' rate (only joins not reported yet lie past the totals then).
 */
function lineAhead(sql: SqlStorage, d: DealRow, now: number): { ahead: LineAhead; arrivalsPerSecond: number } {
  const from = Math.max(d.join_cursor, d.starts_at);
  const first = Math.floor(from / 1000);
  const upTo = Math.floor(now / 1000) + 1;
  const end = Math.min(upTo, first + AHEAD_WINDOW_S);
  const span = Math.max(0, end - first);
  const step = Math.max(1, Math.ceil(span / AHEAD_POINTS));
  const counts = new Array<number>(Math.ceil(span / step)).fill(0);
  const rows = sql
    .exec<{ i: number; n: number }>(
      // Bound numbers arrive as REAL, so the division must be made whole here or each point
      // would gather a single second.
      "SELECT CAST((sec - ?1) / ?2 AS INTEGER) AS i, SUM(count - admitted) AS n FROM arrivals WHERE sec >= ?1 AND sec < ?3 AND admitted < count GROUP BY i",
      first,
      step,
      end,
    )
    .toArray();
  for (const r of rows) counts[r.i] = r.n;
  for (let i = 1; i < counts.length; i++) counts[i] = (counts[i] as number) + (counts[i - 1] as number);
  if (end < upTo) return { ahead: { from, step, counts }, arrivalsPerSecond: (counts.at(-1) ?? 0) / AHEAD_WINDOW_S };
  const recent = sql
    .exec<{ n: number }>("SELECT COALESCE(SUM(count), 0) AS n FROM arrivals WHERE sec >= ?", Math.floor(now / 1000) - 10)
    .one().n;
  return { ahead: { from, step, counts }, arrivalsPerSecond: recent / 10 };
}

/** The deal state edge isolates cache for a second. */
function dealStateOf(sql: SqlStorage, d: DealRow, now: number): DealState {
  const { ahead, arrivalsPerSecond } = lineAhead(sql, d, now);
  return {
    dealId: d.deal_id,
    status: statusOf(d, now),
    startsAt: d.starts_at,
    endsAt: d.ends_at,
    remaining: remainingOf(d),
    preCount: d.pre_count,
    // Until the pre-queue opens its size may still grow, and nobody in it is admitted (or told a place).
    preCursor: now < d.starts_at + SETTLE_MS ? 0 : preCursorAt(sql, d, d.pre_admitted),
    ...(now < d.starts_at + SETTLE_MS ? {} : { preWaiting: preWaitingRanks(sql, d, d.pre_admitted) }),
    joinCursor: d.join_cursor,
    ahead,
    arrivalsPerSecond,
    // Past the first active_users admissions, a slot frees only when a session ends (or a
    // checkout completes, which cannot be counted on), so that rate may be the lower one.
    admitsPerSecond: Math.min(d.new_per_minute / 60, d.active_users / (d.session_ms / 1000)),
    sessions: sessionsOf(sql, d, sessionClock(d, now)),
    pausedAt: d.paused_at,
    at: now,
  };
}

/** The deal's lifecycle as the waiting room and console see it. */
export function statusOf(d: DealRow, now: number): GateStatus {
  if (d.ended) return d.sold_out ? "sold_out" : "ended";
  if (now >= d.ends_at) return "ended";
  // Sold out means sold: while units are only held, unpaid holds may still come back.
  if (d.sold + d.returned >= d.units) return "sold_out";
  if (d.paused) return "paused";
  return now < d.starts_at ? "scheduled" : "live";
}
