import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createTestUser, type TestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { postWith } from "../helpers/worker-with";
import { mailSpy, type SentMail } from "../notifications/support";
import { freshEmail } from "./browser";

const PASSWORD = "test-password-1";
const CHANGED_SUBJECT = "Your Bazaar Edge email address was changed";

const signIn = (email: string, password = PASSWORD) => postWith(env, "/api/auth/login", { email, password });
const emailOf = async (userId: string) =>
  (await env.DB.prepare("SELECT email FROM users WHERE id = ?").bind(userId).first<{ email: string }>())?.email;
const recover = (token: string) => postWith(env, "/api/auth/account-recovery/confirm", { token });
const signedIn = async (authorization: string) => (await api("/api/me", { headers: { authorization } })).status === 200;

/** The token of the "secure your account" link in a mail's text. */
function recoveryToken(mail: SentMail | undefined): string {
  const link = /https:\/\/\S+\/secure-account\?token=[A-Za-z0-9_-]+/.exec(mail?.text ?? "")?.[0];
  if (!link) throw new Error(`no secure-account link in: ${mail?.text}`);
  return new URL(link).searchParams.get("token") ?? "";
}

/** A shopper whose account someone moved to `newEmail`, with a phone signed in before, and the link the old address was mailed. */
async function movedAccount(): Promise<{ user: TestUser; newEmail: string; phone: string; token: string }> {
  const user = await createTestUser([], { email: freshEmail() });
  const phone = `Bearer ${((await (await signIn(user.email)).json()) as { token: string }).token}`;
  const newEmail = freshEmail();
  const asked = mailSpy();
  expect((await postWith(asked.spyEnv, "/api/me/email", { current_password: PASSWORD, new_email: newEmail }, user.headers)).status).toBe(
    202,
  );
  const confirmToken = /confirm-email\?token=([A-Za-z0-9_-]+)/.exec(asked.sent[0]?.text ?? "")?.[1] ?? "";
  const { sent, spyEnv } = mailSpy();
  expect((await postWith(spyEnv, "/api/auth/email-change/confirm", { token: confirmToken })).status).toBe(200);
  const notice = sent.filter((m) => m.subject === CHANGED_SUBJECT);
  expect(notice.map((m) => m.to)).toEqual([user.email]);
  return { user, newEmail, phone, token: recoveryToken(notice[0]) };
}

