import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { Browser, freshEmail, setCookies } from "./browser";
import { api } from "../helpers/http";

const PASSWORD = "correct horse battery";

async function register(browser: Browser, email = freshEmail()) {
  const res = await browser.fetch("/api/auth/register", { body: { email, password: PASSWORD, name: "Asha" } });
  return { res, email, body: (await res.json()) as { token: string; user: { email: string; roles: string[] }; csrf_token: string } };
}

describe("register and sign in", () => {
  it("registers a shopper, signs them in and sets a locked-down session cookie", async () => {
    const browser = new Browser();
    const { res, email, body } = await register(browser);
    expect(res.status).toBe(201);
    expect(body.user).toMatchObject({ email, roles: ["shopper"] });
    const session = setCookies(res).find((c) => c.name === "__Host-session");
    expect(session?.attributes.has("httponly")).toBe(true);
    expect(session?.attributes.has("secure")).toBe(true);
    expect(session?.attributes.get("samesite")).toBe("Lax");
    expect(session?.attributes.get("path")).toBe("/");
    expect(session?.attributes.has("domain")).toBe(false);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("location")).toBe("/api/me");
    // The cookie and the bearer token come from the same sign-in and both work.
    expect((await browser.fetch("/api/me")).status).toBe(200);
    expect((await api("/api/me", { headers: { authorization: `Bearer ${body.token}` } })).status).toBe(200);
  });

  it("refuses a second account for the same email in any letter case", async () => {
    const email = freshEmail();
    await register(new Browser(), email);
    const again = await register(new Browser(), email.toUpperCase());
    expect(again.res.status).toBe(409);
    expect(again.res.headers.get("content-type")).toBe("application/problem+json");
  });

  it("names the failing fields and rejects unknown ones", async () => {
    const res = await new Browser().fetch("/api/auth/register", { body: { email: "nope", password: "short", name: "", admin: true } });
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((e) => e.path).sort()).toEqual(expect.arrayContaining(["email", "password", "name"]));
    expect(JSON.stringify(problem.errors)).toContain("admin");
  });

  it("answers a wrong password and an unknown email alike with 401", async () => {
    const browser = new Browser();
    const { email } = await register(browser);
    const wrong = await new Browser().fetch("/api/auth/login", { body: { email, password: "not the password" } });
    const unknown = await new Browser().fetch("/api/auth/login", { body: { email: freshEmail(), password: PASSWORD } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const told = (await wrong.json()) as { detail: string; title: string };
    expect(told.detail).toBe(((await unknown.json()) as { detail: string }).detail);
    // Titled for what happened, not as a request that lacked a sign-in, and still naming how to authenticate.
    expect(told.title).toBe("Wrong email or password");
    expect(wrong.headers.get("www-authenticate")).toBe('Bearer realm="api"');
  });

  it("takes an email with spaces around it, as a browser's email field would, and refuses the address as a password", async () => {
    const { email } = await register(new Browser());
    const spaced = await new Browser().fetch("/api/auth/login", { body: { email: `  ${email.toUpperCase()} `, password: PASSWORD } });
    expect(spaced.status).toBe(200);
    const address = freshEmail();
    const same = await new Browser().fetch("/api/auth/register", { body: { email: address, password: address, name: "Asha" } });
    expect(same.status).toBe(400);
    expect(((await same.json()) as { errors: unknown[] }).errors).toEqual([
      { path: "password", message: "Use something other than your email address" },
    ]);
  });

  it("rotates the session on sign-in: the session the browser arrived with stops working", async () => {
    const browser = new Browser();
    const { email, body } = await register(browser);
    const before = browser.cookies.get("__Host-session");
    const res = await browser.fetch("/api/auth/login", { body: { email, password: PASSWORD }, headers: browser.csrf });
    expect(res.status).toBe(200);
    expect(browser.cookies.get("__Host-session")).not.toBe(before);
    expect((await api("/api/me", { headers: { authorization: `Bearer ${body.token}` } })).status).toBe(401);
    expect((await browser.fetch("/api/me")).status).toBe(200);
  });
});

