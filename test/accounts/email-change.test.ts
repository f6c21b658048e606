import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { whenIst } from "../../workers/pages/format";
import { maskedEmail } from "../../workers/accounts/email-changed-notice";
import { createTestUser, type TestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { heldMailSpy, mailSpy, type SentMail } from "../notifications/support";
import { freshEmail } from "./browser";
import { postAnswered, postWith } from "../helpers/worker-with";

const PASSWORD = "test-password-1";
const CHANGED_SUBJECT = "Your Bazaar Edge email address was changed";

const shopper = () => createTestUser([], { email: freshEmail() });
const signIn = (email: string) => postWith(env, "/api/auth/login", { email, password: PASSWORD });
const emailOf = async (userId: string) =>
  (await env.DB.prepare("SELECT email FROM users WHERE id = ?").bind(userId).first<{ email: string }>())?.email;
const askChange = (on: Env, user: TestUser, newEmail: string, password = PASSWORD) =>
  postWith(on, "/api/me/email", { current_password: password, new_email: newEmail }, user.headers);
const confirm = (on: Env, token: string) => postWith(on, "/api/auth/email-change/confirm", { token });

/** The token of the confirmation link in a mail's text. */
function linkToken(mail: SentMail | undefined): string {
  const link = /https:\/\/\S+\/confirm-email\?token=[A-Za-z0-9_-]+/.exec(mail?.text ?? "")?.[0];
  if (!link) throw new Error(`no confirmation link in: ${mail?.text}`);
  return new URL(link).searchParams.get("token") ?? "";
}

/** Asks to move `user` to `newEmail` and answers the token mailed there. */
async function mailedToken(user: TestUser, newEmail: string): Promise<string> {
  const { sent, spyEnv } = mailSpy();
  expect((await askChange(spyEnv, user, newEmail)).status).toBe(202);
  expect(sent.map((m) => m.to)).toEqual([newEmail]);
  return linkToken(sent[0]);
}

describe("changing the account's email", () => {
  it("does not keep the confirmation waiting on the mail provider: the change is answered, and the notice to the old address follows", async () => {
    const user = await shopper();
    const token = await mailedToken(user, freshEmail());
    const { sent, release, spyEnv } = heldMailSpy();
    const { res, settled } = await postAnswered(spyEnv, "/api/auth/email-change/confirm", { token });
    expect(res.status).toBe(200);
    expect(sent).toEqual([]);

    release();
    await settled;
    expect(sent.map((m) => [m.to, m.subject])).toEqual([[user.email, CHANGED_SUBJECT]]);
  });

  it("takes effect only through the link mailed to the new address, which ends other sessions and tells the old address", async () => {
    const user = await shopper();
    const phone = `Bearer ${((await (await signIn(user.email)).json()) as { token: string }).token}`;
    const newEmail = `rohan.${crypto.randomUUID()}@example.test`;
    const asked = mailSpy();

    const res = await askChange(asked.spyEnv, user, newEmail.toUpperCase());
    expect(res.status).toBe(202);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(((await res.json()) as { message: string }).message).toContain(
      `We sent a link to ${newEmail}; your sign-in address stays ${user.email} until you open it.`,
    );
    expect(asked.sent.map((m) => [m.to, m.subject])).toEqual([[newEmail, "Confirm your new Bazaar Edge email address"]]);

    // Until the link is opened, nothing has changed.
    expect((await signIn(user.email)).status).toBe(200);
    expect((await signIn(newEmail)).status).toBe(401);

    const { sent, spyEnv } = mailSpy();
    const done = await confirm(spyEnv, linkToken(asked.sent[0]));
    expect(done.status).toBe(200);
    expect(await done.json()).toEqual({ email: newEmail });

    expect((await signIn(user.email)).status).toBe(401);
    expect((await signIn(newEmail)).status).toBe(200);
    // The phone is signed out; the session that asked for the change stays, under the new address.
    expect((await api("/api/me", { headers: { authorization: phone } })).status).toBe(401);
    const me = await api("/api/me", { headers: user.headers });
    expect(((await me.json()) as { email: string }).email).toBe(newEmail);

    const notice = sent.filter((m) => m.subject === CHANGED_SUBJECT);
    expect(notice.map((m) => m.to)).toEqual([user.email]);
    const row = await env.DB.prepare("SELECT created_at, email_state FROM notifications WHERE user_id = ? AND kind = 'email_changed'")
      .bind(user.id)
      .first<{ created_at: string; email_state: string }>();
    expect(row?.email_state).toBe("sent");
    const text = notice[0]?.text ?? "";
    expect(text).toContain(`was changed from ${maskedEmail(user.email)} to r***@example.test on ${whenIst(row?.created_at)}.`);
    // The same words are the account's Updates row, read under the new address: "this address" would name the wrong one.
    expect(text).toContain("The old address no longer signs in to the account");
    expect(text).toContain(`open the “Secure your account” link in the mail we sent to ${maskedEmail(user.email)} within 7 days.`);
    expect(text).not.toContain(newEmail);
    expect(text).toContain("If this was not you");
  });

  it("ends the reset links already mailed when the change is made", async () => {
    const user = await shopper();
    const resetMails = mailSpy();
    expect((await postWith(resetMails.spyEnv, "/api/auth/password-reset", { email: user.email })).status).toBe(202);
    const resetToken = /reset-password\?token=([A-Za-z0-9_-]+)/.exec(resetMails.sent[0]?.text ?? "")?.[1] ?? "";
    expect(resetToken).not.toBe("");

    expect((await confirm(env, await mailedToken(user, freshEmail()))).status).toBe(200);
    expect(
      (await postWith(env, "/api/auth/password-reset/confirm", { token: resetToken, password: "a brand new passphrase" })).status,
    ).toBe(400);
  });

  it("works once: the link opened again is refused and changes nothing", async () => {
    const user = await shopper();
    const first = freshEmail();
    const token = await mailedToken(user, first);
    expect((await confirm(env, token)).status).toBe(200);
    const again = await confirm(env, token);
    expect(again.status).toBe(400);
    expect(((await again.json()) as { type: string }).type).toBe("/problems/email-change-link-invalid");
    expect(await emailOf(user.id)).toBe(first);
  });

  it("stops working after an hour", async () => {
    const user = await shopper();
    const token = await mailedToken(user, freshEmail());
    const created = await env.DB.prepare("SELECT created_at, expires_at FROM email_change_tokens WHERE user_id = ?")
      .bind(user.id)
      .first<{ created_at: string; expires_at: string }>();
    expect(Date.parse(created?.expires_at ?? "") - Date.parse(created?.created_at ?? "")).toBe(3600_000);
    await env.DB.prepare("UPDATE email_change_tokens SET expires_at = ? WHERE user_id = ?")
      .bind(new Date(Date.now() - 1000).toISOString(), user.id)
      .run();
    const res = await confirm(env, token);
    expect(res.status).toBe(400);
    expect(await emailOf(user.id)).toBe(user.email);
  });

  it("only the newest request's link works", async () => {
    const user = await shopper();
    const mistyped = await mailedToken(user, freshEmail());
    const meant = freshEmail();
    const token = await mailedToken(user, meant);
    expect((await confirm(env, mistyped)).status).toBe(400);
    expect((await confirm(env, token)).status).toBe(200);
    expect(await emailOf(user.id)).toBe(meant);
  });

  it("refuses a wrong current password: nothing is mailed or stored", async () => {
    const user = await shopper();
    const { sent, spyEnv } = mailSpy();
    const res = await askChange(spyEnv, user, freshEmail(), "not-the-password");
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((e) => e.path)).toEqual(["current_password"]);
    expect(sent).toHaveLength(0);
    const links = await env.DB.prepare("SELECT COUNT(*) AS n FROM email_change_tokens WHERE user_id = ?")
      .bind(user.id)
      .first<{ n: number }>();
    expect(links?.n).toBe(0);
  });

  it("refuses an address that is not one with a 400 problem naming the field", async () => {
    const user = await shopper();
    const { sent, spyEnv } = mailSpy();
    const res = await askChange(spyEnv, user, "not an address");
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const problem = (await res.json()) as { type: string; errors: { path: string }[] };
    expect(problem.type).toBe("/problems/validation-failed");
    expect(problem.errors.map((e) => e.path)).toEqual(["new_email"]);
    expect(sent).toHaveLength(0);
  });

  it("answers an address another account uses as it answers a free one, mails no one, and changes neither account", async () => {
    const user = await shopper();
    const other = await shopper();
    const { sent, spyEnv } = mailSpy();
    const taken = await askChange(spyEnv, user, other.email);
    expect(taken.status).toBe(202);
    const message = ((await taken.json()) as { message: string }).message;
    expect(message).toBe(
      `We sent a link to ${other.email}; your sign-in address stays ${user.email} until you open it. It works for 1 hour. ` +
        "No mail within a few minutes? That address may already belong to another account.",
    );
    expect(sent).toHaveLength(0);
    expect(await emailOf(user.id)).toBe(user.email);
    expect(await emailOf(other.id)).toBe(other.email);
  });

  it("refuses the change when another account took the address after the link was sent", async () => {
    const user = await shopper();
    const wanted = freshEmail();
    const token = await mailedToken(user, wanted);
    const register = await postWith(env, "/api/auth/register", {
      email: wanted,
      password: "another long passphrase",
      name: "Someone Else",
    });
    expect(register.status).toBe(201);

    const { sent, spyEnv } = mailSpy();
    const res = await confirm(spyEnv, token);
    expect(res.status).toBe(409);
    expect(((await res.json()) as { detail: string }).detail).toBe(
      `${wanted} now belongs to another account, so your email was not changed. You still sign in with ${user.email}.`,
    );
    expect(await emailOf(user.id)).toBe(user.email);
    expect(sent).toHaveLength(0);
    expect((await api("/api/me", { headers: user.headers })).status).toBe(200);
  });

  it("ends a pending change when the account signs out everywhere", async () => {
    const user = await shopper();
    const token = await mailedToken(user, freshEmail());
    expect((await postWith(env, "/api/auth/logout-everywhere", {}, user.headers)).status).toBe(204);
    expect((await confirm(env, token)).status).toBe(400);
    expect(await emailOf(user.id)).toBe(user.email);
  });

  it("ends a pending change when the account is deleted, so the erased account never takes the new address", async () => {
    const user = await shopper();
    const wanted = freshEmail();
    const token = await mailedToken(user, wanted);
    expect((await postWith(env, "/api/me/delete", { password: PASSWORD, confirm: true }, user.headers)).status).toBe(204);
    expect((await confirm(env, token)).status).toBe(400);
    expect(await emailOf(user.id)).not.toBe(wanted);
    // The address was never taken: whoever owns it can register with it.
    const registered = await postWith(env, "/api/auth/register", { email: wanted, password: PASSWORD, name: "Meera" });
    expect(registered.status).toBe(201);
  });
});
