import { describe, expect, inject, it } from "vitest";
import { browserForFile, computedStyle, fillAddress, newShopper, screenshots, signIn } from "./browser";

const baseURL = inject("baseURL");
const browser = browserForFile();

describe("shopper journey", () => {
  it("typo search and a filter, product, guest cart, sign in (cart merges), checkout, sandbox payment, confirmed; ops ships; tracking updates live", async () => {
    const shopperCtx = await newShopper(browser(), baseURL);
    const page = await shopperCtx.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => {
      // A guest's /api/me is a 401 by design; anything else logged as an error (a script failing,
      // a style or script the content security policy refused) is a defect the shopper sees.
      if (m.type() === "error" && !/status of 401/.test(m.text())) errors.push(`${page.url()}: ${m.text()}`);
    });

    // Search with a typo, then narrow by brand with the filter form.
    await page.goto("/search?q=samsng+phone");
    await expect(page.locator(".grid .card").count()).resolves.toBeGreaterThan(0);
    // On a phone the filters start folded, so the results come first; once used they stay open.
    const filters = page.locator("details.filter-box");
    const isOpen = () => filters.evaluate((d) => (d as unknown as { open: boolean }).open);
    await expect(isOpen()).resolves.toBe(false);
    await filters.locator("summary").click();
    await page.getByRole("checkbox", { name: /^Samsung/ }).check();
    await page.waitForURL(/brand=Samsung/);
    await expect(isOpen()).resolves.toBe(true);
    await expect(filters.locator("summary").textContent()).resolves.toContain("1 applied");
    const brands = await page.locator(".grid .card .card-brand").allTextContents();
    expect(brands.length).toBeGreaterThan(0);
    expect(new Set(brands)).toEqual(new Set(["Samsung"]));
    await screenshots(page, "search-filtered");
    // Where there is room beside the results, they are open from the start.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto("/search?q=phone");
    await expect(isOpen()).resolves.toBe(true);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goBack();

    // Product page: buy box and add to cart as a guest, without leaving the page.
    await page.locator(".grid .card-link").first().click();
    await page.waitForURL(/\/products\//);
    const title = (await page.locator("h1").textContent())?.trim() ?? "";
    expect(title).toContain("Samsung");
    await screenshots(page, "product-page");
    await page.locator(".buy-box").getByRole("button", { name: "Add to cart" }).click();
    await page.locator("[data-notice]").filter({ hasText: "Added to your cart" }).waitFor({ timeout: 10_000 });
    await page.locator("[data-cart-count]").filter({ hasText: /^1$/ }).waitFor();

    // Sign in: the guest cart merges into the account's cart.
    await page.goto("/signin?next=/cart");
    await signIn(page, "shopper@demo.test");
    await page.waitForURL(/\/cart$/);
    await expect(page.locator(".cart-line").filter({ hasText: title }).count()).resolves.toBe(1);
    await screenshots(page, "cart");

    // Checkout: address and UPI, then the sandbox provider's hosted page, then back to the order.
    await page.getByRole("link", { name: "Proceed to checkout" }).click();
    await page.waitForURL(/\/checkout/);
    await fillAddress(page);
    await page.getByLabel("UPI").check();
    await screenshots(page, "checkout");
    await page.getByRole("button", { name: /Place order and pay/ }).click();
    await page.waitForURL(/\/psp-sandbox\//);
    // The provider's page is styled: its banner says plainly that no real money moves.
    await expect(computedStyle(page.locator(".banner"), "background-color")).resolves.toBe("rgb(255, 244, 214)");
    await screenshots(page, "sandbox-payment");
    const vpa = page.getByLabel(/UPI|VPA/i);
    if (await vpa.count()) await vpa.first().fill("asha@okbank");
    await page.getByRole("button", { name: "Pay", exact: true }).click();
    await page.waitForURL(/\/orders\/[^/?]+/);
    const orderId = new URL(page.url()).pathname.split("/").pop() ?? "";
    const status = page.locator("[data-order-status]");
    await status.filter({ hasText: /^Confirmed$/ }).waitFor({ timeout: 60_000 });
    await screenshots(page, "order-confirmed");

    // Mark this page: a reload would lose the marker, so a marker still set proves a live update.
    await page.evaluate("window.journeyMarker = 1");

    // Ops packs and ships it from the console.
    const opsCtx = await newShopper(browser(), baseURL, 1280);
    const ops = await opsCtx.newPage();
    await ops.goto("/signin?next=/ops");
    await signIn(ops, "ops@demo.test");
    await ops.waitForURL(/\/ops/);
    await ops.locator(`tr[data-order-id="${orderId}"]`).getByRole("button", { name: "Mark packed" }).click();
    await ops.waitForURL(/done=packed/);
    await ops.goto("/ops?status=packed");
    await screenshots(ops, "ops-console");
    await ops.locator(`tr[data-order-id="${orderId}"]`).getByRole("button", { name: "Mark shipped" }).click();
    await ops.waitForURL(/done=shipped/);

    // The shopper's tracking page shows shipped without a reload.
    await status.filter({ hasText: /^Shipped$/ }).waitFor({ timeout: 30_000 });
    expect(await page.evaluate("window.journeyMarker")).toBe(1);
    await expect(page.locator('[data-timeline] li[data-status="shipped"]').count()).resolves.toBe(1);
    expect(await status.textContent()).toBe("Shipped");
    await expect(page.getByRole("button", { name: "Cancel order" }).isVisible()).resolves.toBe(false);
    await screenshots(page, "order-shipped");

    // My orders lists it as shipped, with no cancel button any more.
    await page.goto("/orders");
    const row = page.locator(`[data-order-id="${orderId}"]`);
    await expect(row.textContent()).resolves.toContain("Shipped");
    await expect(row.getByRole("button", { name: "Cancel order" }).count()).resolves.toBe(0);
    await screenshots(page, "my-orders");
    expect(errors).toEqual([]);
    await opsCtx.close();
    await shopperCtx.close();
  });
});
