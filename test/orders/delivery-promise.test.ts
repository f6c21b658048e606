import { describe, expect, it } from "vitest";
import { deliveryDateLabel } from "../../workers/delivery/estimate";
import { deliveryBy } from "../../workers/orders/delivery-promise";
import { confirmedOrder } from "../checkout/support";
import { createTestUser } from "../helpers/accounts";
import { resetCourierCalendarEachTest } from "../helpers/courier-calendar";
import { api, readerText } from "../helpers/http";
import { consumeEvents, sentEmails } from "./returns-seed";
import { seedOrder } from "./seed";

const NONE = new Set<string>();
// Monday 7 Dec 2026, 11:00 IST: before the cut-off, so dispatched the same day.
const MORNING = new Date("2026-12-07T05:30:00.000Z");
const BENGALURU = { city: "Bengaluru", pincode: "560034" };
const PUNE = { city: "Pune", pincode: null };

/** The order's due day in the shopper's list, as the API gives it and as its row on the page says it. */
async function listed(orderId: string, headers: Record<string, string>): Promise<{ api: string | null; row: string }> {
  const list = (await (await api("/api/orders", { headers })).json()) as { items: Array<{ id: string; delivery_by: string | null }> };
  const page = await (await api("/orders", { headers })).text();
  const row = page.slice(page.indexOf(`data-order-id="${orderId}"`)).split('<li class="order-row"')[0] ?? "";
  return {
    api: list.items.find((o) => o.id === orderId)?.delivery_by ?? null,
    row: readerText(/<small data-delivery-by[^>]*>[\s\S]*?<\/small>/.exec(row)?.[0] ?? "").trim(),
  };
}

resetCourierCalendarEachTest();

