import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { notificationText } from "../../workers/orders/notifications";
import { opsMoveWords } from "../../workers/orders/ops-move-words";
import { confirmedOrder, moneyOf } from "../checkout/support";
import { createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { deliver, eventsFor } from "./order-events";
import { opsMove } from "./returns-seed";

/** The messages the shopper was sent about the order, by kind, as the email channel holds them. */
async function messages(orderId: string): Promise<Record<string, { subject: string; body: string }>> {
  await deliver(await eventsFor(orderId));
  const { results } = await env.DB.prepare("SELECT kind, subject, body FROM notifications WHERE order_id = ? AND channel = 'email'")
    .bind(orderId)
    .all<{ kind: string; subject: string; body: string }>();
  return Object.fromEntries(results.map(({ kind, ...text }) => [kind, text]));
}

async function titleOf(productId: string): Promise<string> {
  return (await env.DB.prepare("SELECT title FROM products WHERE id = ?").bind(productId).first<string>("title")) ?? "";
}

describe("the shopper's message when an order is cancelled", () => {
  it("tells a shopper who cancelled a cash-on-delivery order that nothing is due", async () => {
    const { orderId, f, user } = await confirmedOrder({ method: "cod" });
    expect((await api(`/api/orders/${orderId}/cancel`, { method: "POST", headers: user.headers })).status).toBe(200);
    const sent = await messages(orderId);
    const title = await titleOf(f.productId);
    expect(sent.order_cancelled).toEqual({
      subject: `Cancelled: ${title}`,
      body: `You cancelled your order of ${title}. Nothing is due on delivery. Order ${orderId}.`,
    });
  });

  it("tells a shopper whose paid order ops cancelled why, and that the money comes back in a message of its own", async () => {
    const { orderId, f } = await confirmedOrder({ method: "upi" });
    for (let i = 0; i < 100 && (await moneyOf(orderId))?.status !== "captured"; i++) await scheduler.wait(50);
    const ops = await createTestUser(["ops"]);
    expect((await opsMove(orderId, ops, { to: "cancelled", reason: "Seller cannot fulfil this order" })).status).toBe(200);
    const sent = await messages(orderId);
    const title = await titleOf(f.productId);
    expect(sent.order_cancelled?.body).toBe(
      `We cancelled your order of ${title}: Seller cannot fulfil this order. What you paid goes back to the way you paid: we'll tell you when the refund starts. Order ${orderId}.`,
    );
    expect(sent.order_refunded?.subject).toMatch(/^Refund of ₹[\d,]+ started for /);
  });

  it("leaves out ops' generic words, and says nothing was charged when nothing was", () => {
    const order = { id: "ord_x", total: 49900, refunded: 0, lead_title: "Steel kettle", lines: 1 };
    expect(notificationText("order_cancelled", { ...order, reason: opsMoveWords("cancelled"), actor: "ops", payment: null }).body).toBe(
      "We cancelled your order of Steel kettle. Nothing was charged. Order ord_x.",
    );
    expect(
      notificationText("order_cancelled", {
        ...order,
        reason: "payment not completed in time",
        actor: "system",
        payment: { method: "upi", status: "requires_action" },
      }).body,
    ).toBe("We cancelled your order of Steel kettle: payment not completed in time. Nothing was charged. Order ord_x.");
  });
});
