import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { applyProductChanges } from "../catalog/queue";
import { type TestUser, createTestUser } from "../helpers/accounts";
import { browserSession, drawnForm, postForm } from "../helpers/forms";
import { api } from "../helpers/http";
import { ratedProduct, reviewedProduct } from "./support";

async function voteFor(user: TestUser, reviewId: string) {
  expect((await api(`/api/reviews/${reviewId}/helpful`, { method: "PUT", headers: user.headers })).status).toBe(200);
}

/** A product with one review, and the review's id and author, seen through the catalog consumer. */
async function reviewed(title: string) {
  const made = await reviewedProduct(title, { rating: 4, title: "Battery easily lasts a day" });
  await applyProductChanges(made.f.productId);
  return made;
}

describe("helpful votes on the review pages", () => {
  it("shows each review's count and a Helpful button on the shared product and reviews pages", async () => {
    const { f, reviewId } = await reviewed("Votepagephone 1");
    await voteFor(await createTestUser(), reviewId);
    await voteFor(await createTestUser(), reviewId);

    for (const path of [`/products/${f.productId}`, `/products/${f.productId}/reviews`]) {
      const res = await api(path);
      expect(res.headers.get("cache-control")).toMatch(/^public/);
      const html = await res.text();
      expect(html).toContain("2 people found this helpful");
      expect(html).toContain(
        `<form method="get" action="/reviews/${reviewId}/helpful" class="helpful-vote" data-helpful-vote="${reviewId}">`,
      );
      expect(html).toContain(`data-reviews-of="${f.productId}"`);
      expect(html).toContain('src="/static/review-votes.js"');
    }
  });

  it("lets a shopper without scripts vote on the review's own page, take the vote back, and asks a guest to sign in", async () => {
    const { f, reviewId } = await reviewed("Votepagephone 2");
    // Followed to the sign-in form, which comes back here.
    const guest = await (await api(`/reviews/${reviewId}/helpful`)).text();
    expect(guest).toContain(`<input type="hidden" name="next" value="/reviews/${reviewId}/helpful"/>`);

    const shopper = await createTestUser();
    const { cookie } = await browserSession(shopper);
    const page = await api(`/reviews/${reviewId}/helpful`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toMatch(/private|no-store/);
    const html = await page.text();
    expect(html).toContain("Was this review helpful?");
    expect(html).toContain("A review of Votepagephone 2");
    expect(html).toContain("Battery easily lasts a day");
    expect(html).toContain(`href="/products/${f.productId}/reviews#review-${reviewId}"`);

    const yes = drawnForm(html, "Yes, it helped me");
    expect(yes.fields.helpful).toBe("yes");
    const marked = await postForm(yes.action, yes.fields, cookie);
    expect(marked.status).toBe(303);
    expect(marked.headers.get("location")).toBe(`/reviews/${reviewId}/helpful?done=marked`);
    const after = await (await api(marked.headers.get("location")!, { headers: { cookie } })).text();
    expect(after).toContain("You found this review helpful");
    expect(after).toContain("Thank you: your vote helps other shoppers find the useful reviews.");
    expect(after).toContain("1 person found this helpful");

    const back = drawnForm(after, "Take back my vote");
    expect((await postForm(back.action, back.fields, cookie)).headers.get("location")).toBe(`/reviews/${reviewId}/helpful?done=unmarked`);
    const marks = await api(`/api/products/${f.productId}/reviews/helpful`, { headers: shopper.headers });
    expect(await marks.json()).toEqual({ review_ids: [], own_review_ids: [] });
  });

  it("tells the author why their own review takes no vote, and says so for a review that is gone", async () => {
    const { author, reviewId } = await reviewed("Votepagephone 3");
    const { cookie } = await browserSession(author);
    const form = drawnForm(await (await api(`/reviews/${reviewId}/helpful`, { headers: { cookie } })).text(), "Yes, it helped me");
    const refused = await postForm(form.action, form.fields, cookie);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("You can&#39;t mark your own review helpful.");

    const gone = await api("/reviews/rev_nope/helpful", { headers: { cookie } });
    expect(gone.status).toBe(404);
    expect(await gone.text()).toContain("Review not found");
  });

  it("lists the most helpful reviews first on the reviews page, a page at a time, within a star rating too", async () => {
    const f = await ratedProduct("Sortpagephone 5");
    // 22 reviews, more than a page (20): the even ones 1 star, the odd ones 5; review i has i votes
    // and is older the more votes it has, so most helpful first is oldest first.
    for (let i = 0; i < 22; i++) {
      await env.DB.prepare(
        "INSERT INTO reviews (id, product_id, user_id, rating, title, body, created_at, helpful_count) VALUES (?, ?, NULL, ?, ?, '', ?, ?)",
      )
        .bind(`rev_so_${f.productId}_${i}`, f.productId, i % 2 ? 5 : 1, `Said ${i}`, new Date(Date.UTC(2024, 0, 30 - i)).toISOString(), i)
        .run();
    }
    const base = `/products/${f.productId}/reviews`;
    const newest = await (await api(base)).text();
    expect(newest).toMatch(/aria-current="page"[^>]*>Most recent</);
    expect(newest).toContain(`<a href="${base}?sort=helpful">Most helpful</a>`);

    const helpful = await (await api(`${base}?sort=helpful`)).text();
    expect(helpful).toMatch(/aria-current="page"[^>]*>Most helpful</);
    expect(helpful.indexOf("Said 21<")).toBeLessThan(helpful.indexOf("Said 20<"));
    expect(helpful).toContain("21 people found this helpful");
    expect(helpful).not.toContain("Said 1<");
    // The star links and the next page keep the order.
    expect(helpful).toContain(`href="${base}?rating=5&amp;sort=helpful"`);
    const next = /href="([^"]+cursor=[^"]+)" rel="next"/.exec(helpful)?.[1]?.replaceAll("&amp;", "&");
    expect(next).toContain("sort=helpful");
    const second = await (await api(next!)).text();
    expect(second).toContain("Said 1<");
    expect(second).toContain("Said 0<");
    expect(second).not.toContain("Said 2<");

    const ones = await (await api(`${base}?rating=1&sort=helpful`)).text();
    expect(ones.indexOf("Said 20<")).toBeLessThan(ones.indexOf("Said 18<"));
    expect(ones).not.toMatch(/Said \d*[13579]</);
    expect(ones).toContain(`Showing the 1-star reviews. <a href="${base}?sort=helpful">Show all reviews</a>`);
    expect(ones).toContain(`<a href="${base}?rating=1">Most recent</a>`);
  });
});
