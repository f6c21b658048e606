import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, inject, it } from "vitest";
import { DEMO_PASSWORD } from "../../scripts/catalog/demo-accounts.mjs";
import { ensureDemoDeals } from "../../scripts/demo-deals.mjs";
import { ensureDemoOrders } from "../../scripts/demo-orders.mjs";
import { browserForFile, newShopper, signIn } from "./browser";
import { endOpenDeals, managerToken } from "./deals";
import { runLocalD1, sqlText } from "./local-d1";

const baseURL = inject("baseURL");
const persistTo = inject("persistTo");
const browser = browserForFile();
const ARTIFACTS = path.resolve(import.meta.dirname, "../../test-artifacts");

// The journeys share one storefront: leave it with no open deal and no holiday, dead letter or
// given-up mail of this file's.
const HOLIDAY = "2099-10-20";
const MARK = `phone-width-${Date.now()}`;
afterAll(async () => {
  await endOpenDeals(baseURL);
  await runLocalD1(
    persistTo,
    `DELETE FROM dead_letters WHERE message_id = ${sqlText(MARK)}; DELETE FROM notifications WHERE event_id = ${sqlText(MARK)};`,
  );
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

/**
 * Opens each of `paths` at phone width and collects what is wrong with each, saving a picture of
 * it. `shows` names, by path, a table the page must draw, so a table only some data brings out is
 * known to have been checked.
 */
async function checkAll(page: Page, role: string, paths: string[], shows: Record<string, string> = {}): Promise<string[]> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const failures: string[] = [];
  for (const [i, p] of paths.entries()) {
    const res = await page.goto(p);
    await page.waitForLoadState("load");
    expect(res?.status(), p).toBeLessThan(400);
    const table = shows[p];
    if (table) expect(await page.locator(table).count(), `${p} shows ${table}`).toBe(1);
    await page.screenshot({ path: path.join(ARTIFACTS, `phone-${role}-${i}.png`), fullPage: true });
    failures.push(...(await phoneProblems(page)).map((problem) => `${p}: ${problem}`));
  }
  return failures;
}

/** A bearer-token call to the storefront's API, answering its status and JSON body. */
async function callApi(token: string, url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${baseURL}${url}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/**
 * What the demo data never shows, which a sale day does: a message the inventory queue gave up
 * on, a mail given up after the provider kept refusing it, and a deal that sold over its first
 * minutes. No API makes the first two on demand, and a deal's sales come from paid orders placed
 * through its waiting room, so they are written to D1 as those paths leave them: the dead letter
 * and the given-up mail as rows, and the shopper's paid demo orders as placed on the deal, at
 * minutes 1, 2 and 5 after it opened.
 */
async function seedSaleDayRows(dealId: string, shopperEmail: string, paidOrders: string[], mailOrder: string): Promise<void> {
  const now = sqlText(new Date().toISOString());
  const minutes = [0, 1, 4];
  await runLocalD1(
    persistTo,
    [
      `INSERT INTO dead_letters (queue, message_id, body, received_at, reason) VALUES ('inventory-journal', ${sqlText(MARK)},
         '{"source":"sku-gate"}', ${now}, 'unreadable: entries.0.qty: Expected number, received string; skuId: Required')`,
      `INSERT INTO notifications (event_id, channel, user_id, order_id, kind, subject, body, created_at, email_state,
         send_attempts, send_error, given_up_at)
       SELECT ${sqlText(MARK)}, 'email', id, ${sqlText(mailOrder)}, 'order_shipped', 'Your order is on its way', '', ${now},
         'failed', 5, 'The mail provider refused it: 550 5.1.1 mailbox unavailable (it retried every attempt)', ${now}
       FROM users WHERE email = ${sqlText(shopperEmail)}`,
      ...paidOrders.slice(0, minutes.length).map(
        (order, i) =>
          `UPDATE order_items SET deal_id = ${sqlText(dealId)}, created_at = strftime('%Y-%m-%dT%H:%M:%fZ',
             (SELECT starts_at FROM deals WHERE id = ${sqlText(dealId)}), '+${minutes[i]} minutes', '+20 seconds')
           WHERE order_id = ${sqlText(order)}`,
      ),
    ].join(";\n"),
  );
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
    // A deal that has opened, on a listing of the demo orders (not one the demo deals are made in).
    const opens = Date.now() + 2_000;
    const sold = await callApi(
      dealsToken,
      "/api/admin/deals",
      {
        listing_id: listing,
        deal_price: 100,
        units: 5,
        starts_at: new Date(opens).toISOString(),
        ends_at: new Date(opens + 3_600_000).toISOString(),
        per_user_limit: 1,
        waiting_room: { active_users: 100, new_users_per_minute: 600, session_minutes: 10 },
      },
      { "idempotency-key": MARK },
    );
    expect(sold.status, JSON.stringify(sold.body)).toBe(201);
    const paid = orders.filter((o) => o.id !== shipped?.id && o.status !== "return_requested").map((o) => o.id);
    await seedSaleDayRows(String(sold.body.id), shopper.email, paid, String(shipped?.id));
    await new Promise((r) => setTimeout(r, Math.max(0, opens - Date.now() + 500)));
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
      ...(await checkAll(
        ops,
        "ops",
        [
          "/ops/overview",
          "/ops",
          "/ops?status=return_requested",
          `/ops?q=${encodeURIComponent(shopper.email)}`,
          `/ops/orders/${shipped?.id}`,
          `/ops?sku=${listing}`,
          "/ops/emails?state=failed",
          "/ops/holidays",
          "/ops/reviews",
          "/ops/help",
          "/ops?due=late",
        ],
        { "/ops": "[data-dead-letters] table", "/ops/emails?state=failed": "table[data-given-up]" },
      )),
    );
    await ops.context().close();

    const deals = await phoneSignedIn("deals@demo.test");
    const soldDashboard = `/deals-console/${sold.body.id}`;
    failures.push(
      ...(await checkAll(deals, "deals", ["/deals-console", "/deals-console?find=phone", `/deals-console/${deal?.id}`, soldDashboard], {
        [soldDashboard]: "table.deal-minutes",
      })),
    );
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

    // The shopper's own order and its tax invoice, whose table is the widest a shopper meets.
    const buyer = await phoneSignedIn(shopper.email);
    const bills = (await (await buyer.context().request.get(`${baseURL}/api/orders/${shipped?.id}/invoices`)).json()) as {
      items: { id: string }[];
    };
    const invoice = `/orders/${shipped?.id}/invoices/${bills.items[0]?.id}`;
    failures.push(...(await checkAll(buyer, "shopper", [`/orders/${shipped?.id}`, invoice], { [invoice]: "table.invoice-lines" })));
    await buyer.context().close();
    expect(failures).toEqual([]);
  });
});
