import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { KNOWN_DEVICE_COOKIE, KNOWN_DEVICE_TTL_SECONDS, knownDeviceId, signKnownDevice } from "../../workers/accounts/known-device";
import { readConfig } from "../../workers/platform/config";
import { LOGIN_ACCOUNT_POLICY } from "../../workers/platform/rate-limit";
import { ORIGIN, api, readerText } from "../helpers/http";
import { inOneRateWindow } from "../helpers/rate-window";
import { Browser, freshEmail, randomIp, setCookies } from "./browser";

const PASSWORD = "correct horse battery";
const { limit, period } = LOGIN_ACCOUNT_POLICY;

/** An account, and its owner's browser: registered there, then signed out, as on a later visit. */
async function owner(email = freshEmail()) {
  const browser = new Browser();
  const res = await browser.fetch("/api/auth/register", { body: { email, password: PASSWORD, name: "Asha" } });
  expect(res.status).toBe(201);
  expect((await browser.fetch("/api/auth/logout", { method: "POST", headers: browser.csrf })).status).toBe(204);
  return { browser, email, registered: res };
}

function signIn(browser: Browser, email: string, password = PASSWORD): Promise<Response> {
  return browser.fetch("/api/auth/login", { body: { email, password } });
}

/** Wrong passwords for `email` from one address, one past the budget; returns each answer. */
async function guess(email: string, ip = randomIp()): Promise<Response[]> {
  const answers: Response[] = [];
  await inOneRateWindow(period);
  for (let i = 0; i <= limit; i++) {
    answers.push(await api("/api/auth/login", { body: { email, password: `guess-${i}` }, headers: { "cf-connecting-ip": ip } }));
  }
  return answers;
}

/** Wrong passwords from one address until the account's budget is spent, as an attacker would send them. */
async function lockOut(email: string): Promise<void> {
  const statuses = (await guess(email)).map((r) => r.status);
  expect(statuses).toEqual([...Array<number>(limit).fill(401), 429]);
}

