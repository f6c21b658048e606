/**
 * The orders placed each minute (`order_minutes`): checkout counts each order it makes in the
 * batch that makes it, and the ops overview reads a sale day's rate from at most 61 rows, exact
 * however many orders that is.
 */

const MINUTE_MS = 60_000;

/** Minutes the overview's series covers, the current one last. */
export const PER_MINUTE_SPAN = 60;

/** The start of the minute `at` falls in, RFC 3339 UTC: the key of that minute's row. */
export function minuteOf(at: number | string): string {
  const ms = typeof at === "number" ? at : Date.parse(at);
  return new Date(Math.floor(ms / MINUTE_MS) * MINUTE_MS).toISOString();
}

/**
 * Counts one order placed at `at`, in the batch that inserts it, right after that order's
 * `INSERT ... ON CONFLICT DO NOTHING`: only when that insert made a row (`changes() = 1`), so a
 * retried checkout whose order exists already counts nothing, however close the two attempts came.
 * It leaves `changes()` as it found it (1 when it counted, 0 when not), so statements after it
 * that ask whether the order was inserted read the same answer.
 */
export function countPlacedStatement(db: D1Database, at: string): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO order_minutes (minute, placed) SELECT ?1, 1 WHERE changes() = 1
       ON CONFLICT (minute) DO UPDATE SET placed = placed + 1`,
    )
    .bind(minuteOf(at));
}

/**
 * The minutes counted from the start of the minute an hour before `now` to `now`'s own: 61 rows at
 * most, one range of the key. Exported for the overview's batch.
 */
export function placedMinutesStatement(db: D1Database, now: number): D1PreparedStatement {
  return db
    .prepare("SELECT minute, placed FROM order_minutes WHERE minute BETWEEN ?1 AND ?2 ORDER BY minute")
    .bind(minuteOf(now - 60 * MINUTE_MS), minuteOf(now));
}

/** One minute's orders: its start, and how many orders were placed in it. */
export interface PlacedMinute {
  minute: string;
  placed: number;
}

/** The rate of orders as the overview reports it (see `placedMinutesStatement`). */
export interface PlacedRate {
  /** Since the start of the minute an hour before `now`: between 60 and 61 minutes of orders. */
  lastHour: number;
  /** Since the start of the minute 5 minutes before `now`: between 5 and 6 minutes of orders. */
  lastFiveMinutes: number;
  /** The last `PER_MINUTE_SPAN` minutes, oldest first, the minute of `now` last and so far; none left out. */
  perMinute: PlacedMinute[];
}

/** Sums the rows `placedMinutesStatement` read, and lays out the last hour minute by minute. */
export function placedRate(rows: readonly PlacedMinute[], now: number): PlacedRate {
  const byMinute = new Map(rows.map((r) => [r.minute, r.placed]));
  const since = (minutes: number) => {
    const from = minuteOf(now - minutes * MINUTE_MS);
    return rows.reduce((sum, r) => (r.minute >= from ? sum + r.placed : sum), 0);
  };
  const current = Date.parse(minuteOf(now));
  const perMinute = Array.from({ length: PER_MINUTE_SPAN }, (_, i) => {
    const minute = new Date(current - (PER_MINUTE_SPAN - 1 - i) * MINUTE_MS).toISOString();
    return { minute, placed: byMinute.get(minute) ?? 0 };
  });
  return { lastHour: since(60), lastFiveMinutes: since(5), perMinute };
}
