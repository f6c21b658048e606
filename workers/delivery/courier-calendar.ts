import type { CourierCalendar } from "./holidays";

/**
 * How long an isolate answers estimates from the courier calendar it last read. A sale day's
 * product pages ask for thousands of estimates a second, and each would otherwise be a D1 read of
 * a table that changes a few times a year. So a holiday ops add or remove shows in every estimate
 * within this time, and at once in the isolate that made the change (it drops its copy).
 */
export const CALENDAR_MEMO_MS = 60_000;

/** The courier calendar as read from D1, and until when this isolate answers from it. */
export interface LoadedCalendar {
  holidays: CourierCalendar;
  /**
   * Epoch ms at which this isolate reads the table again. Whatever keeps an answer built from
   * `holidays` (a browser or CDN holding a delivery answer) must keep it no longer, so the answer
   * never outlives a calendar change by more than `CALENDAR_MEMO_MS`.
   */
  until: number;
}

// Per isolate and keyed by nothing but time: the whole table is one small set. The promise is kept
// so the requests arriving together on a cold isolate share one read.
let memo: { loaded: Promise<LoadedCalendar>; until: number } | null = null;

/**
 * The days couriers close beyond the national holidays, read from `courier_holidays` at most once
 * per `CALENDAR_MEMO_MS` per isolate. Every row is read, past ones too: the table holds a handful
 * of dates a year, and an order event handled late still counts its pack-by day past the closures
 * it was placed before. A failed read is not remembered, so the next request tries again.
 */
export function loadCourierCalendar(db: D1Database, now: number = Date.now()): Promise<LoadedCalendar> {
  if (memo && now < memo.until) return memo.loaded;
  // Counted from before the read: the read sees every change made before it started, so a change
  // made later reaches every answer built from this copy by `until`.
  const until = now + CALENDAR_MEMO_MS;
  const loaded = readCalendar(db).then((holidays) => ({ holidays, until }));
  const entry = { loaded, until };
  memo = entry;
  loaded.catch(() => {
    if (memo === entry) memo = null;
  });
  return loaded;
}

async function readCalendar(db: D1Database): Promise<CourierCalendar> {
  const { results } = await db.prepare("SELECT date FROM courier_holidays").all<{ date: string }>();
  return new Set(results.map((r) => r.date));
}

/** Drops this isolate's copy, so the next estimate reads the table: after ops change it here, and between tests. */
export function forgetCourierCalendar(): void {
  memo = null;
}
