import type { BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, describe, expect, inject, it } from "vitest";
import { money } from "../../workers/pages/format";
import { auditedContext, violations } from "./audit";
import { browserForFile, newShopper, screenshots, signIn } from "./browser";
import { endOpenDeals, managerToken } from "./deals";
import { clockOff, serverTimingNames } from "./shopper-clock";

const baseURL = inject("baseURL");
const browser = browserForFile();
const contexts: BrowserContext[] = [];
let token = "";

afterAll(async () => {
  for (const ctx of contexts) await ctx.close();
  // The journeys share one storefront: this one leaves it with no open deal, as the others expect.
  if (token) await endOpenDeals(baseURL, token);
});

/** A time as the deal forms' datetime-local fields take it: India Standard Time, to the second. */
function istLocal(ms: number): string {
  return new Date(ms + 5.5 * 3600_000).toISOString().slice(0, 19);
}

/** A listing to put on sale: the buy box of an in-stock product, found through the public API. */
async function pickListing(): Promise<{ listingId: string; price: number }> {
  const list = (await (await fetch(`${baseURL}/api/products?q=phone&in_stock=true&limit=5`)).json()) as { items: { id: string }[] };
  for (const item of list.items) {
    const p = (await (await fetch(`${baseURL}/api/products/${item.id}`)).json()) as { buy_box?: { listing_id: string; price: number } };
    if (p.buy_box) return { listingId: p.buy_box.listing_id, price: p.buy_box.price };
  }
  throw new Error("no in-stock listing to put on sale");
}

/** The dashboard's Adjust form. */
const adjustForm = (page: Page): Locator => page.locator("form[data-deal-adjust]");

/** What the dashboard's Terms panel says for `term`. */
const term = (page: Page, name: string): Locator =>
  page
    .locator("[data-deal-terms] dl div")
    .filter({ has: page.locator("dt", { hasText: new RegExp(`^${name}$`) }) })
    .locator("dd");

/** A deal manager's desktop browser, signed in on the deals console. */
async function managerAt(ctx: BrowserContext, path: string): Promise<Page> {
  const page = await ctx.newPage();
  await page.goto(`/signin?next=${path}`);
  await signIn(page, "deals@demo.test");
  await page.waitForURL((url) => url.pathname === path);
  return page;
}

