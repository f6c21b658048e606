import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { MAX_SEND_ATTEMPTS, SWEEP_LIMIT, deliverEmails, sweepEmails } from "../../workers/notifications/email-delivery";
import { createTestUser } from "../helpers/accounts";
import { deliveryOf, mailSpy, recordBoth } from "./support";

/** Lets a row's back-off run out, as waiting would. */
const dueNow = (id: number) => env.DB.prepare("UPDATE notifications SET send_claimed_until = NULL WHERE id = ?").bind(id).run();

describe("email delivery", () => {
  it("emails a recorded message through the send_email binding and marks it sent with the binding's message id", async () => {
    const user = await createTestUser();
    const row = await recordBoth(user.id, "ord_mail1");
    const { sent, spyEnv } = mailSpy();

    expect(await deliverEmails(spyEnv, { ids: [row.email, row.sms] })).toEqual({ sent: 1, retrying: 0, givenUp: 0, suppressed: 0 });

    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: user.email, subject: "Shipped: ord_mail1" });
    // The link is made absolute with the store's origin, so it opens from a mail client.
    expect(sent[0]?.text).toBe("Your ord_mail1 is on its way.\n\nhttps://bazaar-edge.example/orders/ord_mail1\n");
    const state = await deliveryOf(row.email);
    expect(state).toMatchObject({ email_state: "sent", message_id: sent[0]?.messageId, send_attempts: 0, send_claimed_until: null });
    expect(state?.sent_at).toEqual(expect.any(String));
    expect(sent[0]?.messageId).toMatch(/^<.+@bazaar-edge\.example>$/);
    // The SMS row is only recorded: never claimed, never given a delivery state.
    expect(await deliveryOf(row.sms)).toMatchObject({ email_state: null, sent_at: null, message_id: null, send_claimed_until: null });

    // Asked again, it sends nothing twice.
    expect(await deliverEmails(spyEnv, { ids: [row.email, row.sms] })).toEqual({ sent: 0, retrying: 0, givenUp: 0, suppressed: 0 });
    expect(sent).toHaveLength(1);
  });

  it("leaves a mail whose send failed unsent with its attempt counted, and the next sweep sends it once sending works", async () => {
    const user = await createTestUser();
    const row = await recordBoth(user.id, "ord_outage");
    const down = mailSpy(() => true);

    expect(await deliverEmails(down.spyEnv, { ids: [row.email] })).toEqual({ sent: 0, retrying: 1, givenUp: 0, suppressed: 0 });
    const failed = await deliveryOf(row.email);
    expect(failed).toMatchObject({ email_state: "pending", sent_at: null, message_id: null, send_attempts: 1 });
    expect(failed?.send_error).toContain("503 mail provider unavailable");
    // Backing off: not taken again before its time.
    expect(Date.parse(failed?.send_claimed_until ?? "")).toBeGreaterThan(Date.now());
    const up = mailSpy();
    await sweepEmails(up.spyEnv);
    expect(up.sent.filter((m) => m.to === user.email)).toEqual([]);

    await dueNow(row.email);
    await sweepEmails(up.spyEnv);
    expect(up.sent.filter((m) => m.to === user.email)).toHaveLength(1);
    expect(await deliveryOf(row.email)).toMatchObject({ email_state: "sent", send_attempts: 1, send_error: null });
  });

  it("gives a mail up after the maximum attempts, keeps it, and never tries it again", async () => {
    const user = await createTestUser();
    const row = await recordBoth(user.id, "ord_hopeless");
    const down = mailSpy(() => true);
    for (let n = 1; n <= MAX_SEND_ATTEMPTS; n++) {
      await deliverEmails(down.spyEnv, { ids: [row.email] });
      await dueNow(row.email);
    }
    expect(down.refused()).toBe(MAX_SEND_ATTEMPTS);
    const givenUp = await deliveryOf(row.email);
    expect(givenUp).toMatchObject({ email_state: "failed", sent_at: null, send_attempts: MAX_SEND_ATTEMPTS });
    // When it was given up is kept: ops send an outage's mails again by it.
    expect(Date.now() - Date.parse(givenUp?.given_up_at ?? "")).toBeLessThan(60_000);

    const up = mailSpy();
    expect(await deliverEmails(up.spyEnv, { ids: [row.email] })).toEqual({ sent: 0, retrying: 0, givenUp: 0, suppressed: 0 });
    await sweepEmails(up.spyEnv);
    expect(up.sent.filter((m) => m.to === user.email)).toEqual([]);
  });

  it("gives a mail up at once when its recipient no longer exists", async () => {
    const row = await recordBoth("usr_gone_for_good", "ord_orphan");
    const { sent, spyEnv } = mailSpy();
    expect(await deliverEmails(spyEnv, { ids: [row.email] })).toEqual({ sent: 0, retrying: 0, givenUp: 1, suppressed: 0 });
    expect(sent).toEqual([]);
    expect(await deliveryOf(row.email)).toMatchObject({
      email_state: "failed",
      send_attempts: 1,
      send_error: "recipient no longer exists",
    });
  });

  it("drains a backlog larger than one claim in one sweep", async () => {
    const user = await createTestUser();
    const backlog = SWEEP_LIMIT + 30;
    const { sent, spyEnv } = mailSpy();
    for (let n = 0; n < backlog; n++) await recordBoth(user.id, `ord_backlog${n}`);

    const swept = await sweepEmails(spyEnv);

    expect(sent.filter((m) => m.to === user.email)).toHaveLength(backlog);
    expect(swept.sent).toBeGreaterThanOrEqual(backlog);
  });

  it("sends each row once when deliverers run at once over the same rows", async () => {
    const user = await createTestUser();
    const rows = [];
    for (let n = 0; n < 12; n++) rows.push(await recordBoth(user.id, `ord_race${n}`));
    const ids = rows.flatMap((r) => [r.email, r.sms]);
    const { sent, spyEnv } = mailSpy();

    const results = await Promise.all([
      deliverEmails(spyEnv, { ids }),
      deliverEmails(spyEnv, { ids }),
      sweepEmails(spyEnv),
      sweepEmails(spyEnv),
    ]);

    const mine = sent.filter((m) => m.to === user.email);
    expect(mine).toHaveLength(12);
    expect(new Set(mine.map((m) => m.subject)).size).toBe(12);
    expect(results.reduce((n, r) => n + r.sent, 0)).toBeGreaterThanOrEqual(12);
    for (const r of rows) expect((await deliveryOf(r.email))?.email_state).toBe("sent");
  });
});
