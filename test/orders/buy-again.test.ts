import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { MAX_LINES } from "../../durable-objects/cart";
import { cartStub } from "../../workers/cart/cart-service";
import { newId } from "../../workers/platform/ids";
import { stockedListing } from "../checkout/support";
import { createTestUser, type TestUser } from "../helpers/accounts";
import { createListingFixture } from "../helpers/catalog";
import { api } from "../helpers/http";
import { seedOrder } from "./seed";

interface Outcome {
  order_id: string;
  ordered_at: string;
  added: Array<{
    listing_id: string;
    title: string;
    qty: number;
    ordered_qty: number;
    price: number;
    price_then: number;
    capped: string | null;
    deal_price_ended: boolean;
  }>;
  skipped: Array<{ listing_id: string; title: string; why: string }>;
}

interface Cart {
  items: Array<{ listing_id: string; qty: number; price: number; price_when_added: number }>;
}

const buyAgain = (orderId: string, user: TestUser) => api(`/api/orders/${orderId}/buy-again`, { method: "POST", headers: user.headers });

async function cartOf(user: TestUser): Promise<Array<[string, number, number]>> {
  const cart = (await (await api("/api/cart", { headers: user.headers })).json()) as Cart;
  return cart.items.map((i) => [i.listing_id, i.qty, i.price_when_added]);
}

/** A delivered order of the shopper's: one line of each listing, `qty` units at `unitPrice`. */
function deliveredOrder(
  user: TestUser,
  lines: Array<{
    f: { listingId: string; productId: string; sellerId: string };
    title: string;
    qty?: number;
    unitPrice?: number;
    dealId?: string;
  }>,
  status: "delivered" | "confirmed" | "refunded" = "delivered",
) {
  return seedOrder({
    userId: user.id,
    status,
    at: "2025-11-14T06:00:00.000Z",
    lines: lines.map((l) => ({
      sellerId: l.f.sellerId,
      listingId: l.f.listingId,
      productId: l.f.productId,
      title: l.title,
      qty: l.qty ?? 1,
      unitPrice: l.unitPrice ?? 10000,
      ...(l.dealId ? { dealId: l.dealId } : {}),
    })),
  });
}

