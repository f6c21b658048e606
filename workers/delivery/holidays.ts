// Couriers across India close on these days, so nothing is dispatched or delivered on them.

/**
 * Republic Day, Independence Day and Gandhi Jayanti, by MM-DD: fixed by law on the same date every
 * year, so they stay here rather than in the calendar ops keep. No year can then be left without
 * them because nobody entered it, and ops cannot remove one by mistake.
 */
export const NATIONAL_HOLIDAYS: ReadonlyMap<string, string> = new Map([
  ["01-26", "Republic Day"],
  ["08-15", "Independence Day"],
  ["10-02", "Gandhi Jayanti"],
]);

/**
 * The other days couriers close, as IST dates (YYYY-MM-DD): the festivals that move with the lunar
 * calendar (Holi, Diwali) and one-off closures, from the `courier_holidays` table ops keep
 * (`loadCourierCalendar` reads it). Passed in, so the estimates stay plain functions of their input.
 */
export type CourierCalendar = ReadonlySet<string>;

/** Whether `date` (an IST calendar date, YYYY-MM-DD) is a day couriers close. */
export function isCourierHoliday(date: string, calendar: CourierCalendar): boolean {
  return NATIONAL_HOLIDAYS.has(date.slice(5)) || calendar.has(date);
}
