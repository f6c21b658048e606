import { preCursor } from "../workers/deals/admission";
import type { AdmissionSessions } from "../workers/deals/gate-types";
import type { DealRow } from "./sku-gate-schema";

/**
 * The SkuGate's admission sessions. Shoppers admitted in the same stretch of time (a twelfth of
 * the session) form a group whose slots lapse together, a session after the stretch ends. Each
 * group records how far the cursors had moved by then, so the edge can tell from a ticket alone
 * which group admitted it and when its session ends, and a poll can never extend it.
 */

// The deal state carries every group not yet lapsed, so their number stays small; a shopper's
// session is then up to a twelfth longer than the setting, never shorter.
const GROUPS_PER_SESSION = 12;

function groupWidth(d: DealRow): number {
  return Math.max(1_000, Math.ceil(d.session_ms / GROUPS_PER_SESSION));
}

// No group started before this can still be open: bounds the rows read on the primary key.
function oldestOpen(d: DealRow, now: number): number {
  return now - d.session_ms - groupWidth(d);
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
  const at = Math.floor(now / width) * width;
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

/**
 * Books joins reported after the cursor passed their second in the group the edge reads them as
 * admitted in: the first that reached the end of that second. If it has lapsed, those shoppers'
 * sessions are already over and they hold no slot.
 */
export function bookLate(sql: SqlStorage, sec: number, n: number, now: number): void {
  sql.exec(
    `UPDATE admissions SET count = count + ?1, admitted = admitted + ?1
     WHERE at = (SELECT at FROM admissions WHERE join_to >= ?2 ORDER BY at LIMIT 1) AND lapses_at > ?3`,
    n,
    sec * 1000 + 999,
    now,
  );
}

/** Admitted shoppers whose session has not lapsed and who have not checked out. */
export function activeSlots(sql: SqlStorage, d: DealRow, now: number): number {
  return sql
    .exec<{ n: number }>("SELECT COALESCE(SUM(count), 0) AS n FROM admissions WHERE at > ? AND lapses_at > ?", oldestOpen(d, now), now)
    .one().n;
}

/**
 * Frees the slot of a shopper who checked out, in the group whose session they were admitted in,
 * while it is open: a session that has lapsed already gave its slot back, and freeing another
 * group's slot would let one shopper too many in. Nothing is freed when the session is not known.
 */
export function freeSlot(sql: SqlStorage, d: DealRow, sessionEndsAt: number | null, now: number): void {
  if (sessionEndsAt === null || sessionEndsAt <= now) return;
  sql.exec(
    "UPDATE admissions SET count = count - 1 WHERE at BETWEEN ?1 AND ?2 AND lapses_at = ?3 AND count > 0",
    sessionEndsAt - d.session_ms - groupWidth(d),
    sessionEndsAt - d.session_ms,
    sessionEndsAt,
  );
}

/** The groups the edge needs: every one still open, after the latest that has lapsed. */
export function sessionsOf(sql: SqlStorage, d: DealRow, now: number): AdmissionSessions {
  type Row = { lapses_at: number; pre_to: number; join_to: number };
  const lapsed = sql
    .exec<Row>("SELECT lapses_at, pre_to, join_to FROM admissions WHERE lapses_at <= ? ORDER BY at DESC LIMIT 1", now)
    .toArray();
  const open = sql
    .exec<Row>("SELECT lapses_at, pre_to, join_to FROM admissions WHERE at > ? AND lapses_at > ? ORDER BY at", oldestOpen(d, now), now)
    .toArray();
  const groups = [...lapsed, ...open];
  return {
    lapsesAt: groups.map((g) => g.lapses_at),
    preCursor: groups.map((g) => (g.pre_to < 0 ? 0 : preCursor(d.pre_count, g.pre_to))),
    joinCursor: groups.map((g) => g.join_to),
  };
}
