import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../workers/platform/ids";
import { createTestUser, type TestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { mailSpy } from "../notifications/support";
import { freshEmail, randomIp } from "./browser";
import { postWith } from "../helpers/worker-with";

const OLD_PASSWORD = "test-password-1";
const NEW_PASSWORD = "a brand new passphrase";
const ACCEPTED = {
  message: "If an account exists for that address, we've sent a link to reset its password. It works for 30 minutes.",
};

const askReset = (on: Env, email: string) => postWith(on, "/api/auth/password-reset", { email });
const confirm = (token: string, password: string) => postWith(env, "/api/auth/password-reset/confirm", { token, password });
const signIn = (email: string, password: string) =>
  api("/api/auth/login", { method: "POST", body: { email, password }, headers: { "cf-connecting-ip": randomIp() } });

/** The token of the reset link in a mail's text. */
function linkToken(text: string): string {
  const link = /https?:\/\/\S+\/reset-password\?token=[A-Za-z0-9_-]+/.exec(text)?.[0];
  if (!link) throw new Error(`no reset link in: ${text}`);
  return new URL(link).searchParams.get("token") ?? "";
}

async function shopper(): Promise<TestUser> {
  return createTestUser([], { email: freshEmail() });
}

/** Asks for a reset of `user`'s password and answers the token mailed to them. */
async function mailedToken(user: TestUser): Promise<string> {
  const { sent, spyEnv } = mailSpy();
  expect((await askReset(spyEnv, user.email)).status).toBe(202);
  const mine = sent.filter((m) => m.to === user.email);
  expect(mine).toHaveLength(1);
  return linkToken(mine[0]?.text ?? "");
}

const linksOf = (userId: string) =>
  env.DB.prepare("SELECT id, user_id, created_at, expires_at, used_at FROM password_reset_tokens WHERE user_id = ? ORDER BY created_at")
    .bind(userId)
    .all<{ id: string; user_id: string; created_at: string; expires_at: string; used_at: string | null }>();

describe("asking for a password reset", () => {
  it("mails a known email exactly one link, whose page resets the password, signs in, and ends every earlier session", async () => {
    const user = await shopper();
    const phone = await signIn(user.email, OLD_PASSWORD);
    const phoneToken = ((await phone.json()) as { token: string }).token;
    const { sent, spyEnv } = mailSpy();

    const res = await askReset(spyEnv, user.email.toUpperCase());
    expect(res.status).toBe(202);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual(ACCEPTED);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: user.email, subject: "Reset your Bazaar password" });
    expect(sent[0]?.text).toContain("https://bazaar-edge.example/reset-password?token=");

    const done = await confirm(linkToken(sent[0]?.text ?? ""), NEW_PASSWORD);
    expect(done.status).toBe(200);
    const signedIn = (await done.json()) as { token: string; user: { email: string } };
    expect(signedIn.user.email).toBe(user.email);
    expect(done.headers.getSetCookie().some((c) => c.startsWith("__Host-session="))).toBe(true);
    expect((await api("/api/me", { headers: { authorization: `Bearer ${signedIn.token}` } })).status).toBe(200);

    // Whoever was signed in before is out, on every device.
    expect((await api("/api/me", { headers: user.headers })).status).toBe(401);
    expect((await api("/api/me", { headers: { authorization: `Bearer ${phoneToken}` } })).status).toBe(401);
    expect((await signIn(user.email, OLD_PASSWORD)).status).toBe(401);
    expect((await signIn(user.email, NEW_PASSWORD)).status).toBe(200);
  });

  it("answers an unknown email with the same 202 and body, and mails nothing", async () => {
    const { sent, spyEnv } = mailSpy();
    const res = await askReset(spyEnv, freshEmail());
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual(ACCEPTED);
    expect(sent).toHaveLength(0);
  });

  it("mails an account at most 3 links an hour: the 4th request still answers 202 but sends nothing", async () => {
    const user = await shopper();
    const { sent, spyEnv } = mailSpy();
    const answers: unknown[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await askReset(spyEnv, user.email);
      expect(res.status).toBe(202);
      answers.push(await res.json());
    }
    expect(answers).toEqual([ACCEPTED, ACCEPTED, ACCEPTED, ACCEPTED]);
    expect(sent.filter((m) => m.to === user.email)).toHaveLength(3);
  });

  it("ends the earlier links when a new one is sent: only the newest works", async () => {
    const user = await shopper();
    const first = await mailedToken(user);
    const second = await mailedToken(user);
    expect((await confirm(first, NEW_PASSWORD)).status).toBe(400);
    expect((await confirm(second, NEW_PASSWORD)).status).toBe(200);
  });

  it("answers 503 when the mail cannot be sent, and leaves no link that works", async () => {
    const user = await shopper();
    let mailed = "";
    const failing = {
      ...env,
      EMAIL: {
        async send(message: { text?: string }) {
          mailed = message.text ?? "";
          throw new Error("503 mail provider unavailable");
        },
      },
    } as unknown as Env;
    const res = await askReset(failing, user.email);
    expect(res.status).toBe(503);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.headers.get("retry-after")).toBe("60");
    const problem = (await res.json()) as { type: string; detail: string };
    expect(problem.type).toBe("/problems/email-unavailable");
    expect(problem.detail).toBe("We could not send the email; try again in a minute.");

    // Had the mail gone out after all, its link opens nothing, and no row is left for the account.
    expect((await confirm(linkToken(mailed), NEW_PASSWORD)).status).toBe(400);
    expect((await linksOf(user.id)).results).toEqual([]);
    expect((await signIn(user.email, OLD_PASSWORD)).status).toBe(200);
  });

  it("stores only the token's hash: the raw token is nowhere in D1, not in the links' table nor in notifications", async () => {
    const user = await shopper();
    const token = await mailedToken(user);
    const [row] = (await linksOf(user.id)).results;
    expect(row?.id).toBe(await sha256Hex(token));
    expect(row?.used_at).toBeNull();
    expect(Date.parse(row?.expires_at ?? "") - Date.parse(row?.created_at ?? "")).toBe(30 * 60 * 1000);

    const tables = await env.DB.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE '%_fts%'",
    ).all<{ name: string }>();
    expect(tables.results.map((t) => t.name)).toEqual(expect.arrayContaining(["password_reset_tokens", "notifications"]));
    for (const { name } of tables.results) {
      const rows = await env.DB.prepare(`SELECT * FROM "${name}"`).all();
      expect(JSON.stringify(rows.results).includes(token), name).toBe(false);
    }
  });
});

