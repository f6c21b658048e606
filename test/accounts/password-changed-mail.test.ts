import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { whenIst } from "../../workers/pages/format";
import { createTestUser, type TestUser } from "../helpers/accounts";
import { heldMailSpy, mailSpy, type SentMail } from "../notifications/support";
import { freshEmail } from "./browser";
import { postAnswered, postWith } from "../helpers/worker-with";

const PASSWORD = "test-password-1";
const NEW_PASSWORD = "a brand new passphrase";
const ANDROID_CHROME =
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";
const IPHONE_SAFARI =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
const FORGOT_PAGE = "https://bazaar-edge.example/forgot-password";

/** A shopper signed in from an Android phone: the bearer header of that session. */
async function signedInOnPhone(): Promise<{ user: TestUser; phone: Record<string, string> }> {
  const user = await createTestUser([], { email: freshEmail() });
  const res = await postWith(env, "/api/auth/login", { email: user.email, password: PASSWORD }, { "user-agent": ANDROID_CHROME });
  expect(res.status).toBe(200);
  return { user, phone: { authorization: `Bearer ${((await res.json()) as { token: string }).token}` } };
}

/** The account's recorded password mails, oldest first. */
const passwordMailRows = (userId: string) =>
  env.DB.prepare(
    "SELECT channel, kind, email_state, created_at FROM notifications WHERE user_id = ? AND kind LIKE 'password_%' ORDER BY id",
  )
    .bind(userId)
    .all<{ channel: string; kind: string; email_state: string; created_at: string }>();

/** Every address in a mail's text. */
const linksIn = (mail: SentMail | undefined) => (mail?.text ?? "").match(/https?:\/\/\S+/g) ?? [];

describe("the mail telling the owner their password changed", () => {
  it("is sent once to the account's address after a change, saying when in IST, from which device, and what to do if it was not them", async () => {
    const { user, phone } = await signedInOnPhone();
    const { sent, spyEnv } = mailSpy();
    const res = await postWith(spyEnv, "/api/me/password", { current_password: PASSWORD, new_password: NEW_PASSWORD }, phone);
    expect(res.status).toBe(204);

    const rows = (await passwordMailRows(user.id)).results;
    expect(rows.map((r) => [r.channel, r.kind, r.email_state])).toEqual([["email", "password_changed", "sent"]]);
    const mine = sent.filter((m) => m.subject === "Your Bazaar Edge password was changed");
    expect(mine.map((m) => m.to)).toEqual([user.email]);
    const text = mine[0]?.text ?? "";
    expect(text).toContain(`was changed on ${whenIst(rows[0]?.created_at)} from Chrome on Android.`);
    expect(text).toMatch(/ IST from /);
    expect(text).toContain("Every other device signed in to your account was signed out.");
    expect(text).toContain("If this was not you");
    expect(text).toContain("“Forgot your password?” page");
    // The one link asks for a reset link by mail; nothing in the mail signs anyone in.
    expect(linksIn(mine[0])).toEqual([FORGOT_PAGE]);
    expect(text).not.toMatch(/token/i);
  });

  it("does not keep the change waiting on the mail provider: the change is answered, and the mail follows", async () => {
    const { user, phone } = await signedInOnPhone();
    const { sent, release, spyEnv } = heldMailSpy();
    const { res, settled } = await postAnswered(
      spyEnv,
      "/api/me/password",
      { current_password: PASSWORD, new_password: NEW_PASSWORD },
      phone,
    );
    expect(res.status).toBe(204);
    expect(sent).toEqual([]);

    release();
    await settled;
    expect(sent.map((m) => [m.to, m.subject])).toEqual([[user.email, "Your Bazaar Edge password was changed"]]);
    expect((await passwordMailRows(user.id)).results.map((r) => r.email_state)).toEqual(["sent"]);
  });

  it("does not keep a reset through a mailed link waiting on the mail provider either", async () => {
    const user = await createTestUser([], { email: freshEmail() });
    const asked = mailSpy();
    expect((await postWith(asked.spyEnv, "/api/auth/password-reset", { email: user.email })).status).toBe(202);
    const token = /reset-password\?token=([A-Za-z0-9_-]+)/.exec(asked.sent[0]?.text ?? "")?.[1] ?? "";
    const { sent, release, spyEnv } = heldMailSpy();
    const { res, settled } = await postAnswered(spyEnv, "/api/auth/password-reset/confirm", { token, password: NEW_PASSWORD });
    expect(res.status).toBe(200);
    expect(sent).toEqual([]);

    release();
    await settled;
    expect(sent.map((m) => [m.to, m.subject])).toEqual([[user.email, "Your Bazaar Edge password was reset"]]);
  });

  it("is sent once after a reset through a mailed link, saying it was reset that way, when and from which device", async () => {
    const user = await createTestUser([], { email: freshEmail() });
    const { sent, spyEnv } = mailSpy();
    expect((await postWith(spyEnv, "/api/auth/password-reset", { email: user.email })).status).toBe(202);
    const token = /reset-password\?token=([A-Za-z0-9_-]+)/.exec(sent[0]?.text ?? "")?.[1] ?? "";
    expect(token).not.toBe("");

    const res = await postWith(
      spyEnv,
      "/api/auth/password-reset/confirm",
      { token, password: NEW_PASSWORD },
      { "user-agent": IPHONE_SAFARI },
    );
    expect(res.status).toBe(200);

    const rows = (await passwordMailRows(user.id)).results;
    expect(rows.map((r) => [r.channel, r.kind, r.email_state])).toEqual([["email", "password_reset", "sent"]]);
    const mine = sent.filter((m) => m.subject === "Your Bazaar Edge password was reset");
    expect(mine.map((m) => m.to)).toEqual([user.email]);
    const text = mine[0]?.text ?? "";
    expect(text).toContain(`was reset through a link we emailed, on ${whenIst(rows[0]?.created_at)} from Safari on iPhone.`);
    expect(text).toContain("Every device that was signed in to your account was signed out.");
    expect(text).toContain("If this was not you");
    expect(linksIn(mine[0])).toEqual([FORGOT_PAGE]);
    expect(text).not.toContain(token);
  });

  it("is not sent when the change is refused for a wrong current password", async () => {
    const { user, phone } = await signedInOnPhone();
    const { sent, spyEnv } = mailSpy();
    const res = await postWith(spyEnv, "/api/me/password", { current_password: "not the password", new_password: NEW_PASSWORD }, phone);
    expect(res.status).toBe(400);
    expect(sent).toEqual([]);
    expect((await passwordMailRows(user.id)).results).toEqual([]);
  });
});
