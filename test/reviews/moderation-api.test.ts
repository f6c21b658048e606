import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { ProductView } from "../../workers/catalog/product-view";
import type { ReviewRemovalList, StoreReviewPage } from "../../workers/reviews/moderation-schemas";
import type { ReviewPage } from "../../workers/reviews/schemas";
import { applyProductChanges } from "../catalog/queue";
import { type TestUser, createTestUser } from "../helpers/accounts";
import { createListingFixture } from "../helpers/catalog";
import { api } from "../helpers/http";
import { productState, ratedProduct, shopperWhoReceived } from "./support";

function remove(user: TestUser, reviewId: string, body: unknown) {
  return api(`/api/admin/reviews/${reviewId}`, { method: "DELETE", headers: user.headers, body });
}

async function reviewOf(shopper: TestUser, productId: string, review: { rating: number; title?: string; body?: string }): Promise<string> {
  const res = await api(`/api/products/${productId}/reviews/mine`, { method: "PUT", headers: shopper.headers, body: review });
  expect(res.status).toBe(200);
  return ((await res.json()) as { review: { id: string } }).review.id;
}

async function updates(user: TestUser) {
  const res = await api("/api/notifications", { headers: user.headers });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: { kind: string; subject: string; body: string; link: string | null }[] }).items;
}

async function removals(ops: TestUser): Promise<ReviewRemovalList["items"]> {
  const res = await api("/api/admin/reviews/removals", { headers: ops.headers });
  expect(res.status).toBe(200);
  return ((await res.json()) as ReviewRemovalList).items;
}

/** The product as the public API shows it, after the catalog consumer has applied its changes. */
async function ratingAfterConsumer(productId: string): Promise<ProductView["rating"]> {
  expect((await applyProductChanges(productId)).retryMessages).toEqual([]);
  return ((await (await api(`/api/products/${productId}`)).json()) as ProductView).rating;
}

