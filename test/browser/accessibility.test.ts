import type { BrowserContext, Page } from "playwright-core";
import { afterAll, describe, expect, inject, it } from "vitest";
import { ensureDemoDeals } from "../../scripts/demo-deals.mjs";
import { auditedContext, reflow, violations } from "./audit";
import { browserForFile, fillAddress, signIn } from "./browser";
import { endOpenDeals, managerToken } from "./deals";

const baseURL = inject("baseURL");
const browser = browserForFile();
afterAll(() => endOpenDeals(baseURL));

/** A shopper's browser that lets the audit's script in. */
const auditedBrowser = (width: number): Promise<BrowserContext> => auditedContext(browser(), baseURL, width);

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
    const dealsToken = await managerToken(baseURL);
    await endOpenDeals(baseURL, dealsToken);
    const [deal] = await ensureDemoDeals(baseURL, { token: dealsToken });
    // 360 px wide: the commonest phone screen in India.
    const ctx = await auditedBrowser(360);
    const page = await ctx.newPage();
    const failures = await audit(page, [
      "/",
      firstLink("/categories/"),
      "/search?q=phone",
      firstLink("/products/"),
      "/deals",
      `/deals/${deal?.id}`,
      "/signin",
      "/forgot-password",
      // A reset link that does not work opens its refusal (the password-reset journey audits the form a real link opens).
      "/reset-password?token=audit",
      // An unsubscribe link that does not check out: the page says so and offers the settings.
      "/unsubscribe?u=usr_audit&g=saved_products&sig=audit",
      "/cart",
    ]);
    await signIn(page, "shopper@demo.test");
    // Something in the cart, so the cart and checkout pages have their lines and forms.
    await page.goto("/search?q=phone");
    await page.goto(await firstLink("/products/")(page));
    await page.locator('form.add-to-cart button[type="submit"]:not([disabled])').first().click();
    await page.locator("[data-cart-count]").filter({ hasText: /[1-9]/ }).waitFor();
    failures.push(...(await audit(page, ["/account", "/account/notifications", "/seller/register", "/cart", "/checkout"])));
    // An order of their own, so the order pages have one to show.
    await fillAddress(page);
    await page.getByRole("button", { name: /Place order and pay/ }).click();
    await page.waitForURL(/\/psp-sandbox\//);
    failures.push(...(await violations(page)), ...(await reflow(page)));
    await page.getByRole("button", { name: "Pay", exact: true }).click();
    await page.waitForURL(/\/orders\/[^/?]+/);
    const orderPath = new URL(page.url()).pathname;
    failures.push(...(await audit(page, [orderPath, "/orders", "/orders?status=in_progress"])));
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
    // The order's messages are on the Updates page by now; the wishlist page even when empty.
    failures.push(...(await audit(page, [firstLink(`${orderPath}/invoices/`), "/account/updates", "/wishlist"])));
    expect(failures).toEqual([]);
    await ctx.close();
  });

  it("finds nothing in the seller, deal manager and ops consoles, at desktop width", async () => {
    const failures: string[] = [];
    for (const [who, paths] of [
      [
        "seller@demo.test",
        [
          "/seller",
          "/seller?stock=low",
          "/seller?due=today",
          "/seller/profile",
          "/seller/returns",
          "/seller/payments",
          "/seller/bulk",
          "/seller/new?q=phone",
          firstLink("/seller/new/"),
        ],
      ],
      ["deals@demo.test", ["/deals-console", firstLink("/deals-console/"), "/deals-console?find=phone"]],
      [
        "ops@demo.test",
        [
          "/ops/overview",
          "/ops",
          "/ops?status=shipped",
          "/ops?q=shopper%40demo.test",
          firstLink("/ops/orders/"),
          "/ops/holidays",
          "/ops/emails?state=failed",
        ],
      ],
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
