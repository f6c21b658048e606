import { exports, env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { deliverEmails } from "../../workers/notifications/email-delivery";
import { ALERT_GROUPS, readEmailChoices } from "../../workers/notifications/preferences";
import { ALERT_KINDS } from "../../workers/orders/notifications";
import { rateClassFor } from "../../workers/platform/rate-limit";
import { STOCK_ALERTS_PER_HOUR, STOCK_DIGEST_KIND, recordLowStockAlerts } from "../../workers/sellers/low-stock";
import { alertBatch, alertWishlisters } from "../../workers/wishlist/alerts";
import { stockedListing } from "../checkout/support";
import { type TestUser, createTestUser } from "../helpers/accounts";
import { ORIGIN, api } from "../helpers/http";
import { type SentMail, latestEmailRow, mailSpy, recordBoth, savedProductAlert } from "./support";

const SITE = "https://bazaar-edge.example";

/** The address in an alert mail's List-Unsubscribe header, as a path on the Worker under test. */
function oneClickPath(mail: SentMail): string {
  const url = /^<(.+)>$/.exec(mail.headers["List-Unsubscribe"] ?? "")?.[1];
  if (!url) throw new Error(`no List-Unsubscribe on ${mail.subject}`);
  const u = new URL(url);
  expect(u.origin).toBe(SITE);
  return `${u.pathname}${u.search}`;
}

/** What a mailbox provider sends for RFC 8058 one-click: a form POST with no cookie; `extra` headers on top. */
function postOneClick(path: string, extra: Record<string, string> = {}): Promise<Response> {
  return exports.default.fetch(
    new Request(`${ORIGIN}${path}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "cf-connecting-ip": "192.0.2.25", ...extra },
      body: "List-Unsubscribe=One-Click",
    }),
  );
}

/** Mails one saved-products alert to the user through `spyEnv`; the mails the spy saw go to that user. */
async function mailAlert(user: TestUser, spyEnv: Env) {
  return alertWishlisters(spyEnv, await savedProductAlert(user), null);
}

/** A seller's user who also saves products, with a listing of their seller's running low (3 units, line 10). */
async function sellerWhoSaves() {
  const f = await stockedListing(3);
  const user = await createTestUser(["seller"], { sellerId: f.sellerId });
  return { user, productId: f.productId };
}

const mailsTo = (sent: SentMail[], user: TestUser) => sent.filter((m) => m.to === user.email);

const putPreferences = (user: TestUser, email: Record<string, boolean>) =>
  api("/api/me/notification-preferences", { method: "PUT", headers: user.headers, body: { email } });

describe("alert groups", () => {
  it("keep the hourly cap's kinds and every stock alert kind in their groups", () => {
    expect(ALERT_KINDS).toEqual(["deal_live", "price_drop", "back_in_stock"]);
    expect(ALERT_GROUPS.stock_alerts).toEqual(["low_stock", "sold_out", STOCK_DIGEST_KIND]);
  });
});

describe("one-click unsubscribe", () => {
  it("leaves the headers out of a store served over plain HTTP, which Email Service would refuse, keeping the footer", async () => {
    const user = await createTestUser();
    const { sent, spyEnv } = mailSpy();
    const local = { ...spyEnv, SITE_ORIGIN: "http://127.0.0.1:8787" } as Env;
    expect(await mailAlert(user, local)).toBe(2);
    const [alert] = mailsTo(sent, user);
    expect(alert?.headers).toEqual({});
    expect(alert?.text).toMatch(
      new RegExp(`Stop these emails: http://127\\.0\\.0\\.1:8787/unsubscribe\\?u=${user.id}&g=saved_products&sig=`),
    );
  });

  it("puts both RFC 8058 headers and a footer link in an alert mail, and neither in an order update", async () => {
    const user = await createTestUser();
    const { sent, spyEnv } = mailSpy();
    expect(await mailAlert(user, spyEnv)).toBe(2);
    const [alert] = mailsTo(sent, user);
    expect(alert?.subject).toMatch(/^Back in stock: /);
    expect(alert?.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(alert?.headers["List-Unsubscribe"]).toMatch(
      new RegExp(`^<${SITE}/api/notifications/unsubscribe\\?u=${user.id}&g=saved_products&sig=[\\w-]+>$`),
    );
    const footer = /You get these because you saved this product\. Stop these emails: (\S+)\n$/.exec(alert?.text ?? "");
    expect(footer?.[1]).toMatch(new RegExp(`^${SITE}/unsubscribe\\?u=${user.id}&g=saved_products&sig=[\\w-]+$`));

    const order = await recordBoth(user.id, "ord_prefs_plain");
    await deliverEmails(spyEnv, { ids: [order.email] });
    const [, update] = mailsTo(sent, user);
    expect(update?.subject).toBe("Shipped: ord_prefs_plain");
    expect(update?.headers).toEqual({});
    expect(update?.text).not.toContain("Stop these emails");
  });

  it("stops the next saved-product alert mail once the provider posts, keeps it on Updates, and still mails stock alerts and orders", async () => {
    const { user, productId } = await sellerWhoSaves();
    const { sent, spyEnv } = mailSpy();
    await mailAlert(user, spyEnv);
    const [first] = mailsTo(sent, user);

    const res = await postOneClick(oneClickPath(first as SentMail));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ group: "saved_products", email: false });
    // A provider that posts again, this time from a web mail page on its own origin: the same answer.
    const again = await postOneClick(oneClickPath(first as SentMail), { origin: "https://mail.example", "sec-fetch-site": "cross-site" });
    expect(again.status).toBe(200);

    // The next alert's email row is suppressed by the insert that records it, before any deliverer looks.
    const next = await alertBatch(env.DB, await savedProductAlert(user), null);
    expect(next.recorded).toBe(2);
    const stopped = await latestEmailRow(user.id, "back_in_stock");
    expect(stopped?.email_state).toBe("suppressed");
    await deliverEmails(spyEnv, { ids: next.ids });
    expect(mailsTo(sent, user)).toHaveLength(1);
    // Recorded all the same: the Updates page lists it.
    const inbox = (await (await api("/api/notifications", { headers: user.headers })).json()) as { items: Array<{ subject: string }> };
    expect(inbox.items.filter((i) => i.subject.startsWith("Back in stock: "))).toHaveLength(2);
    const page = await (await api("/account/updates", { headers: { cookie: `__Host-session=${user.token}` } })).text();
    expect(page).toContain(stopped?.subject.replaceAll("&", "&amp;"));

    // The other group and order updates are still mailed.
    const { ids } = await recordLowStockAlerts(env.DB, productId);
    await deliverEmails(spyEnv, { ids });
    const order = await recordBoth(user.id, "ord_prefs_after");
    await deliverEmails(spyEnv, { ids: [order.email] });
    const after = mailsTo(sent, user).slice(1);
    expect(after.map((m) => m.subject)).toEqual([expect.stringMatching(/^Running low: /), "Shipped: ord_prefs_after"]);
    expect(after[0]?.headers["List-Unsubscribe"]).toContain("g=stock_alerts");
    expect(after[0]?.text).toContain("Stop these emails: ");
  });

  it("changes nothing for a tampered signature, another user's signature or another group", async () => {
    const { user: victim } = await sellerWhoSaves();
    const other = await createTestUser();
    const { sent, spyEnv } = mailSpy();
    await mailAlert(other, spyEnv);
    const path = oneClickPath(mailsTo(sent, other)[0] as SentMail);
    const sig = new URL(path, ORIGIN).searchParams.get("sig") ?? "";
    // The first character: every bit of it is signature (the last one's low bits are padding).
    const flipped = `${sig.startsWith("A") ? "B" : "A"}${sig.slice(1)}`;

    for (const [u = "", g = "", s = ""] of [
      [victim.id, "saved_products", sig],
      [other.id, "saved_products", flipped],
      [other.id, "stock_alerts", sig],
      [victim.id, "stock_alerts", sig],
    ]) {
      const res = await postOneClick(`/api/notifications/unsubscribe?${new URLSearchParams({ u, g, sig: s })}`);
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(((await res.json()) as { type: string }).type).toBe("/problems/unsubscribe-link-invalid");
    }
    expect(await readEmailChoices(env.DB, victim.id)).toEqual({
      saved_products: true,
      stock_alerts: true,
      shopper_questions: true,
      reports: true,
    });
    expect(await readEmailChoices(env.DB, other.id)).toEqual({
      saved_products: true,
      stock_alerts: true,
      shopper_questions: true,
      reports: true,
    });
    await mailAlert(victim, spyEnv);
    expect(mailsTo(sent, victim)).toHaveLength(1);
  });

  it("refuses a body that is not a form in words that name the form it takes", async () => {
    const res = await api("/api/notifications/unsubscribe?u=usr_x&g=stock_alerts&sig=abc", {
      method: "POST",
      body: { "List-Unsubscribe": "One-Click" },
    });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { detail: string }).detail).toBe(
      "The one-click unsubscribe takes a form: List-Unsubscribe=One-Click, with Content-Type: application/x-www-form-urlencoded.",
    );
  });

  it("is a browse-class request, never the auth budget a provider's shared addresses would spend", () => {
    expect(rateClassFor("POST", "/api/notifications/unsubscribe")).toBe("browse");
  });
});

