import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, newShopper, screenshots, type TestBrowser } from "./browser";

const baseURL = inject("baseURL");
let tb: TestBrowser;

beforeAll(async () => {
  tb = await launchBrowser();
});
afterAll(async () => {
  await tb?.close();
});

describe("every page renders for a visitor", () => {
  it("home, search, category and product pages show real catalog data with no console errors", async () => {
    const ctx = await newShopper(tb.browser, baseURL);
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    await page.goto("/");
    await expect(page.title()).resolves.toContain("Bazaar");
    await screenshots(page, "home");
    await page.goto("/search?q=phone");
    await screenshots(page, "search");
    const first = page.locator(".grid .card-link").first();
    await first.click();
    await page.waitForURL(/\/products\//);
    await expect(page.locator("h1").textContent()).resolves.toBeTruthy();
    await screenshots(page, "product");
    await page.goto("/signin");
    await screenshots(page, "signin");
    await page.goto("/cart");
    await screenshots(page, "cart-empty");
    expect(errors.filter((e) => !/401/.test(e))).toEqual([]);
    await ctx.close();
  });
});