describe("live deal tuning", () => {
  it("a deal manager adjusts an upcoming deal's waiting room and price; a price above the listing's is refused beside the field; once open, the price stays", async () => {
    token = await managerToken(baseURL);
    await endOpenDeals(baseURL, token);
    const { listingId, price } = await pickListing();
    const firstPrice = Math.floor(price / 200);
    const newPrice = Math.floor(price / 300);

    // An upcoming deal, opening in a few minutes, made from the console.
    const managerCtx = await newShopper(browser(), baseURL, 1280);
    contexts.push(managerCtx);
    const manager = await managerAt(managerCtx, "/deals-console");
    await manager.getByLabel("Listing id").fill(listingId);
    await manager.getByLabel("Deal price (₹)").fill(String(firstPrice));
    await manager.getByLabel("Units", { exact: true }).fill("3");
    const opensAt = Date.now() + 4 * 60_000;
    await manager.getByLabel("Starts (IST)").fill(istLocal(opensAt));
    await manager.getByLabel("Ends (IST)").fill(istLocal(Date.now() + 3600_000));
    await manager.getByLabel("Limit per shopper").fill("1");
    await manager.getByLabel("New shoppers let in per minute").fill("120");
    await manager.getByRole("button", { name: "Create deal" }).click();
    await manager.waitForURL(/\/deals-console\/[^/?#]+\?done=created(#.*)?$/);
    const dashboard = new URL(manager.url()).pathname;
    const dealId = dashboard.split("/").pop() ?? "";

    // The Adjust form shows the deal's settings, the price among them while it has not opened.
    const form = adjustForm(manager);
    await expect(form.getByLabel("New shoppers let in per minute").inputValue()).resolves.toBe("120");
    await expect(form.getByLabel("Deal price (₹)").inputValue()).resolves.toBe(`${firstPrice}.00`);
    await expect(form.locator("legend").allTextContents()).resolves.toEqual(["Waiting room", "Before it opens"]);
    await form.getByLabel("New shoppers let in per minute").fill("45");
    await form.getByLabel("Deal price (₹)").fill(String(newPrice));
    await screenshots(manager, "deal-adjust-form");
    await form.getByRole("button", { name: "Save changes" }).click();
    await manager.waitForURL(/\?done=adjusted$/);
    await expect(manager.getByRole("status").filter({ hasText: "settings were changed" }).count()).resolves.toBe(1);

    // Drawn again, the dashboard has the new values, in its terms and in the form.
    await manager.goto(dashboard);
    await expect(term(manager, "New shoppers let in per minute").textContent()).resolves.toBe("45");
    await expect(manager.locator("[data-deal-terms] .price strong").textContent()).resolves.toBe(money(newPrice * 100));
    await expect(form.getByLabel("New shoppers let in per minute").inputValue()).resolves.toBe("45");
    await expect(form.getByLabel("Deal price (₹)").inputValue()).resolves.toBe(`${newPrice}.00`);
    const stated = (await (
      await fetch(`${baseURL}/api/admin/deals/${dealId}`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as {
      deal_price: number;
      waiting_room: { new_users_per_minute: number };
    };
    expect(stated.deal_price).toBe(newPrice * 100);
    expect(stated.waiting_room.new_users_per_minute).toBe(45);
    await screenshots(manager, "deal-adjusted");

    // Shoppers see the new price on the deal's page, once the edge's copy of the deal catches up.
    const shopperCtx = await newShopper(browser(), baseURL);
    contexts.push(shopperCtx);
    const shopper = await shopperCtx.newPage();
    await expect
      .poll(
        async () => {
          await shopper.goto(`/deals/${dealId}`);
          return shopper.locator(".deal-page .price strong").textContent();
        },
        { timeout: 15_000, interval: 1000 },
      )
      .toBe(money(newPrice * 100));

    // A shopper whose phone runs ten minutes fast, past the opening: the page keeps the storefront's
    // time, so the deal is still to open, and its countdown says the time really left.
    const fast = await shopperCtx.newPage();
    await clockOff(fast, 10 * 60_000);
    await fast.goto(`/deals/${dealId}`);
    expect((await fast.evaluate(() => Date.now())) - Date.now()).toBeGreaterThan(9 * 60_000);
    await expect(serverTimingNames(fast)).resolves.toContain("clock");
    const countdown = fast.locator(".deal-page .countdown time");
    await countdown.filter({ hasText: /^\d{2}:\d{2}:\d{2}$/ }).waitFor();
    await expect(fast.locator(".deal-page .tag").textContent()).resolves.toBe("Coming up");
    await expect(fast.locator(".deal-page .countdown span").textContent()).resolves.toBe("Opens in");
    const [h = 0, m = 0, sec = 0] = ((await countdown.textContent()) ?? "").split(":").map(Number);
    // The form takes whole seconds; the clock shown may lag the page's trip by a second or two.
    const reallyLeft = (Math.floor(opensAt / 1000) * 1000 - Date.now()) / 1000;
    expect(Math.abs(h * 3600 + m * 60 + sec - reallyLeft)).toBeLessThan(4);
    await fast.close();

    // A price above the listing's own is refused beside the field, and what was typed stays.
    const tooHigh = String(Math.floor(price / 100) + 100);
    await form.getByLabel("New shoppers let in per minute").fill("50");
    await form.getByLabel("Deal price (₹)").fill(tooHigh);
    await form.getByRole("button", { name: "Save changes" }).click();
    await manager.waitForLoadState("domcontentloaded");
    await expect(manager.getByRole("alert").first().textContent()).resolves.toContain(
      "The deal was not changed. Check the field marked below.",
    );
    const priceField = form.getByLabel("Deal price (₹)");
    await expect(priceField.inputValue()).resolves.toBe(tooHigh);
    await expect(priceField.getAttribute("aria-invalid")).resolves.toBe("true");
    await expect(form.locator("#deal_price-err").textContent()).resolves.toBe(`Must be below the listing's price of ${money(price)}`);
    await expect(form.getByLabel("New shoppers let in per minute").inputValue()).resolves.toBe("50");
    await screenshots(manager, "deal-adjust-refused");
    // Nothing changed.
    await manager.goto(dashboard);
    await expect(term(manager, "New shoppers let in per minute").textContent()).resolves.toBe("45");
    await expect(form.getByLabel("Deal price (₹)").inputValue()).resolves.toBe(`${newPrice}.00`);

    // The dashboard with the Adjust form, as drawn and as refused, passes the accessibility audit.
    const auditCtx = await auditedContext(browser(), baseURL, 1280);
    contexts.push(auditCtx);
    const audited = await managerAt(auditCtx, dashboard);
    const failures = await violations(audited);
    await adjustForm(audited).getByLabel("Deal price (₹)").fill(tooHigh);
    await adjustForm(audited).getByRole("button", { name: "Save changes" }).click();
    await audited.waitForLoadState("load");
    await adjustForm(audited).locator("#deal_price-err").waitFor();
    failures.push(...(await violations(audited)));
    expect(failures).toEqual([]);

    // A second tab keeps the form as drawn before the opening, price field and all.
    const stale = await managerCtx.newPage();
    await stale.goto(dashboard);
    await adjustForm(stale).getByLabel("Deal price (₹)").waitFor();

    // The manager brings the opening forward to a few seconds from now, and it opens.
    await form.getByLabel("Starts (IST)").fill(istLocal(Date.now() + 20_000));
    await form.getByRole("button", { name: "Save changes" }).click();
    await manager.waitForURL(/\?done=adjusted$/);
    await manager
      .locator('[data-figure="status"]')
      .filter({ hasText: /^Live$/ })
      .waitFor({ timeout: 90_000 });

    // Open, the deal's price, start and limit are no longer offered; the waiting room still is.
    await manager.goto(dashboard);
    await expect(form.locator("legend").allTextContents()).resolves.toEqual(["Waiting room"]);
    await expect(form.getByLabel("Deal price (₹)").count()).resolves.toBe(0);
    await expect(form.getByLabel("Starts (IST)").count()).resolves.toBe(0);
    await expect(form.getByLabel("Limit per shopper").count()).resolves.toBe(0);
    await form.getByLabel("New shoppers let in per minute").fill("30");
    await form.getByRole("button", { name: "Save changes" }).click();
    await manager.waitForURL(/\?done=adjusted$/);
    await manager.goto(dashboard);
    await expect(term(manager, "New shoppers let in per minute").textContent()).resolves.toBe("30");
    await screenshots(manager, "deal-adjust-live");

    // The tab drawn before the opening still offers the price; changing it now is refused, and says why.
    await adjustForm(stale)
      .getByLabel("Deal price (₹)")
      .fill(String(newPrice - 1));
    await adjustForm(stale).getByRole("button", { name: "Save changes" }).click();
    await stale.waitForLoadState("domcontentloaded");
    const refusal = await stale.getByRole("alert").first().textContent();
    expect(refusal).toBe(
      "The deal was not changed. This deal is live, so its price can no longer change: only its waiting room and end can.",
    );
    await screenshots(stale, "deal-adjust-price-locked");
    await expect(term(stale, "New shoppers let in per minute").textContent()).resolves.toBe("30");
    await expect(stale.locator("[data-deal-terms] .price strong").textContent()).resolves.toBe(money(newPrice * 100));
  });
});
