// Couriers across India close on these days, so nothing is dispatched or delivered on them.

/** Republic Day, Independence Day and Gandhi Jayanti: the same date every year (MM-DD). */
const NATIONAL_HOLIDAYS = new Set(["01-26", "08-15", "10-02"]);

/**
 * Holi and Diwali (Deepavali) move with the lunar calendar: each year's dates are the Government
 * of India's gazetted list's, and a year not listed has only the national holidays.
 */
const FESTIVAL_HOLIDAYS = new Set(["2026-03-04", "2026-11-08", "2027-03-22", "2027-10-29"]);

/** Whether `date` (an IST calendar date, YYYY-MM-DD) is a day couriers close. */
export function isCourierHoliday(date: string): boolean {
  return NATIONAL_HOLIDAYS.has(date.slice(5)) || FESTIVAL_HOLIDAYS.has(date);
}
