import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { auditedContext, reflow, violations } from "./audit";
import { browserForFile, computedStyle } from "./browser";
import { ownClient } from "./client-address";

const baseURL = inject("baseURL");
const browser = browserForFile();

interface Found {
  items: { id: string; title: string; category_id: string }[];
}

type Phone = Found["items"][number];

/** `count` phones of one leaf category in stock, as a shopper would find them (`limit`: among the first so many). */
async function phonesOfOneKind(count: number, limit = 60): Promise<Phone[]> {
  const found = (await (await fetch(`${baseURL}/api/products?q=phone&in_stock=true&limit=${limit}`)).json()) as Found;
  for (const a of found.items) {
    const kind = found.items.filter((o) => o.category_id === a.category_id);
    if (kind.length >= count) return kind.slice(0, count);
  }
  throw new Error(`no ${count} phones of one kind in the demo catalog`);
}

async function twoPhones(limit = 60): Promise<[Phone, Phone]> {
  const [a, b] = await phonesOfOneKind(2, limit);
  return [a!, b!];
}

/** The ids of the compare list this browser keeps. */
const keptIds = (page: Page) =>
  page.evaluate(() => (JSON.parse(localStorage.getItem("bazaar:compare:v1") ?? "[]") as { id: string }[]).map((e) => e.id));

const comparisonOf = (phones: Phone[]) => `/compare?ids=${phones.map((p) => p.id).join(",")}`;

