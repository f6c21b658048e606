import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { deliveryDateLabel } from "../../workers/delivery/estimate";
import { notificationText, notifyForEvent, shortTitle } from "../../workers/orders/notifications";
import { readOrder } from "../../workers/orders/queries";
import type { OrderEvent } from "../../workers/orders/transitions";
import { newId } from "../../workers/platform/ids";
import { seedOrder } from "./seed";

const PHONE = "Samsung Galaxy S23 FE (Purple, 256GB, 8GB RAM, with the 25W travel adapter in the box)";

/** The email a shopper was sent when the seeded order moved to `to`. */
async function messageFor(orderId: string, userId: string, from: "created" | "shipped", to: "confirmed" | "delivered") {
  const t = await env.DB.prepare(
    "INSERT INTO order_transitions (order_id, from_status, to_status, actor, reason, at) VALUES (?, ?, ?, 'system', 'test', ?) RETURNING id",
  )
    .bind(orderId, from, to, new Date().toISOString())
    .first<{ id: number }>();
  const event: OrderEvent = { type: "order.transition", transitionId: t?.id ?? 0, orderId, userId, from, to, actor: "system", at: "" };
  await notifyForEvent(env.DB, event);
  return env.DB.prepare("SELECT subject, body FROM notifications WHERE order_id = ? AND channel = 'email' AND kind = ?")
    .bind(orderId, to === "confirmed" ? "order_confirmed" : "order_delivered")
    .first<{ subject: string; body: string }>();
}

describe("order messages name what was bought", () => {
  it("names a multi-line order by its costliest line and how many more, keeping the id for support", async () => {
    const userId = newId("usr");
    const orderId = await seedOrder({
      userId,
      status: "confirmed",
      at: new Date().toISOString(),
      lines: [
        { sellerId: newId("sel"), title: "Spigen Rugged Armor case", unitPrice: 99900, qty: 2 },
        { sellerId: newId("sel"), title: "Apple iPhone 15 (Black, 128GB)", unitPrice: 6990000 },
        { sellerId: newId("sel"), title: "USB-C cable", unitPrice: 49900 },
      ],
    });
    const sent = await messageFor(orderId, userId, "created", "confirmed");
    expect(sent?.subject).toBe("Order confirmed: Apple iPhone 15 (Black, 128GB) and 2 more items");
    // With the day it is due by, as its page shows it.
    const due = (await readOrder(env.DB, orderId))?.order.delivery_by ?? "";
    expect(due).not.toBe("");
    expect(sent?.body).toBe(
      `Thank you: your order of Apple iPhone 15 (Black, 128GB) and 2 more items (₹72,397) is confirmed and should reach you by ${deliveryDateLabel(due)}. We'll tell you when it ships. Order ${orderId}.`,
    );
  });

  it("names a one-line order by its title alone, cut at a word in the subject and whole in the body", async () => {
    const userId = newId("usr");
    const orderId = await seedOrder({
      userId,
      status: "delivered",
      at: new Date().toISOString(),
      lines: [{ sellerId: newId("sel"), title: PHONE, unitPrice: 4462900 }],
    });
    const sent = await messageFor(orderId, userId, "shipped", "delivered");
    expect(sent?.subject).toBe("Delivered: Samsung Galaxy S23 FE (Purple, 256GB, 8GB RAM…");
    expect(sent?.body).toContain(`Your ${PHONE} was delivered.`);
    expect(sent?.body).toMatch(new RegExp(`Order ${orderId}\\.$`));
  });

  it("keeps every subject short enough for an SMS, however long the title", () => {
    const order = { id: "ord_0123456789abcdef0123456789", total: 4462900, refunded: 4462900, reason: "No damage seen", lines: 12 };
    for (const kind of ["order_confirmed", "order_shipped", "return_accepted", "return_declined", "order_refunded"] as const) {
      const { subject } = notificationText(kind, { ...order, lead_title: PHONE.repeat(3) });
      expect(subject.length).toBeLessThanOrEqual(120);
      expect(subject).toContain("and 11 more items");
    }
    expect(notificationText("return_declined", { ...order, lead_title: "Kettle", lines: 1 }).body).toBe(
      `We could not accept your return of Kettle: No damage seen. Order ${order.id}.`,
    );
  });

  it("says an order of several items were delivered and are on their way, one item was and is", () => {
    const order = { id: "ord_0123456789abcdef0123456789", total: 100, refunded: 0, reason: "", lead_title: "Fossil watch" };
    expect(notificationText("order_delivered", { ...order, lines: 2 }).body).toContain(
      "Your Fossil watch and 1 more item were delivered. Something not right? You can ask to return them from your order page.",
    );
    expect(notificationText("order_shipped", { ...order, lines: 3 }).body).toContain(
      "Your Fossil watch and 2 more items are on their way.",
    );
    expect(notificationText("order_delivered", { ...order, lines: 1 }).body).toContain("Your Fossil watch was delivered.");
    expect(notificationText("order_shipped", { ...order, lines: 1 }).body).toContain("Your Fossil watch is on its way.");
    // The day it is due, when the message knows it.
    expect(notificationText("order_shipped", { ...order, lines: 1, delivery_by: "2026-12-13" }).body).toContain(
      "Your Fossil watch is on its way, arriving by Sun, 13 Dec.",
    );
  });

  it("cuts a title at a word, never mid-word, and leaves a short one whole", () => {
    expect(shortTitle("Apple iPhone 15")).toBe("Apple iPhone 15");
    expect(shortTitle("Prestige Svachh Pressure Cooker (3 L, Aluminium)", 30)).toBe("Prestige Svachh Pressure…");
    expect(shortTitle("Supercalifragilisticexpialidociousnesses", 20)).toBe("Supercalifragilisti…");
  });

  it("names an order without lines by its id, as before", () => {
    const { subject } = notificationText("order_shipped", { id: "ord_x", total: 0, refunded: 0, reason: "", lead_title: null, lines: 0 });
    expect(subject).toBe("Shipped: order ord_x");
  });
});
