import type { AdmissionSessions } from "../workers/deals/gate-types";
import { preCursorAt } from "./sku-gate-pre-queue";
import type { DealRow } from "./sku-gate-schema";

/**
 * The SkuGate's admission sessions. Shoppers admitted in the same stretch of time (a twelfth of
 * the session) form a group whose slots lapse together, a session after the stretch ends. Each
 * group records how far the cursors had moved by then, so the edge can tell from a ticket alone
 * which group admitted it and when its session ends, and a poll can never extend it. A pause of
 * the deal stops the sessions' clock: nothing lapses while it lasts, and resuming extends every
 * session still open when it began by its length (see sku-gate-clock.ts).
 */

// The deal state carries every group not yet lapsed, so their number stays small; a shopper's
// session is then up to a twelfth longer than the setting, never shorter.
const GROUPS_PER_SESSION = 12;

function groupWidth(d: DealRow): number {
  return Math.max(1_000, Math.ceil(d.session_ms / GROUPS_PER_SESSION));
}

/** What the sessions' clock reads at `now`: while the deal is paused, the moment the pause began. */
export function sessionClock(d: DealRow, now: number): number {
  return d.paused_at ?? now;
}

/** Books `n` admissions in the current group, which now reaches the cursors given. */
export function bookAdmitted(
  sql: SqlStorage,
  d: DealRow,
  now: number,
  n: number,
  reached: { preAdmitted: number; joinCursor: number },
): void {
  const width = groupWidth(d);
  const at = Math.max(Math.floor(now / width) * width, groupsFrom(sql));
  sql.exec(
    `INSERT INTO admissions (at, count, admitted, lapses_at, pre_to, join_to) VALUES (?1, ?2, ?2, ?3, ?4, ?5)
     ON CONFLICT (at) DO UPDATE SET count = count + ?2, admitted = admitted + ?2, pre_to = MAX(pre_to, ?4), join_to = MAX(join_to, ?5)`,
    at,
    n,
    at + width + d.session_ms,
    reached.preAdmitted,
    reached.joinCursor,
  );
}

// The `meta` key holding the earliest name (`at`) the next admission group may take.
const GROUPS_FROM = "groups_from";

function groupsFrom(sql: SqlStorage): number {
  return sql.exec<{ value: number }>("SELECT value FROM meta WHERE key = ?", GROUPS_FROM).toArray()[0]?.value ?? 0;
}

/**
 * Makes the next admission start a group of its own, after every group so far, for a session
 * length that just changed. Groups are named by a multiple of their width, which the session
 * length sets; without this, admissions under the new length could join a group made under the
 * old one (and keep its lapse), or take a name before a later group's, where the edge, which reads
 * a ticket's session from the first group in order that reached it, would give them the wrong one.
 * Sessions already under way keep the end they were given.
 */
export function startNewGroups(sql: SqlStorage, now: number): void {
  const latest = sql.exec<{ at: number | null }>("SELECT MAX(at) AS at FROM admissions").one().at;
  sql.exec(
    "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    GROUPS_FROM,
    latest === null ? now : Math.max(now, latest + 1),
  );
}

/**
 * Books joins reported after the cursor passed their second in the group the edge reads them as
 * admitted in: the first that reached the end of that second. If it has lapsed by `clock` (the
 * sessions' clock), those shoppers' sessions are already over and they hold no slot.
 */
export function bookLate(sql: SqlStorage, sec: number, n: number, clock: number): void {
  sql.exec(
    `UPDATE admissions SET count = count + ?1, admitted = admitted + ?1
     WHERE at = (SELECT at FROM admissions WHERE join_to >= ?2 ORDER BY at LIMIT 1) AND lapses_at > ?3`,
    n,
    sec * 1000 + 999,
    clock,
  );
}

/** Admitted shoppers whose session has not lapsed by `clock` (the sessions' clock) and who have not checked out. */
export function activeSlots(sql: SqlStorage, clock: number): number {
  return sql.exec<{ n: number }>("SELECT COALESCE(SUM(count), 0) AS n FROM admissions WHERE lapses_at > ?", clock).one().n;
}

/**
 * Frees the slot of a shopper who checked out, in the group whose session they were admitted in,
 * while it is open at `clock` (the sessions' clock): a session that has lapsed already gave its
 * slot back, and freeing another group's slot would let one shopper too many in. Groups that lapse
 * at the same moment (one a pause extended, one admitted after it) are one pool of slots. Nothing
 * is freed when the session is not known.
 */
export function freeSlot(sql: SqlStorage, sessionEndsAt: number | null, clock: number): void {
  if (sessionEndsAt === null || sessionEndsAt <= clock) return;
  sql.exec(
    "UPDATE admissions SET count = count - 1 WHERE at = (SELECT at FROM admissions WHERE lapses_at = ? AND count > 0 ORDER BY at LIMIT 1)",
    sessionEndsAt,
  );
}

/** When the session of the group that began at `startedAt` ends, as stored (a pause under way not counted); null if there is none. */
export function groupLapse(sql: SqlStorage, startedAt: number): number | null {
  return sql.exec<{ lapses_at: number }>("SELECT lapses_at FROM admissions WHERE at = ?", startedAt).toArray()[0]?.lapses_at ?? null;
}

/**
 * The groups the edge needs: every one open at `clock` (the sessions' clock), and every one since
 * the latest that lapsed before the first of them. Without pauses that is the latest lapsed group
 * and the open ones; after a pause a group admitted since may lapse before an earlier one the pause
 * extended, and the edge reads a ticket's session from the first group in the list that reached it.
 */
export function sessionsOf(sql: SqlStorage, d: DealRow, clock: number): AdmissionSessions {
  type Row = { at: number; lapses_at: number; pre_to: number; join_to: number };
  const firstOpen = sql.exec<{ at: number | null }>("SELECT MIN(at) AS at FROM admissions WHERE lapses_at > ?", clock).one().at;
  // Every group before the first open one has lapsed: the latest of them is the one just below it.
  const lastLapsed = sql
    .exec<{ at: number }>("SELECT at FROM admissions WHERE at < ? ORDER BY at DESC LIMIT 1", firstOpen ?? Number.MAX_SAFE_INTEGER)
    .toArray()[0]?.at;
  const from = lastLapsed ?? firstOpen;
  const groups =
    from === null ? [] : sql.exec<Row>("SELECT at, lapses_at, pre_to, join_to FROM admissions WHERE at >= ? ORDER BY at", from).toArray();
  return {
    startedAt: groups.map((g) => g.at),
    lapsesAt: groups.map((g) => g.lapses_at),
    preCursor: groups.map((g) => (g.pre_to < 0 ? 0 : preCursorAt(sql, d, g.pre_to))),
    joinCursor: groups.map((g) => g.join_to),
  };
}
