import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { ProductView } from "../../workers/catalog/product-view";
import { runScheduled } from "../../workers/platform/cron";
import { recomputeSellerRatings } from "../../workers/sellers/recompute-ratings";
import { PRIOR_WEIGHT, shownRating } from "../../workers/sellers/shown-rating";
import { createProduct } from "../catalog/fixtures";
import { deliver } from "../catalog/queue";
import { createTestUser } from "../helpers/accounts";
import { createListingFixture } from "../helpers/catalog";
import { api, readerText } from "../helpers/http";
import { orderDelivered, rate, sellerState, spyQueue } from "./feedback-support";

/** The seller.changed messages the spy queue was sent for `sellerId`. */
const announcedFor = (sent: ReturnType<typeof spyQueue>["sent"], sellerId: string) =>
  sent.filter((m) => m.body.type === "seller.changed" && m.body.seller_id === sellerId);

/** A shopper holding a delivered order of the listing, who rates its seller `stars`. */
async function ratedBy(sellerId: string, listingId: string, stars: number) {
  const shopper = await createTestUser();
  const orderId = await orderDelivered(shopper.id, [{ sellerId, listingId }]);
  expect((await rate(shopper, orderId, sellerId, { rating: stars })).status).toBe(200);
  return { shopper, orderId };
}

describe("the shown rating", () => {
  it("blends buyers' ratings with the seller's prior, which counts as ten ratings", () => {
    expect(PRIOR_WEIGHT).toBe(10);
    expect(shownRating(45, 0, 0)).toBe(45);
    expect(shownRating(45, 1, 1)).toBe(42);
    expect(shownRating(45, 5, 1)).toBe(45);
    expect(shownRating(45, 300, 100)).toBe(31);
  });
});

describe("the cron's recompute of sellers' shown ratings", () => {
  it("moves the shown rating and announces the seller only when the figure shoppers see changes", async () => {
    const f = await createListingFixture();
    const { sent, spyEnv } = spyQueue();
    const { shopper, orderId } = await ratedBy(f.sellerId, f.listingId, 5);

    // 4.5 blended with one five-star rating is still 4.5: recomputed, no longer due, nothing announced.
    await recomputeSellerRatings(spyEnv);
    expect(await sellerState(f.sellerId)).toMatchObject({ rating_x10: 45, rating_due: 0 });
    expect(announcedFor(sent, f.sellerId)).toEqual([]);
    expect(
      await env.DB.prepare("SELECT COUNT(*) AS n FROM outbox WHERE json_extract(payload, '$.seller_id') = ?").bind(f.sellerId).first("n"),
    ).toBe(0);

    // The buyer changes their mind to one star: the shown rating falls to 4.2 and the seller is announced once.
    expect((await rate(shopper, orderId, f.sellerId, { rating: 1 })).status).toBe(200);
    await recomputeSellerRatings(spyEnv);
    expect(await sellerState(f.sellerId)).toMatchObject({ rating_x10: 42, rating_sum: 1, rating_count: 1, rating_due: 0 });
    const announced = announcedFor(sent, f.sellerId);
    expect(announced).toHaveLength(1);
    expect(announced[0]?.body).toMatchObject({ type: "seller.changed", after: null, buy_box: true });

    // A run with no rating since does nothing more.
    await recomputeSellerRatings(spyEnv);
    expect(announcedFor(sent, f.sellerId)).toHaveLength(1);
  });

  it("hands the buy box on a price tie to the seller now better rated, and product pages show the new rating once the consumer runs", async () => {
    // Two offers at one price, both in stock: the 4.5 seller is shown first over the 4.4 one.
    const p = await createProduct([
      { price: 99900, units: 5 },
      { price: 99900, units: 5 },
    ]);
    const [first, second] = p.sellerIds as [string, string];
    const [firstListing, secondListing] = p.listingIds as [string, string];
    await env.DB.prepare("UPDATE sellers SET rating_x10 = 44, rating_prior_x10 = 44 WHERE id = ?").bind(second).run();
    const page = async () => (await (await api(`/api/products/${p.productId}`)).json()) as ProductView;
    const before = await page();
    expect(before.buy_box?.listing_id).toBe(firstListing);
    expect(before.offers.find((o) => o.seller.id === first)?.seller.rating).toBe(4.5);
    // The shopper's page, cached at the edge before the rating, says who sells it and how buyers rate them.
    const html = async () => readerText(await (await api(`/products/${p.productId}`)).text());
    expect(await html()).toContain("Sold by Test Seller · rated 4.5 ★");

    // One buyer rates the first seller one star: 4.2 once the cron has run.
    await ratedBy(first, firstListing, 1);
    const { sent, spyEnv } = spyQueue();
    await recomputeSellerRatings(spyEnv);
    const [change] = announcedFor(sent, first);
    expect(change).toBeDefined();

    // The catalog consumer expands the change into the seller's products, recomputing their buy boxes ...
    expect((await deliver([{ envelope: change! }], spyEnv)).retryMessages).toEqual([]);
    const summary = await env.DB.prepare("SELECT buy_box_listing_id FROM products WHERE id = ?")
      .bind(p.productId)
      .first<string>("buy_box_listing_id");
    expect(summary).toBe(secondListing);

    // ... and rebuilds their pages, purging the cached copy.
    const rebuilds = sent.filter((m) => m.body.type === "product.changed" && m.body.product_id === p.productId);
    expect(rebuilds).toHaveLength(1);
    expect(
      (
        await deliver(
          rebuilds.map((envelope) => ({ envelope })),
          spyEnv,
        )
      ).retryMessages,
    ).toEqual([]);
    const after = await page();
    expect(after.offers.find((o) => o.seller.id === first)?.seller.rating).toBe(4.2);
    expect(after.buy_box?.listing_id).toBe(secondListing);
    const shown = await html();
    expect(shown).toContain("Sold by Other Seller · rated 4.4 ★");
    expect(shown).toContain("Test Seller · rated 4.2 ★");
  });

  it("runs on the minute cron", async () => {
    const f = await createListingFixture();
    await ratedBy(f.sellerId, f.listingId, 1);
    const ctx = createExecutionContext();
    await runScheduled(createScheduledController({ scheduledTime: new Date(), cron: "* * * * *" }), env, ctx);
    await waitOnExecutionContext(ctx);
    expect(await sellerState(f.sellerId)).toMatchObject({ rating_x10: 42, rating_due: 0 });
  });
});