describe("notification preferences", () => {
  it("suppresses alert mails recorded but not yet sent when the group is turned off, and mails the next one once it is on again", async () => {
    const user = await createTestUser();
    const { sent, spyEnv } = mailSpy();
    // Recorded, not yet sent (as when the mail provider was down).
    const { ids } = await alertBatch(env.DB, await savedProductAlert(user), null);
    const recorded = await latestEmailRow(user.id, "back_in_stock");
    expect(recorded?.email_state).toBe("pending");

    const off = await putPreferences(user, { saved_products: false });
    expect(off.status).toBe(200);
    expect(await off.json()).toEqual({ email: { saved_products: false, reports: true } });
    expect(await deliverEmails(spyEnv, { ids })).toEqual({ sent: 0, retrying: 0, givenUp: 0, suppressed: 1 });
    expect((await latestEmailRow(user.id, "back_in_stock"))?.email_state).toBe("suppressed");
    expect(mailsTo(sent, user)).toEqual([]);

    expect((await putPreferences(user, { saved_products: true })).status).toBe(200);
    // A suppressed mail stays unsent; the next alert is mailed.
    expect(await deliverEmails(spyEnv, { ids })).toEqual({ sent: 0, retrying: 0, givenUp: 0, suppressed: 0 });
    await mailAlert(user, spyEnv);
    expect(mailsTo(sent, user)).toHaveLength(1);
  });

  it("suppresses a seller user's stock alert as it is recorded when stock alerts are off", async () => {
    const { user, productId } = await sellerWhoSaves();
    expect((await putPreferences(user, { stock_alerts: false })).status).toBe(200);
    const { sent, spyEnv } = mailSpy();
    const { ids, recorded } = await recordLowStockAlerts(env.DB, productId);
    expect(recorded).toBe(2);
    expect((await latestEmailRow(user.id, "low_stock"))?.email_state).toBe("suppressed");
    expect(await deliverEmails(spyEnv, { ids })).toMatchObject({ sent: 0 });
    expect(mailsTo(sent, user)).toEqual([]);
  });

  it("suppresses the hour's digest to a seller's user who turned stock alerts off, and only to them", async () => {
    const f = await stockedListing(3);
    const [quiet, keen] = [
      await createTestUser(["seller"], { sellerId: f.sellerId }),
      await createTestUser(["seller"], { sellerId: f.sellerId }),
    ];
    expect((await putPreferences(quiet, { stock_alerts: false })).status).toBe(200);
    // Both used up the hour's separate stock alerts, so this listing goes into the digest.
    const now = new Date().toISOString();
    await env.DB.batch(
      [quiet, keen].flatMap((u) =>
        Array.from({ length: STOCK_ALERTS_PER_HOUR }, (_, i) =>
          ["email", "sms"].map((channel) =>
            env.DB.prepare(
              "INSERT INTO notifications (event_id, channel, user_id, kind, subject, body, created_at) VALUES (?, ?, ?, 'low_stock', 's', 'b', ?)",
            ).bind(`filler:${u.id}:${i}`, channel, u.id, now),
          ),
        ).flat(),
      ),
    );
    await recordLowStockAlerts(env.DB, f.productId);
    expect((await latestEmailRow(quiet.id, STOCK_DIGEST_KIND))?.email_state).toBe("suppressed");
    expect((await latestEmailRow(keen.id, STOCK_DIGEST_KIND))?.email_state).toBe("pending");
  });

  it("mails order updates whatever the person turned off, without unsubscribe headers", async () => {
    const { user } = await sellerWhoSaves();
    expect((await putPreferences(user, { saved_products: false, stock_alerts: false })).status).toBe(200);
    const { sent, spyEnv } = mailSpy();
    const order = await recordBoth(user.id, "ord_prefs_always");
    expect(await deliverEmails(spyEnv, { ids: [order.email] })).toMatchObject({ sent: 1, suppressed: 0 });
    expect(mailsTo(sent, user)[0]?.headers).toEqual({});
  });

  it("lists stock alerts only for a seller's users, defaults every group on, and refuses a group the account does not get", async () => {
    const shopper = await createTestUser();
    const { user: seller } = await sellerWhoSaves();
    const get = (u: TestUser) => api("/api/me/notification-preferences", { headers: u.headers });
    expect(await (await get(shopper)).json()).toEqual({ email: { saved_products: true, reports: true } });
    expect(await (await get(seller)).json()).toEqual({
      email: { saved_products: true, stock_alerts: true, shopper_questions: true, reports: true },
    });

    const refused = await putPreferences(shopper, { stock_alerts: false });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toEqual(["email.stock_alerts"]);
    expect((await putPreferences(shopper, { saved_products: "no" } as never)).status).toBe(400);
    expect(await readEmailChoices(env.DB, shopper.id)).toEqual({
      saved_products: true,
      stock_alerts: true,
      shopper_questions: true,
      reports: true,
    });
    expect((await api("/api/me/notification-preferences")).status).toBe(401);
  });
});
