import { afterEach, describe, expect, it } from "vitest";
import { closeBrowser, el, runScript } from "./script-dom";

afterEach(closeBrowser);

/** The overview as the page draws it: a figure, the longest wait, one deal, the time read. */
function drawn() {
  const confirmed = el("span", { "data-figure": "orders.by_status.confirmed" }, [], "2");
  const dead = el("span", { "data-figure": "backlog.dead_letters.order-events" }, [], "0");
  const waitText = el("span", { "data-wait-text": "" }, [], "3 h 10 min");
  const waitLink = el("a", { href: "/ops/orders/ord_old" }, [waitText]);
  const none = el("span", { "data-wait-none": "" }, [], "None waiting");
  none.hidden = true;
  const wait = el("dd", { "data-wait": "orders.oldest_waiting_to_pack", "data-since": "2030-01-15T01:20:00.000Z" }, [waitLink, none]);
  const left = el("td", { "data-deal-figure": "remaining" }, [], "8");
  const status = el("td", { "data-deal-figure": "status" }, [], "Live");
  const deals = el("table", { "data-deal-ids": "deal_a" }, [el("tr", { "data-deal": "deal_a" }, [status, left])]);
  const changed = el("p", { "data-deals-changed": "" });
  changed.hidden = true;
  const read = el("time", { datetime: "2030-01-15T04:30:00.000Z", "data-read-at": "" }, [], "10:00:00 am");
  const notice = el("p", { "data-notice": "" });
  const board = el("div", { "data-ops-overview": "", "data-refresh-seconds": "30" }, [read, confirmed, dead, wait, deals, changed]);
  return { body: el("body", {}, [notice, board]), confirmed, dead, waitText, waitLink, none, left, status, changed, read, notice };
}

function overview(
  overrides: { confirmed?: number; capped?: string[]; wait?: { order_id: string; since: string } | null; deals?: unknown[] } = {},
) {
  return {
    read_at: "2030-01-15T04:30:30.000Z",
    capped_at: 10000,
    capped: overrides.capped ?? [],
    orders: {
      by_status: { created: 0, payment_authorized: 0, confirmed: overrides.confirmed ?? 1, packed: 3, shipped: 0, return_requested: 0 },
      placed_last_hour: 0,
      placed_last_5_minutes: 0,
      per_minute: [] as Array<{ minute: string; placed: number }>,
      oldest_waiting_to_pack: overrides.wait === undefined ? { order_id: "ord_next", since: "2030-01-15T04:28:00.000Z" } : overrides.wait,
      oldest_return_request: null,
      oldest_help_request: null,
    },
    backlog: { dead_letters: { "order-events": 1234 } },
    deals: overrides.deals ?? [{ id: "deal_a", status: "sold_out", remaining: 0 }],
  };
}

