import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { sweepEmails } from "../../workers/notifications/email-delivery";
import { RESEND_BATCH, RESEND_WINDOW_SQL } from "../../workers/notifications/resend";
import { istInput } from "../../workers/pages/consoles/deal-adjust-form";
import { createListingFixture } from "../helpers/catalog";
import { createTestUser } from "../helpers/accounts";
import { browserSession, drawnForm, field, postForm } from "../helpers/forms";
import { api, readerText as text } from "../helpers/http";
import { deliveryOf, mailSpy, record } from "./support";

const OUTAGE = "503 mail provider unavailable";
const HOUR = 3_600_000;

/** A time `hours` ago, RFC 3339 UTC. */
const ago = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();

/**
 * A window of given-up times of its own, `hours` long and ending `endsAgo` hours ago. Each test
 * takes one no other test's rows fall in (all over a day ago, clear of the page's last 24 hours).
 */
const windowOf = (endsAgo: number, hours = 4) => ({ given_up_after: ago(endsAgo + hours), given_up_before: ago(endsAgo) });

/** A mail given up at `at`, as the deliverer leaves one after an outage. */
const givenUp = (userId: string, at: string, kind = "order_shipped") =>
  record(null, userId, kind, "email", at, { email_state: "failed", send_attempts: 8, send_error: OUTAGE, given_up_at: at });

const bulkResend = (body: unknown, headers: Record<string, string>) =>
  api("/api/admin/notifications/resend-given-up", { method: "POST", body, headers });

const rowOf = (id: number) => env.DB.prepare("SELECT * FROM notifications WHERE id = ?").bind(id).first();

const at = (iso: string, plusMs: number) => new Date(Date.parse(iso) + plusMs).toISOString();

