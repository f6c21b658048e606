import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { deliverEmails } from "../../workers/notifications/email-delivery";
import { type TestUser, createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { answer, asked, productWithSeller } from "../questions/support";
import { reviewedProduct } from "../reviews/support";
import { mailSpy } from "./support";

interface Message {
  kind: string;
  subject: string;
  body: string;
  link: string | null;
}

async function updates(user: TestUser): Promise<Message[]> {
  const res = await api("/api/notifications", { headers: user.headers });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: Message[] }).items;
}

const outcomes = async (user: TestUser) => (await updates(user)).filter((m) => m.kind.startsWith("report_"));

/** How each of the user's messages about reports goes out: email state by channel. */
async function deliveries(user: TestUser) {
  const { results } = await env.DB.prepare(
    "SELECT kind, channel, email_state FROM notifications WHERE user_id = ? AND kind LIKE 'report\\_%' ESCAPE '\\' ORDER BY id",
  )
    .bind(user.id)
    .all<{ kind: string; channel: string; email_state: string | null }>();
  return results;
}

const reportReview = (user: TestUser, id: string, reason = "spam") =>
  api(`/api/reviews/${id}/report`, { method: "PUT", headers: user.headers, body: { reason } });
const reportAnswer = (user: TestUser, id: string, reason = "wrong") =>
  api(`/api/answers/${id}/report`, { method: "PUT", headers: user.headers, body: { reason } });
const keep = (ops: TestUser, what: "reviews" | "answers", id: string) =>
  api(`/api/admin/${what}/${id}/reports`, { method: "DELETE", headers: ops.headers });

async function answered(title: string, words: string) {
  const set = await productWithSeller(title);
  const questionId = await asked(set.shopper, set.f.productId, "Does it support 5G in India?");
  expect((await answer(set.seller, questionId, words)).status).toBe(200);
  const answerId = (await env.DB.prepare("SELECT id FROM question_answers WHERE question_id = ?").bind(questionId).first<string>("id"))!;
  return { ...set, questionId, answerId };
}

