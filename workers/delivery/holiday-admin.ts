import { AppError } from "../platform/errors";
import { nowIso } from "../platform/time";
import { istDate } from "./estimate";
import type { CourierHoliday, CourierHolidayList, HolidayInput } from "./holiday-schemas";
import { NATIONAL_HOLIDAYS } from "./holidays";

/** How far back the list shows holidays gone by, so ops can see what the last weeks' estimates skipped. */
const RECENT_DAYS = 60;
const DAY_MS = 24 * 60 * 60 * 1000;

const SELECT_HOLIDAY = `SELECT h.date, h.name, h.added_by, u.name AS added_by_name, h.added_at
  FROM courier_holidays h LEFT JOIN users u ON u.id = h.added_by`;

/** The courier calendar from `RECENT_DAYS` ago on, split at today (IST), with the national holidays beside it. */
export async function listCourierHolidays(db: D1Database, now: Date): Promise<CourierHolidayList> {
  const today = istDate(now);
  const since = istDate(new Date(now.getTime() - RECENT_DAYS * DAY_MS));
  const { results } = await db.prepare(`${SELECT_HOLIDAY} WHERE h.date >= ?1 ORDER BY h.date`).bind(since).all<CourierHoliday>();
  return {
    today,
    upcoming: results.filter((h) => h.date >= today),
    recent: results.filter((h) => h.date < today).reverse(),
    national: [...NATIONAL_HOLIDAYS].map(([month_day, name]) => ({ month_day, name })),
  };
}

/**
 * Ops close couriers on a day, today or later (a day gone by has already been dispatched or not;
 * changing it would change nothing but the record). A date already closed is a 409 naming what it
 * is closed for, never a rename: a second name typed for the same day is more likely a mistake
 * than a correction, and a correction is a removal and an add.
 */
export async function addCourierHoliday(db: D1Database, input: HolidayInput, by: string, now: Date): Promise<CourierHoliday> {
  const today = istDate(now);
  if (input.date < today) {
    throw new AppError("validation_failed", `${input.date} has passed; holidays are added for today (${today}) or later.`, {
      errors: [{ path: "date", message: `Must be today (${today}) or later` }],
    });
  }
  const national = NATIONAL_HOLIDAYS.get(input.date.slice(5));
  if (national) throw new AppError("conflict", `${input.date} is ${national}, closed every year already.`);
  const added = await db
    .prepare(
      `INSERT INTO courier_holidays (date, name, added_by, added_at) VALUES (?1, ?2, ?3, ?4)
       ON CONFLICT (date) DO NOTHING`,
    )
    .bind(input.date, input.name, by, nowIso())
    .run();
  const holiday = await db.prepare(`${SELECT_HOLIDAY} WHERE h.date = ?1`).bind(input.date).first<CourierHoliday>();
  if (!holiday) throw new Error(`courier holiday ${input.date} missing after insert`);
  if (added.meta.changes === 0) {
    throw new AppError("conflict", `${input.date} is already a courier holiday: ${holiday.name}.`);
  }
  return holiday;
}

/**
 * Ops reopen a day, today or later. A day gone by stays on record: it is what the estimates and
 * pack-by days made then counted past.
 */
export async function removeCourierHoliday(db: D1Database, date: string, now: Date): Promise<void> {
  const today = istDate(now);
  if (date < today) throw new AppError("conflict", `${date} has passed; it stays in the calendar as a record.`);
  const national = NATIONAL_HOLIDAYS.get(date.slice(5));
  if (national) throw new AppError("conflict", `${date} is ${national}, closed every year; it cannot be removed.`);
  const removed = await db.prepare("DELETE FROM courier_holidays WHERE date = ?1").bind(date).run();
  if (removed.meta.changes === 0) throw new AppError("not_found", `${date} is not a courier holiday.`);
}