describe("securing an account after an email change its owner did not make", () => {
  it("mails the old address a link, and no longer asks for a reply", async () => {
    const user = await createTestUser([], { email: freshEmail() });
    const asked = mailSpy();
    await postWith(asked.spyEnv, "/api/me/email", { current_password: PASSWORD, new_email: freshEmail() }, user.headers);
    const confirmToken = /confirm-email\?token=([A-Za-z0-9_-]+)/.exec(asked.sent[0]?.text ?? "")?.[1] ?? "";
    const { sent, spyEnv } = mailSpy();
    await postWith(spyEnv, "/api/auth/email-change/confirm", { token: confirmToken });
    const text = sent.find((m) => m.subject === CHANGED_SUBJECT)?.text ?? "";
    expect(text).toContain("Not you? Secure your account (the link works once, for 7 days):");
    expect(text).toMatch(/https:\/\/\S+\/secure-account\?token=[A-Za-z0-9_-]{43}/);
    expect(text).not.toContain("reply");
    // The Updates row the new address reads holds the words, never the link's token.
    const row = await env.DB.prepare("SELECT body, link FROM notifications WHERE user_id = ? AND kind = 'email_changed'")
      .bind(user.id)
      .first<{ body: string; link: string | null }>();
    expect(row?.link).toBeNull();
    expect(row?.body).not.toContain(recoveryToken(sent.find((m) => m.subject === CHANGED_SUBJECT)));
    const link = await env.DB.prepare("SELECT created_at, expires_at FROM account_recovery_tokens WHERE user_id = ?")
      .bind(user.id)
      .first<{ created_at: string; expires_at: string }>();
    expect(Date.parse(link?.expires_at ?? "") - Date.parse(link?.created_at ?? "")).toBe(7 * 86_400_000);
  });

  it("puts the account back on the old address, signs every device out and hands over a reset for a new password", async () => {
    const { user, newEmail, phone, token } = await movedAccount();
    const check = await postWith(env, "/api/auth/account-recovery/check", { token });
    expect(check.status).toBe(200);
    expect(await check.json()).toMatchObject({ email: newEmail, old_email: user.email });
    // Checking reads only: the account is still where it was moved.
    expect(await emailOf(user.id)).toBe(newEmail);

    const res = await recover(token);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = (await res.json()) as { email: string; reset_token: string };
    expect(body.email).toBe(user.email);

    expect(await emailOf(user.id)).toBe(user.email);
    expect((await signIn(newEmail)).status).toBe(401);
    // The session that moved the account and the phone from before are both out.
    expect(await signedIn(user.headers.authorization ?? "")).toBe(false);
    expect(await signedIn(phone)).toBe(false);

    const reset = await postWith(env, "/api/auth/password-reset/confirm", { token: body.reset_token, password: "a brand new passphrase" });
    expect(reset.status).toBe(200);
    expect((await signIn(user.email)).status).toBe(401);
    expect((await signIn(user.email, "a brand new passphrase")).status).toBe(200);
  });

  it("ends the reset and email change links the mover asked for", async () => {
    const { user, newEmail, token } = await movedAccount();
    const resetMails = mailSpy();
    expect((await postWith(resetMails.spyEnv, "/api/auth/password-reset", { email: newEmail })).status).toBe(202);
    const moverReset = /reset-password\?token=([A-Za-z0-9_-]+)/.exec(resetMails.sent[0]?.text ?? "")?.[1] ?? "";
    expect(moverReset).not.toBe("");

    expect((await recover(token)).status).toBe(200);
    expect(
      (await postWith(env, "/api/auth/password-reset/confirm", { token: moverReset, password: "the mover's passphrase" })).status,
    ).toBe(400);
    expect(await emailOf(user.id)).toBe(user.email);
  });

  it("works once", async () => {
    const { user, token } = await movedAccount();
    expect((await recover(token)).status).toBe(200);
    const again = await recover(token);
    expect(again.status).toBe(400);
    expect(((await again.json()) as { type: string }).type).toBe("/problems/account-recovery-link-invalid");
    expect(await emailOf(user.id)).toBe(user.email);
  });

  it("refuses an expired link and changes nothing", async () => {
    const { user, newEmail, token } = await movedAccount();
    await env.DB.prepare("UPDATE account_recovery_tokens SET expires_at = ? WHERE user_id = ?")
      .bind(new Date(Date.now() - 1000).toISOString(), user.id)
      .run();
    const res = await recover(token);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(await emailOf(user.id)).toBe(newEmail);
    expect(await signedIn(user.headers.authorization ?? "")).toBe(true);
  });

  it("refuses a forged link and changes nothing", async () => {
    const { user, newEmail } = await movedAccount();
    const forged = await recover("A".repeat(43));
    expect(forged.status).toBe(400);
    expect(((await forged.json()) as { type: string }).type).toBe("/problems/account-recovery-link-invalid");
    expect((await postWith(env, "/api/auth/account-recovery/check", { token: "A".repeat(43) })).status).toBe(400);
    expect(await emailOf(user.id)).toBe(newEmail);
    expect(await signedIn(user.headers.authorization ?? "")).toBe(true);
  });

  it("refuses, changing nothing, once another account registered the old address", async () => {
    const { user, newEmail, token } = await movedAccount();
    await createTestUser([], { email: user.email });
    const res = await recover(token);
    expect(res.status).toBe(409);
    expect(((await res.json()) as { detail: string }).detail).toContain(`${user.email} now belongs to another account`);
    expect(await emailOf(user.id)).toBe(newEmail);
    expect(await signedIn(user.headers.authorization ?? "")).toBe(true);
  });

  it("refuses once the account was deleted", async () => {
    const { user, token } = await movedAccount();
    expect((await postWith(env, "/api/me/delete", { password: PASSWORD, confirm: true }, user.headers)).status).toBe(204);
    const res = await recover(token);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { type: string }).type).toBe("/problems/account-recovery-link-invalid");
  });

  it("keeps the link to an earlier address working when a later one is used first", async () => {
    const { user, newEmail, token } = await movedAccount();
    // Moved on again: the second notice, with its own link, goes to the mover's first address.
    const third = freshEmail();
    const asked = mailSpy();
    await postWith(asked.spyEnv, "/api/me/email", { current_password: PASSWORD, new_email: third }, user.headers);
    const confirmToken = /confirm-email\?token=([A-Za-z0-9_-]+)/.exec(asked.sent[0]?.text ?? "")?.[1] ?? "";
    const { sent, spyEnv } = mailSpy();
    expect((await postWith(spyEnv, "/api/auth/email-change/confirm", { token: confirmToken })).status).toBe(200);
    const moverLink = recoveryToken(sent.find((m) => m.subject === CHANGED_SUBJECT));

    expect((await recover(moverLink)).status).toBe(200);
    expect(await emailOf(user.id)).toBe(newEmail);
    // The owner's link still works, and using it ends the mover's.
    expect((await recover(token)).status).toBe(200);
    expect(await emailOf(user.id)).toBe(user.email);
  });
});
