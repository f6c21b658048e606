import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../workers/index";
import { applyProductChanges } from "../catalog/queue";
import { createTestUser } from "../helpers/accounts";
import type { Fixture } from "../helpers/catalog";
import { browserSession, postForm } from "../helpers/forms";
import { api } from "../helpers/http";
import { orderOf, productState, ratedProduct, shopperWhoReceived } from "./support";

/** Gives the edge's copy of a page, stored after the response, a moment to land. */
const stored = () => new Promise((r) => setTimeout(r, 50));

async function writeReview(f: Fixture, name: string, rating: number, title: string) {
  const shopper = await shopperWhoReceived(f, name);
  const res = await api(`/api/products/${f.productId}/reviews/mine`, { method: "PUT", headers: shopper.headers, body: { rating, title } });
  expect(res.status).toBe(200);
}

describe("reviews on the product page", () => {
  it("shows the rating summary, the count by stars and the newest reviews, the same for every visitor", async () => {
    const f = await ratedProduct("Summaryphone 1");
    await writeReview(f, "Meera Iyer", 5, "Superb camera");
    await writeReview(f, "Kabir Singh", 3, "Heats up");
    await writeReview(f, "Zoya Khan", 4, "Good value");
    await writeReview(f, "Dev Patel", 1, "Stopped charging");
    await applyProductChanges(f.productId);

    const res = await api(`/products/${f.productId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toMatch(/^public/);
    const html = await res.text();
    // 8 stars from two earlier ratings, 13 from these four: 21 from 6.
    expect(html).toContain("3.5 ★</strong> from 6");
    expect(html).toMatch(/5 ★<\/a><\/th><td><meter min="0" max="4" value="1"/);
    // Each count with reviews leads to just those reviews; 2 stars has none to show.
    expect(html).toContain(`href="/products/${f.productId}/reviews?rating=1"`);
    expect(html).not.toContain(`href="/products/${f.productId}/reviews?rating=2"`);
    expect(html).toContain("Stopped charging");
    expect(html).toContain("Good value");
    expect(html).toContain("Heats up");
    // Only the newest three; the rest are a link away.
    expect(html).not.toContain("Superb camera");
    expect(html).toContain(`href="/products/${f.productId}/reviews"`);
    expect(html).toContain(`href="/products/${f.productId}/review"`);
    expect(html).toContain("Verified purchase");
    expect(html).not.toContain("Patel");
    // Shared: no form, nothing of any shopper's.
    expect(html).not.toContain('name="rating"');

    await stored();
    const shopper = await createTestUser();
    const signedIn = await api(`/products/${f.productId}`, { headers: { cookie: `__Host-session=${shopper.token}` } });
    expect(signedIn.headers.get("x-page-cache")).toBe("hit");
  });

  it("lists every review a page at a time on the product's reviews page", async () => {
    const f = await ratedProduct("Pagedphone 3");
    for (let i = 0; i < 22; i++) {
      await env.DB.prepare(
        "INSERT INTO reviews (id, product_id, user_id, rating, title, body, created_at) VALUES (?, ?, NULL, 4, ?, '', ?)",
      )
        .bind(`rev_pg_${f.productId}_${i}`, f.productId, `Old review ${i}`, new Date(Date.UTC(2024, 0, 1 + i)).toISOString())
        .run();
    }
    const first = await (await api(`/products/${f.productId}/reviews`)).text();
    expect(first).toContain("Old review 21");
    expect(first).toContain("Old review 2<");
    expect(first).not.toContain("Old review 1<");
    const next = /href="([^"]+cursor=[^"]+)" rel="next"/.exec(first)?.[1]?.replaceAll("&amp;", "&");
    expect(next).toBeDefined();
    const second = await (await api(next!)).text();
    expect(second).toContain("Old review 1<");
    expect(second).toContain("Old review 0<");
    expect(second).not.toContain("Old review 2<");
  });

  it("lists one star rating's reviews on the reviews page, a page at a time", async () => {
    const f = await ratedProduct("Starpagephone 4");
    // 22 of each: more than a page (20) of either.
    for (let i = 0; i < 44; i++) {
      await env.DB.prepare(
        "INSERT INTO reviews (id, product_id, user_id, rating, title, body, created_at) VALUES (?, ?, NULL, ?, ?, '', ?)",
      )
        .bind(`rev_sp_${f.productId}_${i}`, f.productId, i % 2 ? 5 : 1, `Said ${i}`, new Date(Date.UTC(2024, 0, 1 + i)).toISOString())
        .run();
    }
    const page = await api(`/products/${f.productId}/reviews?rating=1`);
    expect(page.status).toBe(200);
    const first = await page.text();
    expect(first).toContain(`1-star reviews of Starpagephone 4`);
    expect(first).toContain(`Showing the 1-star reviews. <a href="/products/${f.productId}/reviews">Show all reviews</a>`);
    expect(first).toMatch(/aria-current="page"[^>]*>1 ★/);
    // The 1-star reviews (the even ones), newest first, and none of the 5-star ones.
    expect(first).toContain("Said 42<");
    expect(first).toContain("Said 4<");
    expect(first).not.toContain("Said 2<");
    expect(first).not.toMatch(/Said \d*[13579]</);
    // The next page goes on with the 1-star reviews.
    const next = /href="([^"]+cursor=[^"]+)" rel="next"/.exec(first)?.[1]?.replaceAll("&amp;", "&");
    expect(next).toContain("rating=1");
    const second = await (await api(next!)).text();
    expect(second).toContain("Said 2<");
    expect(second).toContain("Said 0<");
    expect(second).not.toContain("Said 4<");
    expect(second).not.toMatch(/Said \d*[13579]</);

    const fives = await (await api(`/products/${f.productId}/reviews?rating=5`)).text();
    expect(fives).toContain("Said 43<");
    expect(fives).not.toMatch(/Said \d*[02468]</);

    // A rating the page cannot show lists every review.
    const all = await (await api(`/products/${f.productId}/reviews?rating=9`)).text();
    expect(all).toContain(`Reviews of Starpagephone 4`);
    expect(all).not.toContain("Showing the");
  });

  it("shows a new review on the lists narrowed to its stars or most helpful first, which the edge kept, once the change is applied", async () => {
    const f = await ratedProduct("Narrowphone 2");
    // Links as shoppers follow them, parameters in either order.
    const lists = [`reviews?rating=2`, `reviews?sort=helpful`, `reviews?sort=helpful&rating=2`].map((l) => `/products/${f.productId}/${l}`);
    for (const list of lists) expect(await (await api(list)).text()).not.toContain("Too heavy");
    await stored();
    await writeReview(f, "Asha Rao", 2, "Too heavy");
    // Kept at the edge, each list still shows what it showed until the change reaches the consumer.
    for (const list of lists) expect(await (await api(list)).text()).not.toContain("Too heavy");

    await applyProductChanges(f.productId);
    for (const list of lists) expect(await (await api(list)).text()).toContain("Too heavy");
    // A list of other stars does not show it.
    expect(await (await api(`/products/${f.productId}/reviews?rating=5`)).text()).not.toContain("Too heavy");
  });

  it("leaves reviews out while the store sheds load, and still shows the product", async () => {
    const f = await ratedProduct("Busyphone 9");
    await writeReview(f, "Asha Rao", 5, "Fast delivery");
    const ctx = createExecutionContext();
    const rehearsal = { ...env, SHED_MODE: "on" } as unknown as Env;
    const res = await worker.fetch(new Request(`https://shop.test/products/${f.productId}`), rehearsal, ctx);
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Busyphone 9");
    expect(html).not.toContain("Fast delivery");
    expect(html).not.toContain("Ratings and reviews");
  });
});

describe("the review page", () => {
  it("gives a shopper who received the product a form that posts their review, and then edits it", async () => {
    const f = await ratedProduct("Formphone 4");
    const shopper = await shopperWhoReceived(f, "Asha Rao");
    const { cookie, csrf } = await browserSession(shopper);
    // Seen before the review, so the review must reach it through the catalog consumer's purge.
    expect(await (await api(`/products/${f.productId}`)).text()).toContain("4.0 ★</strong> from 2");
    await stored();

    const page = await api(`/products/${f.productId}/review`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("private, no-store");
    const form = await page.text();
    expect(form).toContain(`action="/products/${f.productId}/review"`);
    expect(form).toContain('name="rating"');
    expect(form).toContain("Post your review");

    const posted = await postForm(
      `/products/${f.productId}/review`,
      { _csrf: csrf, rating: "2", title: "Too heavy", body: "Returns are easy." },
      cookie,
    );
    expect(posted.status).toBe(303);
    expect(posted.headers.get("location")).toBe(`/products/${f.productId}/review?done=saved`);
    expect(await productState(f.productId)).toMatchObject({ rating_sum: 10, rating_count: 3 });

    await applyProductChanges(f.productId);
    const product = await (await api(`/products/${f.productId}`)).text();
    expect(product).toContain("3.3 ★</strong> from 3");
    expect(product).toContain("Too heavy");

    const editing = await (await api(`/products/${f.productId}/review?done=saved`, { headers: { cookie } })).text();
    expect(editing).toContain("Your review is saved");
    expect(editing).toContain("Update your review");
    expect(editing).toMatch(/value="2" checked/);
    expect(editing).toContain('value="Too heavy"');

    const edited = await postForm(
      `/products/${f.productId}/review`,
      { _csrf: csrf, rating: "4", title: "Heavy but good", body: "" },
      cookie,
    );
    expect(edited.status).toBe(303);
    expect(await productState(f.productId)).toMatchObject({ rating_sum: 12, rating_count: 3 });

    const removed = await postForm(`/products/${f.productId}/review/delete`, { _csrf: csrf }, cookie);
    expect(removed.status).toBe(303);
    expect(await productState(f.productId)).toMatchObject({ rating_sum: 8, rating_count: 2, reviews: [] });
  });

  it("sends a refused form back with what was typed and the fields to fix, writing nothing", async () => {
    const f = await ratedProduct("Formphone 5");
    const shopper = await shopperWhoReceived(f);
    const { cookie, csrf } = await browserSession(shopper);
    const before = await productState(f.productId);

    const res = await postForm(`/products/${f.productId}/review`, { _csrf: csrf, title: "Nice", body: "Forgot the stars" }, cookie);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Choose from 1 to 5 stars.");
    expect(html).toContain('value="Nice"');
    expect(html).toContain("Forgot the stars");
    expect(await productState(f.productId)).toEqual(before);

    // Without the session's CSRF token the post is refused outright.
    expect((await postForm(`/products/${f.productId}/review`, { rating: "5" }, cookie)).status).toBe(403);
    expect(await productState(f.productId)).toEqual(before);
  });

  it("tells a shopper who has not received the product why they cannot review it, and sends a guest to sign in", async () => {
    const f = await ratedProduct("Formphone 6");
    const shopper = await createTestUser();
    await orderOf(shopper, f, "shipped");
    const { cookie, csrf } = await browserSession(shopper);
    const html = await (await api(`/products/${f.productId}/review`, { headers: { cookie } })).text();
    expect(html).toContain("once an order of yours containing it has been delivered");
    expect(html).not.toContain('name="rating"');
    const refused = await postForm(`/products/${f.productId}/review`, { _csrf: csrf, rating: "5" }, cookie);
    expect(refused.status).toBe(403);

    // A guest is sent to sign in, and from there back to this page.
    const guest = await (await api(`/products/${f.productId}/review`)).text();
    expect(guest).toContain('<h1 id="signin-h">Sign in</h1>');
    expect(guest).toContain(`name="next" value="/products/${f.productId}/review"`);
  });

  it("is linked from a delivered order on the shopper's orders pages", async () => {
    const f = await ratedProduct("Orderphone 8");
    const shopper = await createTestUser();
    const delivered = await orderOf(shopper, f, "delivered");
    const shipped = await orderOf(shopper, f, "shipped");
    const { cookie } = await browserSession(shopper);

    const list = await (await api("/orders", { headers: { cookie } })).text();
    expect(list).toContain(`href="/orders/${delivered}#review-items"`);
    expect(list).not.toContain(`href="/orders/${shipped}#review-items"`);
    const order = await (await api(`/orders/${delivered}`, { headers: { cookie } })).text();
    expect(order).toContain(`href="/products/${f.productId}/review"`);
    const notYet = await (await api(`/orders/${shipped}`, { headers: { cookie } })).text();
    expect(notYet).not.toContain(`href="/products/${f.productId}/review"`);
    expect(order).toContain(`href="/products/${f.productId}/review" data-write-review="true">Write a review</a>`);

    // Once reviewed, the order offers to edit that review, as the review page is headed.
    const put = await api(`/api/products/${f.productId}/reviews/mine`, { method: "PUT", headers: shopper.headers, body: { rating: 4 } });
    expect(put.status).toBe(200);
    const after = await (await api(`/orders/${delivered}`, { headers: { cookie } })).text();
    expect(after).toContain(`href="/products/${f.productId}/review" data-write-review="true">Edit your review</a>`);
    const view = (await (await api(`/api/orders/${delivered}`, { headers: shopper.headers })).json()) as { items: { reviewed: boolean }[] };
    expect(view.items.map((i) => i.reviewed)).toEqual([true]);
    // The list no longer asks for a review of an order whose every product has one.
    const listAfter = await (await api("/orders", { headers: { cookie } })).text();
    expect(listAfter).not.toContain(`href="/orders/${delivered}#review-items"`);
  });
});
