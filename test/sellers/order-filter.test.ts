import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { sellerOrdersStatement } from "../../workers/orders/seller-orders";
import { newId } from "../../workers/platform/ids";
import { createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { seedOrder, timesFrom } from "../orders/seed";

interface SellerPage {
  items: Array<{ id: string; items: Array<{ listing_id: string }> }>;
  next_cursor: string | null;
}

async function sellerPage(path: string, headers: Record<string, string>): Promise<SellerPage> {
  const res = await api(path, { headers });
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as SellerPage;
}

/** Three confirmed orders of seller A, the oldest of them also holding a line of seller B. */
async function threeOrders() {
  const a = newId("sel");
  const b = newId("sel");
  const sellerA = await createTestUser(["seller"], { sellerId: a });
  const sellerB = await createTestUser(["seller"], { sellerId: b });
  const [t0, t1, t2] = timesFrom("2033-03-01T00:00:00.000Z", 3);
  const oldest = await seedOrder({
    status: "confirmed",
    confirmed: true,
    at: t0!,
    lines: [{ sellerId: a }, { sellerId: a }, { sellerId: b }],
  });
  const middle = await seedOrder({ status: "confirmed", confirmed: true, at: t1!, lines: [{ sellerId: a }] });
  const newest = await seedOrder({ status: "confirmed", confirmed: true, at: t2!, lines: [{ sellerId: a }] });
  return { sellerA, sellerB, oldest, middle, newest };
}

describe("one order in the seller's order list", () => {
  it("answers just the order asked for, off the first page, with only the seller's own lines", async () => {
    const { sellerA, sellerB, oldest, newest } = await threeOrders();
    // The oldest is off a one-order first page, as a busy day leaves it.
    expect((await sellerPage("/api/seller/orders?limit=1", sellerA.headers)).items.map((o) => o.id)).toEqual([newest]);

    const mine = await sellerPage(`/api/seller/orders?limit=1&order=${oldest}`, sellerA.headers);
    expect(mine.items.map((o) => [o.id, o.items.length])).toEqual([[oldest, 2]]);
    expect(mine.next_cursor).toBeNull();
    const theirs = await sellerPage(`/api/seller/orders?order=${oldest}`, sellerB.headers);
    expect(theirs.items.map((o) => [o.id, o.items.length])).toEqual([[oldest, 1]]);
  });

  it("answers an empty page for another seller's order or an unknown one, as it would for no order at all", async () => {
    const { sellerB, newest } = await threeOrders();
    expect(await sellerPage(`/api/seller/orders?order=${newest}`, sellerB.headers)).toEqual({ items: [], next_cursor: null });
    expect(await sellerPage("/api/seller/orders?order=ord_nosuchorder", sellerB.headers)).toEqual({ items: [], next_cursor: null });
    const bad = await api("/api/seller/orders?order=nope", { headers: sellerB.headers });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: Array<{ path: string }> }).errors[0]?.path).toBe("order");
  });

  it("shows just that order in the console, with a way back to all of them", async () => {
    const { sellerA, sellerB, oldest, middle, newest } = await threeOrders();
    const one = await (await api(`/seller?order=${oldest}`, { headers: sellerA.headers })).text();
    expect(one).toContain(`data-order-id="${oldest}"`);
    expect(one).not.toContain(`data-order-id="${middle}"`);
    expect(one).not.toContain(`data-order-id="${newest}"`);
    expect(one).toMatch(/data-one-order[\s\S]*href="\/seller#orders"[^>]*>Show all orders/);

    const all = await (await api("/seller", { headers: sellerA.headers })).text();
    for (const id of [oldest, middle, newest]) expect(all).toContain(`data-order-id="${id}"`);
    expect(all).not.toContain("data-one-order");

    const notTheirs = await (await api(`/seller?order=${newest}`, { headers: sellerB.headers })).text();
    expect(notTheirs).not.toContain("data-order-id=");
    expect(notTheirs).toContain("None of your listings is in this order.");
  });
});

describe("the one-order read's statement", () => {
  it("looks the order up by its key, never walking the seller's history", async () => {
    for (const cursor of [undefined, { at: "2033-01-01T00:00:00.000Z", id: "ord_x", scope: "seller" }]) {
      const { sql, binds } = sellerOrdersStatement("sel_x", { limit: 20, cursor, order: "ord_x" });
      const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .bind(...binds)
        .all<{ detail: string }>();
      const steps = results.map((r) => r.detail);
      const lines = steps.filter((d) => /^(SEARCH|SCAN) i\b/.test(d));
      expect(lines[0], JSON.stringify(steps)).toMatch(/^SEARCH i USING INDEX sqlite_autoindex_order_items_1 \(order_id=\?\)/);
      expect(steps.filter((d) => d.includes("order_items_seller_idx") || /^SCAN (i|o)\b/.test(d))).toEqual([]);
    }
    // Without the filter the list still pages through the seller's index, newest first.
    const { sql, binds } = sellerOrdersStatement("sel_x", { limit: 20 });
    const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .bind(...binds)
      .all<{ detail: string }>();
    expect(results.map((r) => r.detail)).toContainEqual(expect.stringContaining("order_items_seller_idx (seller_id=?)"));
  });
});
