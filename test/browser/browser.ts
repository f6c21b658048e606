import { mkdirSync } from "node:fs";
import path from "node:path";
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { DEMO_PASSWORD } from "../../scripts/catalog/demo-accounts.mjs";
import { ASHA_ADDRESS } from "../helpers/addresses";
import { ownClient } from "./client-address";

const ARTIFACTS = path.resolve(import.meta.dirname, "../../test-artifacts");

/** A headless Chromium with its own throwaway profile. */
export interface TestBrowser {
  browser: Browser;
  close: () => Promise<void>;
}

/**
 * Launches the system Chromium (Debian's package) headless. playwright-core gives every launch a
 * fresh temporary --user-data-dir of its own and deletes it on close (it refuses one passed in args).
 */
export async function launchBrowser(): Promise<TestBrowser> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

/**
 * One browser for the calling test file: launched before its tests and closed after them. The
 * returned function gives it inside a test.
 */
export function browserForFile(): () => Browser {
  let tb: TestBrowser | undefined;
  beforeAll(async () => {
    tb = await launchBrowser();
  });
  afterAll(async () => {
    await tb?.close();
  });
  return () => {
    if (!tb) throw new Error("the browser is launched in beforeAll; use it inside a test");
    return tb.browser;
  };
}

/** A separate shopper: own cookies and storage, a phone-sized viewport by default. */
export function newShopper(browser: Browser, baseURL: string, width = 390): Promise<BrowserContext> {
  return browser.newContext({
    ...ownClient(),
    baseURL,
    viewport: { width, height: width < 600 ? 844 : 900 },
    locale: "en-IN",
    timezoneId: "Asia/Kolkata",
  });
}

/** Saves the current page at phone (390px) and desktop (1280px) widths into test-artifacts/. */
export async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const original = page.viewportSize();
  for (const [label, width] of [
    ["phone", 390],
    ["desktop", 1280],
  ] as const) {
    await page.setViewportSize({ width, height: label === "phone" ? 844 : 900 });
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${label}.png`), fullPage: true });
  }
  if (original) await page.setViewportSize(original);
}

/** Signs in through the sign-in page, as a person would. */
export async function signIn(page: Page, email: string, password = "demo-password-1"): Promise<void> {
  if (!page.url().includes("/signin")) await page.goto("/signin");
  await page.getByLabel("Email").first().fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForLoadState("domcontentloaded");
}

/** Signs out from the header, as a person would, and waits for the signed-out home page. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/");
  await page.getByRole("link", { name: "Sign in" }).waitFor();
}

/** A delivery address as checkout's form asks for it. */
export interface TypedAddress {
  name: string;
  phone: string;
  line1: string;
  city: string;
  state: string;
  pincode: string;
}

/** Fills checkout's delivery address as a shopper types it. */
export async function fillAddress(page: Page, a: TypedAddress = ASHA_ADDRESS): Promise<void> {
  await page.getByLabel("Full name").fill(a.name);
  await page.getByLabel("Mobile number").fill(a.phone);
  await page.getByLabel("Flat, house, street").fill(a.line1);
  await page.getByLabel("City").fill(a.city);
  await page.getByLabel("State").fill(a.state);
  await page.getByLabel("PIN code").fill(a.pincode);
}

/** A desktop browser signed in as `email` through the sign-in page, on `path`. */
export async function signedInAt(
  browser: Browser,
  baseURL: string,
  email: string,
  path: string,
): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await newShopper(browser, baseURL, 1280);
  const page = await ctx.newPage();
  await page.goto(`/signin?next=${path}`);
  await signIn(page, email);
  await page.waitForURL((url) => url.pathname === path.split("?")[0]);
  return { ctx, page };
}

/** The computed value of a CSS property (e.g. `background-color`) of the element `locator` finds. */
export function computedStyle(locator: Locator, property: string): Promise<string> {
  // Runs in the page, where the DOM exists; the Workers types this project compiles with have no window.
  type Css = { getComputedStyle(e: unknown): { getPropertyValue(p: string): string } };
  return locator.evaluate((e, p) => (globalThis as unknown as Css).getComputedStyle(e).getPropertyValue(p), property);
}

/**
 * A shopper of a journey's own, registered through the API, so the demo shopper's data stays as
 * the other journeys (which share one storefront) expect it. `label` starts the email address.
 */
export async function registerShopper(baseURL: string, label: string, name: string): Promise<{ email: string; password: string }> {
  const account = { email: `${label}-${Date.now()}@example.test`, password: DEMO_PASSWORD };
  const res = await fetch(`${baseURL}/api/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...account, name }),
  });
  if (res.status !== 201) throw new Error(`registering ${account.email} answered ${res.status}`);
  return account;
}

/** A phone of the demo catalog with written reviews, as the reviews API lists them. */
export async function reviewedDemoProduct(baseURL: string): Promise<string> {
  const found = (await (await fetch(`${baseURL}/api/products?q=phone&limit=40`)).json()) as { items: { id: string }[] };
  for (const { id } of found.items) {
    const reviews = (await (await fetch(`${baseURL}/api/products/${id}/reviews?limit=1`)).json()) as { items?: unknown[] };
    if (reviews.items?.length) return id;
  }
  throw new Error("no reviewed phone in the demo catalog");
}
