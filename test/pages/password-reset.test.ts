import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../workers/index";
import { freshEmail, randomIp, setCookies } from "../accounts/browser";
import { createTestUser } from "../helpers/accounts";
import { api, ORIGIN, readerText } from "../helpers/http";
import { mailSpy } from "../notifications/support";
import { RATE_POLICIES } from "../../workers/platform/rate-limit";
import { inOneRateWindow } from "../helpers/rate-window";
import { browseWith } from "../helpers/worker-with";

/** A page request as a browser sends it, the form (if any) before the cookie. */
const browse = (on: Env, path: string, form?: Record<string, string>, cookie = "") => browseWith(on, path, cookie, form);

/** Asks for a reset through the page and answers the link's path and query, as mailed. */
async function mailedLink(email: string): Promise<string> {
  const { sent, spyEnv } = mailSpy();
  const res = await browse(spyEnv, "/forgot-password", { email });
  expect(res.status).toBe(303);
  const link = /https:\/\/\S+\/reset-password\?token=\S+/.exec(sent[0]?.text ?? "")?.[0] ?? "";
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
}

/**
 * Opens a mailed link as a browser does: the link's answer moves its token into a cookie and
 * redirects to the bare page, which the browser then opens with that cookie. Answers the page and
 * the cookie, as the browser would send it with the form.
 */
async function openLink(link: string): Promise<{ page: Response; cookie: string }> {
  const landed = await browse(env, link);
  expect(landed.status).toBe(303);
  expect(landed.headers.get("location")).toBe("/reset-password");
  const kept = setCookies(landed).find((c) => c.name === "__Secure-reset-token");
  const cookie = kept ? `${kept.name}=${kept.value}` : "";
  return { page: await browse(env, "/reset-password", undefined, cookie), cookie };
}

describe("the sign-in page", () => {
  it("offers a way back in for a forgotten password", async () => {
    const html = await (await api("/signin")).text();
    expect(html).toContain('<a href="/forgot-password">Forgot your password?</a>');
  });
});

