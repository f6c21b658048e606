import { z } from "@hono/zod-openapi";

/** The longest name of a courier holiday, in characters as a person counts them. */
export const HOLIDAY_NAME_MAX = 80;

/** Whether `value` is a calendar date that exists, written YYYY-MM-DD (not 2027-02-30). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** An IST calendar date, YYYY-MM-DD. */
const HolidayDate = z
  .string()
  .max(10, { message: "Must be a date written YYYY-MM-DD" })
  .refine(isCalendarDate, { message: "Must be a date written YYYY-MM-DD" })
  .openapi({ type: "string", format: "date", description: "The IST calendar date couriers close", example: "2028-03-11" });

/** Path parameters of DELETE /api/admin/courier-holidays/{date}. */
export const HolidayDateParams = z.object({
  date: HolidayDate.openapi({ param: { name: "date", in: "path" } }),
});

/** Body of POST /api/admin/courier-holidays: the day couriers close, and why. */
export const HolidayBody = z
  .object({
    date: HolidayDate,
    name: z
      .string()
      .trim()
      .min(1, { message: "Say what the holiday is" })
      .refine((s) => [...s].length <= HOLIDAY_NAME_MAX, { message: `Must be at most ${HOLIDAY_NAME_MAX} characters` })
      .openapi({ type: "string", minLength: 1, maxLength: HOLIDAY_NAME_MAX, example: "Holi" }),
  })
  .strict()
  .openapi("CourierHolidayInput");
export type HolidayInput = z.infer<typeof HolidayBody>;

/** A day couriers close, as ops keep it. */
export const CourierHolidaySchema = z
  .object({
    date: z.string().openapi({ format: "date" }),
    name: z.string(),
    added_by: z
      .string()
      .nullable()
      .openapi({ description: "The ops account that added it; null for the dates carried over from before the calendar" }),
    added_by_name: z.string().nullable(),
    added_at: z.string().openapi({ format: "date-time" }),
  })
  .openapi("CourierHoliday");
export type CourierHoliday = z.infer<typeof CourierHolidaySchema>;

/** The courier calendar as ops see it. */
export const CourierHolidayListSchema = z
  .object({
    today: z.string().openapi({ format: "date", description: "Today in IST: a date before it can be neither added nor removed" }),
    upcoming: z.array(CourierHolidaySchema).openapi({ description: "Today's and later holidays, soonest first" }),
    recent: z.array(CourierHolidaySchema).openapi({ description: "Holidays of the last 60 days, latest first" }),
    national: z
      .array(z.object({ month_day: z.string().openapi({ example: "01-26" }), name: z.string() }))
      .openapi({ description: "Closed every year and kept by the code, never in this list: they do not move" }),
  })
  .openapi("CourierHolidayList");
export type CourierHolidayList = z.infer<typeof CourierHolidayListSchema>;
