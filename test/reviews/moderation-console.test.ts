import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createTestUser, type TestUser } from "../helpers/accounts";
import { api, ORIGIN } from "../helpers/http";
import { browserSession, postForm } from "../helpers/forms";
import { productState, ratedProduct, shopperWhoReceived } from "./support";

async function reviewOf(shopper: TestUser, productId: string, review: { rating: number; title?: string }): Promise<string> {
  const res = await api(`/api/products/${productId}/reviews/mine`, { method: "PUT", headers: shopper.headers, body: review });
  return ((await res.json()) as { review: { id: string } }).review.id;
}

/** The part of the page between two markers, so an assertion reads one section, not the whole page. */
function section(page: string, from: string): string {
  const start = page.indexOf(from);
  return start < 0 ? "" : page.slice(start);
}

describe("the ops reviews console", () => {
  it("lists the newest reviews with a Remove form that asks why, takes the review down and lists the removal", async () => {
    const f = await ratedProduct("Console kettle");
    const reviewId = await reviewOf(await shopperWhoReceived(f, "Meera Iyer"), f.productId, {
      rating: 1,
      title: "Buy from my shop instead",
    });
    const ops = await createTestUser(["ops"]);
    const { cookie, csrf } = await browserSession(ops);

    const board = await api("/ops", { headers: { cookie } });
    expect(await board.text()).toContain('href="/ops/reviews"');
    const page = await (await api("/ops/reviews", { headers: { cookie } })).text();
    const row = section(page, `data-review-id="${reviewId}"`);
    expect(row).toContain("Console kettle");
    expect(row).toContain("Buy from my shop instead");
    expect(row).toContain("Meera");
    expect(row).toContain(`action="/ops/reviews/${reviewId}/remove"`);
    expect(row).toMatch(/name="reason"[^>]*required/);

    const removed = await postForm(`/ops/reviews/${reviewId}/remove`, { _csrf: csrf, reason: "Sends buyers elsewhere" }, cookie);
    expect(removed.status).toBe(303);
    expect(removed.headers.get("location")).toBe("/ops/reviews?removed=1");
    expect(await productState(f.productId)).toMatchObject({ rating_sum: 8, rating_count: 2, reviews: [] });

    const after = await (await api("/ops/reviews?removed=1", { headers: { cookie } })).text();
    expect(after).toContain("Review removed.");
    expect(after).not.toContain(`data-review-id="${reviewId}"`);
    const removal = section(after, `data-removed-review-id="${reviewId}"`);
    expect(removal).toContain("Sends buyers elsewhere");
    expect(removal).toContain("Test ops");
  });

  it("asks for a reason instead of removing without one, and says when the review is already gone", async () => {
    const f = await ratedProduct();
    const reviewId = await reviewOf(await shopperWhoReceived(f), f.productId, { rating: 2 });
    const ops = await createTestUser(["ops"]);
    const { cookie, csrf } = await browserSession(ops);
    const before = await productState(f.productId);

    const blank = await postForm(`/ops/reviews/${reviewId}/remove`, { _csrf: csrf, reason: "  " }, cookie);
    expect(blank.status).toBe(400);
    expect(await blank.text()).toContain("Say why the review is removed.");
    // Without the CSRF token a forged form changes nothing either.
    expect((await postForm(`/ops/reviews/${reviewId}/remove`, { reason: "Forged" }, cookie)).status).toBe(403);
    expect(await productState(f.productId)).toEqual(before);

    expect((await postForm(`/ops/reviews/${reviewId}/remove`, { _csrf: csrf, reason: "Spam" }, cookie)).status).toBe(303);
    const again = await postForm(`/ops/reviews/${reviewId}/remove`, { _csrf: csrf, reason: "Spam" }, cookie);
    expect(again.status).toBe(404);
    expect(await again.text()).toContain("already removed");
    expect(await productState(f.productId)).toMatchObject({ rating_sum: 8, rating_count: 2 });
  });

  it("pages back through the removals, a page at a time", async () => {
    const f = await ratedProduct("Paged kettle");
    const ops = await createTestUser(["ops"]);
    const { cookie } = await browserSession(ops);
    // A page and one more, dated after anything else removed in the store so they head the list.
    for (let i = 0; i <= 20; i++) {
      await env.DB.prepare(
        `INSERT INTO review_removals (review_id, product_id, user_id, rating, title, body, removed_by, reason, removed_at)
         VALUES (?, ?, NULL, 1, 't', 'b', ?, ?, ?)`,
      )
        .bind(`rev_paged_${i}`, f.productId, ops.id, `reason ${i}`, `2099-03-01T00:00:${String(i).padStart(2, "0")}.000Z`)
        .run();
    }
    const first = await (await api("/ops/reviews", { headers: { cookie } })).text();
    const removed = section(first, "data-review-removals");
    expect(removed).toContain("Recently removed");
    expect(removed).toContain('data-removed-review-id="rev_paged_20"');
    expect(removed).not.toContain('data-removed-review-id="rev_paged_0"');
    const older = /<a href="([^"]*removals_cursor=[^"]*)" rel="next">Older removals<\/a>/.exec(removed)?.[1];
    expect(older).toBeDefined();

    const second = await (await api((older ?? "").replaceAll("&amp;", "&"), { headers: { cookie } })).text();
    const earlier = section(second, "data-review-removals");
    expect(earlier).toContain("Removed earlier");
    expect(earlier).toContain('data-removed-review-id="rev_paged_0"');
    expect(earlier).not.toContain('data-removed-review-id="rev_paged_20"');
  });

  it("keeps shoppers out and sends guests to sign in", async () => {
    const f = await ratedProduct();
    const reviewId = await reviewOf(await shopperWhoReceived(f), f.productId, { rating: 4 });
    const shopper = await createTestUser();
    const { cookie, csrf } = await browserSession(shopper);
    expect((await api("/ops/reviews", { headers: { cookie } })).status).toBe(403);
    expect((await postForm(`/ops/reviews/${reviewId}/remove`, { _csrf: csrf, reason: "Mine now" }, cookie)).status).toBe(403);
    const guest = await exports.default.fetch(new Request(`${ORIGIN}/ops/reviews`, { redirect: "manual" }));
    expect(guest.status).toBe(303);
    expect(guest.headers.get("location")).toBe("/signin?next=%2Fops%2Freviews");
    expect((await productState(f.productId)).reviews).toHaveLength(1);
  });
});
