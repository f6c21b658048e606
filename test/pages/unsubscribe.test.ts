import { exports, env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { deliverEmails } from "../../workers/notifications/email-delivery";
import { readEmailChoices } from "../../workers/notifications/preferences";
import { alertBatch, alertWishlisters } from "../../workers/wishlist/alerts";
import { stockedListing } from "../checkout/support";
import { type TestUser, createTestUser } from "../helpers/accounts";
import { browserSession, postForm } from "../helpers/forms";
import { ORIGIN, api, readerText } from "../helpers/http";
import { type SentMail, latestEmailRow, mailSpy, savedProductAlert } from "../notifications/support";

/** The footer link of the user's first alert mail, as a path on the Worker under test. */
async function footerLink(user: TestUser): Promise<string> {
  const { sent, spyEnv } = mailSpy();
  await alertWishlisters(spyEnv, await savedProductAlert(user), null);
  const mail = sent.find((m: SentMail) => m.to === user.email);
  const link = /Stop these emails: (\S+)/.exec(mail?.text ?? "")?.[1];
  if (!link) throw new Error("no footer link");
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
}

/** A visit from someone who opened the mail: no cookie, links followed by hand. */
function visit(path: string, init: { method?: string; body?: string } = {}): Promise<Response> {
  return exports.default.fetch(
    new Request(`${ORIGIN}${path}`, {
      method: init.method ?? "GET",
      redirect: "manual",
      headers: {
        "sec-fetch-site": "same-origin",
        "cf-connecting-ip": "192.0.2.40",
        ...(init.body !== undefined ? { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN } : {}),
      },
      body: init.body,
    }),
  );
}

const ALL_ON = { saved_products: true, stock_alerts: true, shopper_questions: true, reports: true };

describe("the unsubscribe page", () => {
  it("changes nothing when opened, stops the group's mails when its button is pressed, and says how to undo it", async () => {
    const user = await createTestUser();
    const link = await footerLink(user);
    expect(link).toMatch(/^\/unsubscribe\?u=/);

    // Opened (as a mail scanner's prefetch would), twice: nothing changes.
    for (let n = 0; n < 2; n++) {
      const page = await visit(link);
      expect(page.status).toBe(200);
      expect(page.headers.get("cache-control")).toBe("private, no-store");
      expect(page.headers.get("referrer-policy")).toBe("no-referrer");
      const html = await page.text();
      expect(html).toContain(`action="${link.replaceAll("&", "&amp;")}"`);
      expect(readerText(html)).toContain("Stop these emails");
    }
    expect(await readEmailChoices(env.DB, user.id)).toEqual(ALL_ON);

    const pressed = await visit(link, { method: "POST", body: "_csrf=" });
    expect(pressed.status).toBe(200);
    expect(pressed.headers.get("cache-control")).toBe("private, no-store");
    const done = await pressed.text();
    expect(await readEmailChoices(env.DB, user.id)).toEqual({
      saved_products: false,
      stock_alerts: true,
      shopper_questions: true,
      reports: true,
    });
    expect(readerText(done)).toContain("You won't get these emails any more. Change your mind in your notification settings");
    expect(readerText(done)).toContain(
      "Stopped: emails about products you saved: deals going live, price drops and products back in stock.",
    );
    expect(done).toContain('href="/account/notifications"');
    // The confirmation is no address of its own: opened by anyone, it says nothing was done.
    const forged = await visit("/unsubscribe?done=1");
    expect(forged.status).toBe(400);
    expect(readerText(await forged.text())).toContain("This link does not work");

    // And the next alert is not mailed.
    const { sent, spyEnv } = mailSpy();
    await alertWishlisters(spyEnv, await savedProductAlert(user), null);
    expect(sent.filter((m) => m.to === user.email)).toEqual([]);
  });

  it("refuses a link whose signature was changed, on opening and on pressing, and changes nothing", async () => {
    const user = await createTestUser();
    const link = await footerLink(user);
    const forged = link.replace(/sig=([\w-])/, (_, c: string) => `sig=${c === "A" ? "B" : "A"}`);
    const opened = await visit(forged);
    expect(opened.status).toBe(400);
    expect(readerText(await opened.text())).toContain("This link does not work");
    const pressed = await visit(forged, { method: "POST", body: "_csrf=" });
    expect(pressed.status).toBe(400);
    expect(readerText(await pressed.text())).toContain("This link does not work");
    expect(await readEmailChoices(env.DB, user.id)).toEqual(ALL_ON);
  });
});

describe("the notification settings page", () => {
  it("is linked from the account and Updates pages", async () => {
    const user = await createTestUser();
    const cookie = `__Host-session=${user.token}`;
    for (const path of ["/account", "/account/updates"]) {
      expect(await (await api(path, { headers: { cookie } })).text()).toContain('href="/account/notifications"');
    }
  });

  it("offers a shopper the saved-products box, says order updates are always sent, and turns the group off without a script", async () => {
    const user = await createTestUser();
    const session = await browserSession(user);
    const html = await (await api("/account/notifications", { headers: { cookie: session.cookie } })).text();
    expect(html).toMatch(/<label class="check"><input type="checkbox" name="saved_products" value="on" checked=""/);
    expect(html).not.toContain('name="stock_alerts"');
    expect(readerText(html)).toContain("Email me about products I saved");
    expect(html).toMatch(/<input type="checkbox" name="reports" value="on" checked=""/);
    expect(readerText(html)).toContain("Email me what happens to reviews and answers I report");
    expect(readerText(html)).toContain("Emails about your own orders (confirmed, shipped, delivered, returns and refunds) are always sent");
    expect(readerText(html)).toContain("We do not send text messages (SMS) yet.");
    expect(html).not.toContain("data-seller-always-sent");

    // An alert recorded, not yet sent, when the box is unticked: it is never mailed.
    const { ids } = await alertBatch(env.DB, await savedProductAlert(user), null);
    const saved = await postForm("/account/notifications", { _csrf: session.csrf, reports: "on" }, session.cookie);
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe("/account/notifications?done=1");
    expect(await readEmailChoices(env.DB, user.id)).toEqual({
      saved_products: false,
      stock_alerts: true,
      shopper_questions: true,
      reports: true,
    });
    const { sent, spyEnv } = mailSpy();
    await deliverEmails(spyEnv, { ids });
    expect((await latestEmailRow(user.id, "back_in_stock"))?.email_state).toBe("suppressed");
    const after = await (await api("/account/notifications?done=1", { headers: { cookie: session.cookie } })).text();
    expect(after).not.toMatch(/name="saved_products" value="on" checked/);

    // Ticked again: the next alert is mailed.
    expect((await postForm("/account/notifications", { _csrf: session.csrf, saved_products: "on" }, session.cookie)).status).toBe(303);
    await alertWishlisters(spyEnv, await savedProductAlert(user), null);
    expect(sent.filter((m) => m.to === user.email)).toHaveLength(1);
  });

  it("offers a seller's user the stock alerts and shoppers' questions boxes too", async () => {
    const f = await stockedListing(3);
    const seller = await createTestUser(["seller"], { sellerId: f.sellerId });
    const session = await browserSession(seller);
    const html = await (await api("/account/notifications", { headers: { cookie: session.cookie } })).text();
    expect(html).toContain('name="stock_alerts"');
    expect(readerText(html)).toContain("Email me stock alerts for my listings");
    expect(html).toContain('name="shopper_questions"');
    expect(readerText(html)).toContain("Email me shoppers' questions about my products");
    // Their orders to pack, cancel or take back are not stock alerts, and the page says so.
    expect(readerText(html)).toContain(
      "As a seller, emails about your orders (a new order to pack, an order cancelled before it ships, a return asked for) are always sent too",
    );
    expect((await postForm("/account/notifications", { _csrf: session.csrf, saved_products: "on" }, session.cookie)).status).toBe(303);
    expect(await readEmailChoices(env.DB, seller.id)).toEqual({
      saved_products: true,
      stock_alerts: false,
      shopper_questions: false,
      reports: false,
    });
  });

  it("refuses a form post without the CSRF token and changes nothing", async () => {
    const user = await createTestUser();
    const session = await browserSession(user);
    const res = await postForm("/account/notifications", { _csrf: "forged" }, session.cookie);
    expect(res.status).not.toBe(303);
    expect(await readEmailChoices(env.DB, user.id)).toEqual(ALL_ON);
  });
});
