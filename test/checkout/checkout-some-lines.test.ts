import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { TestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { admissionFor, admittedShopper } from "./deal-support";
import { ADDRESS, checkout, shopperWithCart, stockOf, stockedListing } from "./support";

interface Placed {
  order_id: string;
  total: number;
  payment: { status: string };
}

/** What the shopper's cart holds now: listing id → quantity. */
async function cartOf(user: TestUser): Promise<Record<string, number>> {
  const cart = (await (await api("/api/cart", { headers: user.headers })).json()) as { items: Array<{ listing_id: string; qty: number }> };
  return Object.fromEntries(cart.items.map((l) => [l.listing_id, l.qty]));
}

/** The lines of an order: listing id → quantity. */
async function orderLines(orderId: string): Promise<Record<string, number>> {
  const rows = await env.DB.prepare("SELECT listing_id AS id, qty FROM order_items WHERE order_id = ?")
    .bind(orderId)
    .all<{ id: string; qty: number }>();
  return Object.fromEntries(rows.results.map((r) => [r.id, r.qty]));
}

async function ordersOf(user: TestUser): Promise<number> {
  return (await env.DB.prepare("SELECT COUNT(*) AS n FROM orders WHERE user_id = ?").bind(user.id).first<{ n: number }>())?.n ?? 0;
}

describe("POST /api/checkout with listing_ids", () => {
  it("orders only the lines named, and leaves the others in the cart and on the shelf untouched", async () => {
    const a = await stockedListing(10, 30000);
    const b = await stockedListing(10, 45000);
    const user = await shopperWithCart([
      [a.listingId, 2],
      [b.listingId, 3],
    ]);
    const res = await checkout(user, crypto.randomUUID(), { address: ADDRESS, payment_method: "upi", listing_ids: [a.listingId] });
    expect(res.status).toBe(201);
    const placed = (await res.json()) as Placed;
    expect(placed.total).toBe(60000);
    expect(await orderLines(placed.order_id)).toEqual({ [a.listingId]: 2 });
    expect(await cartOf(user)).toEqual({ [b.listingId]: 3 });
    expect(await stockOf(b.listingId)).toMatchObject({ available: 10, reserved: 0 });
  });

  it("takes cash on delivery for the lines named when the whole cart is over its limit", async () => {
    const a = await stockedListing(10, 3_000_000);
    const b = await stockedListing(10, 3_000_000);
    const user = await shopperWithCart([
      [a.listingId, 1],
      [b.listingId, 1],
    ]);
    const whole = await checkout(user, crypto.randomUUID(), { address: ADDRESS, payment_method: "cod" });
    expect(whole.status).toBe(409);
    expect(((await whole.json()) as { type: string }).type).toBe("/problems/cod-unavailable");

    const res = await checkout(user, crypto.randomUUID(), { address: ADDRESS, payment_method: "cod", listing_ids: [b.listingId] });
    expect(res.status).toBe(201);
    const placed = (await res.json()) as Placed;
    expect(placed.total).toBe(3_000_000);
    expect(placed.payment.status).toBe("authorized");
    expect(await cartOf(user)).toEqual({ [a.listingId]: 1 });
  });

  it("checks prices only of the lines named: a price change elsewhere in the cart does not stop it", async () => {
    const a = await stockedListing(10, 30000);
    const b = await stockedListing(10, 45000);
    const user = await shopperWithCart([
      [a.listingId, 1],
      [b.listingId, 1],
    ]);
    await env.DB.prepare("UPDATE listings SET price = 50000 WHERE id = ?").bind(b.listingId).run();
    const res = await checkout(user, crypto.randomUUID(), { address: ADDRESS, payment_method: "upi", listing_ids: [a.listingId] });
    expect(res.status).toBe(201);
    expect(((await res.json()) as Placed).total).toBe(30000);
  });

  it("refuses an id not in the cart, an empty list and a repeated id with 400 naming it, and changes nothing", async () => {
    const a = await stockedListing(10, 30000);
    const b = await stockedListing(10, 45000);
    const user = await shopperWithCart([
      [a.listingId, 1],
      [b.listingId, 2],
    ]);
    const key = crypto.randomUUID();
    const refusals: Array<[string[], string]> = [
      [[a.listingId, "lst_not_in_cart"], "listing_ids.1"],
      [[], "listing_ids"],
      [[a.listingId, a.listingId], "listing_ids.1"],
    ];
    for (const [ids, path] of refusals) {
      const res = await checkout(user, key, { address: ADDRESS, payment_method: "upi", listing_ids: ids });
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      const problem = (await res.json()) as { errors: Array<{ path: string }> };
      expect(problem.errors.map((e) => e.path)).toEqual([path]);
    }
    expect(await ordersOf(user)).toBe(0);
    expect(await cartOf(user)).toEqual({ [a.listingId]: 1, [b.listingId]: 2 });
    expect(await stockOf(a.listingId)).toMatchObject({ available: 10, reserved: 0 });

    // Nothing was kept under the key: a corrected request goes ahead with it.
    const fixed = await checkout(user, key, { address: ADDRESS, payment_method: "upi", listing_ids: [a.listingId] });
    expect(fixed.status).toBe(201);
  });

  it("replays a retry naming the same lines, in any order, and refuses the key for other lines", async () => {
    const a = await stockedListing(10, 30000);
    const b = await stockedListing(10, 45000);
    const c = await stockedListing(10, 10000);
    const user = await shopperWithCart([
      [a.listingId, 1],
      [b.listingId, 1],
      [c.listingId, 1],
    ]);
    const key = crypto.randomUUID();
    const body = (ids?: string[]) => ({ address: ADDRESS, payment_method: "upi", ...(ids ? { listing_ids: ids } : {}) });
    const first = await checkout(user, key, body([a.listingId, b.listingId]));
    expect(first.status).toBe(201);
    const { order_id } = (await first.json()) as Placed;

    const replay = await checkout(user, key, body([b.listingId, a.listingId]));
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(((await replay.json()) as Placed).order_id).toBe(order_id);

    expect((await checkout(user, key, body([a.listingId]))).status).toBe(422);
    expect((await checkout(user, key, body())).status).toBe(422);
    expect(await ordersOf(user)).toBe(1);
    expect(await cartOf(user)).toEqual({ [c.listingId]: 1 });
  });
});

describe("paying for a flash deal alone", () => {
  it("orders the deal line with its admission and keeps the rest of the cart; the rest checks out later without one", async () => {
    const { user, dealId, listingId } = await admittedShopper();
    const other = await stockedListing(10, 45000);
    await api(`/api/cart/items/${other.listingId}`, { method: "PUT", headers: user.headers, body: { qty: 2 } });

    const token = await admissionFor(dealId, user.id);
    const res = await checkout(user, crypto.randomUUID(), {
      address: ADDRESS,
      payment_method: "upi",
      admission_token: token,
      listing_ids: [listingId],
    });
    expect(res.status).toBe(201);
    const placed = (await res.json()) as Placed;
    expect(Object.keys(await orderLines(placed.order_id))).toEqual([listingId]);
    expect(await cartOf(user)).toEqual({ [other.listingId]: 2 });

    // The deal's admission is asked for only when a deal line is checked out.
    const rest = await checkout(user, crypto.randomUUID(), { address: ADDRESS, payment_method: "upi", listing_ids: [other.listingId] });
    expect(rest.status).toBe(201);
    expect(((await rest.json()) as Placed).total).toBe(90000);
    expect(await cartOf(user)).toEqual({});
  });
});
