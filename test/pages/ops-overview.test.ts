import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { minuteOf } from "../../workers/orders/order-minutes";
import { clockTime } from "../../workers/pages/format";
import { createTestUser, type TestUser } from "../helpers/accounts";
import { api, readerText } from "../helpers/http";
import { type SaleDay, seedSaleDay } from "../orders/overview-seed";
import { opsMove } from "../orders/returns-seed";

let ops: TestUser;
let day: SaleDay;

beforeAll(async () => {
  ops = await createTestUser(["ops"]);
  day = await seedSaleDay();
});

async function page(path = "/ops/overview"): Promise<string> {
  const res = await api(path, { headers: ops.headers });
  expect(res.status).toBe(200);
  return res.text();
}

/** The figure at `path` in the API's answer, as the page shows it, and the link around it (null when it has none). */
function figure(html: string, path: string): { value: string; href: string | null } {
  const cell = new RegExp(`<dd>(?:<a href="([^"]*)">)?<span data-figure="${path.replaceAll(".", "\\.")}">([^<]*)</span>`).exec(html);
  if (!cell) throw new Error(`no figure ${path}`);
  return { value: cell[2]!, href: cell[1] ?? null };
}

/** The longest wait at `path`: its words and the order it links to. */
function wait(html: string, path: string): { text: string; href: string } {
  const cell = new RegExp(
    `<dd data-wait="${path.replaceAll(".", "\\.")}"[^>]*><a href="([^"]*)"><span data-wait-text="">([^<]*)</span>`,
  ).exec(html);
  if (!cell) throw new Error(`no wait ${path}`);
  return { href: cell[1]!, text: cell[2]! };
}

