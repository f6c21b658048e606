import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../workers/index";
import { freshEmail, randomIp, setCookies } from "../accounts/browser";
import { createTestUser } from "../helpers/accounts";
import { api, ORIGIN, readerText } from "../helpers/http";
import { mailSpy } from "../notifications/support";

/** A page request as a browser sends it (no redirects followed), served with `on` as the Worker's env. */
async function browse(on: Env, path: string, form?: Record<string, string>, cookie = ""): Promise<Response> {
  const ctx = createExecutionContext();
  const headers: Record<string, string> = { "cf-connecting-ip": randomIp(), "sec-fetch-site": "same-origin", origin: ORIGIN };
  if (cookie) headers.cookie = cookie;
  if (form) headers["content-type"] = "application/x-www-form-urlencoded";
  const res = await worker.fetch(
    new Request(`${ORIGIN}${path}`, {
      method: form ? "POST" : "GET",
      redirect: "manual",
      headers,
      body: form ? new URLSearchParams(form).toString() : undefined,
    }),
    on,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}

/** Asks for a reset through the page and answers the link's path and query, as mailed. */
async function mailedLink(email: string): Promise<string> {
  const { sent, spyEnv } = mailSpy();
  const res = await browse(spyEnv, "/forgot-password", { email });
  expect(res.status).toBe(303);
  const link = /https:\/\/\S+\/reset-password\?token=\S+/.exec(sent[0]?.text ?? "")?.[0] ?? "";
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
}

const hiddenToken = (html: string) => /name="token" value="([^"]*)"/.exec(html)?.[1] ?? "";

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
  it("keeps the link's address to itself: no Referer to anyone, stored by no cache", async () => {
    const user = await createTestUser([], { email: freshEmail() });
    const res = await browse(env, await mailedLink(user.email));
    expect(res.status).toBe(200);
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const html = await res.text();
    expect(html).toContain('action="/reset-password"');
    expect(html.match(/autocomplete="new-password"/g)).toHaveLength(2);
    // Other pages keep the site's usual policy.
    expect((await browse(env, "/forgot-password")).headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  });

  it("sets the new password and lands the shopper signed in on their account page", async () => {
    const user = await createTestUser([], { email: freshEmail() });
    const page = await (await browse(env, await mailedLink(user.email))).text();
    const token = hiddenToken(page);

    const typo = await browse(env, "/reset-password", {
      token,
      password: "a brand new passphrase",
      confirm_password: "a brand new pasphrase",
    });
    expect(typo.status).toBe(400);
    expect(typo.headers.get("referrer-policy")).toBe("no-referrer");
    const again = await typo.text();
    expect(again).toContain('id="confirm_password-err">The two passwords differ');
    expect(hiddenToken(again)).toBe(token);

    const res = await browse(env, "/reset-password", {
      token,
      password: "a brand new passphrase",
      confirm_password: "a brand new passphrase",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/account?done=reset");
    const session = setCookies(res).find((c) => c.name === "__Host-session")?.value ?? "";
    expect(session).not.toBe("");
    const account = readerText(await (await browse(env, "/account?done=reset", undefined, `__Host-session=${session}`)).text());
    expect(account).toContain("Your new password is set and you are signed in.");
    expect(account).toContain(user.email);
  });

  it("says a used or missing link does not work, with a way to ask for a new one", async () => {
    const user = await createTestUser([], { email: freshEmail() });
    const link = await mailedLink(user.email);
    // Opening the link, even twice, uses nothing up: only setting the password does.
    await browse(env, link);
    const token = hiddenToken(await (await browse(env, link)).text());
    const fields = { token, password: "a brand new passphrase", confirm_password: "a brand new passphrase" };
    expect((await browse(env, "/reset-password", fields)).status).toBe(303);

    // The used link, opened again, says so at once rather than after a new password is typed twice.
    const opened = await browse(env, link);
    for (const res of [opened, await browse(env, "/reset-password", fields), await browse(env, "/reset-password")]) {
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(readerText(html)).toContain("This reset link has expired or was already used. Ask for a new one.");
      expect(html).toContain('<a href="/forgot-password">Ask for a new reset link</a>');
    }
  });
});
