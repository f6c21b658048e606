import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { forgetCourierCalendar, loadCourierCalendar } from "../../workers/delivery/courier-calendar";
import { deliveryDateLabel, dispatchDate, handedOverFrom, istDate } from "../../workers/delivery/estimate";
import type { OrderStatus } from "../../workers/orders/state-machine";
import { encodeOrderCursor } from "../../workers/orders/cursor";
import { sellerDueScope, sellerOrdersStatement } from "../../workers/orders/seller-orders";
import { transitionOrder } from "../../workers/orders/transitions";
import { packByDate } from "../../workers/sellers/order-notifications";
import { createTestUser } from "../helpers/accounts";
import { resetCourierCalendarEachTest } from "../helpers/courier-calendar";
import { envFailingReads } from "../helpers/d1-interpose";
import { viaWorker } from "../helpers/edge";
import { daysAgo, movedBack, order, seller } from "./hand-over-orders";
import { api, ORIGIN, readerText } from "../helpers/http";
import { seedOrder } from "../orders/seed";
import { type SellerPage, sellerPage } from "../orders/seller-page";

/** The calendar the Worker counts with: the migrated festivals and whatever a test added. */
const calendar = async () => (await loadCourierCalendar(env.DB)).holidays;

resetCourierCalendarEachTest();

