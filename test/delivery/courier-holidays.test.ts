import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { CALENDAR_MEMO_MS, FALLBACK_MEMO_MS, forgetCourierCalendar, loadCourierCalendar } from "../../workers/delivery/courier-calendar";
import { estimateDelivery, istDate } from "../../workers/delivery/estimate";
import type { CourierHolidayList } from "../../workers/delivery/holiday-schemas";
import type { DeliveryAnswer } from "../../workers/delivery/schemas";
import { createProduct } from "../catalog/fixtures";
import { createTestUser, type TestUser } from "../helpers/accounts";
import { MIGRATED_HOLIDAYS, resetCourierCalendarEachTest } from "../helpers/courier-calendar";
import { envFailingReads } from "../helpers/d1-interpose";
import { viaWorker } from "../helpers/edge";
import { api, ORIGIN } from "../helpers/http";

const DAY_MS = 24 * 60 * 60 * 1000;
const HOLIDAYS = "/api/admin/courier-holidays";

/** The whole table, so a refused request can be shown to have changed nothing. */
async function calendarRows(): Promise<{ date: string; name: string; added_by: string | null }[]> {
  const { results } = await env.DB.prepare("SELECT date, name, added_by FROM courier_holidays ORDER BY date").all<{
    date: string;
    name: string;
    added_by: string | null;
  }>();
  return results;
}

const addHoliday = (ops: TestUser, body: unknown) => api(HOLIDAYS, { method: "POST", headers: ops.headers, body });
const removeHoliday = (ops: TestUser, date: string) => api(`${HOLIDAYS}/${date}`, { method: "DELETE", headers: ops.headers });
const deliveryTo411014 = async (productId: string) =>
  (await (await api(`/api/products/${productId}/delivery?pincode=411014`)).json()) as DeliveryAnswer;

resetCourierCalendarEachTest();

describe("the courier_holidays migration", () => {
  it("carries over the Holi and Diwali dates the code held for 2026 and 2027", async () => {
    expect(await calendarRows()).toEqual([
      { date: "2026-03-04", name: "Holi", added_by: null },
      { date: "2026-11-08", name: "Diwali", added_by: null },
      { date: "2027-03-22", name: "Holi", added_by: null },
      { date: "2027-10-29", name: "Diwali", added_by: null },
    ]);
    expect((await loadCourierCalendar(env.DB)).holidays).toEqual(MIGRATED_HOLIDAYS);
  });
});

