import type { BrowserContext, Page } from "playwright-core";
import { afterAll, describe, expect, inject, it } from "vitest";
import { browserForFile, fillAddress, newShopper, screenshots, signIn, type TypedAddress } from "./browser";

const baseURL = inject("baseURL");
const browser = browserForFile();
const contexts: BrowserContext[] = [];
const KOLKATA: TypedAddress = {
  name: "Flash Buyer",
  phone: "9876501234",
  line1: "1 Park Street",
  city: "Kolkata",
  state: "West Bengal",
  pincode: "700016",
};

afterAll(async () => {
  for (const ctx of contexts) await ctx.close();
});

/** A time as the deal form's datetime-local field takes it: India Standard Time, to the second. */
function istLocal(ms: number): string {
  return new Date(ms + 5.5 * 3600_000).toISOString().slice(0, 19);
}

/** A listing to put on sale (or another, past `skip`): the buy box of an in-stock product, found through the public API. */
async function pickListing(skip?: string): Promise<{ listingId: string; price: number }> {
  const list = (await (await fetch(`${baseURL}/api/products?q=watch&in_stock=true&limit=5`)).json()) as { items: { id: string }[] };
  for (const item of list.items) {
    const p = (await (await fetch(`${baseURL}/api/products/${item.id}`)).json()) as { buy_box?: { listing_id: string; price: number } };
    if (p.buy_box && p.buy_box.listing_id !== skip) return { listingId: p.buy_box.listing_id, price: p.buy_box.price };
  }
  throw new Error("no in-stock listing to put on sale");
}

async function registeredShopper(n: number): Promise<Page> {
  const ctx = await newShopper(browser(), baseURL);
  contexts.push(ctx);
  const page = await ctx.newPage();
  await page.goto("/signin");
  const register = page.locator("form[action='/register']");
  await register.getByLabel("Your name").fill(`Flash Shopper ${n}`);
  await register.getByLabel("Email").fill(`flash-${n}-${Date.now()}@shoppers.test`);
  await register.getByLabel(/Password/).fill("flash-password-1");
  await register.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(`${baseURL}/`);
  return page;
}

