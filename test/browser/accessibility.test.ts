import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, describe, expect, inject, it } from "vitest";
import { ensureDemoDeals } from "../../scripts/demo-deals.mjs";
import { browserForFile, fillAddress, signIn } from "./browser";
import { endOpenDeals, managerToken } from "./deals";

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

/**
 * WCAG 1.4.10 (Reflow), which axe cannot judge: at phone width nothing may make the page scroll
 * sideways. Names the widest elements that stick out, e.g. a long unbroken id in a heading.
 */
async function reflow(page: Page): Promise<string[]> {
  const wider = (await page.evaluate(`(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    // What sticks out of the page itself: not what a scrolling box (a wide table's) keeps inside it.
    const clipped = (el) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement)
        if (getComputedStyle(p).overflowX !== "visible") return true;
      return false;
    };
    return [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > width + 1 && getComputedStyle(el).position !== "fixed" && !clipped(el))
      .slice(-3)
      .map((el) => el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ").join(".") : "") + ": " + (el.textContent ?? "").trim().slice(0, 60));
  })()`)) as string[];
  return wider.map((w) => `${page.url()} [serious] reflow: the page scrolls sideways at phone width at ${w}`);
}

/** Every page at `paths` (a function may find one by following the page before), audited in turn. */
async function audit(page: Page, paths: (string | ((page: Page) => Promise<string>))[]): Promise<string[]> {
  const failures: string[] = [];
  const phone = (page.viewportSize()?.width ?? Number.POSITIVE_INFINITY) < 600;
  for (const path of paths) {
    await page.goto(typeof path === "string" ? path : await path(page));
    await page.waitForLoadState("load");
    failures.push(...(await violations(page)));
    if (phone) failures.push(...(await reflow(page)));
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
    // 360 px wide: the commonest phone screen in India.
    const ctx = await auditedBrowser(360);
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
    failures.push(...(await audit(page, ["/account", "/cart", "/checkout"])));
    // An order of their own, so the order pages have one to show.
    await fillAddress(page);
    await page.getByRole("button", { name: /Place order and pay/ }).click();
    await page.waitForURL(/\/psp-sandbox\//);
    failures.push(...(await violations(page)), ...(await reflow(page)));
    await page.getByRole("button", { name: "Pay", exact: true }).click();
    await page.waitForURL(/\/orders\/[^/?]+/);
    const orderPath = new URL(page.url()).pathname;
    failures.push(...(await audit(page, [orderPath, "/orders"])));
    // Ops ship it, so its tax invoice is on the order page: the widest page a shopper opens.
    await page.goto(orderPath);
    await page
      .locator("[data-order-status]")
      .filter({ hasText: /^Confirmed$/ })
      .waitFor({ timeout: 60_000 });
    const ops = await managerToken(baseURL, "ops@demo.test");
    for (const to of ["packed", "shipped"]) {
      const moved = await fetch(`${baseURL}/api${orderPath.replace("/orders/", "/admin/orders/")}/transitions`, {
        method: "POST",
        headers: { authorization: `Bearer ${ops}`, "content-type": "application/json" },
        body: JSON.stringify({ to }),
      });
      expect(moved.status).toBe(200);
    }
    await page.goto(orderPath);
    failures.push(...(await audit(page, [firstLink(`${orderPath}/invoices/`)])));
    expect(failures).toEqual([]);
    await ctx.close();
  });

  it("finds nothing in the seller, deal manager and ops consoles, at desktop width", async () => {
    const failures: string[] = [];
    for (const [who, paths] of [
      ["seller@demo.test", ["/seller", "/seller/new?q=phone", firstLink("/seller/new/")]],
      ["deals@demo.test", ["/deals-console", firstLink("/deals-console/"), "/deals-console?find=phone"]],
      ["ops@demo.test", ["/ops", "/ops?status=shipped", firstLink("/ops/orders/")]],
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