describe("the day each order must be handed over by, in GET /api/seller/orders", () => {
  it("is the dispatch day the new-order message named for an order confirmed now, and not late", async () => {
    const s = await seller();
    const confirmed = await order(s.sellerId);
    const packed = await order(s.sellerId, "packed");
    const shipped = await order(s.sellerId, "shipped");
    const cancelled = await order(s.sellerId, "cancelled");
    const today = dispatchDate(new Date(), await calendar());
    const page = await sellerPage("/api/seller/orders", s.headers);
    expect(page.items.map((o) => [o.id, o.hand_over_by, o.late])).toEqual([
      [cancelled, null, false],
      [shipped, null, false],
      [packed, today, false],
      [confirmed, today, false],
    ]);
    expect(today >= istDate(new Date())).toBe(true);
  });

  it("is late once today is past it, and only late orders are listed under ?due=late, oldest first", async () => {
    const s = await seller();
    const fresh = await order(s.sellerId);
    const older = await order(s.sellerId, "packed");
    const oldest = await order(s.sellerId);
    const shippedLong = await order(s.sellerId, "shipped");
    await movedBack(older, daysAgo(6));
    await movedBack(oldest, daysAgo(9));
    await movedBack(shippedLong, daysAgo(12));
    // Another seller's late order never shows in this seller's list.
    const other = await seller();
    const theirs = await order(other.sellerId);
    await movedBack(theirs, daysAgo(10));

    const cal = await calendar();
    const page = await sellerPage("/api/seller/orders", s.headers);
    const byId = new Map(page.items.map((o) => [o.id, o]));
    for (const id of [older, oldest]) {
      const placed = (await env.DB.prepare("SELECT created_at FROM orders WHERE id = ?").bind(id).first<string>("created_at")) ?? "";
      expect(byId.get(id)).toMatchObject({ hand_over_by: packByDate(placed, placed, cal), late: true });
    }
    expect(byId.get(fresh)).toMatchObject({ late: false });
    expect(byId.get(shippedLong)).toMatchObject({ hand_over_by: null, late: false });
    expect(byId.has(theirs)).toBe(false);

    const late = await sellerPage("/api/seller/orders?due=late", s.headers);
    expect(late).toEqual({ items: [expect.objectContaining({ id: oldest }), expect.objectContaining({ id: older })], next_cursor: null });
    expect((await sellerPage("/api/seller/orders?due=late", other.headers)).items.map((o) => o.id)).toEqual([theirs]);
  });

  it("counts an order paid days after it was placed from its payment, without hiding a later-placed late order", async () => {
    const s = await seller();
    const paidLate = await order(s.sellerId);
    const late = await order(s.sellerId);
    // Placed ten days ago, its payment reconciled only now: due from today, like a fresh order.
    await movedBack(paidLate, daysAgo(10), new Date().toISOString());
    await movedBack(late, daysAgo(5));
    const page = await sellerPage("/api/seller/orders", s.headers);
    expect(page.items.find((o) => o.id === paidLate)).toMatchObject({
      hand_over_by: dispatchDate(new Date(), await calendar()),
      late: false,
    });
    expect((await sellerPage("/api/seller/orders?due=late", s.headers)).items.map((o) => o.id)).toEqual([late]);
  });

  it("lists under ?due=today only the orders to hand over today", async () => {
    const s = await seller();
    const cal = await calendar();
    const today = istDate(new Date());
    const dueToday = await order(s.sellerId);
    const late = await order(s.sellerId);
    // Ready just as the last dispatch day before today closed: handed over today, if couriers work today.
    await movedBack(dueToday, handedOverFrom(today, cal).toISOString());
    await movedBack(late, daysAgo(8));
    const listed = (await sellerPage("/api/seller/orders?due=today", s.headers)).items;
    const handedOverToday = dispatchDate(handedOverFrom(today, cal), cal) === today;
    expect(listed.map((o) => [o.id, o.hand_over_by, o.late])).toEqual(handedOverToday ? [[dueToday, today, false]] : []);
    expect((await sellerPage("/api/seller/orders?due=late", s.headers)).items.map((o) => o.id)).toEqual([late]);
  });

  it("moves to the next working day when ops add a courier holiday on it", async () => {
    const s = await seller();
    const id = await order(s.sellerId);
    const before = (await sellerPage("/api/seller/orders", s.headers)).items[0]?.hand_over_by;
    expect(before).toBe(dispatchDate(new Date(), await calendar()));
    const ops = await createTestUser(["ops"]);
    await env.DB.prepare("INSERT INTO courier_holidays (date, name, added_by, added_at) VALUES (?, 'Bandh', ?, ?)")
      .bind(before, ops.id, new Date().toISOString())
      .run();
    forgetCourierCalendar();
    const after = (await sellerPage("/api/seller/orders", s.headers)).items[0];
    expect(after?.id).toBe(id);
    expect(after?.hand_over_by).toBe(dispatchDate(new Date(), await calendar()));
    expect(after?.hand_over_by).not.toBe(before);
    expect((after?.hand_over_by ?? "") > (before ?? "")).toBe(true);
  });

  it("counts over the national holidays when the calendar cannot be read, rather than failing the list", async () => {
    const s = await seller();
    const id = await order(s.sellerId);
    const usual = dispatchDate(new Date(), await calendar());
    await env.DB.prepare("INSERT INTO courier_holidays (date, name, added_by, added_at) VALUES (?, 'Bandh', ?, ?)")
      .bind(usual, (await createTestUser(["ops"])).id, new Date().toISOString())
      .run();
    forgetCourierCalendar();
    const unreadable = envFailingReads((q) => q.includes("FROM courier_holidays"));
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const { res } = await viaWorker(new Request(`${ORIGIN}/api/seller/orders`, { headers: s.headers }), unreadable);
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("private, no-store");
      const listed = ((await res.json()) as SellerPage).items;
      // The bandh only the calendar knows of is not counted: the day is the one counted without it.
      expect(listed.map((o) => [o.id, o.hand_over_by])).toEqual([[id, dispatchDate(new Date(), new Set())]]);
    } finally {
      logged.mockRestore();
    }
  });

  it("pages the late orders by their own cursor, and refuses a filter it cannot answer", async () => {
    const s = await seller();
    const ids = [await order(s.sellerId), await order(s.sellerId), await order(s.sellerId)];
    for (const [k, id] of ids.entries()) await movedBack(id, daysAgo(9 - k));
    const first = await sellerPage("/api/seller/orders?due=late&limit=2", s.headers);
    expect(first.items.map((o) => o.id)).toEqual(ids.slice(0, 2));
    const second = await sellerPage(`/api/seller/orders?due=late&limit=2&cursor=${first.next_cursor}`, s.headers);
    expect(second).toEqual({ items: [expect.objectContaining({ id: ids[2] })], next_cursor: null });

    const fromAll = (await sellerPage("/api/seller/orders?limit=1", s.headers)).next_cursor;
    for (const [query, field] of [
      [`due=late&cursor=${fromAll}`, "cursor"],
      [`due=late&cursor=${encodeOrderCursor(sellerDueScope("today"), { created_at: daysAgo(9), id: ids[0] ?? "" })}`, "cursor"],
      [`due=today&order=${ids[0]}`, "due"],
      ["due=soon", "due"],
    ] as const) {
      const res = await api(`/api/seller/orders?${query}`, { headers: s.headers });
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { errors: Array<{ path: string }> }).errors[0]?.path).toBe(field);
    }
  });

  it("is documented in the OpenAPI document", async () => {
    const doc = (await (await api("/api/openapi.json")).json()) as {
      components: { schemas: Record<string, { properties: Record<string, { description?: string }> }> };
      paths: Record<string, { get?: { parameters?: Array<{ name: string }> } }>;
    };
    const props = doc.components.schemas.SellerOrder?.properties ?? {};
    expect(props.hand_over_by?.description).toContain("courier");
    expect(props.late?.description).toContain("hand_over_by");
    expect(doc.paths["/api/seller/orders"]?.get?.parameters?.map((p) => p.name)).toContain("due");
  });
});

