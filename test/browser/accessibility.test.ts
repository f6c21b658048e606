import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, describe, expect, inject, it } from "vitest";
import { ensureDemoDeals } from "../../scripts/demo-deals.mjs";
import { browserForFile, signIn } from "./browser";
import { endOpenDeals } from "./deals";

const baseURL = inject("baseURL");
const browser = browserForFile();
afterAll(() => endOpenDeals(baseURL));
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * A shopper's browser that lets the audit's script in: the pages' CSP admits scripts from this
 * origin only, which is what it should do for everything else.
 */
function auditedBrowser(width: number): Promise<BrowserContext> {
  return browser().newContext({ baseURL, bypassCSP: true, viewport: { width, height: 900 }, locale: "en-IN", timezoneId: "Asia/Kolkata" });
}

/** axe-core's WCAG 2.x A and AA rules on the page as it stands, each failure with where it is. */
async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const found = (await page.evaluate(`axe.run(document, { resultTypes: ["violations"] }).then((r) => r.violations)`)) as Violation[];
  return found.map((v) => `${page.url()} [${v.impact}] ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** Every page at `paths` (a function may find one by following the page before), audited in turn. */
async function audit(page: Page, paths: (string | ((page: Page) => Promise<string>))[]): Promise<string[]> {
  const failures: string[] = [];
  for (const path of paths) {
    await page.goto(typeof path === "string" ? path : await path(page));
    await page.waitForLoadState("load");
    failures.push(...(await violations(page)));
  }
  return failures;
}

/** The first link on the current page whose address starts with `prefix`. */
const firstLink = (prefix: string) => async (page: Page) => {
  const href = await page.locator(`main a[href^="${prefix}"]`).first().getAttribute("href");
  if (!href) throw new Error(`no link to ${prefix} on ${page.url()}`);
  return href;
};

describe("accessibility (axe-core, WCAG A and AA)", () => {
  it("finds nothing on the pages a visitor and a shopper use, at phone width", async () => {
    // The demo's deals, as a fresh `npm run dev` makes them: one opens within minutes.
    await endOpenDeals(baseURL);
    const [deal] = await ensureDemoDeals(baseURL);
    const ctx = await auditedBrowser(390);
    const page = await ctx.newPage();
    const failures = await audit(page, [
      "/",
      firstLink("/categories/"),
      "/search?q=phone",
      firstLink("/products/"),
      `/deals/${deal?.id}`,
      "/signin",
      "/cart",
    ]);
    await signIn(page, "shopper@demo.test");
    // Something in the cart, so the cart and checkout pages have their lines and forms.
    await page.goto("/search?q=phone");
    await page.goto(await firstLink("/products/")(page));
    await page.locator('form.add-to-cart button[type="submit"]:not([disabled])').first().click();
    await page.locator("[data-cart-count]").filter({ hasText: /[1-9]/ }).waitFor();
    failures.push(...(await audit(page, ["/account", "/orders", "/cart", "/checkout"])));
    expect(failures).toEqual([]);
    await ctx.close();
  });

  it("finds nothing in the seller, deal manager and ops consoles, at desktop width", async () => {
    const failures: string[] = [];
    for (const [who, paths] of [
      ["seller@demo.test", ["/seller", "/seller/new?q=phone", firstLink("/seller/new/")]],
      ["deals@demo.test", ["/deals-console", firstLink("/deals-console/"), "/deals-console?find=phone"]],
      ["ops@demo.test", ["/ops"]],
    ] as const) {
      const ctx = await auditedBrowser(1280);
      const page = await ctx.newPage();
      await page.goto("/signin");
      await signIn(page, who);
      failures.push(...(await audit(page, [...paths])));
      await ctx.close();
    }
    expect(failures).toEqual([]);
  });
});