describe("compare journey", () => {
  it("a shopper at 360 px picks two phones from their pages, compares them, shows differences only and removes one", async () => {
    const [first, second] = await twoPhones();
    const ctx = await auditedContext(browser(), baseURL, 360);
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));

    await page.goto(`/products/${first.id}`);
    const compare = page.getByRole("checkbox", { name: "Compare" });
    await compare.check();
    const tray = page.getByRole("complementary", { name: "Compare" });
    await expect(tray.textContent()).resolves.toMatch(/^1 of .+ chosen: add another to compare/);
    const failures = [...(await violations(page)), ...(await reflow(page))];

    await page.goto(`/products/${second.id}`);
    await expect(compare.isChecked()).resolves.toBe(false);
    await compare.check();
    const go = tray.getByRole("link", { name: /^Compare 2 / });
    await go.click();
    await page.waitForURL((url) => url.pathname === "/compare");
    expect(new URL(page.url()).searchParams.get("ids")).toBe(`${first.id},${second.id}`);

    // Both side by side, the table scrolling in its own region with the names' column in view.
    const table = page.locator("table.compare");
    for (const p of [first, second]) await expect(table.getByRole("link", { name: p.title, exact: true }).count()).resolves.toBe(1);
    await expect(computedStyle(table.locator('th[scope="row"]').first(), "position")).resolves.toBe("sticky");
    const region = page.getByRole("region", { name: /compared$/ });
    const [scrollWidth, clientWidth] = await region.evaluate((e) => [e.scrollWidth, e.clientWidth]);
    expect(scrollWidth).toBeGreaterThan(clientWidth);
    failures.push(...(await violations(page)), ...(await reflow(page)));
    const allRows = await table.locator("tbody tr").count();

    await page.getByRole("link", { name: "Show differences only" }).click();
    await page.waitForURL(/only=differences/);
    await expect(table.locator("caption").textContent()).resolves.toContain("(differences only)");
    expect(await table.locator("tbody tr").count()).toBeLessThan(allRows);
    failures.push(...(await violations(page)), ...(await reflow(page)));

    // Add to cart goes through the usual form, without leaving the comparison.
    await table.locator('form.add-to-cart button[type="submit"]:not([disabled])').first().click();
    await page.locator("[data-cart-count]").filter({ hasText: /[1-9]/ }).waitFor();

    await table.getByRole("link", { name: `Remove ${second.title}` }).click();
    await page.waitForURL((url) => url.searchParams.get("ids") === first.id);
    await expect(page.locator("main").textContent()).resolves.toContain("Only one product is left to compare.");
    await page.getByRole("link", { name: first.title, exact: true }).click();
    await page.waitForURL((url) => url.pathname === `/products/${first.id}`);
    failures.push(...(await reflow(page)));
    expect(failures).toEqual([]);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it("a shopper at 360 px picks two phones from the search results, removes one on the compare page, and the tray follows", async () => {
    // Among the first page of the results the shopper sees (the page asks for 24).
    const [first, second] = await twoPhones(24);
    const results = "/search?q=phone&in_stock=true";
    const ctx = await auditedContext(browser(), baseURL, 360);
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));

    await page.goto(results);
    const pick = (p: { title: string }) => page.getByRole("checkbox", { name: `Compare ${p.title}`, exact: true });
    await pick(first).check();
    await pick(second).check();
    const tray = page.getByRole("complementary", { name: "Compare" });
    const failures = [...(await violations(page)), ...(await reflow(page))];
    await tray.getByRole("link", { name: /^Compare 2 / }).click();
    await page.waitForURL((url) => url.pathname === "/compare");
    expect(new URL(page.url()).searchParams.get("ids")).toBe(`${first.id},${second.id}`);

    await page
      .locator("table.compare")
      .getByRole("link", { name: `Remove ${second.title}` })
      .click();
    await page.waitForURL((url) => url.searchParams.get("ids") === first.id);

    await page.goto(results);
    await expect(tray.textContent()).resolves.toMatch(/^1 of .+ chosen: add another to compare/);
    await expect(pick(first).isChecked()).resolves.toBe(true);
    await expect(pick(second).isChecked()).resolves.toBe(false);
    // The product page's own toggle reads the same list.
    await page.goto(`/products/${first.id}`);
    await expect(page.getByRole("checkbox", { name: "Compare" }).isChecked()).resolves.toBe(true);
    expect(failures).toEqual([]);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it("a shopper with a list of their own opens a comparison someone sent: their list stays until they choose to take it", async () => {
    // Their own two phones from the results grid; the link names two others of the same kind.
    const [a, b, c, d] = await phonesOfOneKind(4, 24);
    const results = "/search?q=phone&in_stock=true";
    const ctx = await auditedContext(browser(), baseURL, 360);
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));

    await page.goto(results);
    for (const p of [a!, b!]) await page.getByRole("checkbox", { name: `Compare ${p.title}`, exact: true }).check();
    const sent = comparisonOf([c!, d!]);
    await page.goto(sent);
    await expect(keptIds(page)).resolves.toEqual([a!.id, b!.id]);
    const notice = page.locator("[data-compare-shared]");
    await notice.waitFor();
    await expect(notice.getByText(/^Your own compare list \(2 .+\) is kept as it was\.$/).count()).resolves.toBe(1);
    const openOwn = notice.getByRole("link", { name: "Open your comparison" });
    await expect(openOwn.getAttribute("href")).resolves.toBe(comparisonOf([a!, b!]));
    const adopt = notice.getByRole("button", { name: "Make this comparison your list" });
    await expect(adopt.isVisible()).resolves.toBe(true);
    const failures = [...(await violations(page)), ...(await reflow(page))];

    // Their tray still leads to their own comparison, which asks nothing.
    await page.goto(results);
    const go = page.getByRole("complementary", { name: "Compare" }).getByRole("link", { name: /^Compare 2 / });
    await expect(go.getAttribute("href")).resolves.toBe(comparisonOf([a!, b!]));
    await page.goto(sent);
    await openOwn.click();
    await page.waitForURL((url) => url.searchParams.get("ids") === `${a!.id},${b!.id}`);
    await page.locator("table.compare").waitFor();
    await expect(notice.isVisible()).resolves.toBe(false);

    await page.goto(sent);
    await adopt.click();
    await expect(notice.getByText("This comparison is now your compare list.").isVisible()).resolves.toBe(true);
    await expect(adopt.isVisible()).resolves.toBe(false);
    await expect(keptIds(page)).resolves.toEqual([c!.id, d!.id]);
    failures.push(...(await violations(page)));

    await page.goto(results);
    await go.click();
    await page.waitForURL((url) => url.searchParams.get("ids") === `${c!.id},${d!.id}`);
    const table = page.locator("table.compare");
    for (const p of [c!, d!]) await expect(table.getByRole("link", { name: p.title, exact: true }).count()).resolves.toBe(1);
    await expect(notice.isVisible()).resolves.toBe(false);
    expect(failures).toEqual([]);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it("a shopper with no list of their own opens a comparison someone sent, and it becomes their list", async () => {
    const [a, b] = await twoPhones(24);
    const ctx = await auditedContext(browser(), baseURL, 360);
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));

    await page.goto(comparisonOf([a, b]));
    await page.locator("table.compare").waitFor();
    await expect.poll(() => keptIds(page)).toEqual([a.id, b.id]);
    // Nothing to choose between: the notice is on the page, and stays hidden.
    const notice = page.locator("[data-compare-shared]");
    await expect(notice.count()).resolves.toBe(1);
    await expect(notice.isHidden()).resolves.toBe(true);
    await page.goto("/search?q=phone&in_stock=true");
    const go = page.getByRole("complementary", { name: "Compare" }).getByRole("link", { name: /^Compare 2 / });
    await expect(go.getAttribute("href")).resolves.toBe(comparisonOf([a, b]));
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it("a shopper opens Remove on their own comparison in a new tab, and the new tab's comparison becomes their list", async () => {
    const [a, b, c] = await phonesOfOneKind(3, 24);
    const results = "/search?q=phone&in_stock=true";
    const ctx = await auditedContext(browser(), baseURL, 360);
    const page = await ctx.newPage();
    const errors: string[] = [];
    const watch = (p: Page) => p.on("pageerror", (e) => errors.push(e.message));
    watch(page);

    await page.goto(results);
    for (const p of [a!, b!, c!]) await page.getByRole("checkbox", { name: `Compare ${p.title}`, exact: true }).check();
    await page.goto(comparisonOf([a!, b!, c!]));
    const table = page.locator("table.compare");
    await table.waitFor();
    await expect(page.locator("[data-compare-shared]").isHidden()).resolves.toBe(true);

    /** Opens `p`'s Remove on `from` in a new tab the way `how` does, resolving to that tab once loaded. */
    const removeInNewTab = async (from: Page, p: Phone, how: "control" | "middle") => {
      const opened = ctx.waitForEvent("page");
      const remove = from.locator("table.compare").getByRole("link", { name: `Remove ${p.title}` });
      await (how === "control" ? remove.click({ modifiers: ["Control"] }) : remove.click({ button: "middle" }));
      const tab = await opened;
      watch(tab);
      await tab.waitForLoadState();
      await tab.locator("main").waitFor();
      return tab;
    };

    // Control-click: the comparison of the other two opens beside this one and is the list now.
    const second = await removeInNewTab(page, c!, "control");
    expect(new URL(second.url()).searchParams.get("ids")).toBe(`${a!.id},${b!.id}`);
    await expect.poll(() => keptIds(second)).toEqual([a!.id, b!.id]);
    await expect(second.locator("[data-compare-shared]").isHidden()).resolves.toBe(true);
    await expect(second.getByText(/is kept as it was/).count()).resolves.toBe(0);
    expect(page.url()).toContain(comparisonOf([a!, b!, c!]));

    // The middle button on that tab's comparison, its own list now, does the same.
    const third = await removeInNewTab(second, b!, "middle");
    expect(new URL(third.url()).searchParams.get("ids")).toBe(a!.id);
    await expect.poll(() => keptIds(third)).toEqual([a!.id]);
    await expect(third.locator("[data-compare-shared]").isHidden()).resolves.toBe(true);
    await third.goto(results);
    await expect(third.getByRole("complementary", { name: "Compare" }).textContent()).resolves.toMatch(
      /^1 of .+ chosen: add another to compare/,
    );

    // The first tab's comparison is no longer the list: a Remove there only narrows what it shows.
    const fourth = await removeInNewTab(page, a!, "control");
    expect(new URL(fourth.url()).searchParams.get("ids")).toBe(`${b!.id},${c!.id}`);
    const notice = fourth.locator("[data-compare-shared]");
    await notice.waitFor();
    await expect(notice.getByText(/^Your own compare list \(1 of .+\) is kept as it was\.$/).count()).resolves.toBe(1);
    await expect(keptIds(fourth)).resolves.toEqual([a!.id]);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it("shows no Compare toggle without scripts", async () => {
    const [phone] = await twoPhones();
    const ctx = await browser().newContext({ ...ownClient(), baseURL, javaScriptEnabled: false, viewport: { width: 360, height: 800 } });
    const page = await ctx.newPage();
    for (const path of [`/products/${phone.id}`, "/search?q=phone"]) {
      await page.goto(path);
      await expect(page.getByRole("checkbox", { name: "Compare" }).count()).resolves.toBe(0);
      await expect(page.locator("[data-compare-tray]").isVisible()).resolves.toBe(false);
    }
    await ctx.close();
  });
});
