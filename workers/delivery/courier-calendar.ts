import type { CourierCalendar } from "./holidays";

/**
 * How long an isolate answers estimates from the courier calendar it last read. A sale day's
 * product pages ask for thousands of estimates a second, and each would otherwise be a D1 read of
 * a table that changes a few times a year. So a holiday ops add or remove shows in every estimate
 * within this time, and at once in the isolate that made the change (it drops its copy).
 */
export const CALENDAR_MEMO_MS = 60_000;

/**
 * How long an isolate answers from the national holidays alone after a read of the table failed:
 * long enough that a sale day's estimates do not each retry a failing D1, short enough that the
 * festivals and closures ops keep count again within seconds of D1 answering.
 */
export const FALLBACK_MEMO_MS = 5_000;

/**
 * What a failed read counts with: no closures beyond the national holidays, which `isCourierHoliday`
 * always counts. The migration's festival dates are not kept here as well: a copy in code would
 * disagree with the table as soon as ops move or remove one of them, would know nothing of the
 * years after 2027 or of strikes, and would bring back the list in code the table replaced. For the
 * few seconds a fallback is kept, an estimate a day early on a festival week is the lesser harm.
 */
const NATIONAL_ONLY: CourierCalendar = new Set();

/** The courier calendar as read from D1, and until when this isolate answers from it. */
export interface LoadedCalendar {
  holidays: CourierCalendar;
  /**
   * Epoch ms at which this isolate reads the table again. Whatever keeps an answer built from
   * `holidays` (a browser or CDN holding a delivery answer) must keep it no longer, so the answer
   * never outlives a calendar change by more than `CALENDAR_MEMO_MS`, nor a failed read by more
   * than `FALLBACK_MEMO_MS`.
   */
  until: number;
  /**
   * True when the table could not be read and `holidays` holds none of it: only the national
   * holidays count. A caller whose count cannot be corrected later (a message sent) retries instead.
   */
  fallback: boolean;
}

// Per isolate and keyed by nothing but time: the whole table is one small set. The promise is kept
// so the requests arriving together on a cold isolate share one read.
let memo: Memo | null = null;

interface Memo {
  loaded: Promise<LoadedCalendar>;
  until: number;
}

/**
 * The days couriers close beyond the national holidays, read from `courier_holidays` at most once
 * per `CALENDAR_MEMO_MS` per isolate. Every row is read, past ones too: the table holds a handful
 * of dates a year, and an order event handled late still counts its pack-by day past the closures
 * it was placed before. Never rejects: a failed read is logged and answered with the national
 * holidays alone (`fallback`), kept for `FALLBACK_MEMO_MS` only, so an estimate never fails for a
 * table it can do without for a few seconds.
 */
export function loadCourierCalendar(db: D1Database, now: number = Date.now()): Promise<LoadedCalendar> {
  if (memo && now < memo.until) return memo.loaded;
  // Counted from before the read: the read sees every change made before it started, so a change
  // made later reaches every answer built from this copy by `until`.
  const until = now + CALENDAR_MEMO_MS;
  const entry: Memo = {
    until,
    loaded: readCalendar(db).then(
      (holidays) => ({ holidays, until, fallback: false }),
      (err: unknown) => {
        console.error(
          JSON.stringify({ level: "warn", message: "courier calendar not read; counting national holidays only", error: String(err) }),
        );
        // Shortened on the memo itself, so the first request after it reads the table again.
        entry.until = now + FALLBACK_MEMO_MS;
        return { holidays: NATIONAL_ONLY, until: entry.until, fallback: true };
      },
    ),
  };
  memo = entry;
  return entry.loaded;
}

/**
 * A short tag of the calendar's days, for a version of anything worked out with it: an order's due
 * day moves when ops add a closure on its way, with nothing else about the order changing.
 */
export function calendarTag(holidays: CourierCalendar): string {
  // FNV-1a over the sorted days: a few dozen dates, hashed per request at no measurable cost.
  let h = 0x811c9dc5;
  for (const ch of [...holidays].sort().join(",")) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return (h >>> 0).toString(36);
}

async function readCalendar(db: D1Database): Promise<CourierCalendar> {
  const { results } = await db.prepare("SELECT date FROM courier_holidays").all<{ date: string }>();
  return new Set(results.map((r) => r.date));
}

/** Drops this isolate's copy, so the next estimate reads the table: after ops change it here, and between tests. */
export function forgetCourierCalendar(): void {
  memo = null;
}
