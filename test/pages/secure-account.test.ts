import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../workers/index";
import { RATE_POLICIES } from "../../workers/platform/rate-limit";
import { freshEmail, randomIp, setCookies } from "../accounts/browser";
import { createTestUser } from "../helpers/accounts";
import { ORIGIN, readerText } from "../helpers/http";
import { inOneRateWindow } from "../helpers/rate-window";
import { browseWith, postWith } from "../helpers/worker-with";
import { mailSpy } from "../notifications/support";

const PASSWORD = "test-password-1";

const emailOf = async (userId: string) =>
  (await env.DB.prepare("SELECT email FROM users WHERE id = ?").bind(userId).first<{ email: string }>())?.email;

/** A shopper moved to a new address, and the "secure your account" link in the notice to the old one. */
async function movedAccount() {
  const user = await createTestUser([], { email: freshEmail() });
  const newEmail = freshEmail();
  const asked = mailSpy();
  await postWith(asked.spyEnv, "/api/me/email", { current_password: PASSWORD, new_email: newEmail }, user.headers);
  const confirmToken = /confirm-email\?token=([A-Za-z0-9_-]+)/.exec(asked.sent[0]?.text ?? "")?.[1] ?? "";
  const { sent, spyEnv } = mailSpy();
  expect((await postWith(spyEnv, "/api/auth/email-change/confirm", { token: confirmToken })).status).toBe(200);
  const link = new URL(/https:\/\/\S+\/secure-account\?token=\S+/.exec(sent.find((m) => m.to === user.email)?.text ?? "")?.[0] ?? "");
  return { user, newEmail, link };
}

/** Opens the link as a browser does, and answers the cookie its token moved into. */
async function tokenCookieOf(link: URL): Promise<string> {
  const kept = setCookies(await browseWith(env, `${link.pathname}${link.search}`, "")).find(
    (c) => c.name === "__Secure-account-recovery-token",
  );
  return `${kept?.name}=${kept?.value}`;
}

describe("the page a secure-your-account link opens", () => {
  it("changes nothing when opened, and takes the account back on the button's post, on to a new password", async () => {
    const { user, newEmail, link } = await movedAccount();
    const landed = await browseWith(env, `${link.pathname}${link.search}`, "");
    expect(landed.status).toBe(303);
    expect(landed.headers.get("location")).toBe("/secure-account");
    const kept = setCookies(landed).find((c) => c.name === "__Secure-account-recovery-token");
    expect(kept?.attributes.has("httponly")).toBe(true);
    const tokenCookie = `${kept?.name}=${kept?.value}`;

    const ask = await browseWith(env, "/secure-account", tokenCookie);
    expect(ask.status).toBe(200);
    expect(ask.headers.get("referrer-policy")).toBe("no-referrer");
    expect(ask.headers.get("cache-control")).toBe("no-store");
    const askText = readerText(await ask.text());
    expect(askText).toContain(`Your Bazaar Edge account was moved to ${newEmail}`);
    expect(askText).toContain(`Put it back on ${user.email}`);
    // A mail scanner opening the link changes nothing.
    expect(await emailOf(user.id)).toBe(newEmail);
    expect((await browseWith(env, "/secure-account", tokenCookie)).status).toBe(200);
    expect(await emailOf(user.id)).toBe(newEmail);

    const done = await browseWith(env, "/secure-account", tokenCookie, {});
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe("/reset-password?secured=1");
    expect(await emailOf(user.id)).toBe(user.email);
    const reset = setCookies(done).find((c) => c.name === "__Secure-reset-token");
    expect(reset?.value).toBeTruthy();

    const choose = await browseWith(env, "/reset-password?secured=1", `${reset?.name}=${reset?.value}`);
    expect(choose.status).toBe(200);
    const chooseText = readerText(await choose.text());
    expect(chooseText).toContain(`${user.email} is your account's address again, and every device was signed out.`);
    expect(chooseText).toContain("Choose a new password");

    // Posted again (a refresh), the used link is refused and nothing changes.
    const again = await browseWith(env, "/secure-account", tokenCookie, {});
    expect(again.status).toBe(400);
    expect(readerText(await again.text())).toContain("Your account was not changed");
  });

  it("says a dead link is dead", async () => {
    const page = await browseWith(env, "/secure-account", "__Secure-account-recovery-token=forged");
    expect(page.status).toBe(400);
    expect(readerText(await page.text())).toContain("This link to secure your account has expired or was already used");
  });

  it("keeps a link it could not check just now, saying why, rather than calling it dead", async () => {
    const { link } = await movedAccount();
    const tokenCookie = await tokenCookieOf(link);
    // This address spends its budget for the accounts API, which the page's check of the link is charged to.
    const ip = randomIp();
    const { limit, period } = RATE_POLICIES.auth;
    await inOneRateWindow(period);
    for (let i = 0; i < limit; i++) await postWith(env, "/api/auth/account-recovery/check", { token: "x" }, { "cf-connecting-ip": ip });

    const ctx = createExecutionContext();
    const page = await worker.fetch(
      new Request(`${ORIGIN}/secure-account`, {
        redirect: "manual",
        headers: { "cf-connecting-ip": ip, "sec-fetch-site": "none", cookie: tokenCookie },
      }),
      env,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(page.status).toBe(429);
    const text = readerText(await page.text());
    expect(text).toContain("You are going a little fast.");
    expect(text).toContain("Take my account back");
    expect(text).not.toContain("Your account was not changed");
    expect(setCookies(page).find((c) => c.name === "__Secure-account-recovery-token")).toBeUndefined();
  });

  it("says why once another account registered the old address, and lets the used-up link go", async () => {
    const { user, newEmail, link } = await movedAccount();
    const tokenCookie = await tokenCookieOf(link);
    await createTestUser([], { email: user.email });

    const refused = await browseWith(env, "/secure-account", tokenCookie, {});
    expect(refused.status).toBe(409);
    const text = readerText(await refused.text());
    expect(text).toContain("Your account was not changed");
    expect(text).toContain(`${user.email} now belongs to another account, so your account could not be moved back to it.`);
    expect(
      setCookies(refused)
        .find((c) => c.name === "__Secure-account-recovery-token")
        ?.attributes.get("max-age"),
    ).toBe("0");
    expect(await emailOf(user.id)).toBe(newEmail);
  });
});