describe("flash sale journey", () => {
  it("a deal manager creates a deal; shoppers wait; it opens; admitted shoppers buy; the rest wait for held units, then see sold out; the dashboard agrees", async () => {
    const { listingId, price } = await pickListing();
    const units = 2;

    // The deal manager creates a deal opening shortly, from the console.
    const managerCtx = await newShopper(browser(), baseURL, 1280);
    contexts.push(managerCtx);
    const manager = await managerCtx.newPage();
    await manager.goto("/signin?next=/deals-console");
    await signIn(manager, "deals@demo.test");
    await manager.waitForURL(/\/deals-console$/);
    const opensAt = Date.now() + 30_000;
    await manager.getByLabel("Listing id").fill(listingId);
    await manager.getByLabel("Deal price (₹)").fill(String(Math.floor(price / 200)));
    await manager.getByLabel("Units", { exact: true }).fill(String(units));
    await manager.getByLabel("Starts (IST)").fill(istLocal(opensAt));
    await manager.getByLabel("Ends (IST)").fill(istLocal(opensAt + 3600_000));
    await manager.getByLabel("Limit per shopper").fill("1");
    await manager.getByLabel("New shoppers let in per minute").fill("600");
    await screenshots(manager, "deals-console");
    await manager.getByRole("button", { name: "Create deal" }).click();
    await manager.waitForURL(/\/deals-console\/[^/?#]+\?done=created(#.*)?$/);
    const dealId = new URL(manager.url()).pathname.split("/").pop() ?? "";

    // Three shoppers join the waiting room before the deal opens.
    const shoppers = await Promise.all([1, 2, 3].map((n) => registeredShopper(n)));
    for (const page of shoppers) {
      await page.goto(`/deals/${dealId}`);
      await page.getByRole("button", { name: "Join the waiting room" }).click();
      // Before the start nobody is shown a place: places are drawn when the deal opens.
      await page.locator("[data-wr-message]").filter({ hasText: "drawn at random when the deal opens" }).waitFor({ timeout: 15_000 });
      expect(await page.locator("[data-wr-figures]").isVisible()).toBe(false);
      expect(await page.locator(".deal-page .tag").textContent()).toBe("Coming up");
      // Marks this page load, to tell later that the page changed over without a reload.
      await page.evaluate(() => {
        (globalThis as { keptOpen?: string }).keptOpen = "yes";
      });
    }
    expect(Date.now()).toBeLessThan(opensAt);
    await screenshots(shoppers[0] as Page, "waiting-room");

    // It opens: each shopper is let straight into checkout with a unit held, or, once every unit
    // is held, told that units may come back (let in and refused a hold, or kept at the front of
    // the line, as the gate lets nobody in while no unit is free): not "sold out", since none is
    // sold yet.
    const outcomes = await Promise.all(
      shoppers.map(async (page) => {
        const checkout = page.waitForURL(/\/checkout\?admission_token=/, { timeout: 90_000 }).then(() => "admitted" as const);
        const message = page.locator("[data-wr-message]");
        const heldOut = message
          .filter({ hasText: "Units may come back" })
          .waitFor({ timeout: 90_000 })
          .then(() => "held_out" as const);
        const soldOut = message
          .filter({ hasText: "Sold out" })
          .waitFor({ timeout: 90_000 })
          .then(() => "sold_out" as const);
        return Promise.race([checkout, heldOut, soldOut]);
      }),
    );
    const admitted = shoppers.filter((_, i) => outcomes[i] === "admitted");
    const heldOut = shoppers.filter((_, i) => outcomes[i] === "held_out");
    expect(admitted.length).toBe(units);
    expect(outcomes).not.toContain("sold_out");
    // The page a shopper kept open says the deal is live once it opens, without a reload.
    for (const page of heldOut) {
      await page.locator(".deal-page .tag").filter({ hasText: "Live now" }).waitFor({ timeout: 5_000 });
      expect(await page.locator(".deal-page .countdown span").textContent()).toBe("Ends in");
      expect(await page.evaluate(() => (globalThis as { keptOpen?: string }).keptOpen)).toBe("yes");
    }
    // A shopper told to wait for held units keeps their ticket, so their turn is not lost.
    for (const page of heldOut) {
      // Kept for the browser, not the tab: another tab shows the same place.
      expect(await page.evaluate((id) => localStorage.getItem(`wr-ticket:${id}`), dealId)).toBeTruthy();
    }

    // Each admitted shopper's checkout says until when their unit is held, and counts it down.
    for (const page of admitted) {
      const held = page.locator('[data-deal-hold][data-hold-state="held"]');
      await expect(held.textContent()).resolves.toMatch(/is held for you until \d{1,2}:\d{2} [ap]m IST\./);
      await expect(held.locator("time[data-countdown]").textContent()).resolves.toMatch(/^00:(0\d|10):\d{2}$/);
    }

    // The first admitted shopper has something else in the cart too: on a phone, they pay for the
    // deal alone, with the unit still held, and the rest stays in the cart.
    const first = admitted[0] as Page;
    const other = await pickListing(listingId);
    await first.evaluate(
      `import("/static/api.js").then(({ api }) => api("/api/cart/items/${other.listingId}", { method: "PUT", body: { qty: 1 } }))`,
    );
    await first.setViewportSize({ width: 360, height: 740 });
    await first.reload();
    await first.getByRole("link", { name: /^Pay for the deal alone \(₹[\d,]+\)$/ }).click();
    await first.waitForURL(/[?&]listing_ids=/);
    await expect(first.locator("[data-pay-for]").getAttribute("data-pay-for")).resolves.toBe("deal");
    await expect(first.locator(".summary .line-item").count()).resolves.toBe(1);
    await expect(first.locator("[data-pay-for]").textContent()).resolves.toContain("Your other item stays in your cart.");
    await first.locator('[data-deal-hold][data-hold-state="held"]').waitFor();
    expect(await first.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(360);
    await screenshots(first, "deal-alone-checkout");

    // Admitted shoppers buy (cash on delivery) until the units run out; the rest see sold out.
    let bought = 0;
    for (const page of admitted) {
      await fillAddress(page, KOLKATA);
      await page.getByLabel("Cash on delivery").check();
      if (bought === 0) await screenshots(page, "deal-checkout");
      await page.getByRole("button", { name: /Place order/ }).click();
      await page.waitForLoadState("domcontentloaded");
      if (/\/orders\//.test(page.url())) {
        bought += 1;
        await page
          .locator("[data-order-status]")
          .filter({ hasText: /^(Confirmed|Placed|Payment received)$/ })
          .waitFor();
      } else {
        await expect(page.locator("[role=alert]").textContent()).resolves.toMatch(/sold out|changed/i);
      }
    }
    expect(bought).toBe(units);
    const kept = await first.evaluate(
      `import("/static/api.js").then(async ({ api }) => (await api("/api/cart")).data.items.map((l) => l.listing_id))`,
    );
    expect(kept).toEqual([other.listingId]);
    // Now the units are sold, not merely held: the shoppers still waiting for one are told so.
    for (const page of heldOut) {
      await page.locator("[data-wr-message]").filter({ hasText: "Sold out" }).waitFor({ timeout: 30_000 });
    }
    const lateCtx = await newShopper(browser(), baseURL);
    contexts.push(lateCtx);
    const late = await lateCtx.newPage();
    // The deal page says so without joining, once its cached deal state (a second or two old at
    // most) has caught up with the last sale.
    await expect
      .poll(
        async () => {
          await late.goto(`/deals/${dealId}`);
          return late.locator("[data-wr-message]").textContent();
        },
        { timeout: 30_000, interval: 500 },
      )
      .toMatch(/^Sold out/);
    expect(await late.getByRole("button", { name: "Join the waiting room" }).count()).toBe(0);
    await screenshots(late, "deal-sold-out");

    // The dashboard's figures match what happened.
    await manager.reload();
    await manager
      .locator('[data-figure="sold"]')
      .filter({ hasText: new RegExp(`^${units}$`) })
      .waitFor({ timeout: 60_000 });
    await expect(manager.locator('[data-figure="remaining"]').textContent()).resolves.toBe("0");
    await expect(manager.locator('[data-figure="reserved"]').textContent()).resolves.toBe("0");
    const admittedFigure = Number(await manager.locator('[data-figure="admitted"]').textContent());
    expect(admittedFigure).toBeGreaterThanOrEqual(admitted.length);
    await screenshots(manager, "deal-dashboard");
  });
});
