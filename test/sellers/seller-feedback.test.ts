import { describe, expect, it } from "vitest";
import type { OrderStatus } from "../../workers/orders/state-machine";
import type { OrderFeedback, SellerFeedbackPage, SellerRatingSummary } from "../../workers/sellers/feedback-schemas";
import { createTestUser } from "../helpers/accounts";
import { createListingFixture } from "../helpers/catalog";
import { api } from "../helpers/http";
import { underRehearsal } from "../helpers/overload";
import { daysAgo, orderDelivered, rate, sellerState } from "./feedback-support";

/** A seller with a listing, and a shopper holding a delivered order of it. */
async function deliveredToShopper(opts: { deliveredAt?: string | null; status?: OrderStatus } = {}) {
  const f = await createListingFixture();
  const shopper = await createTestUser();
  const orderId = await orderDelivered(shopper.id, [{ sellerId: f.sellerId, listingId: f.listingId, productId: f.productId }], opts);
  return { f, shopper, orderId };
}

async function problemOf(res: Response) {
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  return (await res.json()) as { title: string; detail: string; errors?: Array<{ path: string }> };
}

describe("rating the seller of a delivered order", () => {
  it("records the rating once, moves the seller's totals in the same write and answers what the shopper gave", async () => {
    const { f, shopper, orderId } = await deliveredToShopper();
    const res = await rate(shopper, orderId, f.sellerId, { rating: 4, comment: "  Packed well, arrived early.  " });
    expect(res.status).toBe(200);
    const body = (await res.json()) as OrderFeedback;
    expect(body.sellers).toEqual([
      expect.objectContaining({
        seller_id: f.sellerId,
        seller_name: "Test Seller",
        window: "open",
        feedback: expect.objectContaining({ rating: 4, comment: "Packed well, arrived early." }),
      }),
    ]);
    expect(await sellerState(f.sellerId)).toMatchObject({ rating_sum: 4, rating_count: 1, rating_due: 1, feedback: [{ rating: 4 }] });
    // The shown rating waits for the cron's recompute: a rating alone starts no fan-out.
    expect((await sellerState(f.sellerId)).rating_x10).toBe(45);

    const read = await api(`/api/orders/${orderId}/seller-feedback`, { headers: shopper.headers });
    expect(((await read.json()) as OrderFeedback).sellers[0]?.feedback?.rating).toBe(4);
  });

  it("replaces the shopper's rating when they change their mind, moving the sum and never the count", async () => {
    const { f, shopper, orderId } = await deliveredToShopper();
    expect((await rate(shopper, orderId, f.sellerId, { rating: 5 })).status).toBe(200);
    expect((await rate(shopper, orderId, f.sellerId, { rating: 2, comment: "The box was crushed." })).status).toBe(200);
    expect((await rate(shopper, orderId, f.sellerId, { rating: 3, comment: "The box was crushed." })).status).toBe(200);
    const state = await sellerState(f.sellerId);
    expect(state).toMatchObject({ rating_sum: 3, rating_count: 1 });
    expect(state.feedback).toEqual([expect.objectContaining({ rating: 3, comment: "The box was crushed." })]);
  });

  it("keeps totals exact over several buyers, several sellers of one order and submissions racing each other", async () => {
    const a = await createListingFixture();
    const b = await createListingFixture();
    const asha = await createTestUser();
    const ravi = await createTestUser();
    const both = await orderDelivered(asha.id, [
      { sellerId: a.sellerId, listingId: a.listingId },
      { sellerId: b.sellerId, listingId: b.listingId },
    ]);
    const raviOrder = await orderDelivered(ravi.id, [{ sellerId: a.sellerId, listingId: a.listingId }]);

    const raced = await Promise.all([
      rate(asha, both, a.sellerId, { rating: 5 }),
      rate(asha, both, a.sellerId, { rating: 1 }),
      rate(asha, both, b.sellerId, { rating: 2 }),
      rate(ravi, raviOrder, a.sellerId, { rating: 4 }),
    ]);
    expect(raced.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    await rate(ravi, raviOrder, a.sellerId, { rating: 3 });

    const sellerA = await sellerState(a.sellerId);
    const given = sellerA.feedback.map((r) => r.rating as number);
    expect(given).toHaveLength(2);
    expect(sellerA).toMatchObject({ rating_count: 2, rating_sum: given.reduce((s, n) => s + n, 0) });
    expect(given).toContain(3);
    expect(await sellerState(b.sellerId)).toMatchObject({ rating_sum: 2, rating_count: 1 });
  });

  it("counts a return asked for, or a refund, after delivery as delivered", async () => {
    const { f, shopper, orderId } = await deliveredToShopper({ status: "return_requested" });
    expect((await rate(shopper, orderId, f.sellerId, { rating: 1, comment: "Sent the wrong size." })).status).toBe(200);
    const refunded = await deliveredToShopper({ status: "refunded" });
    expect((await rate(refunded.shopper, refunded.orderId, refunded.f.sellerId, { rating: 2 })).status).toBe(200);
  });
});

describe("a rating that is refused writes nothing", () => {
  const nothingWritten = async (sellerId: string) =>
    expect(await sellerState(sellerId)).toMatchObject({ rating_sum: 0, rating_count: 0, rating_due: 0, feedback: [] });

  it("is a 409 before the order is delivered", async () => {
    const { f, shopper, orderId } = await deliveredToShopper({ deliveredAt: null });
    const res = await rate(shopper, orderId, f.sellerId, { rating: 5 });
    expect(res.status).toBe(409);
    expect((await problemOf(res)).title).toBe("This order has not been delivered yet");
    await nothingWritten(f.sellerId);
  });

  it("is a 409 for a cancelled order, saying it will never be delivered rather than to wait", async () => {
    const { f, shopper, orderId } = await deliveredToShopper({ deliveredAt: null, status: "cancelled" });
    const res = await rate(shopper, orderId, f.sellerId, { rating: 5 });
    expect(res.status).toBe(409);
    expect((await problemOf(res)).detail).toBe(
      "This order was cancelled before it was delivered, so there is no delivery to rate. Nothing was saved.",
    );
    await nothingWritten(f.sellerId);
  });

  it("is a 409 once the time to rate has passed, and open until then", async () => {
    const late = await deliveredToShopper({ deliveredAt: daysAgo(62) });
    const res = await rate(late.shopper, late.orderId, late.f.sellerId, { rating: 5 });
    expect(res.status).toBe(409);
    expect((await problemOf(res)).title).toBe("The time to rate this seller has passed");
    await nothingWritten(late.f.sellerId);
    const read = (await (
      await api(`/api/orders/${late.orderId}/seller-feedback`, { headers: late.shopper.headers })
    ).json()) as OrderFeedback;
    expect(read.sellers[0]).toMatchObject({ window: "closed", feedback: null });

    const inTime = await deliveredToShopper({ deliveredAt: daysAgo(58) });
    expect((await rate(inTime.shopper, inTime.orderId, inTime.f.sellerId, { rating: 5 })).status).toBe(200);
  });

  it("is a 404 for another shopper's order, as for one that does not exist", async () => {
    const { f, orderId } = await deliveredToShopper();
    const stranger = await createTestUser();
    const res = await rate(stranger, orderId, f.sellerId, { rating: 1 });
    expect(res.status).toBe(404);
    expect((await problemOf(res)).detail).toBe(`No order with id ${orderId}.`);
    expect((await api(`/api/orders/${orderId}/seller-feedback`, { headers: stranger.headers })).status).toBe(404);
    await nothingWritten(f.sellerId);
  });

  it("is a 404 for a seller the order holds nothing of", async () => {
    const { shopper, orderId } = await deliveredToShopper();
    const other = await createListingFixture();
    const res = await rate(shopper, orderId, other.sellerId, { rating: 5 });
    expect(res.status).toBe(404);
    await nothingWritten(other.sellerId);
  });

  it("is a 400 naming the field for stars outside 1-5 or a comment too long, with the earlier rating kept", async () => {
    const { f, shopper, orderId } = await deliveredToShopper();
    await rate(shopper, orderId, f.sellerId, { rating: 4, comment: "Good." });
    const before = await sellerState(f.sellerId);
    for (const [body, field] of [
      [{ rating: 6 }, "rating"],
      [{ rating: 0 }, "rating"],
      [{ rating: 4.5 }, "rating"],
      [{}, "rating"],
      [{ rating: 1, comment: "x".repeat(501) }, "comment"],
      [{ rating: 1, stars: 1 }, ""],
    ] as const) {
      const res = await rate(shopper, orderId, f.sellerId, body);
      expect(res.status).toBe(400);
      if (field) expect((await problemOf(res)).errors?.map((e) => e.path)).toContain(field);
    }
    expect(await sellerState(f.sellerId)).toEqual(before);
  });
});

describe("the seller's ratings in its console API", () => {
  it("lists them newest first a page at a time, with the order and never the buyer nor their contact, and sums them up by stars", async () => {
    const f = await createListingFixture();
    const seller = await createTestUser(["seller"], { sellerId: f.sellerId });
    const orders: string[] = [];
    for (const [i, stars] of [5, 4, 5, 1].entries()) {
      const shopper = await createTestUser();
      const orderId = await orderDelivered(shopper.id, [{ sellerId: f.sellerId, listingId: f.listingId }]);
      expect(
        (await rate(shopper, orderId, f.sellerId, { rating: stars, comment: i === 3 ? "Never answered my calls on 98765 43210." : "" }))
          .status,
      ).toBe(200);
      orders.push(orderId);
    }
    const first = await api("/api/seller/feedback?limit=3", { headers: seller.headers });
    expect(first.status).toBe(200);
    const page1 = (await first.json()) as SellerFeedbackPage;
    expect(page1.items.map((i) => i.order_id)).toEqual([orders[3], orders[2], orders[1]]);
    expect(page1.items[0]).toMatchObject({ rating: 1, comment: "Never answered my calls on [contact removed]." });
    expect(JSON.stringify(page1)).not.toContain("usr_");
    const page2 = (await (
      await api(`/api/seller/feedback?limit=3&cursor=${page1.next_cursor}`, { headers: seller.headers })
    ).json()) as SellerFeedbackPage;
    expect(page2).toEqual({ items: [expect.objectContaining({ order_id: orders[0], rating: 5 })], next_cursor: null });

    const summary = (await (await api("/api/seller/feedback/summary", { headers: seller.headers })).json()) as SellerRatingSummary;
    expect(summary).toMatchObject({ shown: 4.5, pending: true, average: 3.8, count: 4, stars: { "5": 2, "4": 1, "3": 0, "2": 0, "1": 1 } });

    // Another seller's console sees none of them.
    const other = await createListingFixture();
    const otherSeller = await createTestUser(["seller"], { sellerId: other.sellerId });
    expect(((await (await api("/api/seller/feedback", { headers: otherSeller.headers })).json()) as SellerFeedbackPage).items).toEqual([]);
  });
});

describe("rating sellers under overload", () => {
  it("sheds reading and giving ratings with a 503 and Retry-After, writes nothing, and the order page still shows without its forms", async () => {
    const { f, shopper, orderId } = await deliveredToShopper();
    const write = await underRehearsal(`/api/orders/${orderId}/seller-feedback/${f.sellerId}`, {
      method: "PUT",
      headers: { ...shopper.headers, "content-type": "application/json" },
      body: JSON.stringify({ rating: 5 }),
    });
    expect(write.status).toBe(503);
    expect(Number(write.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await problemOf(write)).detail).toContain("while the store is busy");
    const read = await underRehearsal(`/api/orders/${orderId}/seller-feedback`, { headers: shopper.headers });
    expect(read.status).toBe(503);
    expect(await sellerState(f.sellerId)).toMatchObject({ rating_sum: 0, rating_count: 0, rating_due: 0, feedback: [] });

    const orderPage = await underRehearsal(`/orders/${orderId}`, { headers: shopper.headers });
    expect(orderPage.status).toBe(200);
    const html = await orderPage.text();
    expect(html).toContain(orderId);
    expect(html).not.toContain("data-rate-seller");

    // Once the store is calm again the same rating goes through.
    expect((await rate(shopper, orderId, f.sellerId, { rating: 5 })).status).toBe(200);
  });
});
