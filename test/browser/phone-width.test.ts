import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, inject, it } from "vitest";
import { DEMO_PASSWORD } from "../../scripts/catalog/demo-accounts.mjs";
import { ensureDemoDeals } from "../../scripts/demo-deals.mjs";
import { ensureDemoOrders } from "../../scripts/demo-orders.mjs";
import { browserForFile, newShopper, signIn } from "./browser";
import { endOpenDeals, managerToken } from "./deals";

const baseURL = inject("baseURL");
const browser = browserForFile();
const ARTIFACTS = path.resolve(import.meta.dirname, "../../test-artifacts");

// The journeys share one storefront: leave it with no open deal and no holiday of this file's.
const HOLIDAY = "2099-10-20";
afterAll(async () => {
  await endOpenDeals(baseURL);
  const ops = await managerToken(baseURL, "ops@demo.test");
  await fetch(`${baseURL}/api/admin/courier-holidays/${HOLIDAY}`, {
    method: "DELETE",
    headers: { authorization: `Bearer ${ops}`, "content-type": "application/json" },
    body: "{}",
  });
});

/** 360 x 740: the commonest phone screen in India, held upright. */
const PHONE = { width: 360, height: 740 };

/**
 * What stops a console being read on a phone: the page itself scrolling sideways, and a table
 * that is not in a region of its own a keyboard can reach and scroll, named for screen readers.
 */
async function phoneProblems(page: Page): Promise<string[]> {
  return (await page.evaluate(`(() => {
    const problems = [];
    const root = document.documentElement;
    if (root.scrollWidth > window.innerWidth) {
      const wide = [...document.querySelectorAll("main *")]
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
        .slice(-2)
        .map((el) => el.tagName.toLowerCase() + ": " + (el.textContent ?? "").trim().slice(0, 40));
      problems.push("the page is " + root.scrollWidth + " px wide at " + wide.join(" | "));
    }
    const scrolls = (el) => ["auto", "scroll"].includes(getComputedStyle(el).overflowX);
    const nameOf = (el) => {
      const label = (el.getAttribute("aria-label") ?? "").trim();
      if (label) return label;
      return (el.getAttribute("aria-labelledby") ?? "")
        .split(/\\s+/)
        .map((id) => document.getElementById(id)?.textContent?.trim() ?? "")
        .join(" ")
        .trim();
    };
    for (const table of document.querySelectorAll("main table")) {
      // A table read out in place of a chart is never seen, so never scrolled.
      if (table.closest(".visually-hidden")) continue;
      const what = "table " + ((table.querySelector("caption, th")?.textContent ?? "").trim().slice(0, 30) || "?");
      let region = table.parentElement;
      while (region && region !== document.body && !scrolls(region)) region = region.parentElement;
      if (!region || region === document.body) {
        problems.push(what + " is in no region of its own that scrolls sideways");
        continue;
      }
      if (region.getAttribute("tabindex") !== "0") problems.push(what + ": its scrolling region is not reachable by keyboard");
      if (!nameOf(region)) problems.push(what + ": its scrolling region has no accessible name");
      if (region.getBoundingClientRect().right > window.innerWidth + 1) problems.push(what + ": its scrolling region is wider than the screen");
      // What the table is (a product's title over its offers) is read whole, without scrolling.
      const caption = table.querySelector("caption");
      if (caption && caption.getBoundingClientRect().right > window.innerWidth + 1) problems.push(what + ": its caption runs off the screen");
    }
    // A table squeezed into the screen splits its words over lines ("Can / cel and / refu / nd"):
    // each word (letters alone, not an id or an address) and each price in a table sits on one line.
    const texts = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
    const split = new Set();
    for (let node = texts.nextNode(); node; node = texts.nextNode()) {
      const parent = node.parentElement;
      if (!parent?.closest("table") || parent.closest(".visually-hidden")) continue;
      for (const m of node.data.matchAll(/(?<![\\w@.\\-])(?:[A-Za-z]{3,}|₹[\\d,.]+)(?![\\w@\\-])/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        if (range.getClientRects().length > 1) split.add(m[0]);
      }
    }
    if (split.size > 0) problems.push("words split over lines in a table: " + [...split].slice(0, 6).join(", "));
    return problems;
  })()`)) as string[];
}