describe("sending every mail given up in a window again", () => {
  it("moves only the mails given up within the window back to waiting, records who asked, and leaves sending to the cron", async () => {
    const user = await createTestUser();
    const ops = await createTestUser(["ops"]);
    const w = windowOf(30);
    const inWindow = [
      await givenUp(user.id, w.given_up_after, "order_confirmed"),
      await givenUp(user.id, at(w.given_up_after, HOUR), "order_shipped"),
    ];
    const outside = [
      await givenUp(user.id, at(w.given_up_after, -1)),
      // The end is not in the window.
      await givenUp(user.id, w.given_up_before),
      ...(await Promise.all(
        [
          { email_state: "sent", sent_at: w.given_up_after, message_id: "<kept@bazaar-edge.example>" },
          { email_state: "pending", send_attempts: 3, send_claimed_until: "2099-01-01T00:00:00.000Z", send_error: OUTAGE },
          { email_state: "suppressed" },
          { email_state: "before_delivery" },
        ].map((d) => record(null, user.id, "back_in_stock", "email", w.given_up_after, { ...d, given_up_at: at(w.given_up_after, HOUR) })),
      )),
      await record(null, user.id, "order_shipped", "sms", w.given_up_after, { given_up_at: at(w.given_up_after, HOUR) }),
    ];
    const before = await Promise.all(outside.map(rowOf));

    const res = await bulkResend(w, ops.headers);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(await res.json()).toEqual({ moved: 2, more: false, ...w });

    for (const id of inWindow) {
      // Waiting again, as the single Send again leaves a mail, but not sent by the call itself.
      expect(await deliveryOf(id)).toEqual({
        email_state: "pending",
        sent_at: null,
        message_id: null,
        send_attempts: 0,
        send_claimed_until: null,
        send_error: null,
        given_up_at: null,
      });
      const who = await env.DB.prepare("SELECT resent_by, resent_at FROM notifications WHERE id = ?")
        .bind(id)
        .first<{ resent_by: string; resent_at: string }>();
      expect(who?.resent_by).toBe(`ops:${ops.id}`);
      expect(Date.now() - Date.parse(who?.resent_at ?? "")).toBeLessThan(60_000);
    }
    expect(await Promise.all(outside.map(rowOf))).toEqual(before);

    // The minute cron's sweep sends them through the EMAIL binding.
    const { sent, spyEnv } = mailSpy();
    await sweepEmails(spyEnv);
    expect(sent.filter((m) => m.to === user.email).map((m) => m.subject)).toEqual([
      "Subject of order_confirmed",
      "Subject of order_shipped",
    ]);
    for (const id of inWindow) expect(await deliveryOf(id)).toMatchObject({ email_state: "sent", send_attempts: 0 });
    expect(await Promise.all(outside.map(rowOf))).toEqual(before);
  });

  it("moves each mail once: two presses at once share the window's mails, and a later press moves nothing", async () => {
    const user = await createTestUser();
    const ops = await createTestUser(["ops"]);
    const other = await createTestUser(["ops"]);
    const w = windowOf(40);
    const ids = await Promise.all([0, 1, 2, 3, 4].map((i) => givenUp(user.id, at(w.given_up_after, i * 60_000))));

    const answers = await Promise.all([bulkResend(w, ops.headers), bulkResend(w, other.headers)]);
    const bodies = (await Promise.all(answers.map((r) => r.json()))) as Array<{ moved: number; more: boolean }>;
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    expect(bodies[0]!.moved + bodies[1]!.moved).toBe(ids.length);
    expect(bodies.map((b) => b.more)).toEqual([false, false]);
    for (const id of ids) expect((await deliveryOf(id))?.email_state).toBe("pending");

    const again = await bulkResend(w, ops.headers);
    expect(await again.json()).toMatchObject({ moved: 0, more: false });
  });

  it("takes the window's end as now when none is given", async () => {
    const user = await createTestUser();
    const ops = await createTestUser(["ops"]);
    const id = await givenUp(user.id, ago(50));
    const res = await bulkResend({ given_up_after: ago(51) }, ops.headers);
    const body = (await res.json()) as { moved: number; given_up_before: string };
    expect(body.moved).toBeGreaterThanOrEqual(1);
    expect(Math.abs(Date.parse(body.given_up_before) - Date.now())).toBeLessThan(60_000);
    expect((await deliveryOf(id))?.email_state).toBe("pending");
  });

  it("refuses a window that is not one with a 400 problem naming the field, and moves nothing", async () => {
    const user = await createTestUser();
    const ops = await createTestUser(["ops"]);
    const w = windowOf(60);
    const witness = await givenUp(user.id, at(w.given_up_after, HOUR));
    const inFuture = new Date(Date.now() + 10 * 60_000).toISOString();
    const cases: Array<[unknown, string]> = [
      [{}, "given_up_after"],
      [{ given_up_after: "yesterday" }, "given_up_after"],
      [{ given_up_after: "2026-11-30 10:00" }, "given_up_after"],
      [{ ...w, given_up_before: "soon" }, "given_up_before"],
      // Backwards, and empty.
      [{ given_up_after: w.given_up_before, given_up_before: w.given_up_after }, "given_up_before"],
      [{ given_up_after: w.given_up_after, given_up_before: w.given_up_after }, "given_up_before"],
      [{ given_up_after: inFuture }, "given_up_after"],
      [{ given_up_after: w.given_up_after, given_up_before: inFuture }, "given_up_before"],
      // Longer than any outage.
      [{ given_up_after: ago(60 + 8 * 24), given_up_before: w.given_up_before }, "given_up_after"],
      [{ ...w, limit: 5 }, "limit"],
    ];
    for (const [body, path] of cases) {
      const res = await bulkResend(body, ops.headers);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      const problem = (await res.json()) as { type: string; errors: Array<{ path: string }> };
      expect(problem.type).toBe("/problems/validation-failed");
      expect(
        problem.errors.map((e) => e.path),
        JSON.stringify(body),
      ).toContain(path);
    }
    const notJson = await api("/api/admin/notifications/resend-given-up", {
      method: "POST",
      body: "given_up_after=yesterday",
      headers: { ...ops.headers, "content-type": "text/plain" },
    });
    expect(notJson.status).toBeGreaterThanOrEqual(400);
    expect(notJson.status).toBeLessThan(500);
    expect(await deliveryOf(witness)).toMatchObject({ email_state: "failed", send_attempts: 8, given_up_at: at(w.given_up_after, HOUR) });
  });

  it("is for ops only, and a cookie session must carry its CSRF token", async () => {
    const user = await createTestUser();
    const w = windowOf(70);
    const witness = await givenUp(user.id, at(w.given_up_after, HOUR));
    expect((await bulkResend(w, {})).status).toBe(401);
    const seller = await createTestUser(["seller"], { sellerId: (await createListingFixture()).sellerId });
    for (const who of [user, seller, await createTestUser(["deal_manager"])]) {
      const res = await bulkResend(w, who.headers);
      expect(res.status).toBe(403);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    }
    const ops = await browserSession(await createTestUser(["ops"]));
    const forged = await bulkResend(w, { cookie: ops.cookie, origin: "https://shop.test", "sec-fetch-site": "same-origin" });
    expect(forged.status).toBe(403);
    expect((await deliveryOf(witness))?.email_state).toBe("failed");
  });

  it("reads only the window's range of the given-up mails' own index", async () => {
    const binds = { move: [ago(2), ago(1), "ops:x", ago(0), RESEND_BATCH], more: [ago(2), ago(1)] };
    for (const [name, sql] of Object.entries(RESEND_WINDOW_SQL)) {
      const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .bind(...binds[name as keyof typeof binds])
        .all<{ detail: string }>();
      const plan = results.map((r) => r.detail);
      expect(
        plan.some((d) => /notifications_email_given_up_idx \(given_up_at>\? AND given_up_at<\?\)/.test(d)),
        plan.join("\n"),
      ).toBe(true);
      expect(
        plan.filter((d) => /^SCAN notifications\b|TEMP B-TREE/.test(d)),
        plan.join("\n"),
      ).toEqual([]);
    }
  });

  it(`moves at most ${RESEND_BATCH} a call, oldest given up first, and says when the window holds more`, async () => {
    const user = await createTestUser();
    const ops = await createTestUser(["ops"]);
    const w = windowOf(80);
    const times = Array.from({ length: RESEND_BATCH + 1 }, (_, i) => at(w.given_up_after, i * 1000));
    await env.DB.prepare(
      `INSERT INTO notifications (event_id, channel, user_id, kind, subject, body, created_at, email_state, send_attempts, send_error, given_up_at)
       SELECT 'test:bulk:' || ?1 || ':' || key, 'email', ?2, 'price_drop', 'Price drop', 'body', value, 'failed', 8, ?3, value
       FROM json_each(?4)`,
    )
      .bind(crypto.randomUUID(), user.id, OUTAGE, JSON.stringify(times))
      .run();

    const first = await bulkResend(w, ops.headers);
    expect(await first.json()).toMatchObject({ moved: RESEND_BATCH, more: true });
    const left = await env.DB.prepare("SELECT given_up_at FROM notifications WHERE user_id = ? AND email_state = 'failed'")
      .bind(user.id)
      .all<{ given_up_at: string }>();
    expect(left.results).toEqual([{ given_up_at: times.at(-1) }]);

    const second = await bulkResend(w, ops.headers);
    expect(await second.json()).toMatchObject({ moved: 1, more: false });
  });
});