describe("shoppers told what became of what they reported", () => {
  it("tells each reporter of a review that ops kept it, by email unless they turned it off, and no one else", async () => {
    const ops = await createTestUser(["ops"]);
    const { f, author, reviewId } = await reviewedProduct("Outcomephone 1", { rating: 2, title: "Battery drains by noon" });
    const [asha, ravi, bystander] = [await createTestUser(), await createTestUser(), await createTestUser()];
    const off = await api("/api/me/notification-preferences", {
      method: "PUT",
      headers: ravi.headers,
      body: { email: { reports: false } },
    });
    expect(off.status).toBe(200);
    expect(await off.json()).toMatchObject({ email: { saved_products: true, reports: false } });
    expect((await reportReview(asha, reviewId)).status).toBe(204);
    expect((await reportReview(ravi, reviewId, "abusive")).status).toBe(204);

    expect((await keep(ops, "reviews", reviewId)).status).toBe(204);

    const told = {
      kind: "report_kept",
      subject: "We looked at the review you reported",
      body: "Thank you for reporting a review about Outcomephone 1 (“Battery drains by noon”). Our team looked at it and found it within our guidelines, so it stays up.",
      link: `/products/${f.productId}#reviews`,
    };
    expect(await outcomes(asha)).toEqual([expect.objectContaining(told)]);
    expect(await outcomes(ravi)).toEqual([expect.objectContaining(told)]);
    // Mailed to the one who wants it, kept on the Updates page only for the one who turned it off; never a text.
    expect(await deliveries(asha)).toEqual([{ kind: "report_kept", channel: "email", email_state: "pending" }]);
    expect(await deliveries(ravi)).toEqual([{ kind: "report_kept", channel: "email", email_state: "suppressed" }]);
    expect(await outcomes(bystander)).toEqual([]);
    expect(await outcomes(author)).toEqual([]);

    // A second keep with nothing reported tells no one again; a new report kept again is told again.
    expect((await keep(ops, "reviews", reviewId)).status).toBe(204);
    expect(await outcomes(asha)).toHaveLength(1);
    expect((await reportReview(asha, reviewId, "fake")).status).toBe(204);
    expect((await keep(ops, "reviews", reviewId)).status).toBe(204);
    expect(await outcomes(asha)).toHaveLength(2);
    expect(await outcomes(ravi)).toHaveLength(1);
  });

  it("tells each reporter of a review that ops removed it, without the reason written for its author, once", async () => {
    const ops = await createTestUser(["ops"]);
    const { f, author, reviewId } = await reviewedProduct("Outcomephone 2", { rating: 1, title: "Call 98xxxxxx10 for cheaper" });
    const asha = await createTestUser();
    expect((await reportReview(asha, reviewId, "personal_details")).status).toBe(204);

    const removal = { method: "DELETE", headers: ops.headers, body: { reason: "Advertises a phone number" } } as const;
    expect((await api(`/api/admin/reviews/${reviewId}`, removal)).status).toBe(204);
    expect((await api(`/api/admin/reviews/${reviewId}`, removal)).status).toBe(404);

    expect(await outcomes(asha)).toEqual([
      expect.objectContaining({
        kind: "report_upheld",
        subject: "The review you reported was removed",
        body: "Thank you for reporting a review about Outcomephone 2 (“Call 98xxxxxx10 for cheaper”). Our team looked at it and removed it.",
        link: `/products/${f.productId}#reviews`,
      }),
    ]);
    // The author hears of the removal with its reason; the reporter's message is not theirs.
    expect((await updates(author)).map((m) => m.kind)).toEqual(["review_removed"]);

    // The mail links to the product and says how to stop these mails.
    const ids = (
      await env.DB.prepare("SELECT id FROM notifications WHERE user_id = ? AND channel = 'email'").bind(asha.id).all<{ id: number }>()
    ).results.map((r) => r.id);
    const { sent, spyEnv } = mailSpy();
    await deliverEmails(spyEnv, { ids });
    const mail = sent.find((m) => m.to === asha.email);
    expect(mail?.subject).toBe("The review you reported was removed");
    expect(mail?.text).toContain(`/products/${f.productId}#reviews\n`);
    expect(mail?.text).toMatch(
      /You get these because you reported a review or an answer on Bazaar Edge\. Stop these emails: \S+g=reports\S+\n$/,
    );
  });

  it("tells the reporters of a seller's answer whether ops kept or removed it", async () => {
    const ops = await createTestUser(["ops"]);
    const kept = await answered("Outcomephone 3", "Yes, on every Indian band.");
    const removed = await answered("Outcomephone 4", "No 5G. Call 98200 00000 for a better phone.");
    const asha = await createTestUser();
    expect((await reportAnswer(asha, kept.answerId)).status).toBe(204);
    expect((await reportAnswer(asha, removed.answerId, "spam")).status).toBe(204);

    expect((await keep(ops, "answers", kept.answerId)).status).toBe(204);
    const gone = await api(`/api/admin/answers/${removed.answerId}`, {
      method: "DELETE",
      headers: ops.headers,
      body: { reason: "Advertises a phone number" },
    });
    expect(gone.status).toBe(204);

    const told = await outcomes(asha);
    expect(told).toHaveLength(2);
    expect(told).toContainEqual(
      expect.objectContaining({
        kind: "report_kept",
        subject: "We looked at the answer you reported",
        body: "Thank you for reporting an answer about Outcomephone 3 (“Yes, on every Indian band.”). Our team looked at it and found it within our guidelines, so it stays up.",
        link: `/products/${kept.f.productId}#questions`,
      }),
    );
    expect(told).toContainEqual(
      expect.objectContaining({
        kind: "report_upheld",
        subject: "The answer you reported was removed",
        body: "Thank you for reporting an answer about Outcomephone 4 (“No 5G. Call 98200 00000 for a better phone.”). Our team looked at it and removed it.",
        link: `/products/${removed.f.productId}#questions`,
      }),
    );
    // A keep refused for an answer gone tells no one.
    expect((await keep(ops, "answers", removed.answerId)).status).toBe(404);
    expect(await outcomes(asha)).toHaveLength(2);
  });
});
