import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { type TestUser, createTestUser } from "../helpers/accounts";
import { browserSession, drawnForm, postForm } from "../helpers/forms";
import { api, readerText } from "../helpers/http";
import { answeredProduct, publicQuestions } from "./support";

const answered = (title: string, words: string) => answeredProduct(title, words, "Is the charger in the box?");

async function reportAs(user: TestUser, answerId: string, reason: string) {
  const { cookie } = await browserSession(user);
  const form = drawnForm(await (await api(`/answers/${answerId}/report`, { headers: { cookie } })).text(), "Report it");
  // The drawn form's radios all carry a value; a browser sends only the one chosen, if any.
  const { reason: _offered, ...fields } = form.fields;
  return postForm(form.action, reason ? { ...fields, reason } : fields, cookie);
}

/** The console's queue of reported answers, out of the whole page. */
const queueOfPage = (html: string) => html.slice(html.indexOf("Reported by shoppers"), html.indexOf('id="questions-h"'));

describe("reporting a seller's answer from its page", () => {
  it("links each answer to a report page, where a shopper picks a reason and is thanked", async () => {
    const { f, questionId, answerId } = await answered("Answerpagephone 1", "No charger. Buy ours at 98200 00000.");
    const list = await (await api(`/products/${f.productId}/questions`)).text();
    expect(list).toContain(`href="/answers/${answerId}/report"`);
    // Followed to the sign-in form for a guest, which comes back here.
    expect(await (await api(`/answers/${answerId}/report`)).text()).toContain(`name="next" value="/answers/${answerId}/report"`);

    const shopper = await createTestUser();
    const { cookie } = await browserSession(shopper);
    const res = await api(`/answers/${answerId}/report`, { headers: { cookie } });
    expect(res.headers.get("cache-control")).toMatch(/private|no-store/);
    const page = await res.text();
    expect(page).toContain("An answer about Answerpagephone 1");
    expect(page).toContain("Is the charger in the box?");
    expect(page).toContain("No charger. Buy ours at 98200 00000.");
    expect(page).toContain("Answered by seller: Sharma Mobiles");
    expect(page).toContain(`href="/products/${f.productId}/questions#q-${questionId}"`);
    expect(page).toContain("Wrong or misleading about the product");

    const none = await reportAs(shopper, answerId, "");
    expect(none.status).toBe(400);
    expect(await none.text()).toContain("Choose what is wrong with the answer.");
    const sent = await reportAs(shopper, answerId, "spam");
    expect(sent.status).toBe(303);
    expect(sent.headers.get("location")).toBe(`/answers/${answerId}/report?done=reported`);
    const thanked = await (await api(sent.headers.get("location")!, { headers: { cookie } })).text();
    expect(thanked).toContain("Thank you for reporting this answer");
    // Back later, the page says it was reported and how, rather than offering the form again.
    const again = await (await api(`/answers/${answerId}/report`, { headers: { cookie } })).text();
    expect(again).toContain("You reported this answer");
    expect(readerText(again)).toContain('as "Advertising, links or contact details"');
    expect(again).not.toContain("Report it");
  });

  it("tells the seller's own user to change the answer instead, and a removed answer is not found", async () => {
    const { seller, answerId } = await answered("Answerpagephone 2", "Yes, a 33 W charger.");
    // The page says why, in place of a form that could only be refused; one sent all the same is refused too.
    const session = await browserSession(seller);
    const page = await (await api(`/answers/${answerId}/report`, { headers: { cookie: session.cookie } })).text();
    expect(page).toContain("This answer is yours");
    expect(page).toContain("This is your business&#39;s own answer");
    expect(page).not.toContain("Report it");
    const own = await postForm(`/answers/${answerId}/report`, { reason: "wrong", _csrf: session.csrf }, session.cookie);
    expect(own.status).toBe(403);
    expect(await own.text()).toContain("This is your business&#39;s own answer");

    const ops = await createTestUser(["ops"]);
    await api(`/api/admin/answers/${answerId}`, { method: "DELETE", headers: ops.headers, body: { reason: "Test" } });
    const { cookie } = await browserSession(await createTestUser());
    const gone = await api(`/answers/${answerId}/report`, { headers: { cookie } });
    expect(gone.status).toBe(404);
    expect(await gone.text()).toContain("Answer not found");
  });
});

describe("the ops console's queue of reported answers", () => {
  it("leads with them, keeps one, and removes another with the reason its reports gave", async () => {
    const ops = await createTestUser(["ops"]);
    const kept = await answered("Answerpagephone 3", "It has a charger, I think.");
    const removed = await answered("Answerpagephone 4", "Yes it has 5G.");
    for (const a of [kept, removed]) await reportAs(await createTestUser(), a.answerId, "wrong");
    await reportAs(await createTestUser(), removed.answerId, "wrong");
    const { cookie } = await browserSession(ops);

    const queue = queueOfPage(await (await api("/ops/questions", { headers: { cookie } })).text());
    expect(queue).toContain(`data-reported-id="${kept.answerId}"`);
    expect(queue).toContain(`data-reported-id="${removed.answerId}"`);
    // The more reported first.
    expect(queue.indexOf(removed.answerId)).toBeLessThan(queue.indexOf(kept.answerId));
    expect(queue).toContain("2 × Wrong or misleading about the product");

    const keep = drawnForm(queue, `/ops/answers/${kept.answerId}/keep`);
    const keptRes = await postForm(keep.action, keep.fields, cookie);
    expect(keptRes.status).toBe(303);
    const after = await (await api(keptRes.headers.get("location")!, { headers: { cookie } })).text();
    expect(after).toContain("Answer kept. Its reports are cleared, and the shoppers who sent them are told it stays.");
    expect(queueOfPage(after)).not.toContain(`data-reported-id="${kept.answerId}"`);

    const remove = drawnForm(queueOfPage(after), `/ops/answers/${removed.answerId}/remove`);
    expect(remove.fields.reason).toBe("Wrong or misleading about the product, as shoppers reported");
    const removedRes = await postForm(remove.action, remove.fields, cookie);
    expect(removedRes.status).toBe(303);
    expect((await publicQuestions(removed.f.productId)).items).toEqual([]);
    const reason = await env.DB.prepare("SELECT removal_reason FROM question_answers WHERE id = ?")
      .bind(removed.answerId)
      .first<string>("removal_reason");
    expect(reason).toBe(remove.fields.reason);
  });
});
