import { AppError } from "../platform/errors";

/**
 * The IST days a downloaded statement covers. Sellers and their accountants count days in India
 * Standard Time, as the store's invoices and settlement dates do, so a day is from 00:00 to the
 * next 00:00 IST, whatever UTC instant that is.
 */

/** The most days one statement file covers, about a quarter: its rows are read and written in one response. */
export const STATEMENT_FILE_MAX_DAYS = 92;

/** The days a statement file covers when none are asked for: today (IST) and the 29 before it. */
export const STATEMENT_FILE_DEFAULT_DAYS = 30;

/** India Standard Time's offset from UTC; it keeps no daylight saving. */
const IST_OFFSET_MS = 330 * 60_000;
const DAY_MS = 86_400_000;

/** The IST calendar day ("YYYY-MM-DD") of an instant. */
export function istDay(at: Date | string): string {
  return new Date(new Date(at).getTime() + IST_OFFSET_MS).toISOString().slice(0, 10);
}

/** The IST day `days` after `day` (before it, for a negative count). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The instant an IST day starts, as the store stores times ("2026-03-31T18:30:00.000Z"). */
export function istDayStart(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00+05:30`)).toISOString();
}

/** Whether "YYYY-MM-DD" names a real calendar day (not 2026-02-30). */
export function isCalendarDay(day: string): boolean {
  const at = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(at) && new Date(at).toISOString().slice(0, 10) === day;
}

/** The default days of a statement file at `now`: the last 30 IST days, today included. */
export function defaultStatementDays(now = new Date()): { from: string; to: string } {
  const to = istDay(now);
  return { from: addDays(to, -(STATEMENT_FILE_DEFAULT_DAYS - 1)), to };
}

/** The days a statement file covers, and the instants bounding the orders placed on them. */
export interface StatementDays {
  from: string;
  to: string;
  /** When `from` starts in IST: the first instant included. */
  start: string;
  /** When the day after `to` starts in IST: the first instant left out. */
  until: string;
}

/**
 * The days asked for, either end defaulting as `defaultStatementDays` would (a lone `from` runs to
 * today, a lone `to` starts 29 days before it). `to` before `from`, or more than
 * `STATEMENT_FILE_MAX_DAYS` days, is a 400 naming the field to change, as a schema failure is.
 */
export function statementDays(asked: { from?: string | undefined; to?: string | undefined }, now = new Date()): StatementDays {
  const to = asked.to ?? (asked.from ? istDay(now) : defaultStatementDays(now).to);
  const from = asked.from ?? addDays(to, -(STATEMENT_FILE_DEFAULT_DAYS - 1));
  const refuse = (path: "from" | "to", message: string) => {
    throw new AppError("validation_failed", message, { errors: [{ path, message }] });
  };
  if (to < from) refuse("to", `The statement's last day (${to}) is before its first (${from}).`);
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS + 1;
  if (days > STATEMENT_FILE_MAX_DAYS)
    refuse("from", `A statement covers at most ${STATEMENT_FILE_MAX_DAYS} days; ${from} to ${to} is ${days} days.`);
  return { from, to, start: istDayStart(from), until: istDayStart(addDays(to, 1)) };
}