describe("setting a new password through the link", () => {
  it("works once: the same link again is refused, saying why, and changes nothing", async () => {
    const user = await shopper();
    const token = await mailedToken(user);
    expect((await confirm(token, NEW_PASSWORD)).status).toBe(200);

    const again = await confirm(token, "yet another passphrase");
    expect(again.status).toBe(400);
    expect(again.headers.get("content-type")).toBe("application/problem+json");
    const problem = (await again.json()) as { type: string; detail: string };
    expect(problem.type).toBe("/problems/reset-link-invalid");
    expect(problem.detail).toBe("This reset link has expired or was already used. Ask for a new one.");
    expect((await signIn(user.email, NEW_PASSWORD)).status).toBe(200);
    expect((await signIn(user.email, "yet another passphrase")).status).toBe(401);
  });

  it("refuses an expired link and changes nothing: the password and the sessions stay", async () => {
    const user = await shopper();
    const token = await mailedToken(user);
    await env.DB.prepare("UPDATE password_reset_tokens SET expires_at = ? WHERE id = ?")
      .bind(new Date(Date.now() - 1000).toISOString(), await sha256Hex(token))
      .run();

    const res = await confirm(token, NEW_PASSWORD);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { detail: string }).detail).toBe("This reset link has expired or was already used. Ask for a new one.");
    expect((await api("/api/me", { headers: user.headers })).status).toBe(200);
    expect((await signIn(user.email, OLD_PASSWORD)).status).toBe(200);
    expect((await signIn(user.email, NEW_PASSWORD)).status).toBe(401);
  });

  it("refuses an unknown token like a used one", async () => {
    const res = await confirm("not-a-token-anyone-was-sent", NEW_PASSWORD);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { type: string }).type).toBe("/problems/reset-link-invalid");
  });

  it("refuses the account's email as the new password, as registration does, and the link still works afterwards", async () => {
    const user = await shopper();
    const token = await mailedToken(user);
    for (const password of [user.email.toUpperCase(), user.email.split("@")[0] ?? ""]) {
      const res = await confirm(token, password);
      expect(res.status).toBe(400);
      const problem = (await res.json()) as { errors: { path: string; message: string }[] };
      expect(problem.errors).toEqual([{ path: "password", message: "Use something other than your email address" }]);
    }
    expect((await signIn(user.email, user.email)).status).toBe(401);
    expect((await confirm(token, NEW_PASSWORD)).status).toBe(200);
  });

  it("refuses a too-short password naming the field, and the link still works afterwards", async () => {
    const user = await shopper();
    const token = await mailedToken(user);
    const short = await confirm(token, "short");
    expect(short.status).toBe(400);
    const problem = (await short.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((e) => e.path)).toEqual(["password"]);
    expect((await signIn(user.email, OLD_PASSWORD)).status).toBe(200);

    expect((await confirm(token, NEW_PASSWORD)).status).toBe(200);
    expect((await signIn(user.email, NEW_PASSWORD)).status).toBe(200);
  });
});