describe("ops-overview.js", () => {
  it("reads the figures again every 30 seconds and writes them, their waits and the time read into the page", async () => {
    const page = drawn();
    const asked: string[] = [];
    let answer = overview();
    const browser = await runScript("ops-overview.js", {
      body: page.body,
      fetch: async (url) => {
        asked.push(url);
        return Response.json(answer);
      },
    });
    // Nothing is read until the first round is due; the page was drawn with fresh figures.
    expect(browser.timers).toEqual([30_000]);
    expect(asked).toEqual([]);

    await browser.fireTimers();
    expect(asked).toEqual(["/api/admin/overview"]);
    expect(page.confirmed.textContent).toBe("1");
    expect(page.dead.textContent).toBe("1,234");
    expect(page.waitText.textContent).toBe("2 min");
    expect(page.waitLink.getAttribute("href")).toBe("/ops/orders/ord_next");
    expect(page.left.textContent).toBe("0");
    expect(page.status.textContent).toBe("Sold out");
    expect(page.changed.hidden).toBe(true);
    expect(page.read.getAttribute("datetime")).toBe("2030-01-15T04:30:30.000Z");
    expect(page.read.textContent).toBe("10:00:30 am");
    expect(browser.timers).toEqual([30_000, 30_000]);

    // Nothing waits any more, and a deal opened that the page has no row for.
    answer = overview({
      wait: null,
      deals: [
        { id: "deal_a", status: "live", remaining: 5 },
        { id: "deal_b", status: "live", remaining: 9 },
      ],
    });
    await browser.fireTimers();
    expect(page.waitLink.hidden).toBe(true);
    expect(page.none.hidden).toBe(false);
    expect(page.changed.hidden).toBe(false);
    expect(page.left.textContent).toBe("5");
  });

  it("names a deal's status as the consoles do, by its times: upcoming before its start, live after it", async () => {
    const page = drawn();
    const readAt = Date.parse("2030-01-15T04:30:30.000Z");
    const deal = (status: string, startsIn: number) => ({
      id: "deal_a",
      status,
      remaining: 5,
      starts_at: new Date(readAt + startsIn).toISOString(),
      ends_at: new Date(readAt + 3_600_000).toISOString(),
    });
    let answer = overview({ deals: [deal("scheduled", 60_000)] });
    const browser = await runScript("ops-overview.js", { body: page.body, fetch: async () => Response.json(answer) });
    await browser.fireTimers();
    expect(page.status.textContent).toBe("Upcoming");
    // Its start has passed; the cron has not moved its row yet.
    answer = overview({ deals: [deal("scheduled", -1_000)] });
    await browser.fireTimers();
    expect(page.status.textContent).toBe("Live");
    answer = overview({ deals: [deal("paused", -1_000)] });
    await browser.fireTimers();
    expect(page.status.textContent).toBe("Paused");
  });

  it("writes a count that stopped at the cap with a plus, and takes the plus away once it is exact again", async () => {
    const page = drawn();
    let answer = overview({ confirmed: 10000, capped: ["orders.by_status.confirmed"] });
    const browser = await runScript("ops-overview.js", { body: page.body, fetch: async () => Response.json(answer) });
    await browser.fireTimers();
    expect(page.confirmed.textContent).toBe("10,000+");
    expect(page.dead.textContent).toBe("1,234");
    answer = overview({ confirmed: 9999 });
    await browser.fireTimers();
    expect(page.confirmed.textContent).toBe("9,999");
  });

  it("draws the orders placed each minute again: the bars against the busiest minute, its words and the table read out", async () => {
    const page = drawn();
    // The chart as the page draws it, cut to three minutes.
    const bars = [0, 1, 2].map((i) => el("rect", { "data-bar": String(i), y: "60", height: "0" }));
    const rows = [0, 1, 2].map((i) => el("tr", { "data-minute-row": String(i) }, [el("th", {}, [], "old"), el("td", {}, [], "0")]));
    const summary = el("span", { "data-rate-summary": "" }, [], "No orders placed in the last 60 minutes.");
    const from = el("span", { "data-rate-from": "" });
    const to = el("span", { "data-rate-to": "" });
    const chart = el("figure", { "data-per-minute": "", "data-bar-height": "60" }, [
      summary,
      el("svg", {}, bars),
      from,
      to,
      el("table", {}, rows),
    ]);
    page.body.querySelector("[data-ops-overview]")?.append(chart);
    const answer = overview();
    answer.orders.per_minute = [
      { minute: "2030-01-15T04:28:00.000Z", placed: 1200 },
      { minute: "2030-01-15T04:29:00.000Z", placed: 0 },
      { minute: "2030-01-15T04:30:00.000Z", placed: 300 },
    ];
    const browser = await runScript("ops-overview.js", { body: page.body, fetch: async () => Response.json(answer) });
    await browser.fireTimers();
    expect(bars.map((b) => [b.getAttribute("y"), b.getAttribute("height")])).toEqual([
      ["0", "60"],
      ["60", "0"],
      ["45", "15"],
    ]);
    expect(rows.map((r) => r.children.map((c) => c.textContent))).toEqual([
      ["9:58 am", "1,200"],
      ["9:59 am", "0"],
      ["10:00 am", "300"],
    ]);
    expect(summary.textContent).toBe("Busiest minute: 9:58 am, 1,200 orders. This minute so far: 300.");
    expect([from.textContent, to.textContent]).toEqual(["9:58 am", "10:00 am (so far)"]);
  });

  it("keeps the last figures and says so when a read fails, and tries again", async () => {
    const page = drawn();
    const browser = await runScript("ops-overview.js", {
      body: page.body,
      fetch: async () => Response.json({ type: "/problems/unavailable", title: "Busy", status: 503 }, { status: 503 }),
    });
    await browser.fireTimers();
    expect(page.confirmed.textContent).toBe("2");
    expect(page.notice.textContent).toContain("The figures could not be read again.");
    expect(page.notice.hidden).toBe(false);
    expect(browser.timers).toEqual([30_000, 30_000]);
  });
});
