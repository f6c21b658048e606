import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { type TestUser, createTestUser } from "../helpers/accounts";
import { browserSession, drawnForm, postForm } from "../helpers/forms";
import { api } from "../helpers/http";
import { reviewedProduct } from "./support";

const reviewed = (title: string, words: string) => reviewedProduct(title, { rating: 1, title: words }, "Imran Qureshi");

async function reportAs(user: TestUser, reviewId: string, reason: string) {
  const { cookie } = await browserSession(user);
  const form = drawnForm(await (await api(`/reviews/${reviewId}/report`, { headers: { cookie } })).text(), "Report it");
  // The drawn form's radios all carry a value; a browser sends only the one chosen, if any.
  const { reason: _offered, ...fields } = form.fields;
  return postForm(form.action, reason ? { ...fields, reason } : fields, cookie);
}

describe("reporting a review from its page", () => {
  it("links each review to a report page, where a shopper picks a reason and is thanked", async () => {
    const { f, reviewId } = await reviewed("Reportpagephone 1", "Visit my shop for deals");
    const list = await (await api(`/products/${f.productId}/reviews`)).text();
    expect(list).toContain(`href="/reviews/${reviewId}/report"`);
    // Followed to the sign-in form for a guest, which comes back here.
    expect(await (await api(`/reviews/${reviewId}/report`)).text()).toContain(`name="next" value="/reviews/${reviewId}/report"`);

    const shopper = await createTestUser();
    const { cookie } = await browserSession(shopper);
    const page = await (await api(`/reviews/${reviewId}/report`, { headers: { cookie } })).text();
    expect(page).toContain("A review of Reportpagephone 1");
    expect(page).toContain("Visit my shop for deals");
    expect(page).toContain("<legend>What is wrong with it?</legend>");
    expect(page).toContain("Spam or advertising");

    const sent = await reportAs(shopper, reviewId, "spam");
    expect(sent.status).toBe(303);
    expect(sent.headers.get("location")).toBe(`/reviews/${reviewId}/report?done=reported`);
    const thanked = await (await api(sent.headers.get("location")!, { headers: { cookie } })).text();
    expect(thanked).toContain("Thank you for reporting this review");
    expect(thanked).not.toContain("Report it");
    // Back later, the page says it was reported and how, rather than offering the form again.
    const again = await (await api(`/reviews/${reviewId}/report`, { headers: { cookie } })).text();
    expect(again).toContain("You reported this review");
    expect(again).toContain("as &quot;Spam or advertising&quot;");
    expect(again).not.toContain("Report it");
  });

  it("asks for a reason when none is chosen, and tells the author why their own review takes no report", async () => {
    const { f, author, reviewId } = await reviewed("Reportpagephone 2", "Terrible");
    const productOf = f.productId;
    const none = await reportAs(await createTestUser(), reviewId, "");
    expect(none.status).toBe(400);
    const html = await none.text();
    expect(html).toContain("Choose what is wrong with the review.");
    expect(html).toContain('aria-describedby="reason-err"');

    // The author's page says why instead of offering a form that could only be refused.
    const { cookie, csrf } = await browserSession(author);
    const page = await (await api(`/reviews/${reviewId}/report`, { headers: { cookie } })).text();
    expect(page).toContain("This review is yours");
    expect(page).toContain("This is your own review: edit or delete it from its product&#39;s review page.");
    expect(page).not.toContain("Report it");
    const asked = await api(`/api/reviews/${reviewId}/report`, { headers: author.headers });
    expect(asked.status).toBe(403);
    // A form sent all the same is refused, and says why.
    const own = await postForm(`/reviews/${reviewId}/report`, { reason: "fake", _csrf: csrf }, cookie);
    expect(own.status).toBe(403);
    expect(await own.text()).toContain("This is your own review");
    // Their own review's Helpful and Report give way to editing it, on the lists everyone shares.
    const marks = await api(`/api/products/${productOf}/reviews/helpful`, { headers: author.headers });
    expect(await marks.json()).toEqual({ review_ids: [], own_review_ids: [reviewId] });
  });
});

/** The console's queue of reported reviews, out of the whole page. */
const queueOfPage = (html: string) => html.slice(html.indexOf("Reported by shoppers"), html.indexOf("Newest reviews"));