describe("the seller console's orders", () => {
  it("say the day to hand each over by, mark the late ones in words, and link to the late ones alone", async () => {
    const s = await seller();
    const fresh = await order(s.sellerId);
    const late = await order(s.sellerId);
    const shipped = await order(s.sellerId, "shipped");
    await movedBack(late, daysAgo(7));
    const cal = await calendar();
    const placed = (await env.DB.prepare("SELECT created_at FROM orders WHERE id = ?").bind(late).first<string>("created_at")) ?? "";
    const row = (html: string, id: string) =>
      readerText(/<tr data-order-id="[^"]+"[\s\S]*?<\/tr>/g.exec(html.slice(html.indexOf(`data-order-id="${id}"`) - 20))?.[0] ?? "");

    const all = await (await api("/seller", { headers: s.headers })).text();
    expect(row(all, fresh)).toContain(`Hand over by ${deliveryDateLabel(dispatchDate(new Date(), cal))}`);
    expect(row(all, fresh)).not.toContain("Late");
    expect(row(all, late)).toContain(`Hand over by ${deliveryDateLabel(packByDate(placed, placed, cal))} Late`);
    expect(row(all, shipped)).not.toContain("Hand over by");
    expect(all).toMatch(
      /data-due-filter[\s\S]*href="\/seller\?due=late#orders"[^>]*>Late \(1\)<[\s\S]*href="\/seller\?due=today#orders"[^>]*>Due today \(\d\)</,
    );

    const lateOnly = await (await api("/seller?due=late", { headers: s.headers })).text();
    expect(lateOnly).toContain(`data-order-id="${late}"`);
    expect(lateOnly).not.toContain(`data-order-id="${fresh}"`);
    expect(lateOnly).not.toContain(`data-order-id="${shipped}"`);
    expect(lateOnly).toMatch(/data-due-filter="late"[\s\S]*href="\/seller#orders"[^>]*>Show all orders/);

    const other = await seller();
    const none = await (await api("/seller?due=late", { headers: other.headers })).text();
    expect(none).not.toContain("data-order-id=");
    expect(none).toContain("None of your orders is late.");
  });
});

describe("a line's time ready to ship", () => {
  const readiness = async (orderId: string) =>
    (
      await env.DB.prepare("SELECT ready_to_ship_at AS at FROM order_items WHERE order_id = ? ORDER BY listing_id")
        .bind(orderId)
        .all<{ at: string | null }>()
    ).results.map((r) => r.at);
  const move = (orderId: string, to: OrderStatus, actor: "system" | "ops") =>
    transitionOrder(env.DB, { orderId, to, actor, actorId: "test", reason: "test" });

  it("is set by the move to confirmed, kept while packed, and cleared once the order ships or is cancelled", async () => {
    const a = await seller();
    const b = await seller();
    const placed = daysAgo(3);
    const orderId = await seedOrder({ status: "created", at: placed, lines: [{ sellerId: a.sellerId }, { sellerId: b.sellerId }] });
    expect(await readiness(orderId)).toEqual([null, null]);
    await move(orderId, "payment_authorized", "system");
    expect(await readiness(orderId)).toEqual([null, null]);
    await move(orderId, "confirmed", "system");
    const [ready] = await readiness(orderId);
    // Confirmed now, days after it was placed: ready from the confirmation, for both sellers' lines.
    expect(Date.parse(ready!)).toBeGreaterThan(Date.parse(placed));
    expect(await readiness(orderId)).toEqual([ready, ready]);
    const listed = async () => (await sellerPage(`/api/seller/orders?order=${orderId}`, a.headers)).items[0];
    expect((await listed())?.hand_over_by).toBe(packByDate(placed, ready!, await calendar()));
    await move(orderId, "packed", "ops");
    expect(await readiness(orderId)).toEqual([ready, ready]);
    await move(orderId, "shipped", "ops");
    expect(await readiness(orderId)).toEqual([null, null]);
    expect((await listed())?.hand_over_by).toBeNull();

    const cancelled = await seedOrder({ status: "confirmed", confirmed: true, at: placed, lines: [{ sellerId: a.sellerId }] });
    expect(await readiness(cancelled)).toEqual([placed]);
    await move(cancelled, "cancelled", "ops");
    expect(await readiness(cancelled)).toEqual([null]);
  });
});

describe("the due list's statement", () => {
  it("reads one range of the seller's lines still to ship, never their history or other sellers' orders", async () => {
    for (const cursor of [undefined, { at: "2033-01-01T00:00:00.000Z", id: "ord_x", scope: "seller:due:late" }]) {
      const { sql, binds } = sellerOrdersStatement("sel_x", { limit: 20, cursor, due: "late" }, { calendar: new Set(), now: new Date() });
      const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .bind(...binds)
        .all<{ detail: string }>();
      const steps = results.map((r) => r.detail);
      expect(steps.filter((d) => d.includes("order_items_seller_to_ship_idx (seller_id=? AND ready_to_ship_at>? AND"))).toHaveLength(1);
      expect(
        steps.filter((d) => d.includes("order_items_seller_idx") || d.includes("orders_status_created_idx") || /^SCAN (i|o|t)\b/.test(d)),
      ).toEqual([]);
      expect(
        steps.some((d) => /TEMP B-TREE FOR ORDER BY/.test(d)),
        JSON.stringify(steps),
      ).toBe(false);
    }
  });
});
