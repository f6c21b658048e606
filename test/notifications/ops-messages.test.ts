import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { OPS_MESSAGES_SQL } from "../../workers/notifications/ops-messages";
import { ACTOR_NAMES_SQL } from "../../workers/orders/actor-names";
import { resendGivenUp } from "../../workers/notifications/resend";
import { confirmedOrder } from "../checkout/support";
import { createListingFixture } from "../helpers/catalog";
import { createTestUser } from "../helpers/accounts";
import { browserSession, drawnForm, postForm } from "../helpers/forms";
import { api, readerText as text } from "../helpers/http";
import { deliveryOf, mailSpy, record } from "./support";

const OUTAGE = "503 mail provider unavailable";

/** An order with one message in every delivery state, as ops open it. */
async function orderWithEveryState() {
  const { orderId, user } = await confirmedOrder();
  const ops = await createTestUser(["ops"]);
  const ids = {
    sent: await record(orderId, user.id, "order_confirmed", "email", "2025-12-02T06:30:00.000Z", {
      email_state: "sent",
      sent_at: "2025-12-02T06:33:00.000Z",
      message_id: "<m1@bazaar-edge.example>",
    }),
    sms: await record(orderId, user.id, "order_confirmed", "sms", "2025-12-02T06:30:00.000Z"),
    waiting: await record(orderId, user.id, "order_shipped", "email", "2025-12-03T06:30:00.000Z", {
      email_state: "pending",
      send_attempts: 1,
      send_claimed_until: "2099-12-03T06:35:00.000Z",
      send_error: OUTAGE,
    }),
    failed: await record(orderId, user.id, "order_delivered", "email", "2025-12-04T06:30:00.000Z", {
      email_state: "failed",
      send_attempts: 8,
      send_error: OUTAGE,
    }),
    suppressed: await record(orderId, user.id, "back_in_stock", "email", "2025-12-05T06:30:00.000Z", { email_state: "suppressed" }),
    before: await record(orderId, user.id, "return_requested", "email", "2025-12-06T06:30:00.000Z", { email_state: "before_delivery" }),
  };
  return { orderId, user, ops, ids };
}

/** The text of a message's row on the ops order page. */
function rowText(html: string, id: number): string {
  const start = html.indexOf(`<tr data-message="${id}"`);
  expect(start).toBeGreaterThan(-1);
  return text(html.slice(start, html.indexOf("</tr>", start)));
}

async function page(path: string, headers: Record<string, string>): Promise<string> {
  const res = await api(path, { headers });
  expect(res.status).toBe(200);
  return res.text();
}

const resend = (id: number | string, headers: Record<string, string>) =>
  api(`/api/admin/notifications/${id}/resend`, { method: "POST", headers });

describe("what the store told a shopper about an order, on the ops order page", () => {
  it("lists the order's messages newest first, each with kind, recipient, subject and delivery in words", async () => {
    const { orderId, user, ops, ids } = await orderWithEveryState();
    const html = await page(`/ops/orders/${orderId}`, ops.headers);
    expect(html).toContain("data-order-messages");

    expect(rowText(html, ids.sent)).toContain("Order confirmed");
    expect(rowText(html, ids.sent)).toContain(user.email);
    expect(rowText(html, ids.sent)).toContain("Subject of order_confirmed");
    expect(rowText(html, ids.sent)).toContain("Sent 2 Dec 2025, 12:03 pm");
    expect(rowText(html, ids.sms)).toContain("SMS: recorded only");
    expect(rowText(html, ids.waiting)).toContain("Order shipped");
    expect(rowText(html, ids.waiting)).toContain("Waiting (attempt 2, next try after 3 Dec 2099, 12:05 pm IST)");
    expect(rowText(html, ids.failed)).toContain(`Given up: ${OUTAGE}`);
    expect(rowText(html, ids.suppressed)).toContain("Not sent: turned off by the shopper");
    expect(rowText(html, ids.before)).toContain("Recorded before email delivery existed");

    // Newest first; only the given-up mail has a Send again button.
    const order = [ids.before, ids.suppressed, ids.failed, ids.waiting].map((id) => html.indexOf(`data-message="${id}"`));
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect([...html.matchAll(/data-resend="(\d+)"/g)].map((m) => Number(m[1]))).toEqual([ids.failed]);

    // The API answers the same, as an additive field of the order.
    const body = (await (await api(`/api/admin/orders/${orderId}`, { headers: ops.headers })).json()) as {
      messages: Array<{ id: string; channel: string; to: string | null; email_state: string | null; next_try_after: string | null }>;
    };
    const mine = body.messages.filter((m) => Object.values(ids).map(String).includes(m.id));
    expect(mine.map((m) => Number(m.id))).toEqual([ids.before, ids.suppressed, ids.failed, ids.waiting, ids.sms, ids.sent]);
    expect(mine.find((m) => m.id === String(ids.waiting))).toMatchObject({ to: user.email, next_try_after: "2099-12-03T06:35:00.000Z" });
    expect(mine.find((m) => m.id === String(ids.sms))).toMatchObject({ channel: "sms", to: null, email_state: null });
  });

  it("reads an order's messages from its own index, newest first without sorting", async () => {
    const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${OPS_MESSAGES_SQL.byOrder}`).bind("ord_x").all<{ detail: string }>();
    const plan = results.map((r) => r.detail);
    expect(plan.some((d) => d.includes("notifications_order_idx"))).toBe(true);
    expect(plan.filter((d) => /^SCAN n\b|TEMP B-TREE/.test(d))).toEqual([]);
  });

  it("reads the names of who acted on an order, its mails' resenders among them, from each table's order index", async () => {
    const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${ACTOR_NAMES_SQL}`).bind("ord_x").all<{ detail: string }>();
    const plan = results.map((r) => r.detail);
    for (const index of ["transitions_order_idx", "shipments_order_idx", "notifications_order_idx"])
      expect(plan.some((d) => d.includes(index))).toBe(true);
    expect(plan.filter((d) => /^SCAN (order_transitions|shipments|notifications|users)\b/.test(d))).toEqual([]);
  });
});