describe("ops keep the courier calendar", () => {
  it("lists today's and later holidays, the recent ones and the national ones, to ops only", async () => {
    const ops = await createTestUser(["ops"]);
    const res = await api(HOLIDAYS, { headers: ops.headers });
    expect(res.status).toBe(200);
    const list = (await res.json()) as CourierHolidayList;
    expect(list.today).toBe(istDate(new Date()));
    for (const h of list.upcoming) expect(h.date >= list.today).toBe(true);
    for (const h of list.recent) expect(h.date < list.today).toBe(true);
    expect(list.upcoming.map((h) => h.date)).toEqual([...MIGRATED_HOLIDAYS].filter((d) => d >= list.today).sort());
    expect(list.national.map((n) => n.month_day)).toEqual(["01-26", "08-15", "10-02"]);
    expect((await api(HOLIDAYS)).status).toBe(401);
    expect((await api(HOLIDAYS, { headers: (await createTestUser()).headers })).status).toBe(403);
  });

  it("makes the delivery estimate skip a day ops add, and count it again once removed", async () => {
    const ops = await createTestUser(["ops"]);
    const f = await createProduct([{ price: 129900, units: 12 }]);
    const before = await deliveryTo411014(f.productId);
    const usual = estimateDelivery("411001", "411014", new Date(), MIGRATED_HOLIDAYS);
    expect(before).toMatchObject({ dispatch_on: usual.dispatchOn, by: usual.latest });

    // A bandh on the day the parcel would arrive: it arrives the working day after.
    const added = await addHoliday(ops, { date: usual.latest, name: "Maharashtra bandh" });
    expect(added.status).toBe(201);
    expect(await added.json()).toMatchObject({
      date: usual.latest,
      name: "Maharashtra bandh",
      added_by: ops.id,
      added_by_name: "Test ops",
    });
    const closed = new Set([...MIGRATED_HOLIDAYS, usual.latest]);
    const during = await deliveryTo411014(f.productId);
    expect(during.by).toBe(estimateDelivery("411001", "411014", new Date(), closed).latest);
    expect(during.by! > usual.latest).toBe(true);

    // A strike on the day it would leave the warehouse: it leaves on the next working day.
    expect((await addHoliday(ops, { date: usual.dispatchOn, name: "Courier strike" })).status).toBe(201);
    const strike = await deliveryTo411014(f.productId);
    expect(strike.dispatch_on! > usual.dispatchOn).toBe(true);

    expect((await removeHoliday(ops, usual.dispatchOn)).status).toBe(204);
    expect((await removeHoliday(ops, usual.latest)).status).toBe(204);
    expect(await deliveryTo411014(f.productId)).toMatchObject({ dispatch_on: usual.dispatchOn, by: usual.latest });
    expect(await calendarRows()).toHaveLength(MIGRATED_HOLIDAYS.size);
  });

  it("refuses a malformed or past date, a blank name and unknown fields with a problem naming them, adding nothing", async () => {
    const ops = await createTestUser(["ops"]);
    const rows = await calendarRows();
    const yesterday = istDate(new Date(Date.now() - DAY_MS));
    for (const [body, path, words] of [
      [{ date: "2028-02-30", name: "Holi" }, "date", "YYYY-MM-DD"],
      [{ date: "11/03/2028", name: "Holi" }, "date", "YYYY-MM-DD"],
      [{ date: yesterday, name: "Bandh" }, "date", "today"],
      [{ date: "2028-03-11", name: "   " }, "name", "Say what the holiday is"],
      [{ date: "2028-03-11", name: "x".repeat(81) }, "name", "at most 80"],
      [{ date: "2028-03-11", name: "Holi", closed: true }, "closed", "Not a field this request takes"],
    ] as const) {
      const res = await addHoliday(ops, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      const problem = (await res.json()) as { errors: { path: string; message: string }[] };
      expect(problem.errors).toContainEqual({ path, message: expect.stringContaining(words) });
    }
    expect((await removeHoliday(ops, "2028-13-01")).status).toBe(400);
    expect(await calendarRows()).toEqual(rows);
  });

  it("keeps guests and other accounts out of every change", async () => {
    const rows = await calendarRows();
    const shopper = await createTestUser();
    const seller = await createTestUser(["seller"]);
    expect((await api(HOLIDAYS, { method: "POST", body: { date: "2028-03-11", name: "Holi" } })).status).toBe(401);
    expect((await api(`${HOLIDAYS}/2027-10-29`, { method: "DELETE" })).status).toBe(401);
    for (const user of [shopper, seller]) {
      const add = await addHoliday(user, { date: "2028-03-11", name: "Holi" });
      expect(add.status).toBe(403);
      expect(add.headers.get("content-type")).toContain("application/problem+json");
      expect((await removeHoliday(user, "2027-10-29")).status).toBe(403);
    }
    expect(await calendarRows()).toEqual(rows);
  });

  it("answers 409 for a day already closed, keeping its name, and for a national holiday", async () => {
    const ops = await createTestUser(["ops"]);
    const again = await addHoliday(ops, { date: "2027-10-29", name: "Deepavali" });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { detail: string }).detail).toContain("already a courier holiday: Diwali");
    const republic = await addHoliday(ops, { date: "2028-01-26", name: "Republic Day" });
    expect(republic.status).toBe(409);
    expect(((await republic.json()) as { detail: string }).detail).toContain("Republic Day");
    expect(await calendarRows()).toEqual([...MIGRATED_HOLIDAYS].sort().map((date) => expect.objectContaining({ date, added_by: null })));
    expect((await calendarRows()).find((r) => r.date === "2027-10-29")?.name).toBe("Diwali");
  });

  it("removes only days still ahead that are in the calendar", async () => {
    const ops = await createTestUser(["ops"]);
    const rows = await calendarRows();
    const past = await removeHoliday(ops, "2026-03-04");
    expect(past.status).toBe(409);
    expect(((await past.json()) as { detail: string }).detail).toContain("has passed");
    expect((await removeHoliday(ops, "2028-06-01")).status).toBe(404);
    expect(await calendarRows()).toEqual(rows);
  });

  it("is documented for ops in the OpenAPI document", async () => {
    const doc = (await (await api("/api/openapi.json")).json()) as {
      paths: Record<string, Record<string, { "x-access"?: unknown; responses?: Record<string, unknown> }>>;
    };
    expect(doc.paths["/api/admin/courier-holidays"]?.get?.["x-access"]).toEqual(["ops"]);
    expect(doc.paths["/api/admin/courier-holidays"]?.post?.["x-access"]).toEqual(["ops"]);
    expect(Object.keys(doc.paths["/api/admin/courier-holidays"]?.post?.responses ?? {})).toEqual(
      expect.arrayContaining(["201", "400", "401", "403", "409"]),
    );
    expect(doc.paths["/api/admin/courier-holidays/{date}"]?.delete?.["x-access"]).toEqual(["ops"]);
  });
});

