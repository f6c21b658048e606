import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { applyProductChanges } from "../catalog/queue";
import { createTestUser } from "../helpers/accounts";
import { browserSession, consolePost, postForm } from "../helpers/forms";
import { api, readerText } from "../helpers/http";
import { answer, asked, productWithSeller, storedQuestions } from "./support";

/** Gives the edge's copy of a page, stored after the response, a moment to land. */
const stored = () => new Promise((r) => setTimeout(r, 50));

/** Asks `n` questions from as many shoppers, a day apart in the order asked, and has the seller answer each. */
async function answeredQuestions(set: Awaited<ReturnType<typeof productWithSeller>>, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = await asked(await createTestUser(), set.f.productId, `Shown question number ${i}?`);
    await env.DB.prepare("UPDATE product_questions SET created_at = ?2 WHERE id = ?1")
      .bind(id, new Date(Date.UTC(2026, 0, 1 + i)).toISOString())
      .run();
    expect((await answer(set.seller, id, `Answer number ${i}.`)).status).toBe(200);
    ids.push(id);
  }
  return ids;
}

describe("questions on the product page", () => {
  it("shows the newest 3 answered questions, a link to all of them and a link to ask, the same for every visitor", async () => {
    const set = await productWithSeller("Qpagephone 1");
    await answeredQuestions(set, 4);
    await asked(set.shopper, set.f.productId, "Still waiting for an answer?");
    await applyProductChanges(set.f.productId);

    const res = await api(`/products/${set.f.productId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toMatch(/^public/);
    const html = await res.text();
    const text = readerText(html);
    expect(text).toContain("Questions and answers");
    expect(text).toContain("Q: Shown question number 3?");
    expect(text).toContain("A: Answer number 3.");
    expect(text).toContain("Answered by seller: Sharma Mobiles");
    expect(text).toContain("Shown question number 1?");
    expect(text).not.toContain("Shown question number 0?");
    expect(text).not.toContain("Still waiting for an answer?");
    expect(html).toMatch(new RegExp(`<a href="/products/${set.f.productId}/questions"[^>]*>All 4 questions</a>`));
    expect(html).toMatch(new RegExp(`<a href="/products/${set.f.productId}/ask"[^>]*>Ask a question</a>`));
    // Shared: no form that would need one shopper's CSRF token.
    expect(html).not.toContain('name="text"');
  });

  it("lists every answered question a page at a time on the product's questions page", async () => {
    const set = await productWithSeller("Qpagephone 2");
    await answeredQuestions(set, 22);
    const res = await api(`/products/${set.f.productId}/questions`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toMatch(/^public, max-age=0, s-maxage=/);
    const first = readerText(await res.text());
    expect(first).toContain("22 questions answered by its sellers.");
    expect(first).toContain("Shown question number 21?");
    expect(first).toContain("Shown question number 2?");
    expect(first).not.toContain("Shown question number 1?");
    const html = await (await api(`/products/${set.f.productId}/questions`)).text();
    const next = /href="([^"]+cursor=[^"]+)" rel="next"/.exec(html)?.[1]?.replaceAll("&amp;", "&");
    expect(next).toBeDefined();
    const second = readerText(await (await api(next!)).text());
    expect(second).toContain("Shown question number 1?");
    expect(second).toContain("Shown question number 0?");
    expect(second).not.toContain("Shown question number 2?");
  });

  it("shows a new answer on the edge-cached pages once the catalog consumer has purged them", async () => {
    const set = await productWithSeller("Qpagephone 3");
    const id = await asked(set.shopper, set.f.productId, "Does the box have a case?");
    // Seen and kept at the edge before the answer, so the answer must reach them through the purge.
    expect(readerText(await (await api(`/products/${set.f.productId}/questions`)).text())).toContain("No questions answered yet.");
    expect(readerText(await (await api(`/products/${set.f.productId}`)).text())).toContain("No questions answered yet.");
    await stored();
    expect((await api(`/products/${set.f.productId}/questions`)).headers.get("x-page-cache")).toBe("hit");

    expect((await answer(set.seller, id, "Yes, a clear case.")).status).toBe(200);
    await applyProductChanges(set.f.productId);
    const page = await api(`/products/${set.f.productId}/questions`);
    expect(page.headers.get("x-page-cache")).not.toBe("hit");
    const text = readerText(await page.text());
    expect(text).toContain("Does the box have a case?");
    expect(text).toContain("Yes, a clear case.");
    expect(readerText(await (await api(`/products/${set.f.productId}`)).text())).toContain("Yes, a clear case.");
  });
});

describe("the ask page", () => {
  it("gives a signed-in shopper a form that posts their question, then shows it waiting for the seller's answer", async () => {
    const set = await productWithSeller("Qpagephone 4");
    const { cookie, csrf } = await browserSession(set.shopper);
    const page = await api(`/products/${set.f.productId}/ask`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("private, no-store");
    const form = await page.text();
    expect(form).toContain(`action="/products/${set.f.productId}/ask"`);
    expect(form).toContain('name="_csrf"');
    expect(form).toContain('<textarea name="text"');

    const posted = await postForm(`/products/${set.f.productId}/ask`, { _csrf: csrf, text: "Is the charger in the box?" }, cookie);
    expect(posted.status).toBe(303);
    expect(posted.headers.get("location")).toBe(`/products/${set.f.productId}/ask?done=asked`);
    const after = readerText(await (await api(`/products/${set.f.productId}/ask?done=asked`, { headers: { cookie } })).text());
    expect(after).toContain("Your question is sent to the sellers of this product.");
    expect(after).toContain("Is the charger in the box?");
    expect(after).toContain("Waiting for the seller's answer");

    // Another shopper's ask page does not show it.
    const other = await browserSession(await createTestUser());
    expect(readerText(await (await api(`/products/${set.f.productId}/ask`, { headers: { cookie: other.cookie } })).text())).not.toContain(
      "Is the charger in the box?",
    );
  });

  it("sends a refused question back with what was typed, writing nothing; a guest is asked to sign in", async () => {
    const set = await productWithSeller("Qpagephone 5");
    const { cookie, csrf } = await browserSession(set.shopper);
    const res = await postForm(`/products/${set.f.productId}/ask`, { _csrf: csrf, text: "5G ok?" }, cookie);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Write your question in 10 to 300 characters.");
    expect(html).toContain("5G ok?</textarea>");
    expect(html).toContain('aria-invalid="true"');
    // Without the session's CSRF token the post is refused outright.
    expect((await postForm(`/products/${set.f.productId}/ask`, { text: "Is the charger in the box?" }, cookie)).status).toBe(403);
    expect((await storedQuestions(set.f.productId)).questions).toEqual([]);

    // Past the day's limit the page says when the shopper may ask again.
    for (let i = 0; i < 5; i++) await asked(set.shopper, set.f.productId, `Earlier question number ${i}?`);
    const limited = await postForm(`/products/${set.f.productId}/ask`, { _csrf: csrf, text: "One question too many?" }, cookie);
    expect(limited.status).toBe(429);
    const limitedText = readerText(await limited.text());
    expect(limitedText).toMatch(/You have asked 5 questions about this product in the last 24 hours; you can ask another in 2[34] hours\./);
    expect(limitedText).toContain("One question too many?");
    expect((await storedQuestions(set.f.productId)).questions).toHaveLength(5);

    const guest = await api(`/products/${set.f.productId}/ask`);
    expect(guest.status).toBe(200);
    const guestHtml = await guest.text();
    expect(readerText(guestHtml)).toContain("Sign in to ask");
    expect(guestHtml).toContain(`href="/signin?next=${encodeURIComponent(`/products/${set.f.productId}/ask`)}"`);
    expect(guestHtml).not.toContain('name="text"');
  });

  it("tells a seller of the product, even one whose listing is switched off, that its questions come to them, with no form to ask", async () => {
    const set = await productWithSeller("Qpagephone 6");
    await env.DB.prepare("UPDATE listings SET active = 0 WHERE product_id = ?1").bind(set.f.productId).run();
    const { cookie } = await browserSession(set.seller);
    const html = await (await api(`/products/${set.f.productId}/ask`, { headers: { cookie } })).text();
    expect(readerText(html)).toContain("You sell this product, so shoppers' questions about it come to you to answer");
    expect(html).toContain('href="/seller/questions"');
    expect(html).not.toContain('name="text"');
    // A seller of something else asks like any shopper.
    const other = await productWithSeller("Qpagephone 7");
    const theirs = await (
      await api(`/products/${set.f.productId}/ask`, { headers: { cookie: (await browserSession(other.seller)).cookie } })
    ).text();
    expect(theirs).toContain('<textarea name="text"');
    expect(readerText(theirs)).not.toContain("You sell this product");
  });
});

describe("the seller console's Questions tab", () => {
  it("lists questions to answer with a form each, posts the answer and lists it under Answered to edit", async () => {
    const set = await productWithSeller("Qpagephone 6");
    const id = await asked(set.shopper, set.f.productId, "Does installation cost extra?");
    const page = await api("/seller/questions", { headers: set.seller.headers });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<a href="/seller/questions" aria-current="page">Questions<span data-questions-waiting');
    expect(readerText(html)).toContain("Q: Does installation cost extra?");
    expect(html).toContain(`action="/seller/questions/${id}/answer"`);
    expect(html).toContain('aria-label="Send answer to “Does installation cost extra?”"');

    const posted = await consolePost(
      `/seller/questions/${id}/answer`,
      { state: "unanswered", text: "Free within city limits." },
      set.seller.headers,
    );
    expect(posted.status).toBe(303);
    expect(posted.headers.get("location")).toBe(`/seller/questions?state=unanswered&done=1#q-${id}`);
    expect(readerText(await (await api("/seller/questions", { headers: set.seller.headers })).text())).toContain(
      "No questions are waiting for your answer.",
    );
    const answered = await (await api("/seller/questions?state=answered", { headers: set.seller.headers })).text();
    expect(answered).toContain("Free within city limits.</textarea>");
    expect(answered).toContain('aria-label="Update answer to “Does installation cost extra?”"');

    const tooShort = await consolePost(`/seller/questions/${id}/answer`, { state: "answered", text: "k" }, set.seller.headers);
    expect(tooShort.status).toBe(400);
    expect(await tooShort.text()).toContain("Write your answer in 2 to 1000 characters.");
    expect((await storedQuestions(set.f.productId)).answers).toEqual([expect.objectContaining({ body: "Free within city limits." })]);

    // Shoppers are kept out.
    expect((await api("/seller/questions", { headers: set.shopper.headers })).status).toBe(403);
  });
});

describe("the ops console's question moderation", () => {
  it("lists questions and answers, each with a named Remove, and takes one down with a reason", async () => {
    const set = await productWithSeller("Qpagephone 7");
    const id = await asked(set.shopper, set.f.productId, "Can I pay by EMI on this?");
    expect((await answer(set.seller, id, "Yes, call us on 98200 00000.")).status).toBe(200);
    const ops = await createTestUser(["ops"]);
    const html = await (await api("/ops/questions", { headers: ops.headers })).text();
    expect(html).toContain('<a href="/ops/questions" aria-current="page">Questions</a>');
    expect(html).toContain('aria-label="Remove question “Can I pay by EMI on this?”"');
    expect(html).toContain('aria-label="Remove answer by Sharma Mobiles to “Can I pay by EMI on this?”"');
    const answerId = (await storedQuestions(set.f.productId)).answers[0]?.id as string;
    expect(html).toContain(`action="/ops/answers/${answerId}/remove"`);

    const noReason = await consolePost(`/ops/answers/${answerId}/remove`, { reason: " " }, ops.headers);
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain("Say why it is removed.");
    const removed = await consolePost(`/ops/answers/${answerId}/remove`, { reason: "Phone number" }, ops.headers);
    expect(removed.status).toBe(303);
    expect(removed.headers.get("location")).toBe("/ops/questions?removed=answer");
    const after = await (await api("/ops/questions?removed=answer", { headers: ops.headers })).text();
    expect(after).toContain("Answer removed.");
    expect(after).not.toContain(`data-answer-id="${answerId}"`);
    expect((await storedQuestions(set.f.productId)).answers).toEqual([expect.objectContaining({ status: "removed" })]);

    expect((await api("/ops/questions", { headers: set.seller.headers })).status).toBe(403);
  });
});
