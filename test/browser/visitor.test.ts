import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { auditedContext, reflow, violations } from "./audit";
import { browserForFile, newShopper, screenshots, signIn } from "./browser";
import { ownClient } from "./client-address";

/** Bytes of every script and stylesheet the page loads, fetched afresh (no cache, no 304s). */
async function scriptAndStyleBytes(page: Page): Promise<number> {
  const urls = [
    ...(await page.locator("script[src]").evaluateAll((els) => els.map((e) => e.getAttribute("src") ?? ""))),
    ...(await page.locator("link[rel=stylesheet]").evaluateAll((els) => els.map((e) => e.getAttribute("href") ?? ""))),
  ];
  const sizes = await Promise.all(urls.map(async (u) => (await (await fetch(new URL(u, page.url()))).arrayBuffer()).byteLength));
  return sizes.reduce((a, b) => a + b, 0);
}

const baseURL = inject("baseURL");

interface WithVariants {
  id: string;
  variants: { name: string; options: { value: string; product_id: string; current: boolean }[] }[];
}

/** The first product found for `q` whose page offers other variants of it. */
async function productWithVariants(q: string): Promise<WithVariants> {
  const found = (await (await fetch(`${baseURL}/api/products?q=${q}&limit=24`)).json()) as { items: { id: string }[] };
  for (const item of found.items) {
    const view = (await (await fetch(`${baseURL}/api/products/${item.id}`)).json()) as WithVariants;
    if (view.variants.length > 0) return view;
  }
  throw new Error(`no product found for ${q} has variants`);
}
const browser = browserForFile();

