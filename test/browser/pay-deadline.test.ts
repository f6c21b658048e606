import { describe, expect, inject, it } from "vitest";
import { PAYMENT_WINDOW_MS } from "../../workers/checkout/payment-window";
import { browserForFile, fillAddress, registerShopper, signedInAt } from "./browser";
import { runLocalD1, sqlText } from "./local-d1";
import { clockOff, serverTimingNames } from "./shopper-clock";

const baseURL = inject("baseURL");
const persistTo = inject("persistTo");
const browser = browserForFile();

/** How far off the moved deadline is: room for the row's update and both pages' loads first. */
const DEADLINE_IN_MS = 30_000;

/**
 * A new shopper's order placed and left on the provider's page, not paid, moved to have checked out
 * a window ago less DEADLINE_IN_MS: its time to pay runs out while the pages are open. With the
 * shopper's browser, and the errors its pages log.
 */
async function unpaidOrderNearItsDeadline(label: string, name: string) {
  const account = await registerShopper(baseURL, label, name);
  const { ctx, page } = await signedInAt(browser(), baseURL, account.email, "/");
  const errors: string[] = [];
  ctx.on("weberror", (e) => errors.push(e.error().message));
  ctx.on("console", (m) => {
    // A script failing, or one the content security policy refused, is logged as an error.
    if (m.type() === "error") errors.push(`${m.page()?.url()}: ${m.text()}`);
  });

  await page.goto("/search?q=phone");
  await page.locator(".grid .card-link").first().click();
  await page.waitForURL(/\/products\//);
  await page.locator('form.add-to-cart button[type="submit"]:not([disabled])').first().click();
  await page.locator("[data-cart-count]").filter({ hasText: /[1-9]/ }).waitFor();
  await page.goto("/checkout");
  await fillAddress(page);
  await page.getByLabel("UPI").check();
  await page.getByRole("button", { name: /Place order and pay/ }).click();
  await page.waitForURL(/\/psp-sandbox\//);
  const orderId = (await page.locator("main code").first().textContent())?.trim() ?? "";
  expect(orderId).toMatch(/^ord_/);

  const deadline = Date.now() + DEADLINE_IN_MS;
  await runLocalD1(
    persistTo,
    `UPDATE orders SET created_at = ${sqlText(new Date(deadline - PAYMENT_WINDOW_MS).toISOString())} WHERE id = ${sqlText(orderId)}`,
  );
  return { ctx, page, errors, orderId, deadline };
}

describe("an order page left open past the time to pay", () => {
  it("stops offering the payment at that time, without a reload, and says the time ran out, as do checkout and the order list", async () => {
    const { ctx, page, errors, orderId, deadline } = await unpaidOrderNearItsDeadline("pay-deadline", "Meera Pillai");

    await page.goto(`/orders/${orderId}`);
    const pay = page.getByRole("link", { name: "Complete payment" });
    await pay.waitFor();
    const payBy = (await page.locator("[data-pay-by]").textContent())?.match(/Pay by (.+? IST)/)?.[1];
    expect(payBy).toBeTruthy();
    const checkout = await ctx.newPage();
    await checkout.goto("/checkout");
    const unpaid = checkout.locator(`[data-unpaid-order="${orderId}"]`);
    await unpaid.getByRole("link", { name: "Complete payment" }).waitFor();
    const list = await ctx.newPage();
    await list.goto("/orders");
    const row = list.locator(`[data-order-id="${orderId}"]`);
    await row.getByRole("link", { name: "Complete payment" }).waitFor();
    await expect(row.locator(".status").textContent()).resolves.toBe("Awaiting payment");
    expect(Date.now()).toBeLessThan(deadline);
    // A reload would lose these marks, so marks still set prove the pages changed in place.
    await page.evaluate("window.journeyMarker = 1");
    await checkout.evaluate("window.journeyMarker = 1");
    await list.evaluate("window.journeyMarker = 1");

    const timeUp = page.locator("[data-pay-time-up]");
    await timeUp.waitFor({ timeout: DEADLINE_IN_MS + 30_000 });
    expect(Date.now()).toBeGreaterThanOrEqual(deadline);
    expect(await timeUp.textContent()).toBe(
      `The time to pay ran out at ${payBy}, so this order was not placed. Nothing was charged, and its items went back on sale.`,
    );
    await expect(pay.count()).resolves.toBe(0);
    await expect(page.locator("[data-order-status]").textContent()).resolves.toBe("Time to pay ran out");
    expect(await page.evaluate("window.journeyMarker")).toBe(1);

    const checkoutTimeUp = checkout.locator(`[data-unpaid-order="${orderId}"][data-pay-time-up]`);
    await checkoutTimeUp.waitFor({ timeout: 10_000 });
    const checkoutWords = (await checkoutTimeUp.textContent())?.replace(/\s+/g, " ");
    expect(checkoutWords).toContain(`whose time to pay ran out at ${payBy}. Nothing was charged, and its items went back on sale.`);
    await expect(checkout.getByRole("link", { name: "Complete payment" }).count()).resolves.toBe(0);
    expect(await checkout.evaluate("window.journeyMarker")).toBe(1);

    // The order list's row too: its status, and no way to pay.
    await row.locator("[data-pay-time-up]").waitFor({ timeout: 10_000 });
    await expect(row.locator("[data-pay-time-up]").textContent()).resolves.toBe(
      `The time to pay ran out at ${payBy}: nothing was charged, and its items went back on sale.`,
    );
    await expect(row.locator(".status").textContent()).resolves.toBe("Time to pay ran out");
    await expect(row.getByRole("link", { name: "Complete payment" }).count()).resolves.toBe(0);
    expect(await list.evaluate("window.journeyMarker")).toBe(1);

    expect(errors).toEqual([]);
    await ctx.close();
  });

  it("keeps time by the storefront's clock, not by a shopper's clock set minutes fast or slow", async () => {
    const { ctx, errors, orderId, deadline } = await unpaidOrderNearItsDeadline("pay-clock", "Farhan Qureshi");
    const fast = await ctx.newPage();
    await clockOff(fast, 10 * 60_000);
    await fast.goto(`/orders/${orderId}`);
    const slow = await ctx.newPage();
    await clockOff(slow, -10 * 60_000);
    await slow.goto("/orders");
    expect((await fast.evaluate(() => Date.now())) - Date.now()).toBeGreaterThan(9 * 60_000);
    expect(Date.now() - Date.parse(await slow.evaluate(() => new Date().toISOString()))).toBeGreaterThan(9 * 60_000);
    // The storefront's time comes with each page, stamped as it is served, where the browser shows it to scripts.
    await expect(serverTimingNames(fast)).resolves.toContain("clock");
    await expect(serverTimingNames(slow)).resolves.toContain("clock");

    // A clock ten minutes fast has long passed the deadline: the payment is still offered all the same.
    const fastPay = fast.getByRole("link", { name: "Complete payment" });
    const slowPay = slow.locator(`[data-order-id="${orderId}"]`).getByRole("link", { name: "Complete payment" });
    await fast.waitForTimeout(Math.max(0, deadline - Date.now() - 5_000));
    expect(Date.now()).toBeLessThan(deadline);
    await expect(fastPay.count()).resolves.toBe(1);
    await expect(slowPay.count()).resolves.toBe(1);

    // And both swap at the real deadline, the slow clock's page ten minutes before its clock reaches it.
    await fast.locator("[data-pay-time-up]").waitFor({ timeout: 15_000 });
    await slow.locator(`[data-order-id="${orderId}"] [data-pay-time-up]`).waitFor({ timeout: 15_000 });
    expect(Date.now()).toBeGreaterThanOrEqual(deadline);
    await expect(fastPay.count()).resolves.toBe(0);
    await expect(slowPay.count()).resolves.toBe(0);

    expect(errors).toEqual([]);
    await ctx.close();
  });
});
