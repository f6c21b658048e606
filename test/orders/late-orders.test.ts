import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { deliveryDateLabel, istDate } from "../../workers/delivery/estimate";
import { OrderCursorField } from "../../workers/orders/cursor";
import { listLateOrders } from "../../workers/orders/late-orders";
import { readOrder } from "../../workers/orders/queries";
import type { OrderStatus } from "../../workers/orders/state-machine";
import { newId } from "../../workers/platform/ids";
import { createTestUser } from "../helpers/accounts";
import { consolePost } from "../helpers/forms";
import { api, readerText } from "../helpers/http";
import { seedOrder } from "./seed";

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString();

interface Row {
  id: string;
  status: string;
  delivery_by: string | null;
}

type Page = { items: Row[]; next_cursor: string | null };

const seed = (status: OrderStatus, at: string) =>
  seedOrder({ status, at, confirmed: status !== "created", lines: [{ sellerId: newId("sel"), title: "Prestige Pressure Cooker (5 L)" }] });

async function ownDueDay(orderId: string): Promise<string> {
  const due = (await readOrder(env.DB, orderId))?.order.delivery_by;
  expect(due).toBeTruthy();
  return due as string;
}

/** Every page of the late list the API gives, followed by its cursors. */
async function allLate(headers: Record<string, string>, limit: number): Promise<Row[]> {
  const rows: Row[] = [];
  let cursor: string | null = null;
  do {
    const res = await api(`/api/admin/orders?due=late&limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`, { headers });
    expect(res.status).toBe(200);
    const page = (await res.json()) as Page;
    rows.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return rows;
}

describe("the ops list of late orders", () => {
  it("lists the orders on their way past their due day, whatever their status, oldest placed first", async () => {
    const ops = await createTestUser(["ops"]);
    const shippedLate = await seed("shipped", daysAgo(40));
    const packedLate = await seed("packed", daysAgo(30));
    const authorizedLate = await seed("payment_authorized", daysAgo(25));
    const fresh = await seed("packed", daysAgo(0));
    const delivered = await seed("delivered", daysAgo(35));
    const neverPaid = await seed("created", daysAgo(35));
    const cancelled = await seed("cancelled", daysAgo(35));

    const rows = await allLate(ops.headers, 50);
    const mine = rows.filter((r) => [shippedLate, packedLate, authorizedLate, fresh, delivered, neverPaid, cancelled].includes(r.id));
    expect(mine.map((r) => [r.id, r.status])).toEqual([
      [shippedLate, "shipped"],
      [packedLate, "packed"],
      [authorizedLate, "payment_authorized"],
    ]);
    const today = istDate(new Date());
    for (const r of rows) {
      expect(r.delivery_by, r.id).toBe(await ownDueDay(r.id));
      expect((r.delivery_by as string) < today, r.id).toBe(true);
    }
    // Each late order is listed once, however the list is paged.
    expect((await allLate(ops.headers, 1)).map((r) => r.id)).toEqual(rows.map((r) => r.id));
  });

  it("counts an order late from the day after its due day, in India", async () => {
    const placed = await seed("packed", "2031-05-01T04:00:00.000Z");
    const due = await ownDueDay(placed);
    const ids = async (now: string) => (await listLateOrders(env.DB, { limit: 50 }, { now: new Date(now) })).items.map((o) => o.id);
    // The due day's last minute in India is still in time; the next day's first is late.
    expect(await ids(`${due}T18:29:00.000Z`)).not.toContain(placed);
    const nextDay = new Date(Date.parse(`${due}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
    expect(await ids(`${due}T18:31:00.000Z`)).toContain(placed);
    expect(istDate(new Date(`${due}T18:31:00.000Z`))).toBe(nextDay);
  });

  it("ends a page early after looking through its share of orders, and its cursor goes on from there", async () => {
    const placed: string[] = [];
    for (let i = 0; i < 5; i++) placed.push(await seed(i % 2 ? "shipped" : "confirmed", `2031-06-0${i + 1}T04:00:00.000Z`));
    const now = new Date("2031-08-01T06:00:00.000Z");
    const whole = await listLateOrders(env.DB, { limit: 50 }, { now });
    expect(whole.next_cursor).toBeNull();
    expect(whole.items.filter((o) => placed.includes(o.id)).map((o) => o.id)).toEqual(placed);

    const stepped: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const position = cursor ? OrderCursorField.parse(cursor) : undefined;
      const page = await listLateOrders(env.DB, { limit: 50, cursor: position }, { now, scanLimit: 2 });
      expect(page.items.length).toBeLessThanOrEqual(2);
      stepped.push(...page.items.map((o) => o.id));
      cursor = page.next_cursor;
      pages++;
    } while (cursor);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(stepped).toEqual(whole.items.map((o) => o.id));
  });

  it("refuses a late list with a lookup, another value, or a cursor from another list, naming the field", async () => {
    const ops = await createTestUser(["ops"]);
    const field = async (query: string) => {
      const res = await api(`/api/admin/orders?${query}`, { headers: ops.headers });
      expect(res.status, query).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      return ((await res.json()) as { errors: Array<{ path: string; message: string }> }).errors;
    };
    expect(await field("due=late&q=shopper%40example.com")).toContainEqual({ path: "due", message: "cannot be combined with q" });
    expect(await field("due=soon")).toEqual([expect.objectContaining({ path: "due" })]);
    await seed("confirmed", daysAgo(3));
    await seed("confirmed", daysAgo(2));
    const confirmed = (await (await api("/api/admin/orders?status=confirmed&limit=1", { headers: ops.headers })).json()) as Page;
    expect(confirmed.next_cursor).not.toBeNull();
    expect(await field(`due=late&cursor=${confirmed.next_cursor}`)).toEqual([expect.objectContaining({ path: "cursor" })]);
    const shopper = await createTestUser([]);
    expect((await api("/api/admin/orders?due=late", { headers: shopper.headers })).status).toBe(403);
  });

  it("is a list in the ops console, each row with its status and due day, and a move made on it returns to it", async () => {
    const ops = await createTestUser(["ops"]);
    const late = await seed("confirmed", daysAgo(20));
    const due = await ownDueDay(late);
    const html = await (await api("/ops?due=late", { headers: ops.headers })).text();
    expect(html).toMatch(/<a href="\/ops\?due=late" aria-current="page">\s*Late\s*<\/a>/);
    expect(readerText(html)).toContain("Late orders");
    const start = html.indexOf(`<tr data-order-id="${late}">`);
    expect(start).toBeGreaterThan(-1);
    const row = html.slice(start, html.indexOf("</tr>", start));
    expect(readerText(row)).toContain("Confirmed");
    expect(readerText(row)).toContain(deliveryDateLabel(due));
    expect(readerText(row)).toContain("Late");
    expect(row).toContain('<input type="hidden" name="due" value="late"');

    const moved = await consolePost(`/ops/orders/${late}/transitions`, { to: "packed", status: "confirmed", due: "late" }, ops.headers);
    expect(moved.status).toBe(303);
    const back = moved.headers.get("location") ?? "";
    expect(back).toContain("due=late");
    const after = readerText(await (await api(back, { headers: ops.headers })).text());
    expect(after).toContain(`Order ${late}: `);
    expect(after).toContain("Late orders");
    // Still late, now packed.
    const again = await (await api("/ops?due=late", { headers: ops.headers })).text();
    const moverow = again.slice(again.indexOf(`<tr data-order-id="${late}">`));
    expect(readerText(moverow.slice(0, moverow.indexOf("</tr>")))).toContain("Packed");
  });

  it("keeps the late list when ops check a SKU's stock from it", async () => {
    const ops = await createTestUser(["ops"]);
    const late = await seed("confirmed", daysAgo(20));
    const html = await (await api("/ops?due=late", { headers: ops.headers })).text();
    const form = html.slice(html.indexOf('<section class="panel" aria-labelledby="audit-h">'));
    expect(form).toContain('<input type="hidden" name="due" value="late"/>');
    expect(form).not.toContain('name="status"');
    const checked = await (await api("/ops?due=late&sku=lst_nothing_here", { headers: ops.headers })).text();
    expect(readerText(checked)).toContain("Late orders");
    expect(checked).toContain(`<tr data-order-id="${late}">`);
  });
});