describe("the forgot-password page", () => {
  it("asks for the email, mails the link, and says so in words that do not reveal whether there is an account", async () => {
    const form = await browse(env, "/forgot-password");
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toMatch(/<label class="field">Email<input name="email" type="email" value="" autocomplete="email"/);

    const user = await createTestUser([], { email: freshEmail() });
    const { sent, spyEnv } = mailSpy();
    const res = await browse(spyEnv, "/forgot-password", { email: user.email });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/forgot-password?sent=1");
    expect(sent.map((m) => m.to)).toEqual([user.email]);
    const unknown = await browse(spyEnv, "/forgot-password", { email: freshEmail() });
    expect(unknown.headers.get("location")).toBe("/forgot-password?sent=1");
    expect(sent).toHaveLength(1);

    const done = readerText(await (await browse(env, "/forgot-password?sent=1")).text());
    expect(done).toContain("If an account exists for that address, we've sent a link to reset its password. It works for 30 minutes.");
  });

  it("names the email field when it is not an address, and shows a failed send as a problem", async () => {
    const bad = await browse(env, "/forgot-password", { email: "not an email" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(
      /aria-invalid="true" aria-describedby="email-err"[^>]*>[\s\S]*id="email-err">Enter your email address/,
    );

    const user = await createTestUser([], { email: freshEmail() });
    const failing = { ...env, EMAIL: { send: () => Promise.reject(new Error("provider down")) } } as unknown as Env;
    const res = await browse(failing, "/forgot-password", { email: user.email });
    expect(res.status).toBe(503);
    expect(readerText(await res.text())).toContain("We could not send the email; try again in a minute.");
  });
});

describe("the reset-password page", () => {
  it("keeps the link's token out of the address bar, the page and any Referer, stored by no cache", async () => {
    const user = await createTestUser([], { email: freshEmail() });
    const link = await mailedLink(user.email);
    const token = new URLSearchParams(link.split("?")[1]).get("token") ?? "";
    expect(token).not.toBe("");

    const landed = await browse(env, link);
    expect(landed.status).toBe(303);
    expect(landed.headers.get("location")).toBe("/reset-password");
    expect(landed.headers.get("referrer-policy")).toBe("no-referrer");
    expect(landed.headers.get("cache-control")).toBe("no-store");
    const kept = setCookies(landed).find((c) => c.name === "__Secure-reset-token");
    expect(kept?.value).toBe(token);
    // Sent only back to this page, never readable by scripts, gone when the link would be.
    expect(Object.fromEntries(kept?.attributes ?? [])).toMatchObject({
      path: "/reset-password",
      httponly: "",
      secure: "",
      samesite: "Lax",
      "max-age": "1800",
    });

    const { page } = await openLink(link);
    expect(page.status).toBe(200);
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    expect(page.headers.get("cache-control")).toBe("no-store");
    const html = await page.text();
    expect(html).toContain('action="/reset-password"');
    expect(html.match(/autocomplete="new-password"/g)).toHaveLength(2);
    expect(html).not.toContain(token);
    // Other pages keep the site's usual policy.
    expect((await browse(env, "/forgot-password")).headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  });

  it("sets the new password and lands the shopper signed in on their account page", async () => {
    const user = await createTestUser([], { email: freshEmail() });
    const { cookie } = await openLink(await mailedLink(user.email));

    const typo = await browse(
      env,
      "/reset-password",
      { password: "a brand new passphrase", confirm_password: "a brand new pasphrase" },
      cookie,
    );
    expect(typo.status).toBe(400);
    expect(typo.headers.get("referrer-policy")).toBe("no-referrer");
    expect(await typo.text()).toContain('id="confirm_password-err">The two passwords differ');

    const res = await browse(
      env,
      "/reset-password",
      { password: "a brand new passphrase", confirm_password: "a brand new passphrase" },
      cookie,
    );
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/account?done=reset");
    const cookies = setCookies(res);
    // The used link's token leaves the browser with it.
    expect(cookies.find((c) => c.name === "__Secure-reset-token")?.attributes.get("max-age")).toBe("0");
    const session = cookies.find((c) => c.name === "__Host-session")?.value ?? "";
    expect(session).not.toBe("");
    const account = readerText(await (await browse(env, "/account?done=reset", undefined, `__Host-session=${session}`)).text());
    expect(account).toContain("Your new password is set and you are signed in.");
    expect(account).toContain(user.email);
  });

  it("names the account whose password it sets, for the shopper and their password manager, also when a field is refused", async () => {
    const user = await createTestUser([], { email: freshEmail() });
    const { page, cookie } = await openLink(await mailedLink(user.email));
    const named = (html: string) => {
      expect(readerText(html)).toContain(`For the account ${user.email}`);
      expect(html).toMatch(
        new RegExp(`<input type="email" value="${user.email.replace(/[.]/g, "\\.")}" autocomplete="username" readonly="" hidden=""/>`),
      );
    };
    named(await page.text());
    const typo = await browse(env, "/reset-password", { password: "a brand new passphrase", confirm_password: "another" }, cookie);
    expect(typo.status).toBe(400);
    named(await typo.text());
    // The account's email is no password here either, said in words beside the field.
    const email = await browse(env, "/reset-password", { password: user.email, confirm_password: user.email }, cookie);
    expect(email.status).toBe(400);
    const html = await email.text();
    named(html);
    expect(html).toContain('id="password-err">Use something other than your email address</span>');
  });

  it("keeps a link it could not check just now, saying why, rather than calling it dead", async () => {
    const user = await createTestUser([], { email: freshEmail() });
    const link = await mailedLink(user.email);
    const landed = await browse(env, link);
    const kept = setCookies(landed).find((c) => c.name === "__Secure-reset-token");
    const cookie = `${kept?.name}=${kept?.value}`;
    // This address spends its budget for the accounts API, which the page's check of the link is charged to.
    const ip = randomIp();
    const { limit, period } = RATE_POLICIES.auth;
    await inOneRateWindow(period);
    for (let i = 0; i < limit; i++)
      await api("/api/auth/password-reset/check", { body: { token: "x" }, headers: { "cf-connecting-ip": ip } });

    const ctx = createExecutionContext();
    const page = await worker.fetch(
      new Request(`${ORIGIN}/reset-password`, {
        redirect: "manual",
        headers: { "cf-connecting-ip": ip, "sec-fetch-site": "none", cookie },
      }),
      env,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(page.status).toBe(429);
    const text = readerText(await page.text());
    expect(text).toContain("You are going a little fast.");
    expect(text).not.toContain("This link does not work any more");
    expect(setCookies(page).find((c) => c.name === "__Secure-reset-token")).toBeUndefined();
  });

  it("still takes the token from a form drawn before it moved to the cookie", async () => {
    const user = await createTestUser([], { email: freshEmail() });
    const token = new URLSearchParams((await mailedLink(user.email)).split("?")[1]).get("token") ?? "";
    const res = await browse(env, "/reset-password", {
      token,
      password: "a brand new passphrase",
      confirm_password: "a brand new passphrase",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/account?done=reset");
  });

  it("says a used or missing link does not work, with a way to ask for a new one", async () => {
    const user = await createTestUser([], { email: freshEmail() });
    const link = await mailedLink(user.email);
    // Opening the link, even twice, uses nothing up: only setting the password does.
    await openLink(link);
    const { cookie } = await openLink(link);
    const fields = { password: "a brand new passphrase", confirm_password: "a brand new passphrase" };
    expect((await browse(env, "/reset-password", fields, cookie)).status).toBe(303);

    // The used link, opened again, says so at once rather than after a new password is typed twice.
    const { page: opened, cookie: again } = await openLink(link);
    for (const res of [
      opened,
      await browse(env, "/reset-password", fields, again),
      await browse(env, "/reset-password"),
      await browse(env, "/reset-password", fields),
    ]) {
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(readerText(html)).toContain("This reset link has expired or was already used. Ask for a new one.");
      expect(html).toContain('<a href="/forgot-password">Ask for a new reset link</a>');
    }
    // A refused link's token leaves the browser too.
    expect(
      setCookies(opened)
        .find((c) => c.name === "__Secure-reset-token")
        ?.attributes.get("max-age"),
    ).toBe("0");
  });
});