describe("ops removing a review", () => {
  it("takes it off the product and out of its rating, and lists the removal with who removed it and why", async () => {
    const f = await ratedProduct("Moderated phone");
    const shopper = await shopperWhoReceived(f, "Vikram Singh");
    const reviewId = await reviewOf(shopper, f.productId, { rating: 1, title: "Call 98xxxxxx10 for cheaper", body: "Spam" });
    expect(await ratingAfterConsumer(f.productId)).toEqual({ average: 3, count: 3 });
    const ops = await createTestUser(["ops"]);
    const before = await productState(f.productId);

    const res = await remove(ops, reviewId, { reason: "  Advertises a phone number " });
    expect(res.status).toBe(204);

    const after = await productState(f.productId);
    expect(after).toMatchObject({
      rating_sum: 8,
      rating_count: 2,
      version: before.version! + 1,
      changes: before.changes! + 1,
      reviews: [],
    });
    expect(await ratingAfterConsumer(f.productId)).toEqual({ average: 4, count: 2 });
    const list = (await (await api(`/api/products/${f.productId}/reviews`)).json()) as ReviewPage;
    expect(list.items).toEqual([]);
    expect(list.stars?.["1"]).toBe(0);

    const [removal] = (await removals(ops)).filter((r) => r.review_id === reviewId);
    expect(removal).toMatchObject({
      product_id: f.productId,
      product_title: "Moderated phone",
      user_id: shopper.id,
      rating: 1,
      title: "Call 98xxxxxx10 for cheaper",
      body: "Spam",
      removed_by: ops.id,
      removed_by_name: "Test ops",
      reason: "Advertises a phone number",
    });
    const store = (await (await api("/api/admin/reviews?limit=100", { headers: ops.headers })).json()) as StoreReviewPage;
    expect(store.items.map((r) => r.id)).not.toContain(reviewId);

    // The author is told, with the reason, on their Updates page (and by email), linking to write again.
    const told = await updates(shopper);
    expect(told.filter((m) => m.kind === "review_removed")).toEqual([
      expect.objectContaining({
        subject: "Your review of Moderated phone was removed",
        body: "Our team removed your review “Call 98xxxxxx10 for cheaper” for this reason: Advertises a phone number. You may write a new review of the product.",
        link: `/products/${f.productId}/review`,
      }),
    ]);
    const mailed = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM notifications WHERE event_id = ? AND channel = 'email' AND email_state = 'pending'",
    )
      .bind(`review-removed:${reviewId}`)
      .first<number>("n");
    expect(mailed).toBe(1);

    // The author keeps the right to say something else about the product.
    await reviewOf(shopper, f.productId, { rating: 3, title: "Fine phone" });
    expect(await productState(f.productId)).toMatchObject({ rating_sum: 11, rating_count: 3 });
  });

  it("answers a second removal 404 and takes no stars out twice", async () => {
    const f = await ratedProduct();
    const reviewId = await reviewOf(await shopperWhoReceived(f), f.productId, { rating: 5, title: "Rude words" });
    const ops = await createTestUser(["ops"]);
    expect((await remove(ops, reviewId, { reason: "Abusive" })).status).toBe(204);
    const removed = await productState(f.productId);
    expect(removed).toMatchObject({ rating_sum: 8, rating_count: 2 });

    for (const again of [ops, await createTestUser(["ops"])]) {
      const res = await remove(again, reviewId, { reason: "Abusive, clicked twice" });
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(((await res.json()) as { detail: string }).detail).toMatch(/already removed/);
    }
    expect(await productState(f.productId)).toEqual(removed);
    expect((await removals(ops)).filter((r) => r.review_id === reviewId).map((r) => r.reason)).toEqual(["Abusive"]);
    // Its author is told once, of the removal that happened.
    const notices = await env.DB.prepare("SELECT channel, body FROM notifications WHERE event_id = ? ORDER BY channel")
      .bind(`review-removed:${reviewId}`)
      .all<{ channel: string; body: string }>();
    expect(notices.results.map((n) => n.channel)).toEqual(["email", "sms"]);
    expect(notices.results[0]?.body).toContain("for this reason: Abusive.");
    expect((await remove(ops, "rev_never_written", { reason: "Abusive" })).status).toBe(404);
  });

  it("refuses shoppers and sellers with 403 and leaves the review and the rating alone", async () => {
    const f = await ratedProduct();
    const author = await shopperWhoReceived(f);
    const reviewId = await reviewOf(author, f.productId, { rating: 1, title: "Seller was slow" });
    const seller = await createTestUser(["seller"], { sellerId: f.sellerId });
    const before = await productState(f.productId);

    for (const user of [author, await createTestUser(), seller, await createTestUser(["deal_manager"])]) {
      const res = await remove(user, reviewId, { reason: "I do not like it" });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { type: string }).type).toBe("/problems/forbidden");
      expect((await api("/api/admin/reviews", { headers: user.headers })).status).toBe(403);
      expect((await api("/api/admin/reviews/removals", { headers: user.headers })).status).toBe(403);
    }
    expect((await api(`/api/admin/reviews/${reviewId}`, { method: "DELETE", body: { reason: "x" } })).status).toBe(401);
    expect(await productState(f.productId)).toEqual(before);
  });

  it("answers a missing, blank or overlong reason with a 400 naming it, and removes nothing", async () => {
    const f = await ratedProduct();
    const reviewId = await reviewOf(await shopperWhoReceived(f), f.productId, { rating: 2 });
    const ops = await createTestUser(["ops"]);
    const before = await productState(f.productId);

    for (const body of [{}, { reason: "   " }, { reason: "r".repeat(501) }, { reason: 7 }]) {
      const res = await remove(ops, reviewId, body);
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(((await res.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(["reason"]);
    }
    expect((await remove(ops, reviewId, { reason: "Spam", extra: true })).status).toBe(400);
    expect(await productState(f.productId)).toEqual(before);
    expect((await removals(ops)).map((r) => r.review_id)).not.toContain(reviewId);
    // A reason of 500 characters, counted as a reader counts them, is allowed.
    expect((await remove(ops, reviewId, { reason: "नि".repeat(250) })).status).toBe(204);
  });
});

describe("the moderation list", () => {
  it("pages through the whole store's reviews newest first, with the product and the reviewer's first name", async () => {
    const one = await createListingFixture({ title: "Kettle One" });
    const two = await createListingFixture({ title: "Kettle Two" });
    const insert = (id: string, productId: string, at: string) =>
      env.DB.prepare("INSERT INTO reviews (id, product_id, user_id, rating, title, body, created_at) VALUES (?, ?, NULL, 4, ?, 'b', ?)")
        .bind(id, productId, `About ${id}`, at)
        .run();
    // Dated after anything else in the store, so they head the list; two share a millisecond.
    await insert("rev_m_a", one.productId, "2099-01-01T00:00:00.000Z");
    await insert("rev_m_b", two.productId, "2099-01-02T00:00:00.000Z");
    await insert("rev_m_c", one.productId, "2099-01-02T00:00:00.000Z");
    const ops = await createTestUser(["ops"]);

    const page1 = (await (await api("/api/admin/reviews?limit=2", { headers: ops.headers })).json()) as StoreReviewPage;
    expect(page1.items.map((r) => r.id)).toEqual(["rev_m_c", "rev_m_b"]);
    expect(page1.items[1]).toMatchObject({
      product_id: two.productId,
      product_title: "Kettle Two",
      rating: 4,
      title: "About rev_m_b",
      body: "b",
      reviewer: "A shopper",
      created_at: "2099-01-02T00:00:00.000Z",
    });
    const page2 = (await (
      await api(`/api/admin/reviews?limit=2&cursor=${page1.next_cursor}`, { headers: ops.headers })
    ).json()) as StoreReviewPage;
    expect(page2.items[0]?.id).toBe("rev_m_a");

    // A product list's cursor does not continue the store's list.
    const productPage = (await (await api(`/api/products/${one.productId}/reviews?limit=1`)).json()) as ReviewPage;
    const wrong = await api(`/api/admin/reviews?cursor=${productPage.next_cursor}`, { headers: ops.headers });
    expect(wrong.status).toBe(400);
  });

  it("pages back through every removal, newest first, with a cursor neither review list takes", async () => {
    const f = await createListingFixture({ title: "Audited kettle" });
    const ops = await createTestUser(["ops"]);
    const insert = (id: string, at: string) =>
      env.DB.prepare(
        `INSERT INTO review_removals (review_id, product_id, user_id, rating, title, body, removed_by, reason, removed_at)
         VALUES (?, ?, NULL, 1, 't', 'b', ?, ?, ?)`,
      )
        .bind(id, f.productId, ops.id, `why ${id}`, at)
        .run();
    // Dated after anything else removed in the store, so they head the list; two share a millisecond.
    await insert("rev_gone_a", "2099-02-01T00:00:00.000Z");
    await insert("rev_gone_b", "2099-02-02T00:00:00.000Z");
    await insert("rev_gone_c", "2099-02-02T00:00:00.000Z");

    const page = async (query: string) => {
      const res = await api(`/api/admin/reviews/removals?${query}`, { headers: ops.headers });
      expect(res.status).toBe(200);
      return (await res.json()) as ReviewRemovalList;
    };
    const page1 = await page("limit=2");
    expect(page1.items.map((r) => r.review_id)).toEqual(["rev_gone_c", "rev_gone_b"]);
    expect(page1.next_cursor).toEqual(expect.any(String));
    const page2 = await page(`limit=2&cursor=${page1.next_cursor}`);
    expect(page2.items[0]).toMatchObject({ review_id: "rev_gone_a", reason: "why rev_gone_a", product_title: "Audited kettle" });

    // Each list's cursor continues that list only.
    expect((await api(`/api/admin/reviews?cursor=${page1.next_cursor}`, { headers: ops.headers })).status).toBe(400);
    expect((await api(`/api/products/${f.productId}/reviews?cursor=${page1.next_cursor}`)).status).toBe(400);
    const storePage = (await (await api("/api/admin/reviews?limit=1", { headers: ops.headers })).json()) as StoreReviewPage;
    const wrong = await api(`/api/admin/reviews/removals?cursor=${storePage.next_cursor}`, { headers: ops.headers });
    expect(wrong.status).toBe(400);
  });
});
