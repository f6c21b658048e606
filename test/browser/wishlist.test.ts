import { describe, expect, inject, it } from "vitest";
import { reflow, violations } from "./audit";
import { browserForFile, signIn } from "./browser";
import { ownClient } from "./client-address";

const baseURL = inject("baseURL");
const browser = browserForFile();

describe("wishlist journey", () => {
  it("a guest's Save signs them in and saves; the shopper sees it on /wishlist and removes it, at 360 px", async () => {
    const found = (await (await fetch(`${baseURL}/api/products?q=phone&in_stock=true&limit=1`)).json()) as {
      items: { id: string; title: string }[];
    };
    const product = found.items[0]!;
    // 360 px wide, the commonest phone screen in India; the audit's script needs the CSP bypassed.
    const ctx = await browser().newContext({
      ...ownClient(),
      baseURL,
      bypassCSP: true,
      viewport: { width: 360, height: 800 },
      locale: "en-IN",
    });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));

    // A guest presses Save: sign in, and come back to the product with it saved.
    await page.goto(`/products/${product.id}`);
    const toggle = page.locator("form[data-wishlist-toggle] button");
    await toggle.click();
    await page.waitForURL(/\/signin/);
    await signIn(page, "shopper@demo.test");
    await page.waitForURL((url) => url.pathname === `/products/${product.id}`);
    await page.locator("[data-notice]").filter({ hasText: "Saved to your wishlist" }).waitFor();
    await expect(toggle.textContent()).resolves.toBe("Saved");
    const failures = [...(await violations(page)), ...(await reflow(page))];

    // Still saved on a fresh load of the shared page, and pressing again removes and saves in place.
    await page.reload();
    await page.locator('form[data-wishlist-toggle][data-saved="true"]').waitFor();
    await toggle.click();
    await page.locator('form[data-wishlist-toggle][data-saved="false"]').waitFor();
    await expect(toggle.textContent()).resolves.toBe("Save");
    await toggle.click();
    await page.locator('form[data-wishlist-toggle][data-saved="true"]').waitFor();

    // The header leads to the wishlist, which lists it with its price and a way to buy it.
    await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Wishlist" }).click();
    await page.waitForURL(/\/wishlist$/);
    const line = page.locator(".wish-line").filter({ hasText: product.title });
    await expect(line.count()).resolves.toBe(1);
    await expect(line.locator(".price strong").textContent()).resolves.toMatch(/^₹/);
    failures.push(...(await violations(page)), ...(await reflow(page)));

    await line.getByRole("button", { name: /^Remove/ }).click();
    await page.waitForURL(/\/wishlist\?done=removed$/);
    await expect(page.locator("main").textContent()).resolves.toContain("Nothing saved yet.");
    expect(failures).toEqual([]);
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