describe("sign-in throttling", () => {
  it("throttles failures on one account even when they come from many addresses", async () => {
    const { email } = await owner();
    const statuses: number[] = [];
    let last: Response | undefined;
    await inOneRateWindow(period);
    for (let i = 0; i <= limit; i++) {
      last = await api("/api/auth/login", { body: { email, password: `guess-${i}` }, headers: { "cf-connecting-ip": randomIp() } });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, limit).every((s) => s === 401)).toBe(true);
    expect(statuses[limit]).toBe(429);
    expect(last?.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(last?.headers.get("ratelimit-policy")).toBe(`"login-account";q=${limit};w=${period}`);
  });

  it("tells someone refused at a paused account, in words, that the account's attempts were too many and what to do", async () => {
    const { email } = await owner();
    await lockOut(email);
    const paused =
      /^There have been too many attempts to sign in to this account\. Try again in \d+ seconds, or choose a new password with “Forgot your password\?”\.$/;
    const res = await signIn(new Browser(), email);
    expect(res.status).toBe(429);
    expect(((await res.json()) as { detail: string }).detail).toMatch(paused);
    // The same words for an email with no account, so the answer tells no one which emails have one.
    const unknown = freshEmail();
    await lockOut(unknown);
    expect(((await (await signIn(new Browser(), unknown)).json()) as { detail: string }).detail).toMatch(paused);

    const page = await new Browser().fetch("/signin", {
      method: "POST",
      body: new URLSearchParams({ email, password: PASSWORD }).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN },
    });
    expect(page.status).toBe(429);
    const text = readerText(await page.text());
    expect(text).toMatch(/There have been too many attempts to sign in to this account\. Try again in \d+ seconds/);
    expect(text).not.toContain("going a little fast");
  });

  it("lets the owner sign in from a browser they signed in from before, however many failures came from elsewhere", async () => {
    const { browser, email } = await owner();
    await lockOut(email);
    const res = await signIn(browser, email);
    expect(res.status).toBe(200);
    expect((await browser.fetch("/api/me")).status).toBe(200);
  });

  it("lets the owner's known browser through the sign-in page too", async () => {
    const { browser, email } = await owner();
    await lockOut(email);
    const form = (from: Browser) =>
      from.fetch("/signin", {
        method: "POST",
        body: new URLSearchParams({ email, password: PASSWORD, next: "/orders" }).toString(),
        headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN },
        redirect: "manual",
      });
    expect((await form(new Browser())).status).toBe(429);
    const res = await form(browser);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/orders");
  });

  it("refuses even the correct password from any other browser, saying when its window ends", async () => {
    const { email } = await owner();
    // A browser known to another account is no better than a stranger's.
    const { browser: elsewhere } = await owner();
    await lockOut(email);
    const stranger = new Browser();
    for (const browser of [stranger, elsewhere]) {
      const refused = await signIn(browser, email);
      expect(refused.status).toBe(429);
      expect(refused.headers.get("content-type")).toBe("application/problem+json");
      expect(refused.headers.get("ratelimit-policy")).toBe(`"login-account";q=${limit};w=${period}`);
      const retryAfter = Number(refused.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(period);
    }
  });

  it("counts guesses sent all at once before checking any, so no more than the budget is ever checked", async () => {
    const { email } = await owner();
    await inOneRateWindow(period);
    // From as many addresses, so the per-address limit plays no part; the right password among them.
    const answers = await Promise.all(
      Array.from({ length: 3 * limit }, (_, i) =>
        api("/api/auth/login", {
          body: { email, password: i === 2 * limit ? PASSWORD : `guess-${i}` },
          headers: { "cf-connecting-ip": randomIp() },
        }),
      ),
    );
    const checked = answers.filter((r) => r.status !== 429);
    expect(checked.length).toBe(limit);
    expect(answers.filter((r) => r.status === 429)).toHaveLength(2 * limit);
  });

  it("counts a known browser's own failures apart from everyone else's", async () => {
    const { browser, email } = await owner();
    const statuses: number[] = [];
    await inOneRateWindow(period);
    for (let i = 0; i <= limit; i++) statuses.push((await signIn(browser, email, `typo-${i}`)).status);
    expect(statuses).toEqual([...Array<number>(limit).fill(401), 429]);
    expect((await signIn(browser, email)).status).toBe(429);
    expect((await signIn(new Browser(), email)).status).toBe(200);
  });

  it("answers an unknown email exactly like a wrong password, up to the same refusal", async () => {
    const { email } = await owner();
    const known = await guess(email);
    const unknown = await guess(freshEmail());
    expect(unknown.map((r) => r.status)).toEqual(known.map((r) => r.status));
    for (let i = 0; i <= limit; i++) {
      const [a, b] = [(await known[i]?.json()) as object, (await unknown[i]?.json()) as object];
      expect({ ...b, instance: null, request_id: null }).toEqual({ ...a, instance: null, request_id: null });
    }
    for (const header of ["retry-after", "ratelimit", "ratelimit-policy"]) {
      expect(unknown[limit]?.headers.get(header), header).toBe(known[limit]?.headers.get(header));
    }
  });
});

describe("known-device cookie", () => {
  it("is set at sign-in, HttpOnly and host-only, for months", async () => {
    const { registered, email } = await owner();
    const browser = new Browser();
    for (const res of [registered, await signIn(browser, email)]) {
      const cookie = setCookies(res).find((c) => c.name === KNOWN_DEVICE_COOKIE);
      expect(cookie?.attributes.has("httponly")).toBe(true);
      expect(cookie?.attributes.has("secure")).toBe(true);
      expect(cookie?.attributes.get("path")).toBe("/");
      expect(cookie?.attributes.has("domain")).toBe(false);
      expect(cookie?.attributes.get("max-age")).toBe(String(KNOWN_DEVICE_TTL_SECONDS));
    }
  });

  it("names its device only for the account it was issued for, and only unaltered", async () => {
    const secret = readConfig(env).SESSION_SECRET;
    const deviceId = "dev_AAAAAAAAAAAAAAAA";
    const value = await signKnownDevice(secret, "usr_owner", deviceId);
    expect(await knownDeviceId(secret, "usr_owner", value)).toBe(deviceId);
    expect(await knownDeviceId(secret, "usr_other", value)).toBeNull();
    expect(await knownDeviceId(secret, "usr_owner", value.replace(deviceId, "dev_BBBBBBBBBBBBBBBB"))).toBeNull();
    expect(await knownDeviceId(secret, "usr_owner", `${value.slice(0, -2)}xx`)).toBeNull();
    expect(await knownDeviceId(secret, "usr_owner", deviceId)).toBeNull();
  });
});
