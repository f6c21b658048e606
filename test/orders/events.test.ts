import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ALERTS_PER_HOUR } from "../../workers/orders/notifications";
import type { OrderEvent } from "../../workers/orders/transitions";
import type { Envelope } from "../../workers/platform/outbox";
import { confirmedOrder } from "../checkout/support";
import { api } from "../helpers/http";
import { deliver, eventsFor } from "./order-events";

/** The UTC day the order's confirmation counts its sales in: the day of the event's own time, not the test's clock. */
function saleDay(events: Array<Envelope<OrderEvent>>): string {
  const confirmed = events.find((e) => e.body.to === "confirmed");
  if (!confirmed) throw new Error("no confirmation among the order's events");
  return confirmed.body.at.slice(0, 10);
}

describe("order-events consumer", () => {
  it("records notifications per channel and daily sales once, however often an event is redelivered", async () => {
    const { orderId, f } = await confirmedOrder({ qty: 2 });
    const events = await eventsFor(orderId);
    expect(events.map((e) => e.body.to)).toEqual(["created", "payment_authorized", "confirmed"]);
    const day = saleDay(events);

    const result = await deliver([...events, ...events]);
    expect(result.explicitAcks).toHaveLength(6);
    await deliver(events);

    const notes = await env.DB.prepare("SELECT kind, channel, link FROM notifications WHERE order_id = ? ORDER BY channel")
      .bind(orderId)
      .all();
    // The link is what the shopper's Updates page opens.
    expect(notes.results).toEqual([
      { kind: "order_confirmed", channel: "email", link: `/orders/${orderId}` },
      { kind: "order_confirmed", channel: "sms", link: `/orders/${orderId}` },
    ]);
    const sales = await env.DB.prepare("SELECT units, orders, revenue FROM sales_daily WHERE day = ? AND category_id = ?")
      .bind(day, f.categoryId)
      .first<{ units: number }>();
    // The fixture's category is its own, so these are this order's figures whether or not the live queue got there first.
    expect(sales).toEqual({ units: 2, orders: 1, revenue: 259800 });
    const coBought = await env.DB.prepare("SELECT COUNT(*) AS n FROM processed_messages WHERE message_id = ?")
      .bind(orderId)
      .first<{ n: number }>();
    expect(coBought?.n).toBe(2);
  });

  it("takes a cancelled order back out of the day's sales and trending, once", async () => {
    const { orderId, f, user } = await confirmedOrder({ qty: 2 });
    const confirmation = await eventsFor(orderId);
    const day = saleDay(confirmation);
    await deliver(confirmation);
    const figures = async () => ({
      sales: await env.DB.prepare("SELECT units, orders, revenue FROM sales_daily WHERE day = ? AND category_id = ?")
        .bind(day, f.categoryId)
        .first(),
      trending: await env.DB.prepare("SELECT units FROM product_sales_daily WHERE day = ? AND product_id = ?")
        .bind(day, f.productId)
        .first(),
    });
    expect(await figures()).toEqual({ sales: { units: 2, orders: 1, revenue: 259800 }, trending: { units: 2 } });

    expect((await api(`/api/orders/${orderId}/cancel`, { method: "POST", headers: user.headers })).status).toBe(200);
    const events = await eventsFor(orderId);
    await deliver(events);
    await deliver(events);
    expect(await figures()).toEqual({ sales: { units: 0, orders: 0, revenue: 0 }, trending: { units: 0 } });
  });

  it("does not count a confirmation delivered after the order's cancellation", async () => {
    const { orderId, f, user } = await confirmedOrder({ qty: 1 });
    expect((await api(`/api/orders/${orderId}/cancel`, { method: "POST", headers: user.headers })).status).toBe(200);
    const events = await eventsFor(orderId);
    await deliver(events.filter((e) => e.body.to === "cancelled"));
    await deliver(events);
    const day = saleDay(events);
    const sales = await env.DB.prepare("SELECT orders FROM sales_daily WHERE day = ? AND category_id = ?")
      .bind(day, f.categoryId)
      .first<{ orders: number }>();
    expect(sales?.orders ?? 0).toBe(0);
  });

  it("records every message about the shopper's own orders, however many in an hour: none is capped as alerts are", async () => {
    const { orderId, user } = await confirmedOrder();
    const [confirmed] = (await eventsFor(orderId)).filter((e) => e.body.to === "confirmed");
    const base = 1_000_000 + Math.floor(Math.random() * 1e6);
    const burst = Array.from({ length: ALERTS_PER_HOUR + 4 }, (_, i) => ({
      outboxId: confirmed!.outboxId,
      body: { ...confirmed!.body, transitionId: base + i },
    }));
    // The real confirmation is in the burst too: the live queue may deliver it as well, before or
    // after, and either way it is recorded once.
    await deliver([confirmed!, ...burst]);
    const sent = await env.DB.prepare("SELECT COUNT(*) AS n FROM notifications WHERE user_id = ? AND channel = 'email'")
      .bind(user.id)
      .first<{ n: number }>();
    expect(sent?.n).toBe(ALERTS_PER_HOUR + 5);
  });
});