describe("buying an order again", () => {
  it("puts the lines in the cart at today's price, and says which could not go and why", async () => {
    const user = await createTestUser();
    const kettle = await stockedListing(10, 150000);
    const withdrawn = await stockedListing(10, 30000);
    const soldOut = await createListingFixture({ price: 20000 });
    const dealt = await stockedListing(10, 80000);
    const gone = { listingId: newId("lst"), productId: newId("prd"), sellerId: newId("sel") };
    const orderId = await deliveredOrder(user, [
      { f: kettle, title: "Kettle", qty: 2, unitPrice: 140000 },
      { f: withdrawn, title: "Withdrawn Lamp", unitPrice: 30000 },
      { f: soldOut, title: "Sold Out Mug", unitPrice: 20000 },
      { f: dealt, title: "Deal Phone", unitPrice: 60000, dealId: "deal_ended_last_week" },
      { f: gone, title: "Old Lamp" },
    ]);
    // Since the order: the kettle costs more, the lamp's seller stopped selling it.
    await env.DB.prepare("UPDATE listings SET price = 152500 WHERE id = ?").bind(kettle.listingId).run();
    await env.DB.prepare("UPDATE listings SET active = 0 WHERE id = ?").bind(withdrawn.listingId).run();

    const res = await buyAgain(orderId, user);
    expect(res.status).toBe(200);
    const out = (await res.json()) as Outcome;
    expect(out).toMatchObject({ order_id: orderId, ordered_at: "2025-11-14T06:00:00.000Z" });
    expect(out.added).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ listing_id: kettle.listingId, qty: 2, ordered_qty: 2, price: 152500, price_then: 140000, capped: null }),
        expect.objectContaining({ listing_id: dealt.listingId, qty: 1, price: 80000, price_then: 60000, deal_price_ended: true }),
      ]),
    );
    expect(out.added).toHaveLength(2);
    expect(out.added.find((a) => a.listing_id === kettle.listingId)?.deal_price_ended).toBe(false);
    expect(out.skipped.sort((a, b) => a.title.localeCompare(b.title))).toEqual([
      { listing_id: gone.listingId, title: "Old Lamp", why: "product_gone" },
      { listing_id: soldOut.listingId, title: "Sold Out Mug", why: "sold_out" },
      { listing_id: withdrawn.listingId, title: "Withdrawn Lamp", why: "not_sold" },
    ]);
    // The cart holds them at today's prices, so it flags no change since adding.
    expect((await cartOf(user)).sort()).toEqual(
      [
        [kettle.listingId, 2, 152500],
        [dealt.listingId, 1, 80000],
      ].sort(),
    );
  });

  it("raises a line to at least what was ordered, so pressing twice (or holding more) adds nothing more", async () => {
    const user = await createTestUser();
    const kettle = await stockedListing(10, 150000);
    const mug = await stockedListing(10, 20000);
    const orderId = await deliveredOrder(user, [
      { f: kettle, title: "Kettle", qty: 2 },
      { f: mug, title: "Mug", qty: 1 },
    ]);
    // The shopper already has 4 mugs in the cart: buying again keeps them, it does not make it 5.
    await api(`/api/cart/items/${mug.listingId}`, { method: "PUT", headers: user.headers, body: { qty: 4 } });
    const [first, second] = await Promise.all([buyAgain(orderId, user), buyAgain(orderId, user)]);
    expect([first?.status, second?.status]).toEqual([200, 200]);
    expect((await buyAgain(orderId, user)).status).toBe(200);
    const held = new Map((await cartOf(user)).map(([id, qty]) => [id, qty]));
    expect(held.get(kettle.listingId)).toBe(2);
    expect(held.get(mug.listingId)).toBe(4);
  });

  it("keeps to the cart's limits and says when a line was capped", async () => {
    const user = await createTestUser();
    const many = await stockedListing(50, 1000);
    const few = await stockedListing(3, 1000);
    const spare = await stockedListing(10, 1000);
    const orderId = await deliveredOrder(user, [
      { f: many, title: "Batteries", qty: 12 },
      { f: few, title: "Candles", qty: 5 },
      { f: spare, title: "Spare", qty: 1 },
    ]);
    const out = (await (await buyAgain(orderId, user)).json()) as Outcome;
    const byId = new Map(out.added.map((a) => [a.listing_id, a]));
    expect(byId.get(many.listingId)).toMatchObject({ qty: 10, ordered_qty: 12, capped: "cart_limit" });
    expect(byId.get(few.listingId)).toMatchObject({ qty: 3, ordered_qty: 5, capped: "stock" });

    // A full cart takes no new line, and says so; the lines it has are still raised.
    const other = await createTestUser();
    const stub = cartStub(env, `user:${other.id}`);
    await stub.setQty(spare.listingId, 1, 1000);
    for (let i = 1; i < MAX_LINES; i++) await stub.setQty(`lst_filler_${i}`, 1, 1000);
    const theirs = await deliveredOrder(other, [
      { f: many, title: "Batteries", qty: 2 },
      { f: spare, title: "Spare", qty: 3 },
    ]);
    const full = (await (await buyAgain(theirs, other)).json()) as Outcome;
    expect(full.skipped).toEqual([{ listing_id: many.listingId, title: "Batteries", why: "cart_full" }]);
    expect(full.added.map((a) => [a.listing_id, a.qty])).toEqual([[spare.listingId, 3]]);
    expect((await stub.lines()).length).toBe(MAX_LINES);
  });

  it("is the order's own shopper's only, and only once the order has reached them", async () => {
    const owner = await createTestUser();
    const stranger = await createTestUser();
    const kettle = await stockedListing(10, 150000);
    const orderId = await deliveredOrder(owner, [{ f: kettle, title: "Kettle" }]);
    const theirs = await buyAgain(orderId, stranger);
    expect(theirs.status).toBe(404);
    expect(theirs.headers.get("content-type")).toContain("application/problem+json");
    expect(await cartOf(stranger)).toEqual([]);
    expect((await api(`/api/orders/${orderId}/buy-again`, { method: "POST" })).status).toBe(401);

    const pending = await deliveredOrder(owner, [{ f: kettle, title: "Kettle" }], "confirmed");
    const early = await buyAgain(pending, owner);
    expect(early.status).toBe(409);
    expect(await early.json()).toMatchObject({ current_status: "confirmed" });
    expect(await cartOf(owner)).toEqual([]);

    // A refunded order (a return accepted) can be bought again.
    const refunded = await deliveredOrder(owner, [{ f: kettle, title: "Kettle" }], "refunded");
    expect((await buyAgain(refunded, owner)).status).toBe(200);
    expect(await cartOf(owner)).toEqual([[kettle.listingId, 1, 150000]]);
  });

  it("is documented with its result's schema", async () => {
    const doc = (await (await api("/api/openapi.json")).json()) as {
      paths: Record<string, Record<string, { "x-access": unknown; responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, { properties: Record<string, unknown> }> };
    };
    const op = doc.paths["/api/orders/{id}/buy-again"]?.post;
    expect(op?.["x-access"]).toBe("signed_in");
    expect(Object.keys(op?.responses ?? {})).toEqual(expect.arrayContaining(["200", "404", "409"]));
    expect(Object.keys(doc.components.schemas.BuyAgainResult?.properties ?? {})).toEqual(["order_id", "ordered_at", "added", "skipped"]);
  });
});