describe("the ops overview page", () => {
  it("is the ops console's first tab", async () => {
    const html = await page();
    const nav = /<nav[^>]*data-ops-nav[^>]*>([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? "";
    expect([...nav.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1])).toEqual([
      "/ops/overview",
      "/ops",
      "/ops/reviews",
      "/ops/questions",
      "/ops/help",
      "/ops/holidays",
    ]);
    expect(nav).toContain('<a href="/ops/overview" aria-current="page">Overview</a>');
    expect(await page("/ops")).toContain('<a href="/ops/overview">Overview</a>');
  });

  it("shows each queue's count linked to its list, and the orders placed lately", async () => {
    const html = await page();
    expect(figure(html, "orders.by_status.confirmed")).toEqual({ value: "2", href: "/ops?status=confirmed" });
    expect(figure(html, "orders.by_status.created")).toEqual({ value: "2", href: "/ops?status=created" });
    expect(figure(html, "orders.by_status.packed")).toEqual({ value: "1", href: "/ops?status=packed" });
    expect(figure(html, "orders.by_status.return_requested")).toEqual({ value: "1", href: "/ops?status=return_requested" });
    expect(figure(html, "orders.placed_last_hour")).toEqual({ value: "4", href: null });
    expect(figure(html, "orders.placed_last_5_minutes")).toEqual({ value: "2", href: null });
    expect(readerText(html)).toContain("Confirmed, waiting to pack");
  });

  it("says how long the oldest order has waited to be packed and the oldest return for a decision, linked to each order", async () => {
    const html = await page();
    expect(wait(html, "orders.oldest_waiting_to_pack")).toEqual({ text: "3 h 10 min", href: `/ops/orders/${day.oldestConfirmed}` });
    expect(wait(html, "orders.oldest_return_request")).toEqual({ text: "1 h 5 min", href: `/ops/orders/${day.returnRequested}` });
  });

  it("shows the crons' unfinished work, each linked to where ops look into it", async () => {
    const html = await page();
    expect(figure(html, "backlog.sagas_due")).toEqual({ value: "1", href: "/ops?status=created" });
    expect(figure(html, "backlog.cancellations_unsettled")).toEqual({ value: "1", href: "/ops#settling-h" });
    expect(figure(html, "backlog.restocks_owed")).toEqual({ value: "1", href: "/ops#audit-h" });
    expect(figure(html, "backlog.invoices_owed").value).toBe("1");
    expect(figure(html, "backlog.invoices_held_without_gstin").value).toBe("1");
    expect(figure(html, "backlog.dead_letters.order-events")).toEqual({ value: "1", href: "/ops#dead-h" });
    expect(figure(html, "backlog.dead_letters.catalog-changes")).toEqual({ value: "0", href: "/ops#dead-h" });
    // The links land on the orders page's panels.
    const orders = await page("/ops");
    for (const id of ["settling-h", "audit-h", "dead-h"]) expect(orders).toContain(`id="${id}"`);
  });

  it("shows a count that stopped at the cap as the cap with a plus, and exact counts as they are", async () => {
    await env.DB.prepare(
      `INSERT INTO dead_letters (queue, message_id, body, received_at, reason)
       WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10001)
       SELECT 'inventory-journal', 'test-cap-' || i, '{}', ?1, 'retries exhausted' FROM n`,
    )
      .bind(new Date().toISOString())
      .run();
    try {
      const html = await page();
      expect(figure(html, "backlog.dead_letters.inventory-journal")).toEqual({ value: "10,000+", href: "/ops#dead-h" });
      expect(figure(html, "backlog.dead_letters.order-events").value).toBe("1");
      expect(figure(html, "orders.by_status.created").value).toBe("2");
    } finally {
      await env.DB.prepare("DELETE FROM dead_letters WHERE message_id LIKE 'test-cap-%'").run();
    }
    expect(figure(await page(), "backlog.dead_letters.inventory-journal").value).toBe("0");
  });

  it("counts a sale day's orders in the hour exactly, and draws them minute by minute with the busiest in words", async () => {
    // 50,000 orders in one minute ten minutes ago, beside the sale day's 4 in the hour.
    const busy = minuteOf(Date.now() - 10 * 60_000);
    await env.DB.prepare("INSERT INTO order_minutes (minute, placed) VALUES (?1, 50000) ON CONFLICT DO UPDATE SET placed = placed + 50000")
      .bind(busy)
      .run();
    try {
      const html = await page();
      expect(figure(html, "orders.placed_last_hour")).toEqual({ value: "50,004", href: null });
      const chart = /<figure class="rate-chart" data-per-minute="" data-bar-height="60">([\s\S]*?)<\/figure>/.exec(html)?.[1] ?? "";
      const busiest = clockTime(busy);
      expect(readerText(chart)).toContain(`Orders placed each minute, the last hour Busiest minute: ${busiest}, 50,000 orders.`);
      // The bars are for the eye: a table hidden from sight reads every minute out, the busiest among them.
      expect(chart).toMatch(/<svg [^>]*aria-hidden="true"/);
      expect(chart.match(/<rect /g)).toHaveLength(60);
      expect(chart).toMatch(/<rect data-bar="\d+" x="\d+" y="0" width="3" height="60">/);
      const table = /<div class="visually-hidden"><table>([\s\S]*?)<\/table>/.exec(chart)?.[1] ?? "";
      const rows = [...table.matchAll(/<tr data-minute-row="\d+"><th scope="row">([^<]*)<\/th><td>([^<]*)<\/td><\/tr>/g)];
      expect(rows).toHaveLength(60);
      expect(rows.filter((r) => r[2] === "50,000").map((r) => r[1])).toEqual([busiest]);
      expect(rows.filter((r) => r[2] === "0").length).toBeGreaterThanOrEqual(54);
    } finally {
      await env.DB.prepare("UPDATE order_minutes SET placed = placed - 50000 WHERE minute = ?1").bind(busy).run();
    }
  });

  it("says when the figures were read and reloads them with its script", async () => {
    const html = await page();
    expect(html).toMatch(/<time datetime="\d{4}-\d\d-\d\dT[^"]+Z" data-read-at="">/);
    expect(html).toContain('<script src="/static/ops-overview.js" type="module">');
    expect(html).toContain('data-refresh-seconds="30"');
    expect(html).toContain("No flash deals live or coming up.");
  });

  it("moves with the orders: packing the oldest confirmed order takes it off the confirmed count and the longest wait", async () => {
    const before = await page();
    expect(figure(before, "orders.by_status.confirmed").value).toBe("2");
    expect((await opsMove(day.oldestConfirmed, ops, { to: "packed", from: "confirmed" })).status).toBe(200);
    const after = await page();
    expect(figure(after, "orders.by_status.confirmed").value).toBe("1");
    expect(figure(after, "orders.by_status.packed").value).toBe("2");
    expect(wait(after, "orders.oldest_waiting_to_pack")).toEqual({ text: "2 min", href: `/ops/orders/${day.newConfirmed}` });
  });

  it("sends guests to sign in and refuses other accounts", async () => {
    const guest = await api("/ops/overview");
    expect(guest.redirected).toBe(true);
    expect(guest.url).toBe("https://shop.test/signin?next=%2Fops%2Foverview");
    const shopper = await api("/ops/overview", { headers: (await createTestUser()).headers });
    expect(shopper.status).toBe(403);
    expect(await shopper.text()).not.toContain("data-ops-overview");
  });
});
