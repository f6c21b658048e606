import { requireUser } from "../accounts/authorize";
import { problem } from "../catalog/schemas";
import { createRouter, route } from "../platform/router";
import { forgetCourierCalendar } from "./courier-calendar";
import { addCourierHoliday, listCourierHolidays, removeCourierHoliday } from "./holiday-admin";
import { CourierHolidayListSchema, CourierHolidaySchema, HolidayBody, HolidayDateParams } from "./holiday-schemas";

/** The courier holiday calendar ops keep, which every delivery estimate and pack-by day counts past. */
export const holidayRoutes = createRouter();

const SHOWS_WITHIN =
  "Delivery estimates and sellers' pack-by days follow within a minute: each isolate reads the calendar once a minute, and no delivery answer is kept past its isolate's next read.";

holidayRoutes.openapi(
  route({
    method: "get",
    path: "/admin/courier-holidays",
    access: ["ops"],
    rateClass: "admin",
    tags: ["ops"],
    summary: "The days couriers close: today's and later ones, those of the last 60 days, and the national holidays kept by the code",
    responses: {
      200: { description: "The calendar", content: { "application/json": { schema: CourierHolidayListSchema } } },
      401: problem("Not signed in"),
      403: problem("Not ops"),
    },
  }),
  async (c) => {
    c.header("cache-control", "private, no-store");
    return c.json(await listCourierHolidays(c.env.DB, new Date()), 200);
  },
);

holidayRoutes.openapi(
  route({
    method: "post",
    path: "/admin/courier-holidays",
    access: ["ops"],
    rateClass: "admin",
    tags: ["ops"],
    summary: "Close couriers on a day (a festival, a strike, a bandh), today or later",
    description: SHOWS_WITHIN,
    request: { body: { content: { "application/json": { schema: HolidayBody } } } },
    responses: {
      201: { description: "The day is closed", content: { "application/json": { schema: CourierHolidaySchema } } },
      400: problem("A malformed or past date, or no name (naming the fields); nothing was added"),
      401: problem("Not signed in"),
      403: problem("Not ops"),
      409: problem("The day is closed already (its name is kept), or is a national holiday; nothing changed"),
    },
  }),
  async (c) => {
    const ops = requireUser(c.var.user);
    const holiday = await addCourierHoliday(c.env.DB, c.req.valid("json"), ops.id, new Date());
    forgetCourierCalendar();
    return c.json(holiday, 201);
  },
);

holidayRoutes.openapi(
  route({
    method: "delete",
    path: "/admin/courier-holidays/{date}",
    access: ["ops"],
    rateClass: "admin",
    tags: ["ops"],
    summary: "Open a day couriers were to close, today or later",
    description: SHOWS_WITHIN,
    request: { params: HolidayDateParams },
    responses: {
      204: { description: "The day is a working day again" },
      400: problem("A malformed date; nothing was removed"),
      401: problem("Not signed in"),
      403: problem("Not ops"),
      404: problem("The day is not in the calendar"),
      409: problem("The day has passed and stays on record, or is a national holiday; nothing changed"),
    },
  }),
  async (c) => {
    await removeCourierHoliday(c.env.DB, c.req.valid("param").date, new Date());
    forgetCourierCalendar();
    return c.body(null, 204);
  },
);