describe("the given-up list's Send all given up again form", () => {
  it("is drawn with the last 24 hours, queues the window's mails again and says how many", async () => {
    const user = await createTestUser();
    const ops = await createTestUser(["ops"]);
    const ids = [await givenUp(user.id, ago(2)), await givenUp(user.id, ago(3))];
    const session = await browserSession(ops);

    const html = await (await api("/ops/emails?state=failed", { headers: { cookie: session.cookie } })).text();
    const form = drawnForm(html, 'action="/ops/emails/resend-given-up"');
    expect(form.action).toBe("/ops/emails/resend-given-up");
    expect(form.fields._csrf).toBe(session.csrf);
    expect(form.fields.given_up_before).toBe("");
    // A day ago, to the minute, in IST as the consoles' times are.
    expect(Math.abs(Date.parse(`${form.fields.given_up_after}:00+05:30`) - (Date.now() - 24 * HOUR))).toBeLessThan(120_000);
    expect(text(html)).toContain("Send all given up again");

    const res = await postForm(form.action, form.fields, session.cookie);
    expect(res.status).toBe(303);
    const location = res.headers.get("location")!;
    expect(location).toBe(`/ops/emails?state=failed&done=requeued&moved=2&after=${encodeURIComponent(form.fields.given_up_after!)}`);
    for (const id of ids) expect((await deliveryOf(id))?.email_state).toBe("pending");

    const after = await (await api(location, { headers: { cookie: session.cookie } })).text();
    expect(text(after)).toContain("Queued again: 2 mails, sent within a few minutes.");
    for (const id of ids) expect(after).not.toContain(`data-message="${id}"`);
  });

  it("says when the window holds more, and keeps the window pressed", async () => {
    const user = await createTestUser();
    const ops = await createTestUser(["ops"]);
    await givenUp(user.id, ago(100));
    const page = await (
      await api(`/ops/emails?state=failed&done=requeued&moved=1000&more=1&after=2026-11-28T10:00&before=2026-11-28T16:30`, {
        headers: ops.headers,
      })
    ).text();
    expect(text(page)).toContain(
      "Queued again: 1,000 mails, sent within a few minutes. The window holds more given-up mails: press Send all given up again for the next ones.",
    );
    expect(field(page, "given_up_after").input).toContain('value="2026-11-28T10:00"');
    expect(field(page, "given_up_before").input).toContain('value="2026-11-28T16:30"');
  });

  it("draws the form again with the reason beside the field, and moves nothing, when the window is refused", async () => {
    const user = await createTestUser();
    const ops = await createTestUser(["ops"]);
    const id = await givenUp(user.id, ago(110));
    const session = await browserSession(ops);
    const form = drawnForm(
      await (await api("/ops/emails?state=failed", { headers: { cookie: session.cookie } })).text(),
      'action="/ops/emails/resend-given-up"',
    );

    // Backwards: refused by the API, beside the end.
    const backwards = { ...form.fields, given_up_after: istInput(ago(100)).slice(0, 16), given_up_before: istInput(ago(120)).slice(0, 16) };
    const refused = await postForm(form.action, backwards, session.cookie);
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(field(html, "given_up_before")).toMatchObject({ error: "must be later than the start of the window" });
    expect(field(html, "given_up_before").input).toContain(`value="${backwards.given_up_before}"`);

    // Not a time at all: refused by the form itself.
    const blank = await postForm(form.action, { ...form.fields, given_up_after: "" }, session.cookie);
    expect(blank.status).toBe(400);
    expect(field(await blank.text(), "given_up_after").error).toBe("Pick a date and time");
    expect((await deliveryOf(id))?.email_state).toBe("failed");
  });

  it("is for ops only", async () => {
    const shopper = await browserSession(await createTestUser());
    const res = await postForm(
      "/ops/emails/resend-given-up",
      { _csrf: shopper.csrf, given_up_after: istInput(ago(24)).slice(0, 16) },
      shopper.cookie,
    );
    expect(res.status).toBe(403);
  });
});
