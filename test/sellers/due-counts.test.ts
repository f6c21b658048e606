import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { countSellerDue, sellerDueCountsStatement } from "../../workers/orders/seller-due-counts";
import { LateOrdersAlert, OrdersJump } from "../../workers/pages/consoles/seller-due";
import { api, readerText } from "../helpers/http";
import { seedOrder } from "../orders/seed";
import { sellerPage } from "../orders/seller-page";
import { daysAgo, movedBack, order, seller } from "./hand-over-orders";

interface DueCounts {
  late: number;
  today: number;
  capped_at: number;
  capped: string[];
}

async function dueCounts(headers: Record<string, string>): Promise<DueCounts> {
  const res = await api("/api/seller/orders/due", { headers });
  expect(res.status).toBe(200);
  expect(res.headers.get("cache-control")).toBe("private, no-store");
  return (await res.json()) as DueCounts;
}

const clock = () => ({ calendar: new Set<string>(), now: new Date() });

describe("GET /api/seller/orders/due", () => {
  it("counts exactly the orders the late and due-today lists hold, each order once, the seller's own only", async () => {
    const s = await seller();
    const late = [await order(s.sellerId), await order(s.sellerId, "packed")];
    // Two of the seller's lines in one late order: still one order.
    const twoLines = await seedOrder({
      status: "confirmed",
      confirmed: true,
      at: new Date().toISOString(),
      lines: [{ sellerId: s.sellerId }, { sellerId: s.sellerId }],
    });
    const shippedLate = await order(s.sellerId, "shipped");
    for (const id of [...late, twoLines, shippedLate]) await movedBack(id, daysAgo(8));
    await order(s.sellerId);
    const other = await seller();
    await movedBack(await order(other.sellerId), daysAgo(9));

    const counts = await dueCounts(s.headers);
    const lateList = await sellerPage("/api/seller/orders?due=late", s.headers);
    const todayList = await sellerPage("/api/seller/orders?due=today", s.headers);
    expect(lateList.items).toHaveLength(3);
    expect(counts).toEqual({ late: 3, today: todayList.items.length, capped_at: 100, capped: [] });
    expect(await dueCounts(other.headers)).toMatchObject({ late: 1, capped: [] });
  });

  it("stops at its cap and says which count reached it", async () => {
    const s = await seller();
    for (let k = 0; k < 4; k++) await movedBack(await order(s.sellerId), daysAgo(6 + k));
    expect(await countSellerDue(env.DB, s.sellerId, clock(), 3)).toEqual({ late: 3, today: 0, capped_at: 3, capped: ["late"] });
    expect(await countSellerDue(env.DB, s.sellerId, clock(), 4)).toEqual({ late: 4, today: 0, capped_at: 4, capped: [] });
  });

  it("is refused to a shopper", async () => {
    const shopper = await api("/api/seller/orders/due");
    expect(shopper.status).toBe(401);
    expect(shopper.headers.get("content-type")).toContain("application/problem+json");
  });

  it("reads only the seller's own range of lines still to ship", async () => {
    const { sql, binds } = sellerDueCountsStatement("sel_x", clock());
    const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .bind(...binds)
      .all<{ detail: string }>();
    const steps = results.map((r) => r.detail);
    expect(steps.filter((d) => d.includes("order_items_seller_to_ship_idx (seller_id=? AND ready_to_ship_at>? AND"))).toHaveLength(2);
    expect(
      steps.filter((d) => /^SCAN i\b/.test(d) || d.includes("order_items_seller_idx")),
      JSON.stringify(steps),
    ).toEqual([]);
  });
});

describe("the seller console's due links", () => {
  it("raise no alert while nothing is late, and name a capped count as more than the cap", async () => {
    const s = await seller();
    await order(s.sellerId);
    expect(await (await api("/seller", { headers: s.headers })).text()).not.toContain("data-late-orders");
    const capped = String(LateOrdersAlert({ counts: { late: 100, today: 3, capped_at: 100, capped: ["late"] }, href: "/seller?due=late" }));
    expect(readerText(capped).trim()).toBe("More than 100 orders are past the day to hand over to the courier. See the late orders");
    const one = String(LateOrdersAlert({ counts: { late: 1, today: 0, capped_at: 100, capped: [] }, href: "/seller?due=late" }));
    expect(readerText(one)).toContain("1 order is past the day");
  });

  it("say how many orders each opens, and the page of one order shows none", async () => {
    const s = await seller();
    for (let k = 0; k < 2; k++) await movedBack(await order(s.sellerId), daysAgo(7 + k));
    const page = await (await api("/seller", { headers: s.headers })).text();
    expect(page).toMatch(/href="\/seller\?due=late#orders" data-due-count="late">Late \(2\)</);
    expect(page).toMatch(/data-due-count="today">Due today \(0\)</);
    const lateOnly = await (await api("/seller?due=late", { headers: s.headers })).text();
    expect(lateOnly).toMatch(/data-due-count="today">Due today \(0\)</);

    expect(readerText(/<div class="panel warning"[^>]*data-late-orders[\s\S]*?<\/div>/.exec(page)?.[0] ?? "").trim()).toBe(
      "2 orders are past the day to hand over to the courier. See the late orders",
    );
    expect(page).toMatch(/data-late-orders[\s\S]*?href="\/seller\?due=late#orders">See the late orders</);
    // The late list itself needs no alert pointing at it.
    expect(lateOnly).not.toContain("data-late-orders");

    const one = await order(s.sellerId);
    const onePage = await (await api(`/seller?order=${one}`, { headers: s.headers })).text();
    expect(onePage).toContain("data-one-order");
    expect(onePage).not.toContain("data-due-count");
  });

  it("lead from the top of the console, past the listings, to the orders and how many leave today", async () => {
    const s = await seller();
    for (let k = 0; k < 3; k++) await order(s.sellerId);
    const today = (await dueCounts(s.headers)).today;
    const page = await (await api("/seller", { headers: s.headers })).text();
    const jump = /<a class="button" href="#orders" data-orders-jump(?:="true")?>([^<]*)<\/a>/.exec(page);
    expect(jump?.[1]).toBe(today > 0 ? `Go to your orders (${today} to hand over today)` : "Go to your orders");
    // Above the listings, and the orders are where it leads.
    expect(page.indexOf("data-orders-jump")).toBeLessThan(page.indexOf("data-stock-filter"));
    expect(page).toContain('<h2 id="orders">Your orders</h2>');

    const words = (counts: Parameters<typeof OrdersJump>[0]["counts"]) => readerText(String(OrdersJump({ counts }))).trim();
    expect(words({ late: 0, today: 3, capped_at: 100, capped: [] })).toBe("Go to your orders (3 to hand over today)");
    expect(words({ late: 0, today: 100, capped_at: 100, capped: ["today"] })).toBe("Go to your orders (100+ to hand over today)");
    expect(words({ late: 2, today: 0, capped_at: 100, capped: [] })).toBe("Go to your orders");
    expect(words(null)).toBe("Go to your orders");
  });
});