describe("sign-out and expiry", () => {
  it("revokes the session at sign-out and clears the cookies", async () => {
    const browser = new Browser();
    const { body } = await register(browser);
    const res = await browser.fetch("/api/auth/logout", { method: "POST", headers: browser.csrf });
    expect(res.status).toBe(204);
    expect(browser.cookies.has("__Host-session")).toBe(false);
    expect((await api("/api/me", { headers: { authorization: `Bearer ${body.token}` } })).status).toBe(401);
  });

  it("answers a signed-out bearer token with 401 everywhere, never as a guest", async () => {
    const browser = new Browser();
    const { body } = await register(browser);
    const bearer = { authorization: `Bearer ${body.token}` };
    expect((await api("/api/cart/items/lst_none", { method: "PUT", headers: bearer, body: { qty: 1 } })).status).not.toBe(401);
    expect((await api("/api/auth/logout", { method: "POST", headers: bearer })).status).toBe(204);

    for (const token of [body.token, "nonsense"]) {
      const headers = { authorization: `Bearer ${token}` };
      for (const [path, init] of [
        ["/api/cart", {}],
        ["/api/cart/items/lst_0000001_0", { method: "PUT", body: { qty: 1 } }],
        ["/api/products", {}],
      ] as const) {
        const res = await api(path, { ...init, headers });
        expect(res.status, `${token} ${path}`).toBe(401);
        expect(res.headers.get("www-authenticate")).toBe('Bearer realm="api", error="invalid_token"');
        expect(res.headers.get("set-cookie"), "no guest identity is handed out").toBeNull();
        expect(((await res.json()) as { detail: string }).detail).toBe(
          "This bearer token is not valid: it is unknown, expired or signed out. Sign in again for a new one.",
        );
      }
    }
    // Signing in is still possible with the old token sent along, and so is signing out again.
    expect((await api("/api/auth/login", { headers: bearer, body: { email: body.user.email, password: PASSWORD } })).status).toBe(200);
    expect((await api("/api/auth/logout", { method: "POST", headers: bearer })).status).toBe(204);
    // A request with no credentials at all names how to authenticate.
    const guest = await api("/api/me");
    expect(guest.status).toBe(401);
    expect(guest.headers.get("www-authenticate")).toBe('Bearer realm="api"');
  });

  it("stops honouring a session once it has expired", async () => {
    const browser = new Browser();
    const { body } = await register(browser);
    expect((await browser.fetch("/api/me")).status).toBe(200);
    const past = new Date(Date.now() - 1000).toISOString();
    await env.DB.prepare("UPDATE sessions SET expires_at = ? WHERE user_id = (SELECT id FROM users WHERE email = ?)")
      .bind(past, ((await (await browser.fetch("/api/me")).json()) as { email: string }).email)
      .run();
    expect((await browser.fetch("/api/me")).status).toBe(401);
    expect((await api("/api/me", { headers: { authorization: `Bearer ${body.token}` } })).status).toBe(401);
  });

  it("makes a browser forget a session ended elsewhere, so its pages stop showing it signed in", async () => {
    const stale = new Browser();
    const { email } = await register(stale);
    const other = new Browser();
    expect((await other.fetch("/api/auth/login", { body: { email, password: PASSWORD } })).status).toBe(200);
    expect((await other.fetch("/api/auth/logout-everywhere", { method: "POST", headers: other.csrf })).status).toBe(204);
    expect(stale.cookies.has("__Host-csrf")).toBe(true);
    // Any page will do: the account page sends it to sign in, and the cookies go with that answer.
    await stale.fetch("/account");
    expect(stale.cookies.has("__Host-session")).toBe(false);
    expect(stale.cookies.has("__Host-csrf")).toBe(false);
    // Signing in again on the answer that would clear them keeps the new session.
    const again = await stale.fetch("/api/auth/login", { body: { email, password: PASSWORD } });
    expect(again.status).toBe(200);
    expect((await stale.fetch("/api/me")).status).toBe(200);
  });
});