describe("the calendar each isolate keeps", () => {
  it("answers from one read for a minute, then reads the table again", async () => {
    const start = Date.now();
    const first = await loadCourierCalendar(env.DB, start);
    expect(first.until).toBe(start + CALENDAR_MEMO_MS);
    // Written behind this isolate's back, as another isolate's ops request would.
    await env.DB.prepare("INSERT INTO courier_holidays (date, name, added_by, added_at) VALUES ('2028-03-11', 'Holi', ?, ?)")
      .bind((await createTestUser(["ops"])).id, new Date().toISOString())
      .run();
    expect((await loadCourierCalendar(env.DB, start + CALENDAR_MEMO_MS - 1)).holidays.has("2028-03-11")).toBe(false);
    expect((await loadCourierCalendar(env.DB, start + CALENDAR_MEMO_MS)).holidays.has("2028-03-11")).toBe(true);
  });

  it("lets no one keep a delivery answer past the isolate's next read of the calendar", async () => {
    const f = await createProduct([{ price: 129900, units: 12 }]);
    // This isolate read the calendar 50 seconds ago: it reads again in 10.
    await loadCourierCalendar(env.DB, Date.now() - (CALENDAR_MEMO_MS - 10_000));
    const res = await api(`/api/products/${f.productId}/delivery?pincode=411014`);
    const maxAge = Number(/max-age=(\d+)/.exec(res.headers.get("cache-control") ?? "")?.[1]);
    expect(maxAge).toBeLessThanOrEqual(10);
    expect(Date.parse(res.headers.get("x-valid-until") ?? "")).toBeLessThanOrEqual(Date.now() + 10_000);
  });
});

describe("an estimate when D1 cannot read the calendar", () => {
  /** The delivery answer to 411014 from a Worker whose every read of the calendar fails. */
  async function deliveryWithoutCalendar(productId: string): Promise<Response> {
    const unreadable = envFailingReads((q) => q.includes("FROM courier_holidays"));
    return (await viaWorker(new Request(`${ORIGIN}/api/products/${productId}/delivery?pincode=411014`), unreadable)).res;
  }

  /** A bandh on the day a parcel ordered now would arrive, added as ops do: a closure only the calendar knows of. */
  async function bandhOnArrival(): Promise<string> {
    const { latest } = estimateDelivery("411001", "411014", new Date(), MIGRATED_HOLIDAYS);
    await env.DB.prepare("INSERT INTO courier_holidays (date, name, added_by, added_at) VALUES (?, 'Maharashtra bandh', ?, ?)")
      .bind(latest, (await createTestUser(["ops"])).id, new Date().toISOString())
      .run();
    forgetCourierCalendar();
    return latest;
  }

  it("answers with dates counted over the national holidays, kept a few seconds only, and logs the failure", async () => {
    const f = await createProduct([{ price: 129900, units: 12 }]);
    await bandhOnArrival();
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const res = await deliveryWithoutCalendar(f.productId);
      expect(res.status).toBe(200);
      const national = estimateDelivery("411001", "411014", new Date(), new Set());
      expect(await res.json()).toMatchObject({ dispatch_on: national.dispatchOn, by: national.latest });
      const maxAge = Number(/max-age=(\d+)/.exec(res.headers.get("cache-control") ?? "")?.[1]);
      expect(maxAge).toBeLessThanOrEqual(FALLBACK_MEMO_MS / 1000);
      expect(Date.parse(res.headers.get("x-valid-until") ?? "")).toBeLessThanOrEqual(Date.now() + FALLBACK_MEMO_MS);
      expect(logged).toHaveBeenCalledWith(expect.stringContaining("courier calendar not read"));
    } finally {
      logged.mockRestore();
    }
  });

  it("honours the calendar again once D1 answers, after the few seconds the fallback is kept", async () => {
    const f = await createProduct([{ price: 129900, units: 12 }]);
    const bandh = await bandhOnArrival();
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      expect((await deliveryWithoutCalendar(f.productId)).status).toBe(200);
    } finally {
      logged.mockRestore();
    }
    // D1 answers again, but for those seconds this isolate does not ask it: a sale day's estimates
    // do not each retry a failing read.
    expect(await loadCourierCalendar(env.DB)).toMatchObject({ fallback: true, holidays: new Set() });
    // The first estimate after them reads the table, and the parcel arrives the day after the bandh.
    expect(await loadCourierCalendar(env.DB, Date.now() + FALLBACK_MEMO_MS)).toMatchObject({ fallback: false });
    const honoured = estimateDelivery("411001", "411014", new Date(), new Set([...MIGRATED_HOLIDAYS, bandh]));
    expect(honoured.latest > bandh).toBe(true);
    const res = await api(`/api/products/${f.productId}/delivery?pincode=411014`);
    expect(await res.json()).toMatchObject({ dispatch_on: honoured.dispatchOn, by: honoured.latest });
  });
});