describe("Send again", () => {
  it("sends a given-up mail from the order page, records who did, and says it went", async () => {
    const { orderId, ops, ids } = await orderWithEveryState();
    await env.DB.prepare("UPDATE users SET name = 'Asha Rao' WHERE id = ?").bind(ops.id).run();
    const session = await browserSession(ops);
    const html = await page(`/ops/orders/${orderId}`, { cookie: session.cookie });
    const form = drawnForm(html, `data-resend="${ids.failed}"`);
    expect(form.fields).toMatchObject({ _csrf: session.csrf, back: "order", order: orderId });

    const res = await postForm(form.action, form.fields, session.cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/ops/orders/${orderId}?done=resent#messages-h`);
    const row = await deliveryOf(ids.failed);
    expect(row).toMatchObject({ email_state: "sent", send_attempts: 0, send_error: null });
    expect(row?.message_id).toMatch(/^<.+@bazaar-edge\.example>$/);
    const who = await env.DB.prepare("SELECT resent_by, resent_at FROM notifications WHERE id = ?")
      .bind(ids.failed)
      .first<{ resent_by: string; resent_at: string }>();
    expect(who?.resent_by).toBe(`ops:${ops.id}`);
    expect(Date.parse(who?.resent_at ?? "")).toBeGreaterThan(Date.now() - 60_000);

    const after = await page(res.headers.get("location")!.replace(/#.*/, ""), { cookie: session.cookie });
    expect(text(after)).toContain("Sent again: the mail provider accepted it.");
    expect(rowText(after, ids.failed)).toMatch(/Sent \d/);
    // Named as ops know the account, never by its id.
    expect(rowText(after, ids.failed)).toContain("sent again by Asha Rao (ops)");
    const note = after.slice(after.indexOf("data-resent-by"), after.indexOf("</span>", after.indexOf("data-resent-by")));
    expect(note).not.toContain("usr_");
    expect(after).not.toContain(ops.id);
    // The API keeps the stored actor for the audit and names it beside.
    const body = (await (await api(`/api/admin/orders/${orderId}`, { headers: ops.headers })).json()) as {
      messages: Array<{ id: string; resent_by: string | null; resent_by_name: string | null }>;
    };
    expect(body.messages.find((m) => m.id === String(ids.failed))).toMatchObject({
      resent_by: `ops:${ops.id}`,
      resent_by_name: "Asha Rao",
    });
    expect(body.messages.find((m) => m.id === String(ids.sent))).toMatchObject({ resent_by: null, resent_by_name: null });
  });

  it("hands the mail to the provider, addressed to the shopper, as the deliverer does", async () => {
    const { user, ops, ids } = await orderWithEveryState();
    const { sent, spyEnv } = mailSpy();
    const message = await resendGivenUp(spyEnv, ids.failed, `ops:${ops.id}`);
    expect(sent).toEqual([expect.objectContaining({ to: user.email, subject: "Subject of order_delivered" })]);
    expect(message).toMatchObject({ email_state: "sent", message_id: sent[0]?.messageId, resent_by: `ops:${ops.id}` });
  });

  it("leaves the mail waiting for the cron, without an error, when the provider is still down", async () => {
    const { ops, ids } = await orderWithEveryState();
    const { refused, spyEnv } = mailSpy(() => true);
    const message = await resendGivenUp(spyEnv, ids.failed, `ops:${ops.id}`);
    expect(refused()).toBe(1);
    expect(message).toMatchObject({ email_state: "pending", send_attempts: 1, send_error: OUTAGE, resent_by: `ops:${ops.id}` });
    expect(message.next_try_after).toEqual(expect.any(String));
  });

  it("refuses a sent, suppressed, waiting or SMS message with 409 naming its state, and changes nothing", async () => {
    const { ops, ids } = await orderWithEveryState();
    for (const [id, state] of [
      [ids.sent, "sent"],
      [ids.suppressed, "suppressed"],
      [ids.waiting, "pending"],
      [ids.before, "before_delivery"],
      [ids.sms, "recorded_only"],
    ] as const) {
      const before = await env.DB.prepare("SELECT * FROM notifications WHERE id = ?").bind(id).first();
      const res = await resend(id, ops.headers);
      expect(res.status).toBe(409);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(await res.json()).toMatchObject({ type: "/problems/conflict", email_state: state });
      expect(await env.DB.prepare("SELECT * FROM notifications WHERE id = ?").bind(id).first()).toEqual(before);
    }
  });

  it("is for ops only, and 404 for an unknown message", async () => {
    const { ids } = await orderWithEveryState();
    const seller = await createTestUser(["seller"], { sellerId: (await createListingFixture()).sellerId });
    for (const who of [await createTestUser(), seller]) {
      const res = await resend(ids.failed, who.headers);
      expect(res.status).toBe(403);
    }
    expect((await deliveryOf(ids.failed))?.email_state).toBe("failed");
    const ops = await createTestUser(["ops"]);
    const missing = await resend(999_999_999, ops.headers);
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toContain("application/problem+json");
  });
});

describe("the list of given-up mails", () => {
  it("is linked from the overview's figure, pages newest first, and links each mail to its order", async () => {
    const { orderId, user, ops } = await orderWithEveryState();
    const overview = await page("/ops/overview", ops.headers);
    expect(overview).toContain('href="/ops/emails?state=failed"');

    // More than a page of given-up mails, the newest about the order.
    const older: number[] = [];
    for (let i = 0; i < 50; i++) {
      older.push(
        await record(null, user.id, "price_drop", "email", new Date().toISOString(), { email_state: "failed", send_error: OUTAGE }),
      );
    }
    const newest = await record(orderId, user.id, "order_shipped", "email", new Date().toISOString(), {
      email_state: "failed",
      send_error: OUTAGE,
    });

    const first = await page("/ops/emails?state=failed", ops.headers);
    const firstIds = [...first.matchAll(/<tr data-message="(\d+)"/g)].map((m) => Number(m[1]));
    expect(firstIds).toHaveLength(50);
    expect(firstIds[0]).toBe(newest);
    expect([...firstIds].sort((a, b) => b - a)).toEqual(firstIds);
    expect(rowText(first, newest)).toContain(`Given up: ${OUTAGE}`);
    expect(first).toContain(`href="/ops/orders/${orderId}"`);
    expect(first).toContain(`data-resend="${newest}"`);

    const next = /<a href="([^"]+)" rel="next"/.exec(first)?.[1]?.replaceAll("&amp;", "&");
    expect(next).toMatch(/^\/ops\/emails\?state=failed&cursor=/);
    const second = await page(next!, ops.headers);
    const secondIds = [...second.matchAll(/<tr data-message="(\d+)"/g)].map((m) => Number(m[1]));
    // No mail on both pages, and every one of ours on one of them.
    expect(secondIds.filter((id) => firstIds.includes(id))).toEqual([]);
    expect(older.filter((id) => !firstIds.includes(id) && !secondIds.includes(id))).toEqual([]);
    expect(Math.max(...secondIds)).toBeLessThan(Math.min(...firstIds));
  });

  it("sends a mail again from the list and comes back to it", async () => {
    const { ops, ids } = await orderWithEveryState();
    const session = await browserSession(ops);
    const form = drawnForm(await page("/ops/emails?state=failed", { cookie: session.cookie }), `data-resend="${ids.failed}"`);
    const res = await postForm(form.action, form.fields, session.cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/ops/emails?state=failed&done=resent");
    expect((await deliveryOf(ids.failed))?.email_state).toBe("sent");
    expect(await page(res.headers.get("location")!, { cookie: session.cookie })).not.toContain(`data-message="${ids.failed}"`);
  });

  it("is for ops only", async () => {
    const shopper = await createTestUser();
    expect((await api("/api/admin/notifications?state=failed", { headers: shopper.headers })).status).toBe(403);
    expect((await api("/ops/emails?state=failed", { headers: shopper.headers })).status).toBe(403);
  });
});
