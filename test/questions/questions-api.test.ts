import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { answer, ask, asked, productWithSeller, publicQuestions, storedQuestions } from "./support";

describe("asking about a product", () => {
  it("refuses a seller's question about a product it sells, which it would answer itself, and takes one about another's", async () => {
    const { f, seller } = await productWithSeller();
    const own = await ask(seller, f.productId, "Does this come with a spare strap in the box?");
    expect(own.status).toBe(403);
    expect(((await own.json()) as { detail: string }).detail).toContain("You sell this product, so you cannot ask about it");
    expect((await storedQuestions(f.productId)).questions).toHaveLength(0);
    // The seller's own list says why, so a page need not offer it a form to be refused.
    const mine = async (user: typeof seller) =>
      ((await (await api(`/api/products/${f.productId}/questions/mine`, { headers: user.headers })).json()) as { you_sell_it: boolean })
        .you_sell_it;
    expect(await mine(seller)).toBe(true);
    expect(await mine(await createTestUser())).toBe(false);
    const other = await productWithSeller();
    expect((await ask(seller, other.f.productId, "Is the strap leather?")).status).toBe(201);
  });

  it("keeps a new question between its asker and the product's sellers until a seller answers it", async () => {
    const { f, seller, shopper } = await productWithSeller();
    const res = await ask(shopper, f.productId, "  Does this   support 5G on Jio?  ");
    expect(res.status).toBe(201);
    const question = (await res.json()) as { id: string; text: string; answers: unknown[] };
    // Stored and shown as typed, less the stray spaces.
    expect(question).toMatchObject({ text: "Does this support 5G on Jio?", answers: [] });

    // Location leads to where the asker reads it.
    const location = res.headers.get("location");
    expect(location).toBe(`/api/products/${f.productId}/questions/mine`);
    const mine = (await (await api(location ?? "", { headers: shopper.headers })).json()) as {
      items: { id: string; answered: boolean }[];
      asked_today: number;
    };
    expect(mine.items).toEqual([expect.objectContaining({ id: question.id, answered: false })]);
    expect(mine.asked_today).toBe(1);

    // Not shown to anyone else yet: not in the public list, not in another shopper's own list.
    expect(await publicQuestions(f.productId)).toMatchObject({ count: 0, items: [] });
    const other = await createTestUser();
    const theirs = (await (await api(`/api/products/${f.productId}/questions/mine`, { headers: other.headers })).json()) as {
      items: unknown[];
    };
    expect(theirs.items).toEqual([]);

    // The product's seller sees it to answer.
    const list = (await (await api("/api/seller/questions?state=unanswered", { headers: seller.headers })).json()) as {
      items: { id: string; text: string; product: { id: string } }[];
    };
    expect(list.items).toEqual([
      expect.objectContaining({
        id: question.id,
        text: "Does this support 5G on Jio?",
        product: expect.objectContaining({ id: f.productId }),
      }),
    ]);
    // A seller of something else does not.
    const { seller: elsewhere } = await productWithSeller("Otherphone 2");
    const none = (await (await api("/api/seller/questions", { headers: elsewhere.headers })).json()) as { items: { id: string }[] };
    expect(none.items.map((q) => q.id)).not.toContain(question.id);

    // Once answered, everyone sees it with the answer and who gave it.
    expect((await answer(seller, question.id, "Yes, on Jio and Airtel.")).status).toBe(200);
    const shown = await publicQuestions(f.productId);
    expect(shown.count).toBe(1);
    expect(shown.items).toEqual([
      expect.objectContaining({
        id: question.id,
        answers: [
          expect.objectContaining({ text: "Yes, on Jio and Airtel.", seller: expect.objectContaining({ name: "Sharma Mobiles" }) }),
        ],
      }),
    ]);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
  });

  it("takes at most 5 questions per shopper and product a day, then answers 429 with Retry-After and writes nothing", async () => {
    const { f, shopper } = await productWithSeller("Limitphone 1");
    for (let i = 1; i <= 5; i++) expect((await ask(shopper, f.productId, `Question number ${i} about the box?`)).status).toBe(201);
    const refused = await ask(shopper, f.productId, "One question too many today?");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toContain("application/problem+json");
    const retry = Number(refused.headers.get("retry-after"));
    expect(retry).toBeGreaterThan(23 * 3600);
    expect(retry).toBeLessThanOrEqual(24 * 3600);
    expect(((await refused.json()) as { detail: string }).detail).toContain("5 questions about this product in the last 24 hours");
    expect((await storedQuestions(f.productId)).questions).toHaveLength(5);

    // Another product, or another shopper, is not held back; nor is this one once a day has passed.
    const { f: other } = await productWithSeller("Limitphone 2");
    expect((await ask(shopper, other.productId, "And this one, any charger?")).status).toBe(201);
    expect((await ask(await createTestUser(), f.productId, "Is the charger in the box?")).status).toBe(201);
    await env.DB.prepare("UPDATE product_questions SET created_at = '2020-01-01T00:00:00.000Z' WHERE user_id = ?1 AND product_id = ?2")
      .bind(shopper.id, f.productId)
      .run();
    expect((await ask(shopper, f.productId, "A new day, a new question?")).status).toBe(201);
  });

  it("answers the same words asked again within the day with the question already asked, storing and counting it once", async () => {
    const { f, shopper } = await productWithSeller("Twicephone 1");
    const first = await ask(shopper, f.productId, "Does the 3 litre one work on an induction cooktop?");
    expect(first.status).toBe(201);
    const { id } = (await first.json()) as { id: string };
    // A retry after a timeout, or the same words typed again with other spacing or case.
    for (const again of ["Does the 3 litre one work on an induction cooktop?", "does the 3  litre one work on an induction cooktop?"]) {
      const res = await ask(shopper, f.productId, again);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { id: string }).id).toBe(id);
    }
    expect((await storedQuestions(f.productId)).questions).toHaveLength(1);
    const mine = (await (await api(`/api/products/${f.productId}/questions/mine`, { headers: shopper.headers })).json()) as {
      asked_today: number;
    };
    expect(mine.asked_today).toBe(1);
    // Another shopper asking the same is asking their own question.
    expect((await ask(await createTestUser(), f.productId, "Does the 3 litre one work on an induction cooktop?")).status).toBe(201);
  });

  it("answers bad input with a 400 naming the field and writes nothing", async () => {
    const { f, shopper } = await productWithSeller("Badphone 3");
    for (const body of [
      { text: "Too short" },
      { text: "           5G?              " },
      { text: "x".repeat(301) },
      {},
      { text: 42 },
      { text: "A fine question here?", extra: 1 },
    ]) {
      const res = await api(`/api/products/${f.productId}/questions`, { method: "POST", headers: shopper.headers, body });
      expect(res.status).toBe(400);
      const problem = (await res.json()) as { errors: { path: string }[] };
      expect(problem.errors.map((e) => e.path).join(",")).toMatch(/text|extra/);
    }
    // 300 characters counted as a person counts them: Devanagari and emoji fit as ASCII does.
    expect((await ask(shopper, f.productId, `${"क्या ".repeat(59)}😀😀😀😀😀`)).status).toBe(201);
    expect((await storedQuestions(f.productId)).questions).toHaveLength(1);
  });

  it("refuses a guest with 401 and an unknown product with 404", async () => {
    const { f, shopper } = await productWithSeller("Guestphone 4");
    expect((await api(`/api/products/${f.productId}/questions`, { method: "POST", body: { text: "Can a guest ask this?" } })).status).toBe(
      401,
    );
    expect((await ask(shopper, "prd_nope", "Is there such a product?")).status).toBe(404);
    expect((await api("/api/products/prd_nope/questions")).status).toBe(404);
    expect((await storedQuestions(f.productId)).questions).toHaveLength(0);
  });

  it("pages a product's answered questions newest first, with a cursor no other product takes", async () => {
    const { f, seller } = await productWithSeller("Pagedphone 5");
    const shoppers = await Promise.all([0, 1, 2, 3, 4].map(() => createTestUser()));
    const ids: string[] = [];
    for (const [i, s] of shoppers.entries()) {
      const id = await asked(s, f.productId, `Paged question number ${i}?`);
      // Spread over distinct times, so newest first is unambiguous.
      await env.DB.prepare("UPDATE product_questions SET created_at = ?2 WHERE id = ?1")
        .bind(id, new Date(Date.UTC(2026, 0, 1 + i)).toISOString())
        .run();
      ids.push(id);
    }
    for (const id of ids.slice(0, 4)) expect((await answer(seller, id, "Answered.")).status).toBe(200);

    const res = await api(`/api/products/${f.productId}/questions?limit=3`);
    // Public and cacheable, as a product's reviews are.
    expect(res.headers.get("cache-control")).toBe("public, max-age=30, stale-while-revalidate=60");
    const first = (await res.json()) as Awaited<ReturnType<typeof publicQuestions>>;
    expect(first.count).toBe(4);
    expect(first.items.map((q) => q.text)).toEqual(["Paged question number 3?", "Paged question number 2?", "Paged question number 1?"]);
    const second = await publicQuestions(f.productId, `?limit=3&cursor=${first.next_cursor}`);
    expect(second.items.map((q) => q.text)).toEqual(["Paged question number 0?"]);
    expect(second.next_cursor).toBeNull();

    const { f: other } = await productWithSeller("Pagedphone 6");
    const wrong = await api(`/api/products/${other.productId}/questions?cursor=${first.next_cursor}`);
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe("cursor");
  });
});
