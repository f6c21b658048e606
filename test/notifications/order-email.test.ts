import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { confirmedOrder } from "../checkout/support";
import { mailSpy } from "./support";
import { deliver, eventsFor } from "../orders/order-events";

const rowsOf = (orderId: string) =>
  env.DB.prepare("SELECT channel, email_state, sent_at, message_id FROM notifications WHERE order_id = ? ORDER BY channel")
    .bind(orderId)
    .all<{ channel: string; email_state: string | null; sent_at: string | null; message_id: string | null }>();

describe("order emails", () => {
  it("emails the shopper their order confirmation once, however often the event is delivered", async () => {
    const { orderId, user } = await confirmedOrder();
    const events = await eventsFor(orderId);
    const { sent, spyEnv } = mailSpy();

    const result = await deliver(events, spyEnv);
    expect(result.explicitAcks).toHaveLength(events.length);
    const first = await rowsOf(orderId);
    const [email, sms] = first.results;
    expect(email).toMatchObject({ channel: "email", email_state: "sent" });
    expect(email?.sent_at).toEqual(expect.any(String));
    // The live queue may have consumed the event and mailed it first; either way exactly one mail
    // went out, and the row holds the message id the binding gave it.
    const mine = sent.filter((m) => m.to === user.email);
    expect(mine.length).toBeLessThanOrEqual(1);
    if (mine[0]) {
      expect(mine[0].subject).toMatch(/^Order confirmed: /);
      expect(mine[0].text).toContain(`https://bazaar-edge.example/orders/${orderId}`);
      expect(email?.message_id).toBe(mine[0].messageId);
    }
    expect(email?.message_id).toMatch(/^<.+@bazaar-edge\.example>$/);
    expect(sms).toMatchObject({ channel: "sms", email_state: null, sent_at: null, message_id: null });

    // Redelivered: nothing more is recorded or sent, and the sent state is as it was.
    await deliver([...events, ...events], spyEnv);
    expect(sent.filter((m) => m.to === user.email)).toEqual(mine);
    expect((await rowsOf(orderId)).results).toEqual(first.results);
  });

  it("acks the event even when the mail cannot be sent, leaving the mail for the cron", async () => {
    const { orderId } = await confirmedOrder();
    const events = (await eventsFor(orderId)).filter((e) => e.body.to === "confirmed");
    // Recorded by this delivery, not the live queue's: the row is removed first if the live queue got there.
    await env.DB.prepare("DELETE FROM notifications WHERE order_id = ?").bind(orderId).run();
    const down = mailSpy(() => true);

    const result = await deliver(events, down.spyEnv);
    expect(result.explicitAcks).toHaveLength(events.length);
    expect(result.retryMessages).toEqual([]);
    const [email] = (await rowsOf(orderId)).results;
    expect(email).toMatchObject({ channel: "email", email_state: "pending", sent_at: null });
    expect(down.refused()).toBe(1);
  });
});
