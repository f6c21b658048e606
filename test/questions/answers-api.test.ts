import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createTestUser } from "../helpers/accounts";
import { createListingFixture } from "../helpers/catalog";
import { browserSession } from "../helpers/forms";
import { api } from "../helpers/http";
import { answer, asked, productWithSeller, publicQuestions, secondSeller, storedQuestions } from "./support";

/** The asker's Updates page messages, as its API lists them. */
async function updates(headers: Record<string, string>) {
  const res = await api("/api/notifications", { headers });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: { kind: string; subject: string; body: string; link: string | null }[] }).items;
}

describe("answering a question", () => {
  it("lets only a seller with an active listing of the product answer; others get 404 or 403 and write nothing", async () => {
    const { f, seller, shopper } = await productWithSeller("Answerphone 1");
    const id = await asked(shopper, f.productId, "Is the charger in the box?");

    // A seller of other products cannot see the question, so cannot answer it.
    const stranger = await createListingFixture();
    const strangerUser = await createTestUser(["seller"], { sellerId: stranger.sellerId });
    const refused = await answer(strangerUser, id, "Yes, a 33 W charger.");
    expect(refused.status).toBe(404);
    expect(refused.headers.get("content-type")).toContain("application/problem+json");
    // A shopper, the asker included, is no seller.
    expect((await answer(shopper, id, "I think so.")).status).toBe(403);
    expect((await answer(await createTestUser(), id, "I think so.")).status).toBe(403);
    // A seller whose listing is switched off no longer answers for the product.
    await env.DB.prepare("UPDATE listings SET active = 0 WHERE id = ?").bind(f.listingId).run();
    const inactive = await answer(seller, id, "Yes, a 33 W charger.");
    expect(inactive.status).toBe(403);
    expect(((await inactive.json()) as { detail: string }).detail).toContain("inactive");
    expect(await storedQuestions(f.productId)).toMatchObject({ answers: [], questions: [expect.objectContaining({ answer_count: 0 })] });

    await env.DB.prepare("UPDATE listings SET active = 1 WHERE id = ?").bind(f.listingId).run();
    const ok = await answer(seller, id, "Yes, a 33 W charger.");
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ id, answer_count: 1, my_answer: { text: "Yes, a 33 W charger.", removed: false } });
    expect(
      (await api("/api/seller/questions/qst_nope/answer", { method: "PUT", headers: seller.headers, body: { text: "Hello" } })).status,
    ).toBe(404);
  });

  it("replaces the seller's answer when it answers again, and keeps one answer per seller and question", async () => {
    const { f, seller, shopper } = await productWithSeller("Answerphone 2");
    const id = await asked(shopper, f.productId, "Does installation cost extra?");
    expect((await answer(seller, id, "Installation is free.")).status).toBe(200);
    const versionAfterFirst = (await storedQuestions(f.productId)).product?.version ?? 0;

    expect((await answer(seller, id, "Installation is free within city limits.")).status).toBe(200);
    const stored = await storedQuestions(f.productId);
    expect(stored.answers).toEqual([
      expect.objectContaining({ question_id: id, body: "Installation is free within city limits.", status: "visible" }),
    ]);
    expect(stored.questions).toEqual([expect.objectContaining({ answer_count: 1 })]);
    expect(stored.product).toMatchObject({ answered_questions: 1, version: versionAfterFirst + 1 });
    const shown = await publicQuestions(f.productId);
    expect(shown.items[0]?.answers.map((a) => a.text)).toEqual(["Installation is free within city limits."]);

    // The same words again change nothing, not even the product's version.
    expect((await answer(seller, id, "Installation is free within city limits.")).status).toBe(200);
    expect((await storedQuestions(f.productId)).product?.version).toBe(versionAfterFirst + 1);

    // A second seller of the product adds its own answer beside the first.
    const other = await secondSeller(f, "Gupta Electronics");
    expect((await answer(other.user, id, "With us too.")).status).toBe(200);
    const both = await publicQuestions(f.productId);
    expect(both.items[0]?.answers.map((a) => a.seller.name)).toEqual(["Sharma Mobiles", "Gupta Electronics"]);
    expect((await storedQuestions(f.productId)).questions).toEqual([expect.objectContaining({ answer_count: 2 })]);

    // The seller's console lists it as answered now, with its own answer to edit.
    const answered = (await (await api("/api/seller/questions?state=answered", { headers: seller.headers })).json()) as {
      items: { id: string; my_answer: { text: string } | null }[];
    };
    expect(answered.items).toEqual([
      expect.objectContaining({ id, my_answer: expect.objectContaining({ text: "Installation is free within city limits." }) }),
    ]);
    const unanswered = (await (await api("/api/seller/questions?state=unanswered", { headers: seller.headers })).json()) as {
      items: unknown[];
    };
    expect(unanswered.items).toEqual([]);
  });

  it("pages the seller's questions by state, newest first, with a cursor the other state's list refuses", async () => {
    const { f, seller } = await productWithSeller("Answerphone 5");
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const id = await asked(await createTestUser(), f.productId, `Seller paged question ${i}?`);
      await env.DB.prepare("UPDATE product_questions SET created_at = ?2 WHERE id = ?1")
        .bind(id, new Date(Date.UTC(2026, 1, 1 + i)).toISOString())
        .run();
      ids.push(id);
    }
    expect((await answer(seller, ids[4] as string, "Answered first.")).status).toBe(200);
    const page = async (query: string) => {
      const res = await api(`/api/seller/questions?${query}`, { headers: seller.headers });
      expect(res.status).toBe(200);
      return (await res.json()) as { items: { text: string }[]; next_cursor: string | null };
    };
    const first = await page("state=unanswered&limit=2");
    expect(first.items.map((q) => q.text)).toEqual(["Seller paged question 3?", "Seller paged question 2?"]);
    const second = await page(`state=unanswered&limit=2&cursor=${first.next_cursor}`);
    expect(second.items.map((q) => q.text)).toEqual(["Seller paged question 1?", "Seller paged question 0?"]);
    expect(second.next_cursor).toBeNull();
    expect((await page("state=answered")).items.map((q) => q.text)).toEqual(["Seller paged question 4?"]);
    const wrong = await api(`/api/seller/questions?state=answered&cursor=${first.next_cursor}`, { headers: seller.headers });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe("cursor");
  });

  it("answers bad input with a 400 naming the field and writes nothing", async () => {
    const { f, seller, shopper } = await productWithSeller("Answerphone 3");
    const id = await asked(shopper, f.productId, "What is the warranty period?");
    for (const body of [{ text: " y " }, { text: "z".repeat(1001) }, {}, { text: "One year.", by: "me" }]) {
      const res = await api(`/api/seller/questions/${id}/answer`, { method: "PUT", headers: seller.headers, body });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { errors: { path: string }[] }).errors.map((e) => e.path).join(",")).toMatch(/text|by/);
    }
    expect(await storedQuestions(f.productId)).toMatchObject({ answers: [], product: { answered_questions: 0 } });
  });

  it("tells the asker on their Updates page the first time a seller answers, not on an edit", async () => {
    const { f, seller, shopper } = await productWithSeller("Answerphone 4 Pro");
    const id = await asked(shopper, f.productId, "Does this support 5G on Jio?");
    expect(await updates(shopper.headers)).toEqual([]);
    expect((await answer(seller, id, "Yes, it does.")).status).toBe(200);
    expect((await answer(seller, id, "Yes, it does, on every Jio 5G band.")).status).toBe(200);
    const told = await updates(shopper.headers);
    expect(told).toEqual([
      expect.objectContaining({
        kind: "question_answered",
        subject: "Your question about Answerphone 4 Pro is answered",
        link: `/products/${f.productId}/ask`,
      }),
    ]);
    expect(told[0]?.body).toContain("Sharma Mobiles answered your question “Does this support 5G on Jio?”");
    // No one else is told of the answer: the seller was only told of the question.
    expect((await updates(seller.headers)).map((m) => m.kind)).toEqual(["question_asked"]);
    const { cookie } = await browserSession(shopper);
    const page = await (await api("/account/updates", { headers: { cookie } })).text();
    expect(page).toContain(`<a href="/products/${f.productId}/ask">Your question about Answerphone 4 Pro is answered</a>`);
  });
});
