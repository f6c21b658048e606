import { describe, expect, it } from "vitest";
import { Browser, freshEmail } from "../accounts/browser";

async function signedInBrowser(): Promise<Browser> {
  const browser = new Browser();
  const res = await browser.fetch("/api/auth/register", { body: { email: freshEmail(), password: "correct horse battery", name: "Ravi" } });
  expect(res.status).toBe(201);
  return browser;
}

describe("CSRF protection", () => {
  it("refuses a cookie-authenticated unsafe request without the token, and changes nothing", async () => {
    const browser = await signedInBrowser();
    const res = await browser.fetch("/api/auth/logout", { method: "POST" });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { type: string }).type).toBe("/problems/csrf-failed");
    // The session survived the refused sign-out.
    expect((await browser.fetch("/api/me")).status).toBe(200);
  });

  it("refuses a wrong token", async () => {
    const browser = await signedInBrowser();
    const res = await browser.fetch("/api/auth/logout", { method: "POST", headers: { "x-csrf-token": "forged" } });
    expect(res.status).toBe(403);
  });

  it("accepts the token from the readable cookie in X-CSRF-Token", async () => {
    const browser = await signedInBrowser();
    const res = await browser.fetch("/api/auth/logout", { method: "POST", headers: browser.csrf });
    expect(res.status).toBe(204);
  });

  it("accepts the token as the _csrf field of a plain HTML form post", async () => {
    const browser = await signedInBrowser();
    const token = browser.cookies.get("__Host-csrf") ?? "";
    // Logout declares no body; the form's only field is the token, checked before routing.
    const res = await browser.fetch("/api/auth/logout", {
      method: "POST",
      body: `_csrf=${encodeURIComponent(token)}`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(204);
  });

  it("refuses a request a browser marks as cross-site even with a valid token", async () => {
    const browser = await signedInBrowser();
    const res = await browser.fetch("/api/auth/logout", { method: "POST", headers: { ...browser.csrf, "sec-fetch-site": "cross-site" } });
    expect(res.status).toBe(403);
  });

  it("refuses a foreign Origin when fetch metadata is absent", async () => {
    const browser = new Browser();
    const res = await browser.fetch("/api/auth/login", {
      body: { email: freshEmail(), password: "whatever-1234" },
      headers: { "sec-fetch-site": "", origin: "https://evil.example" },
    });
    expect(res.status).toBe(403);
  });

  it("exempts bearer requests, which carry no ambient credential", async () => {
    const browser = new Browser();
    const res = await browser.fetch("/api/auth/register", {
      body: { email: freshEmail(), password: "correct horse battery", name: "Ravi" },
    });
    const { token } = (await res.json()) as { token: string };
    const api = new Browser();
    const out = await api.fetch("/api/auth/logout", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "sec-fetch-site": "cross-site" },
    });
    expect(out.status).toBe(204);
  });
});
