import type { CourierCalendar } from "../../workers/delivery/holidays";

/** The festival dates the courier_holidays migration carried over from the code: the calendar every test starts with. */
export const MIGRATED_HOLIDAYS: CourierCalendar = new Set(["2026-03-04", "2026-11-08", "2027-03-22", "2027-10-29"]);