describe("visitor pages", () => {
  it("home, category, autocomplete, sorted search, sign-in and cart render real data within the size budget and without script errors", async () => {
    const ctx = await newShopper(browser(), baseURL);
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => {
      // A guest's /api/me is a 401 by design; anything else logged as an error is a defect.
      if (m.type() === "error" && !/status of 401/.test(m.text())) errors.push(m.text());
    });

    await page.goto("/");
    await expect(page.locator("#categories a").count()).resolves.toBeGreaterThan(0);
    // Keyboard first: the first Tab offers to skip the header, the next reaches the brand link.
    await page.keyboard.press("Tab");
    await expect(page.evaluate("document.activeElement.textContent.trim()")).resolves.toBe("Skip to content");
    await page.keyboard.press("Enter");
    await expect(page.evaluate("document.activeElement.id")).resolves.toBe("main");
    expect(await scriptAndStyleBytes(page)).toBeLessThan(100_000);
    await screenshots(page, "home");

    await page.locator("#categories a").first().click();
    await page.waitForURL(/\/categories\//);
    await expect(page.locator(".grid .card").count()).resolves.toBeGreaterThan(0);
    await screenshots(page, "category");

    // Autocomplete offers suggestions from the keyboard.
    await page.getByRole("combobox", { name: "Search products" }).pressSequentially("phon", { delay: 30 });
    await page.locator("#q-suggestions [role=option]").first().waitFor({ timeout: 10_000 });
    await screenshots(page, "autocomplete");
    await page.keyboard.press("Escape");

    await page.goto("/search?q=phone&sort=price_asc");
    const prices = await page.locator(".grid .card .price strong").allTextContents();
    const paise = prices.map((p) => Number(p.replace(/[^\d.]/g, "")));
    expect(paise).toEqual([...paise].sort((a, b) => a - b));
    await screenshots(page, "search");

    // Words in the query chose the order, and the sort box names them: on a phone and beside the
    // results on a desktop, it stays inside the filter panel rather than over the first result.
    await page.goto("/search?q=sabse+sasta+phone");
    await expect(page.locator("#f-sort").inputValue()).resolves.toBe("");
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      const outside = await page.locator("form.filters").evaluate((form) => {
        const edge = form.getBoundingClientRect().right;
        return [...form.querySelectorAll("select, input, button")]
          .filter((el) => el.getBoundingClientRect().right > edge + 1)
          .map((el) => el.id || el.getAttribute("name"));
      });
      expect(outside, `at ${width} px`).toEqual([]);
    }
    await page.setViewportSize({ width: 390, height: 844 });

    await page.goto("/signin");
    await screenshots(page, "signin");
    await page.goto("/cart");
    await expect(page.locator("main").textContent()).resolves.toContain("Your cart is empty");
    await screenshots(page, "cart-empty");
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it("works without JavaScript: sign in, add to cart through the confirming page, change the quantity", async () => {
    const ctx = await browser().newContext({ ...ownClient(), baseURL, javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await ctx.newPage();
    await page.goto("/signin?next=/orders");
    await signIn(page, "ops@demo.test");
    await page.waitForURL(/\/orders$/);
    await expect(page.locator("h1").textContent()).resolves.toBe("Your orders");
    await page.goto("/search?q=phone");
    await page.locator(".grid .card-link").first().click();
    await page.waitForURL(/\/products\//);
    const title = ((await page.locator("h1").textContent()) ?? "").trim();
    await page.locator(".buy-box").getByRole("button", { name: "Add to cart" }).click();
    await page.waitForURL(/\/cart\/add\?/);
    await expect(page.locator("main").textContent()).resolves.toContain(title);
    await screenshots(page, "add-to-cart-no-js");
    await page.getByRole("button", { name: "Add to cart" }).click();
    await page.waitForURL(/\/cart$/);
    const line = page.locator(".cart-line").filter({ hasText: title });
    await expect(line.count()).resolves.toBe(1);

    // Change the quantity with the plain form.
    await line.getByLabel("Quantity").fill("2");
    await line.getByRole("button", { name: "Update" }).click();
    await page.waitForURL(/\/cart$/);
    await expect(page.locator(".cart-line").filter({ hasText: title }).getByLabel("Quantity").inputValue()).resolves.toBe("2");
    await ctx.close();
  });

  it("gives a thumb a 44 px target for the header's links, the category bar and a cart line's actions on a touch phone", async () => {
    const ctx = await browser().newContext({
      ...ownClient(),
      baseURL,
      viewport: { width: 360, height: 740 },
      hasTouch: true,
      isMobile: true,
    });
    const page = await ctx.newPage();
    await page.goto("/search?q=phone");
    await page.locator(".grid .card-link").first().click();
    await page.waitForURL(/\/products\//);
    const added = page.waitForResponse((r) => r.url().includes("/api/cart/items/") && r.request().method() === "PUT");
    await page.locator(".buy-box").getByRole("button", { name: "Add to cart" }).click();
    expect((await added).status()).toBeLessThan(400);
    await page.goto("/cart");
    const targets = [".account a", ".site-nav a", ".cart-line .line-actions button"];
    for (const selector of targets) {
      // Links the page keeps hidden for another kind of visitor draw nothing.
      const heights = await page
        .locator(selector)
        .evaluateAll((els) =>
          els.filter((el) => el.getClientRects().length > 0).map((el) => Math.round(el.getBoundingClientRect().height)),
        );
      expect(heights.length, selector).toBeGreaterThan(0);
      expect(
        heights.filter((h) => h < 44),
        `${selector} under 44 px`,
      ).toEqual([]);
    }
    await ctx.close();
  });

  it("shows the products a shopper looked at under Recently viewed, newest first, until they clear it, at phone width", async () => {
    const found = (await (await fetch(`${baseURL}/api/products?q=phone&limit=2`)).json()) as { items: { id: string }[] };
    const [first, second] = found.items.map((p) => `/products/${p.id}`);
    if (!first || !second) throw new Error("the demo catalog has fewer than two phones");

    const ctx = await auditedContext(browser(), baseURL, 360);
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const row = page.getByRole("region", { name: "Recently viewed" });
    const tiles = () => row.locator(".card-link").evaluateAll((links) => links.map((a) => a.getAttribute("href")));

    await page.goto(first);
    // Only the product on screen has been viewed: nothing to show yet.
    await expect(page.locator(".recently-viewed").isHidden()).resolves.toBe(true);
    await page.goto(second);
    await row.waitFor();
    await expect(tiles()).resolves.toEqual([first]);

    await page.goto("/");
    await row.waitFor();
    await expect(tiles()).resolves.toEqual([second, first]);
    await expect(row.locator(".card .price").count()).resolves.toBe(0);
    expect(await reflow(page)).toEqual([]);
    await screenshots(page, "recently-viewed");

    await row.locator(`a[href="${first}"]`).click();
    await page.waitForURL((url) => url.pathname === first);
    await row.waitFor();
    await expect(tiles()).resolves.toEqual([second]);
    expect(await reflow(page)).toEqual([]);

    await page.getByRole("button", { name: "Clear recently viewed" }).click();
    await expect(page.locator(".recently-viewed").isHidden()).resolves.toBe(true);
    await page.goto("/");
    await expect(page.locator(".recently-viewed").isHidden()).resolves.toBe(true);
    await expect(row.locator(".card").count()).resolves.toBe(0);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it("switches a phone's colour or storage from its page's variant picker, by keyboard at phone width", async () => {
    // A phone of the demo catalog that comes in more than one variant.
    const start = await productWithVariants("phone");
    const [dim] = start.variants;
    const target = dim!.options.find((o) => !o.current)!;

    const ctx = await auditedContext(browser(), baseURL, 360);
    const page = await ctx.newPage();
    await page.goto(`/products/${start.id}`);
    const group = page.getByRole("list", { name: new RegExp(`^${dim!.name}`, "i") });
    await expect(group.locator('a[aria-current="true"]').count()).resolves.toBe(1);
    expect([...(await violations(page)), ...(await reflow(page))]).toEqual([]);
    await screenshots(page, "variant-picker");

    await group.getByRole("link", { name: target.value, exact: true }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(new RegExp(`/products/${target.product_id}$`));
    const landed = page.getByRole("list", { name: new RegExp(`^${dim!.name}`, "i") });
    await expect(landed.locator('a[aria-current="true"]').textContent()).resolves.toBe(target.value);
    await ctx.close();
  });
});