/** Opens each of `paths` at phone width and collects what is wrong with each, saving a picture of it. */
async function checkAll(page: Page, role: string, paths: string[]): Promise<string[]> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const failures: string[] = [];
  for (const [i, p] of paths.entries()) {
    const res = await page.goto(p);
    await page.waitForLoadState("load");
    expect(res?.status(), p).toBeLessThan(400);
    await page.screenshot({ path: path.join(ARTIFACTS, `phone-${role}-${i}.png`), fullPage: true });
    failures.push(...(await phoneProblems(page)).map((problem) => `${p}: ${problem}`));
  }
  return failures;
}

/** A phone signed in through the sign-in page as `email`. */
async function phoneSignedIn(email: string): Promise<Page> {
  const ctx = await newShopper(browser(), baseURL, PHONE.width);
  await ctx.newPage();
  const page = ctx.pages()[0] as Page;
  await page.setViewportSize(PHONE);
  await page.goto("/signin");
  await signIn(page, email);
  return page;
}

describe("the consoles at phone width", () => {
  it("never scroll the page sideways, and put each table in a named region a keyboard can scroll", async () => {
    // Demo data, as a fresh `npm run dev` makes it: orders at every stage (of a shopper of this
    // file's own), the flash deals, and a courier holiday ahead.
    const shopper = { email: `phone-width-${Date.now()}@example.test`, password: DEMO_PASSWORD };
    const registered = await fetch(`${baseURL}/api/auth/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...shopper, name: "Meera Pillai" }),
    });
    expect(registered.status).toBe(201);
    const orders = await ensureDemoOrders(baseURL, { shopper });
    const shipped = orders.find((o) => o.status === "shipped");
    const listing = orders[0]?.items[0]?.listing_id;
    const dealsToken = await managerToken(baseURL);
    await endOpenDeals(baseURL, dealsToken);
    const [deal] = await ensureDemoDeals(baseURL, { token: dealsToken });
    const opsToken = await managerToken(baseURL, "ops@demo.test");
    const holiday = await fetch(`${baseURL}/api/admin/courier-holidays`, {
      method: "POST",
      headers: { authorization: `Bearer ${opsToken}`, "content-type": "application/json" },
      body: JSON.stringify({ date: HOLIDAY, name: "Deepavali (a made-up date far ahead)" }),
    });
    expect([201, 409]).toContain(holiday.status);

    const failures: string[] = [];
    const ops = await phoneSignedIn("ops@demo.test");
    failures.push(
      ...(await checkAll(ops, "ops", [
        "/ops/overview",
        "/ops",
        "/ops?status=return_requested",
        `/ops?q=${encodeURIComponent(shopper.email)}`,
        `/ops/orders/${shipped?.id}`,
        `/ops?sku=${listing}`,
        "/ops/emails?state=failed",
        "/ops/holidays",
        "/ops/reviews",
      ])),
    );
    await ops.context().close();

    const deals = await phoneSignedIn("deals@demo.test");
    failures.push(...(await checkAll(deals, "deals", ["/deals-console", "/deals-console?find=phone", `/deals-console/${deal?.id}`])));
    await deals.context().close();

    const seller = await phoneSignedIn("seller@demo.test");
    failures.push(
      ...(await checkAll(seller, "seller", [
        "/seller",
        "/seller/returns",
        "/seller/payments",
        "/seller/bulk",
        "/seller/profile",
        "/seller/new?q=phone",
      ])),
    );
    await seller.context().close();
    expect(failures).toEqual([]);
  });
});
