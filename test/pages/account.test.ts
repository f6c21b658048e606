import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createTestUser, type TestUser } from "../helpers/accounts";
import { browserSession, postForm } from "../helpers/forms";
import { api, ORIGIN, readerText } from "../helpers/http";

const PASSWORD = "test-password-1";
const NEW_PASSWORD = "a much longer passphrase";

/** A shopper whose email is stored as sign-in compares it (lower case), so they can sign in again. */
const shopper = () => createTestUser([], { email: `${crypto.randomUUID()}@example.test` });

const page = async (path: string, cookie: string) => (await api(path, { headers: { cookie } })).text();
const signIn = (user: TestUser, password: string) => api("/api/auth/login", { method: "POST", body: { email: user.email, password } });

describe("the account page", () => {
  it("lists where the account is signed in, and signs one of them out from the page", async () => {
    const user = await shopper();
    const phone = await api("/api/auth/login", {
      method: "POST",
      headers: {
        "user-agent":
          "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
      },
      body: { email: user.email, password: PASSWORD },
    });
    const phoneAuth = { authorization: `Bearer ${((await phone.json()) as { token: string }).token}` };
    const { cookie, csrf } = await browserSession(user);
    const html = await page("/account", cookie);
    const text = readerText(html);
    expect(text).toContain("Where you are signed in");
    expect(text).toMatch(/Chrome on Android ?, signed in \d{1,2} \w{3} \d{4}, \d{1,2}:\d{2} [ap]m IST/);
    expect(text).toContain("(this device)");
    // As a browser runs the inline text and the inline form's button together: two things, not "ISTSign out there".
    expect(html.replace(/<[^>]+>/g, "").replace(/\s+/g, " ")).toMatch(/[ap]m IST · Sign out there/);
    const action = /action="(\/account\/devices\/[0-9a-f]{24}\/sign-out)"/.exec(html)?.[1];
    expect(action).toBeDefined();
    const out = await postForm(action!, { _csrf: csrf }, cookie);
    expect(out.status).toBe(303);
    expect(out.headers.get("location")).toBe("/account?done=device_signed_out#devices-h");
    expect((await api("/api/me", { headers: phoneAuth })).status).toBe(401);
    const after = readerText(await page("/account?done=device_signed_out", cookie));
    expect(after).toContain("Signed out on that device.");
    expect(after).not.toContain("Chrome on Android");
  });

  it("sends a guest to sign in first and comes back", async () => {
    const res = await exports.default.fetch(new Request(`${ORIGIN}/account`, { redirect: "manual" }));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/signin?next=%2Faccount");
  });

  it("shows the shopper's name and email, privately, with the forms to secure the account", async () => {
    const user = await shopper();
    const { cookie } = await browserSession(user);
    const res = await api("/account", { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    const html = await res.text();
    expect(html).toContain(user.email);
    expect(html).toContain("Test shopper");
    expect(html).toContain('action="/account/password"');
    expect(html).toContain('autocomplete="current-password"');
    // The change-password form names its account, so a password manager updates that one's password.
    const passwordForm = /<form method="post" action="\/account\/password"[\s\S]*?<\/form>/.exec(html)?.[0] ?? "";
    expect(passwordForm).toContain(`<input type="email" value="${user.email}" autocomplete="username" readonly="" hidden=""/>`);
    expect(html).toContain('action="/account/signout-everywhere"');
    expect(html).toContain("Addresses you order to or add here are kept and offered at checkout.");
    // Every page's header offers the account to a signed-in visitor.
    expect(html).toMatch(/<a href="\/account" data-signed-in="true">Account<\/a>/);
  });

  it("changes the shopper's name from a form that works without scripts, and says what to fix when it is blank", async () => {
    const user = await shopper();
    const { cookie, csrf } = await browserSession(user);
    const before = await page("/account", cookie);
    expect(before).toContain('action="/account/name"');
    expect(before).toContain("Change name");

    const blank = await postForm("/account/name", { _csrf: csrf, name: "   " }, cookie);
    expect(blank.status).toBe(400);
    const refused = await blank.text();
    expect(refused).toContain("Enter your name");
    expect(refused).toMatch(/<details class="change-name" open/);
    expect(((await (await api("/api/me", { headers: { cookie } })).json()) as { name: string }).name).toBe("Test shopper");

    const res = await postForm("/account/name", { _csrf: csrf, name: " Ananya Iyer " }, cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/account?done=name");
    const after = await page("/account?done=name", cookie);
    expect(after).toContain("Your name is saved.");
    expect(after).toContain("<dd>Ananya Iyer");
  });

  it("changes the password, signs out the other devices and says so", async () => {
    const user = await shopper();
    const { cookie, csrf } = await browserSession(user);
    // The same account signed in elsewhere.
    const elsewhere = ((await (await signIn(user, PASSWORD)).json()) as { token: string }).token;

    const res = await postForm(
      "/account/password",
      { _csrf: csrf, current_password: PASSWORD, new_password: NEW_PASSWORD, confirm_password: NEW_PASSWORD },
      cookie,
    );
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/account?done=password");
    expect(await page("/account?done=password", cookie)).toContain("Password changed. You are signed out on every other device.");
    expect((await api("/api/me", { headers: { authorization: `Bearer ${elsewhere}` } })).status).toBe(401);
    expect((await signIn(user, PASSWORD)).status).toBe(401);
    expect((await signIn(user, NEW_PASSWORD)).status).toBe(200);
  });

  it("names the field at fault and changes nothing: a mistyped repeat, a wrong current password, a short new one", async () => {
    const user = await shopper();
    const { cookie, csrf } = await browserSession(user);
    const cases: Array<[Record<string, string>, string, string]> = [
      [
        { current_password: PASSWORD, new_password: NEW_PASSWORD, confirm_password: `${NEW_PASSWORD}!` },
        "confirm_password",
        "The two new passwords differ",
      ],
      [
        { current_password: "not it at all", new_password: NEW_PASSWORD, confirm_password: NEW_PASSWORD },
        "current_password",
        "That is not your current password",
      ],
      [{ current_password: PASSWORD, new_password: "short", confirm_password: "short" }, "new_password", "Use at least 10 characters"],
      [
        { current_password: PASSWORD, new_password: user.email, confirm_password: user.email },
        "new_password",
        "Use something other than your email address",
      ],
    ];
    for (const [fields, field, message] of cases) {
      const res = await postForm("/account/password", { _csrf: csrf, ...fields }, cookie);
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain(`<span class="field-error" id="${field}-err">${message}</span>`);
      expect(html).toMatch(new RegExp(`name="${field}"[^>]*aria-invalid="true"`));
      // A password is never written back into the page.
      expect(html).not.toContain(NEW_PASSWORD);
    }
    expect((await signIn(user, PASSWORD)).status).toBe(200);
  });

  it("says, after too many wrong current passwords, that it is this account's tries and when to try again", async () => {
    const user = await shopper();
    const { cookie, csrf } = await browserSession(user);
    const wrong = { _csrf: csrf, current_password: "not it at all", new_password: NEW_PASSWORD, confirm_password: NEW_PASSWORD };
    let refused: Response | undefined;
    for (let i = 0; i < 12 && !refused; i++) {
      const res = await postForm("/account/password", wrong, cookie);
      if (res.status === 429) refused = res;
      else expect(res.status).toBe(400);
    }
    const wait = Number(refused?.headers.get("retry-after"));
    expect(wait).toBeGreaterThan(0);
    const text = readerText((await refused?.text()) ?? "");
    expect(text).toContain(`There have been too many tries with a wrong current password on this account. Try again in ${wait} seconds.`);
    expect(text).not.toContain("going a little fast");
    expect((await signIn(user, PASSWORD)).status).toBe(200);
  });

  it("says signing out every other device also ended the reset links mailed before", async () => {
    const user = await shopper();
    const { cookie, csrf } = await browserSession(user);
    for (let i = 0; i < 2; i++) expect((await signIn(user, PASSWORD)).status).toBe(200);
    const res = await postForm("/account/devices/sign-out-others", { _csrf: csrf }, cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/account?done=others_signed_out#devices-h");
    expect(readerText(await page("/account?done=others_signed_out", cookie))).toContain(
      "Signed out on every other device. You are still signed in here. Reset links we emailed you before no longer work.",
    );
  });

  it("says a form sent from an account page left open after signing out everywhere was not done", async () => {
    const user = await shopper();
    const { cookie, csrf } = await browserSession(user);
    const elsewhere = ((await (await signIn(user, PASSWORD)).json()) as { token: string }).token;
    const out = await api("/api/auth/logout-everywhere", { method: "POST", headers: { authorization: `Bearer ${elsewhere}` } });
    expect(out.status).toBe(204);

    const sent: Array<[string, Record<string, string>, string]> = [
      ["/account/name", { name: "Someone Else" }, "/account"],
      ["/account/addresses/abc/edit", { name: "A" }, "/account"],
      ["/account/notifications", { orders: "on" }, "/account/notifications"],
    ];
    for (const [path, fields, back] of sent) {
      const res = await postForm(path, { _csrf: csrf, ...fields }, cookie);
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toBe(`/signin?why=form&next=${encodeURIComponent(back)}`);
    }
    expect(readerText(await page("/signin?why=form&next=%2Faccount", ""))).toContain(
      "You were signed out, so what you just sent was not saved or done. Sign in, then do it again.",
    );
    const again = (await (await signIn(user, PASSWORD)).json()) as { user: { name: string } };
    expect(again.user.name).toBe("Test shopper");
  });

  it("signs out on every device, this one too, and the sign-in page says so", async () => {
    const user = await shopper();
    const { cookie, csrf } = await browserSession(user);
    const elsewhere = ((await (await signIn(user, PASSWORD)).json()) as { token: string }).token;
    const res = await postForm("/account/signout-everywhere", { _csrf: csrf }, cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/signin?signed_out=everywhere");
    expect((await api("/api/me", { headers: { cookie } })).status).toBe(401);
    expect((await api("/api/me", { headers: { authorization: `Bearer ${elsewhere}` } })).status).toBe(401);
    expect(await page("/signin?signed_out=everywhere", "")).toContain("You are signed out on every device.");
  });
});