describe("the day an order is due by", () => {
  it("is the last day checkout promised for its slowest line, from the warehouse each is held in", () => {
    const order = { status: "confirmed", readyAt: MORNING, toPincode: "560001" };
    // Within the district: the next day.
    expect(deliveryBy(order, [BENGALURU], NONE)).toBe("2026-12-08");
    // Pune is across the country from Bengaluru: four to six days; the order is due when both lines are.
    expect(deliveryBy(order, [BENGALURU, PUNE], NONE)).toBe("2026-12-13");
    // A line whose warehouse is not known counts as coming from anywhere in India.
    expect(deliveryBy(order, [null], NONE)).toBe("2026-12-13");
    // Ready after the cut-off (14:00 IST), it leaves the next day; a courier holiday on the way adds one.
    expect(deliveryBy({ ...order, readyAt: new Date("2026-12-07T09:00:00.000Z") }, [BENGALURU], NONE)).toBe("2026-12-09");
    expect(deliveryBy(order, [BENGALURU], new Set(["2026-12-08"]))).toBe("2026-12-09");
  });

  it("is there only while the order is on its way to a PIN code we deliver to", () => {
    const at = (status: string, toPincode = "560001") => deliveryBy({ status, readyAt: MORNING, toPincode }, [BENGALURU], NONE);
    for (const status of ["payment_authorized", "confirmed", "packed", "shipped"]) expect(at(status)).toBe("2026-12-08");
    for (const status of ["created", "payment_failed", "cancelled", "delivered", "return_requested", "refunded"])
      expect(at(status)).toBeNull();
    expect(at("confirmed", "099999")).toBeNull();
    expect(deliveryBy({ status: "confirmed", readyAt: MORNING, toPincode: undefined }, [BENGALURU], NONE)).toBeNull();
  });

  it("is the date the shopper was shown before buying, on the order and its page, until it is delivered", async () => {
    const { f, user, orderId } = await confirmedOrder();
    const shown = await api(`/api/products/${f.productId}/delivery?pincode=560001&listing_id=${f.listingId}`);
    const promised = ((await shown.json()) as { by: string }).by;
    const order = (await (await api(`/api/orders/${orderId}`, { headers: user.headers })).json()) as { delivery_by: string | null };
    expect(order.delivery_by).toBe(promised);
    const page = await (await api(`/orders/${orderId}`, { headers: user.headers })).text();
    expect(readerText(/<p data-delivery-by[^>]*>[\s\S]*?<\/p>/.exec(page)?.[0] ?? "").trim()).toBe(
      `Arriving by ${deliveryDateLabel(promised)}`,
    );

    // The shopper's list says it too, under the order's status.
    expect(await listed(orderId, user.headers)).toEqual({ api: promised, row: `Arriving by ${deliveryDateLabel(promised)}` });

    const ops = await createTestUser(["ops"]);
    const move = async (to: string) => {
      const moved = await api(`/api/admin/orders/${orderId}/transitions`, { method: "POST", headers: ops.headers, body: { to } });
      expect(moved.status).toBe(200);
    };
    await move("packed");
    await move("shipped");
    // The messages name the same day: the confirmation, and the shipping.
    await consumeEvents(orderId);
    const mail = await sentEmails(orderId);
    expect(mail.find((m) => m.kind === "order_confirmed")?.body).toContain(`and should reach you by ${deliveryDateLabel(promised)}.`);
    expect(mail.find((m) => m.kind === "order_shipped")?.body).toContain(`is on its way, arriving by ${deliveryDateLabel(promised)}.`);
    await move("delivered");
    const delivered = (await (await api(`/api/orders/${orderId}`, { headers: user.headers })).json()) as { delivery_by: string | null };
    expect(delivered.delivery_by).toBeNull();
    expect(await (await api(`/orders/${orderId}`, { headers: user.headers })).text()).not.toContain("data-delivery-by");
    expect(await listed(orderId, user.headers)).toEqual({ api: null, row: "" });
  });

  it("moves when ops close couriers on a day on its way, and the order's version says it changed", async () => {
    const { user, orderId } = await confirmedOrder();
    const read = async (etag?: string) => {
      const res = await api(`/api/orders/${orderId}`, { headers: { ...user.headers, ...(etag ? { "if-none-match": etag } : {}) } });
      return {
        status: res.status,
        etag: res.headers.get("etag") ?? "",
        due: res.status === 200 ? ((await res.json()) as { delivery_by: string }).delivery_by : null,
      };
    };
    const before = await read();
    expect((await read(before.etag)).status).toBe(304);
    const ops = await createTestUser(["ops"]);
    const closed = await api("/api/admin/courier-holidays", {
      method: "POST",
      headers: ops.headers,
      body: { date: before.due, name: "Courier strike" },
    });
    expect(closed.status).toBe(201);
    const after = await read(before.etag);
    expect(after.status).toBe(200);
    expect(after.due).not.toBe(before.due);
    expect((after.due ?? "") > (before.due ?? "")).toBe(true);
  });

  it("says so, once the day is past, while the order is still on its way", async () => {
    const user = await createTestUser();
    // Ready a month ago, from a warehouse not known: due within six days and a holiday or two.
    const readyAt = new Date(Date.now() - 30 * 24 * 60 * 60 * 1000).toISOString();
    const late = await seedOrder({ userId: user.id, status: "shipped", at: readyAt, confirmed: true });
    const order = (await (await api(`/api/orders/${late}`, { headers: user.headers })).json()) as { delivery_by: string };
    expect(order.delivery_by < new Date(Date.now() - 14 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10)).toBe(true);
    const page = await (await api(`/orders/${late}`, { headers: user.headers })).text();
    expect(readerText(/<p data-delivery-by[^>]*>[\s\S]*?<\/p>/.exec(page)?.[0] ?? "").trim()).toBe(
      `It was due by ${deliveryDateLabel(order.delivery_by)} and is running late. We are sorry for the wait.`,
    );
    expect(await listed(late, user.headers)).toEqual({
      api: order.delivery_by,
      row: `Running late: due ${deliveryDateLabel(order.delivery_by)}`,
    });
  });
});
