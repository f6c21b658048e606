import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { applyProductChanges } from "../catalog/queue";
import { createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { answer, asked, productWithSeller, publicQuestions, storedQuestions } from "./support";

function remove(
  kind: "questions" | "answers",
  id: string,
  headers: Record<string, string>,
  body: unknown = { reason: "Shares a phone number" },
) {
  return api(`/api/admin/${kind}/${id}`, { method: "DELETE", headers, body });
}

/** The product as the public API shows it, after the catalog consumer has applied its changes. */
async function productQuestions(productId: string) {
  await applyProductChanges(productId);
  const product = (await (await api(`/api/products/${productId}`)).json()) as { questions: { count: number; newest: { id: string }[] } };
  return product.questions;
}

async function answeredQuestion(title: string) {
  const set = await productWithSeller(title);
  const id = await asked(set.shopper, set.f.productId, "Is the charger in the box?");
  expect((await answer(set.seller, id, "Yes, call 98200 00000 for a deal.")).status).toBe(200);
  return { ...set, id };
}

describe("ops moderating questions and answers", () => {
  it("removes a question from every list and the product page, and keeps who removed it and why", async () => {
    const { f, seller, shopper, id } = await answeredQuestion("Modphone 1");
    expect((await productQuestions(f.productId)).newest.map((q) => q.id)).toEqual([id]);
    const ops = await createTestUser(["ops"]);

    const listed = (await (await api("/api/admin/questions", { headers: ops.headers })).json()) as {
      items: { id: string; answers: unknown[] }[];
    };
    expect(listed.items.find((q) => q.id === id)?.answers).toHaveLength(1);

    expect((await remove("questions", id, ops.headers)).status).toBe(204);
    expect(await publicQuestions(f.productId)).toMatchObject({ count: 0, items: [] });
    expect(await productQuestions(f.productId)).toEqual({ count: 0, newest: [] });
    const mine = (await (await api(`/api/products/${f.productId}/questions/mine`, { headers: shopper.headers })).json()) as {
      items: unknown[];
    };
    expect(mine.items).toEqual([]);
    for (const state of ["unanswered", "answered"]) {
      const page = (await (await api(`/api/seller/questions?state=${state}`, { headers: seller.headers })).json()) as { items: unknown[] };
      expect(page.items).toEqual([]);
    }
    const after = (await (await api("/api/admin/questions", { headers: ops.headers })).json()) as { items: { id: string }[] };
    expect(after.items.map((q) => q.id)).not.toContain(id);
    expect((await answer(seller, id, "Trying again")).status).toBe(404);
    expect((await storedQuestions(f.productId)).questions).toEqual([expect.objectContaining({ id, status: "removed" })]);

    // A second removal finds nothing to remove and says when it went.
    const again = await remove("questions", id, ops.headers);
    expect(again.status).toBe(404);
    expect(((await again.json()) as { detail: string }).detail).toContain("already removed");
  });

  it("removes one seller's answer, hides a question left unanswered, and keeps the seller from writing it again", async () => {
    const { f, seller, shopper, id } = await answeredQuestion("Modphone 2");
    const ops = await createTestUser(["ops"]);
    const answers = (await (await api("/api/admin/answers", { headers: ops.headers })).json()) as {
      items: { id: string; question: { id: string } }[];
    };
    const answerId = answers.items.find((a) => a.question.id === id)?.id ?? "";
    expect(answerId).not.toBe("");

    expect((await remove("answers", answerId, ops.headers)).status).toBe(204);
    // The asker's message about the answer is taken back: its mail, not sent yet, never is, and
    // their Updates entry no longer quotes what was removed.
    const { results: toAsker } = await env.DB.prepare(
      "SELECT channel, body, email_state FROM notifications WHERE user_id = ? AND kind = 'question_answered' ORDER BY channel",
    )
      .bind(shopper.id)
      .all<{ channel: string; body: string; email_state: string | null }>();
    expect(toAsker.length).toBeGreaterThan(0);
    for (const m of toAsker) {
      expect(m.body).toBe(
        "The seller answered your question “Is the charger in the box?”, but our team removed the answer as it broke the store's guidelines.",
      );
      if (m.channel === "email") expect(m.email_state).toBe("withdrawn");
    }
    expect(await storedQuestions(f.productId)).toMatchObject({
      questions: [expect.objectContaining({ answer_count: 0, status: "visible" })],
      answers: [expect.objectContaining({ status: "removed" })],
      product: { answered_questions: 0 },
    });
    expect((await publicQuestions(f.productId)).items).toEqual([]);
    expect((await productQuestions(f.productId)).newest).toEqual([]);
    // The asker sees their question waiting again.
    const mine = (await (await api(`/api/products/${f.productId}/questions/mine`, { headers: shopper.headers })).json()) as {
      items: { answered: boolean }[];
    };
    expect(mine.items).toEqual([expect.objectContaining({ answered: false })]);

    // The seller is told it was removed, and why, in its list and on its console.
    const answered = (await (await api("/api/seller/questions?state=answered", { headers: seller.headers })).json()) as {
      items: { id: string; my_answer: { removed: boolean; removal_reason: string | null } | null }[];
    };
    expect(answered.items.find((q) => q.id === id)?.my_answer).toMatchObject({ removed: true, removal_reason: "Shares a phone number" });
    const consolePage = await (await api("/seller/questions?state=answered", { headers: seller.headers })).text();
    const removedBox = consolePage.slice(consolePage.indexOf("data-answer-removed"));
    expect(removedBox).toContain("Your answer was removed by our team and cannot be written again.");
    expect(removedBox).toContain("Why: Shares a phone number");
    // And told once, on their Updates page and by email, linking to the question on the console.
    const told = (await (await api("/api/notifications", { headers: seller.headers })).json()) as {
      items: { kind: string; subject: string; body: string; link: string | null }[];
    };
    expect(told.items.filter((m) => m.kind === "answer_removed")).toEqual([
      expect.objectContaining({
        subject: "Your answer about Modphone 2 was removed",
        body: "Our team removed your answer to “Is the charger in the box?” for this reason: Shares a phone number. It cannot be written again.",
        link: `/seller/questions?state=answered#q-${id}`,
      }),
    ]);

    const rewrite = await answer(seller, id, "Yes, it is in the box.");
    expect(rewrite.status).toBe(409);
    expect((await storedQuestions(f.productId)).answers).toEqual([expect.objectContaining({ status: "removed" })]);
    expect((await remove("answers", answerId, ops.headers)).status).toBe(404);
  });

  it("refuses shoppers and sellers with 403, asks for a reason with a 400, and removes nothing", async () => {
    const { f, seller, shopper, id } = await answeredQuestion("Modphone 3");
    expect((await remove("questions", id, shopper.headers)).status).toBe(403);
    expect((await remove("questions", id, seller.headers)).status).toBe(403);
    expect((await api("/api/admin/questions", { headers: seller.headers })).status).toBe(403);
    const ops = await createTestUser(["ops"]);
    for (const body of [{}, { reason: "   " }, { reason: "x".repeat(501) }]) {
      const res = await remove("questions", id, ops.headers, body);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe("reason");
    }
    expect((await remove("questions", "qst_nope", ops.headers)).status).toBe(404);
    expect((await publicQuestions(f.productId)).items.map((q) => q.id)).toEqual([id]);
  });
});
