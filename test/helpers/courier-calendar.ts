import { env } from "cloudflare:workers";
import { afterEach, beforeEach } from "vitest";
import { forgetCourierCalendar } from "../../workers/delivery/courier-calendar";
import type { CourierCalendar } from "../../workers/delivery/holidays";

/** The festival dates the courier_holidays migration carried over from the code: the calendar every test starts with. */
export const MIGRATED_HOLIDAYS: CourierCalendar = new Set(["2026-03-04", "2026-11-08", "2027-03-22", "2027-10-29"]);

/**
 * Registers the hooks of a file whose tests count with the courier calendar: each test reads the
 * migrated calendar afresh, not the copy (or the fallback) an earlier test left in the isolate, and
 * the days a test added are removed after it.
 */
export function resetCourierCalendarEachTest(): void {
  beforeEach(() => forgetCourierCalendar());
  afterEach(async () => {
    await env.DB.prepare("DELETE FROM courier_holidays WHERE added_by IS NOT NULL").run();
    forgetCourierCalendar();
  });
}