describe("links mailed before the owner acted on the account", () => {
  const REFUSED = "This reset link has expired or was already used. Ask for a new one.";

  it("stop working once the owner changes the password: the link can no longer take the account back", async () => {
    const user = await shopper();
    const token = await mailedToken(user);
    const changed = await api("/api/me/password", {
      method: "POST",
      headers: user.headers,
      body: { current_password: OLD_PASSWORD, new_password: NEW_PASSWORD },
    });
    expect(changed.status).toBe(204);

    const res = await confirm(token, "an intruder's passphrase");
    expect(res.status).toBe(400);
    expect(((await res.json()) as { detail: string }).detail).toBe(REFUSED);
    expect((await signIn(user.email, NEW_PASSWORD)).status).toBe(200);
    expect((await signIn(user.email, "an intruder's passphrase")).status).toBe(401);
  });

  it("stop working once the owner signs out everywhere, and the password stays as it was", async () => {
    const user = await shopper();
    const token = await mailedToken(user);
    expect((await api("/api/auth/logout-everywhere", { method: "POST", headers: user.headers, body: {} })).status).toBe(204);

    const res = await confirm(token, "an intruder's passphrase");
    expect(res.status).toBe(400);
    expect(((await res.json()) as { detail: string }).detail).toBe(REFUSED);
    expect((await signIn(user.email, OLD_PASSWORD)).status).toBe(200);
  });

  it("stop working once the owner signs out every other device, and the password stays as it was", async () => {
    const user = await shopper();
    const token = await mailedToken(user);
    expect((await api("/api/auth/logout-others", { method: "POST", headers: user.headers, body: {} })).status).toBe(200);

    const checked = await postWith(env, "/api/auth/password-reset/check", { token });
    expect(checked.status).toBe(400);
    expect(((await checked.json()) as { detail: string }).detail).toBe(REFUSED);
    const res = await confirm(token, "an intruder's passphrase");
    expect(res.status).toBe(400);
    expect(((await res.json()) as { detail: string }).detail).toBe(REFUSED);
    expect((await signIn(user.email, OLD_PASSWORD)).status).toBe(200);
    expect((await signIn(user.email, "an intruder's passphrase")).status).toBe(401);
  });

  it("a link asked for after the change still works", async () => {
    const user = await shopper();
    const changed = await api("/api/me/password", {
      method: "POST",
      headers: user.headers,
      body: { current_password: OLD_PASSWORD, new_password: NEW_PASSWORD },
    });
    expect(changed.status).toBe(204);
    const token = await mailedToken(user);
    expect((await confirm(token, "yet another passphrase")).status).toBe(200);
    expect((await signIn(user.email, "yet another passphrase")).status).toBe(200);
  });
});

describe("checking a link before using it", () => {
  const check = (token: string) => postWith(env, "/api/auth/password-reset/check", { token });

  it("says until when a mailed link works and for which account, and checking uses nothing up", async () => {
    const user = await shopper();
    const token = await mailedToken(user);
    const [link] = (await linksOf(user.id)).results;
    for (let i = 0; i < 2; i++) {
      const res = await check(token);
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(await res.json()).toEqual({ expires_at: link?.expires_at, email: user.email });
    }
    expect((await confirm(token, NEW_PASSWORD)).status).toBe(200);
  });

  it("refuses a used, expired or unknown link with the problem setting a password would give", async () => {
    const used = await mailedToken(await shopper());
    expect((await confirm(used, NEW_PASSWORD)).status).toBe(200);
    const expired = await mailedToken(await shopper());
    await env.DB.prepare("UPDATE password_reset_tokens SET expires_at = ? WHERE id = ?")
      .bind(new Date(Date.now() - 1000).toISOString(), await sha256Hex(expired))
      .run();
    for (const token of [used, expired, "not-a-token-anyone-was-sent"]) {
      const res = await check(token);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { type: string; detail: string }).detail).toBe(
        "This reset link has expired or was already used. Ask for a new one.",
      );
    }
  });
});
