import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { deliverEmails } from "../../workers/notifications/email-delivery";
import { ALERT_GROUPS } from "../../workers/notifications/preferences";
import { REPORT_OUTCOME_KINDS } from "../../workers/platform/report-outcome";
import { type TestUser, createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { answer, answeredProduct, secondSeller } from "../questions/support";
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

/** An item's reports as stored: its count, whether ops' keeping of it is recorded, and the report rows. */
async function reportsOn(what: "reviews" | "answers", id: string) {
  const [table, reports, column] =
    what === "reviews" ? ["reviews", "review_reports", "review_id"] : ["question_answers", "answer_reports", "answer_id"];
  return env.DB.prepare(
    `SELECT report_count, (reports_kept_at IS NOT NULL) AS kept, (SELECT COUNT(*) FROM ${reports} WHERE ${column} = ?1) AS rows
     FROM ${table} WHERE id = ?1`,
  )
    .bind(id)
    .first<{ report_count: number; kept: number; rows: number }>();
}

const reportReview = (user: TestUser, id: string, reason = "spam") =>
  api(`/api/reviews/${id}/report`, { method: "PUT", headers: user.headers, body: { reason } });
const reportAnswer = (user: TestUser, id: string, reason = "wrong") =>
  api(`/api/answers/${id}/report`, { method: "PUT", headers: user.headers, body: { reason } });
const keep = (ops: TestUser, what: "reviews" | "answers", id: string) =>
  api(`/api/admin/${what}/${id}/reports`, { method: "DELETE", headers: ops.headers });

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
    const kept = await answeredProduct("Outcomephone 3", "Yes, on every Indian band.");
    const removed = await answeredProduct("Outcomephone 4", "No 5G. Call 98200 00000 for a better phone.");
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

  it("tells the reporters of each answer under a question ops removed that the answer was removed, once", async () => {
    const ops = await createTestUser(["ops"]);
    const first = await answeredProduct("Outcomephone 7", "Yes. WhatsApp 98200 00000 for the 5G unlock code.");
    const other = await secondSeller(first.f, "Verma Telecom");
    expect((await answer(other.user, first.questionId, "It works on Jio and Airtel 5G.")).status).toBe(200);
    const otherAnswerId = (await env.DB.prepare("SELECT id FROM question_answers WHERE question_id = ?1 AND seller_id = ?2")
      .bind(first.questionId, other.sellerId)
      .first<string>("id"))!;
    const [asha, ravi] = [await createTestUser(), await createTestUser()];
    expect((await reportAnswer(asha, first.answerId, "spam")).status).toBe(204);
    expect((await reportAnswer(ravi, otherAnswerId)).status).toBe(204);

    const removeQuestion = () =>
      api(`/api/admin/questions/${first.questionId}`, {
        method: "DELETE",
        headers: ops.headers,
        body: { reason: "Asks for a phone number" },
      });
    expect((await removeQuestion()).status).toBe(204);

    const upheld = (words: string) =>
      expect.objectContaining({
        kind: "report_upheld",
        subject: "The answer you reported was removed",
        body: `Thank you for reporting an answer about Outcomephone 7 (“${words}”). Our team removed the question it answered, and the answer with it.`,
        link: `/products/${first.f.productId}#questions`,
      });
    expect(await outcomes(asha)).toEqual([upheld("Yes. WhatsApp 98200 00000 for the 5G unlock code.")]);
    expect(await outcomes(ravi)).toEqual([upheld("It works on Jio and Airtel 5G.")]);
    // Nothing is left for ops to judge, and the answer's seller hears nothing of the reports.
    expect(await reportsOn("answers", first.answerId)).toEqual({ report_count: 0, kept: 0, rows: 0 });
    expect(await reportsOn("answers", otherAnswerId)).toEqual({ report_count: 0, kept: 0, rows: 0 });
    expect(await outcomes(first.seller)).toEqual([]);

    // A second removal is refused and tells no one again.
    expect((await removeQuestion()).status).toBe(404);
    expect(await outcomes(asha)).toHaveLength(1);
    expect(await outcomes(ravi)).toHaveLength(1);
  });

  it("clears a review's reports and ops' keeping of it when its author rewrites the words, telling the reporters, but not for a new rating alone", async () => {
    const ops = await createTestUser(["ops"]);
    const { f, author, reviewId } = await reviewedProduct("Outcomephone 5", { rating: 1, title: "Call 98xxxxxx10 for cheaper" });
    const mine = `/api/products/${f.productId}/reviews/mine`;
    const [asha, ravi] = [await createTestUser(), await createTestUser()];
    expect((await reportReview(asha, reviewId, "personal_details")).status).toBe(204);
    expect((await keep(ops, "reviews", reviewId)).status).toBe(204);
    expect((await reportReview(ravi, reviewId, "personal_details")).status).toBe(204);

    // The stars alone change: the reported words still stand, and so does the report.
    const rerated = await api(mine, { method: "PUT", headers: author.headers, body: { rating: 2, title: "Call 98xxxxxx10 for cheaper" } });
    expect(rerated.status).toBe(200);
    expect(await reportsOn("reviews", reviewId)).toEqual({ report_count: 1, kept: 1, rows: 1 });
    expect(await outcomes(ravi)).toEqual([]);

    const rewritten = await api(mine, { method: "PUT", headers: author.headers, body: { rating: 2, title: "Cheaper elsewhere" } });
    expect(rewritten.status).toBe(200);
    // Out of the queue, with nothing kept: nobody has judged the new words yet.
    expect(await reportsOn("reviews", reviewId)).toEqual({ report_count: 0, kept: 0, rows: 0 });
    expect(await outcomes(ravi)).toEqual([
      expect.objectContaining({
        kind: "report_rewritten",
        subject: "The review you reported was rewritten",
        body: "Thank you for reporting a review about Outcomephone 5 (“Call 98xxxxxx10 for cheaper”). Its author has since rewritten it, so the words you reported are no longer shown. If the new review troubles you too, report it again.",
        // Its report page, which shows the new words with the form to report them.
        link: `/reviews/${reviewId}/report`,
      }),
    ]);
    // Asha's report was dealt with when ops kept it; she heard then, and only then.
    expect((await outcomes(asha)).map((m) => m.kind)).toEqual(["report_kept"]);

    // Reported again and then deleted by its author: the reporter hears that too.
    expect((await reportReview(ravi, reviewId, "fake")).status).toBe(204);
    expect((await api(mine, { method: "DELETE", headers: author.headers })).status).toBe(204);
    expect((await outcomes(ravi)).map((m) => [m.kind, m.subject, m.body])).toContainEqual([
      "report_deleted",
      "The review you reported was deleted",
      "Thank you for reporting a review about Outcomephone 5 (“Cheaper elsewhere”). Its author has since deleted it.",
    ]);
  });

  it("clears a seller's answer's reports when the seller rewrites it, telling the reporters", async () => {
    const { seller, questionId, answerId } = await answeredProduct("Outcomephone 6", "No 5G. Call 98200 00000 for a better phone.");
    const asha = await createTestUser();
    expect((await reportAnswer(asha, answerId, "spam")).status).toBe(204);

    expect((await answer(seller, questionId, "No, it has no 5G: it is a 4G phone.")).status).toBe(200);

    expect(await reportsOn("answers", answerId)).toEqual({ report_count: 0, kept: 0, rows: 0 });
    expect(await outcomes(asha)).toEqual([
      expect.objectContaining({
        kind: "report_rewritten",
        subject: "The answer you reported was rewritten",
        body: "Thank you for reporting an answer about Outcomephone 6 (“No 5G. Call 98200 00000 for a better phone.”). The seller has since rewritten it, so the words you reported are no longer shown. If the new answer troubles you too, report it again.",
        link: `/answers/${answerId}/report`,
      }),
    ]);
    // The new words can be reported afresh.
    expect((await reportAnswer(asha, answerId, "wrong")).status).toBe(204);
    expect(await reportsOn("answers", answerId)).toEqual({ report_count: 1, kept: 0, rows: 1 });
  });

  it("puts every kind of message about a report in the group a shopper turns off", () => {
    expect([...ALERT_GROUPS.reports]).toEqual([...REPORT_OUTCOME_KINDS]);
  });
});
