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

describe("one product's orders in the seller's order list", () => {
  /** Four confirmed orders of one seller: three hold its phone (the oldest also its charger), one only the charger. */
  async function productOrders() {
    const seller = newId("sel");
    const user = await createTestUser(["seller"], { sellerId: seller });
    const phone = newId("prd");
    const charger = newId("prd");
    const [t0, t1, t2, t3] = timesFrom("2034-05-01T00:00:00.000Z", 4);
    const order = (at: string, ...products: string[]) =>
      seedOrder({ status: "confirmed", confirmed: true, at, lines: products.map((productId) => ({ sellerId: seller, productId })) });
    const both = await order(t0!, phone, charger);
    const second = await order(t1!, phone);
    const chargerOnly = await order(t2!, charger);
    const newest = await order(t3!, phone);
    // Another seller's order of the same phone is not this seller's.
    await seedOrder({ status: "confirmed", confirmed: true, at: t3!, lines: [{ sellerId: newId("sel"), productId: phone }] });
    return { user, phone, both, second, chargerOnly, newest };
  }

  it("pages through only the orders holding that product, newest first, each with all the seller's lines", async () => {
    const { user, phone, both, second, chargerOnly, newest } = await productOrders();
    const first = await sellerPage(`/api/seller/orders?product_id=${phone}&limit=2`, user.headers);
    expect(first.items.map((o) => o.id)).toEqual([newest, second]);
    const rest = await sellerPage(`/api/seller/orders?product_id=${phone}&limit=2&cursor=${first.next_cursor}`, user.headers);
    expect(rest.items.map((o) => [o.id, o.items.length])).toEqual([[both, 2]]);
    expect(rest.next_cursor).toBeNull();
    expect(rest.items.map((o) => o.id)).not.toContain(chargerOnly);
    // A product the seller never sold gives an empty page.
    expect(await sellerPage(`/api/seller/orders?product_id=${newId("prd")}`, user.headers)).toEqual({ items: [], next_cursor: null });
  });

  it("refuses a product filter with one order or a due list, and a cursor from another list, naming the field", async () => {
    const { user, phone, newest } = await productOrders();
    const field = async (query: string) => {
      const res = await api(`/api/seller/orders?${query}`, { headers: user.headers });
      expect(res.status, query).toBe(400);
      return ((await res.json()) as { errors: Array<{ path: string; message: string }> }).errors;
    };
    expect(await field(`product_id=${phone}&order=${newest}`)).toContainEqual({
      path: "product_id",
      message: "cannot be combined with order",
    });
    expect(await field(`product_id=${phone}&due=late`)).toContainEqual({ path: "product_id", message: "cannot be combined with due" });
    expect(await field("product_id=not%20an%20id")).toEqual([expect.objectContaining({ path: "product_id" })]);
    const everything = await sellerPage("/api/seller/orders?limit=1", user.headers);
    expect(await field(`product_id=${phone}&cursor=${everything.next_cursor}`)).toEqual([expect.objectContaining({ path: "cursor" })]);
  });

  it("reads one range of the seller's product index, however long the seller's history", async () => {
    for (const cursor of [undefined, { at: "2034-01-01T00:00:00.000Z", id: "ord_x", scope: "seller:product:prd_x" }]) {
      const { sql, binds } = sellerOrdersStatement("sel_x", { limit: 20, cursor, product_id: "prd_x" });
      const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .bind(...binds)
        .all<{ detail: string }>();
      const steps = results.map((r) => r.detail);
      expect(steps, JSON.stringify(steps)).toContainEqual(
        expect.stringMatching(/order_items_seller_product_idx \(seller_id=\? AND product_id=\?/),
      );
      expect(steps.filter((d) => /^SCAN (i|o)\b/.test(d))).toEqual([]);
    }
  });

  it("shows the console's one product with its orders only, and a way back to all of them", async () => {
    const { user, phone, both, second, chargerOnly, newest } = await productOrders();
    const html = await (await api(`/seller?product=${phone}`, { headers: user.headers })).text();
    for (const id of [both, second, newest]) expect(html).toContain(`data-order-id="${id}"`);
    expect(html).not.toContain(`data-order-id="${chargerOnly}"`);
    expect(html).toMatch(/data-product-orders[\s\S]*href="\/seller#orders"[^>]*>Show all orders/);
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