describe("the ops console's queue of reported reviews", () => {
  it("lists them most reported first with their reasons, and keeps one, clearing its reports", async () => {
    const ops = await createTestUser(["ops"]);
    const { reviewId } = await reviewed("Reportpagephone 3", "Seller's number is 98xxxxxx10");
    await reportAs(await createTestUser(), reviewId, "personal_details");
    await reportAs(await createTestUser(), reviewId, "personal_details");
    const { cookie } = await browserSession(ops);

    const queue = queueOfPage(await (await api("/ops/reviews", { headers: { cookie } })).text());
    expect(queue).toContain(`data-reported-id="${reviewId}"`);
    expect(queue).toContain("2 × Shares someone&#39;s personal details");

    const keep = drawnForm(queue, `/ops/reviews/${reviewId}/keep`);
    const kept = await postForm(keep.action, keep.fields, cookie);
    expect(kept.status).toBe(303);
    const after = await (await api(kept.headers.get("location")!, { headers: { cookie } })).text();
    expect(after).toContain("Review kept. Its reports are cleared, and the shoppers who sent them are told it stays.");
    expect(after).not.toContain(`data-reported-id="${reviewId}"`);

    // Reported again, it comes back saying it was kept before.
    await reportAs(await createTestUser(), reviewId, "spam");
    const back = await (await api("/ops/reviews", { headers: { cookie } })).text();
    expect(back).toContain(`data-reported-id="${reviewId}"`);
    expect(back).toMatch(/Kept before by [^<]+, \d/);

    // Remove starts with what the reports said most; as drawn, it removes the review for that.
    await reportAs(await createTestUser(), reviewId, "personal_details");
    const queued = queueOfPage(await (await api("/ops/reviews", { headers: { cookie } })).text());
    const remove = drawnForm(queued, `/ops/reviews/${reviewId}/remove`);
    expect(remove.fields.reason).toBe("Shares someone's personal details (a phone number, an address), as shoppers reported");
    const removed = await postForm(remove.action, remove.fields, cookie);
    expect(removed.status).toBe(303);
    const removals = await (await api("/api/admin/reviews/removals?limit=5", { headers: ops.headers })).json();
    expect((removals as { items: { review_id: string; reason: string }[] }).items.find((m) => m.review_id === reviewId)?.reason).toBe(
      remove.fields.reason,
    );
  });

  it("pages on through a long queue, counting what waits, and keeps ops on their page after Keep", async () => {
    const ops = await createTestUser(["ops"]);
    const { f } = await reviewed("Reportpagephone 4", "Fine phone");
    // Thirty reviews reported more than any other in this file, oldest first.
    const ids = Array.from({ length: 30 }, (_, i) => `rev_rq_${String(i).padStart(2, "0")}`);
    await env.DB.batch(
      ids.map((id, i) =>
        env.DB.prepare(
          "INSERT INTO reviews (id, product_id, user_id, rating, title, body, created_at, report_count) VALUES (?, ?, NULL, 1, ?, '', ?, 500)",
        ).bind(id, f.productId, `Queued ${i}`, new Date(Date.UTC(2025, 0, 1, 0, i)).toISOString()),
      ),
    );
    const { cookie } = await browserSession(ops);
    const shown = (html: string) => [...queueOfPage(html).matchAll(/data-reported-id="([^"]+)"/g)].map((m) => m[1]);

    const first = await (await api("/ops/reviews", { headers: { cookie } })).text();
    const waiting = Number(/data-reported-waiting="(\d+)"/.exec(first)?.[1]);
    expect(waiting).toBeGreaterThanOrEqual(30);
    expect(queueOfPage(first)).toContain(`${waiting} reviews wait, the most reported first.`);
    // The newest of the thirty lead; twenty-five to a page.
    expect(shown(first).slice(0, 25)).toEqual(ids.slice().reverse().slice(0, 25));
    const more = /<a href="([^"]+)" rel="next">More reported reviews<\/a>/.exec(queueOfPage(first))?.[1]?.replaceAll("&amp;", "&");
    expect(more).toMatch(/^\/ops\/reviews\?reported=[\w-]+#reported-h$/);

    const second = await (await api(more!, { headers: { cookie } })).text();
    expect(shown(second).slice(0, 5)).toEqual(ids.slice(0, 5).reverse());
    expect(queueOfPage(second)).toContain("Back to the start");
    const keep = drawnForm(queueOfPage(second), `/ops/reviews/${ids[2]}/keep`);
    const kept = await postForm(keep.action, keep.fields, cookie);
    expect(kept.status).toBe(303);
    const back = kept.headers.get("location")!;
    expect(back).toBe(`${more!.replace("#reported-h", "")}&kept=1#reported-h`);
    const after = await (await api(back, { headers: { cookie } })).text();
    expect(after).toContain("Review kept. Its reports are cleared, and the shoppers who sent them are told it stays.");
    expect(shown(after).slice(0, 4)).toEqual([ids[4], ids[3], ids[1], ids[0]]);
    expect(queueOfPage(after)).toContain(`${waiting - 1} reviews wait`);
  });
});
