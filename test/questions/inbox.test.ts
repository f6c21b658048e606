import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { type TestUser, createTestUser } from "../helpers/accounts";
import { createListingFixture } from "../helpers/catalog";
import { api, readerText } from "../helpers/http";
import { deliverEmails } from "../../workers/notifications/email-delivery";
import { waitingCountStatement } from "../../workers/questions/inbox";
import { sellerQuestionsStatement } from "../../workers/questions/seller-questions";
import { mailSpy } from "../notifications/support";
import { answer, asked, productWithSeller, secondSeller } from "./support";

interface Waiting {
  unanswered: number;
  capped_at: number;
  capped: boolean;
}

async function toAnswer(seller: TestUser): Promise<string[]> {
  const res = await api("/api/seller/questions?state=unanswered", { headers: seller.headers });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: { text: string }[] }).items.map((q) => q.text);
}

async function waiting(seller: TestUser): Promise<Waiting> {
  const res = await api("/api/seller/questions/waiting", { headers: seller.headers });
  expect(res.status).toBe(200);
  return res.json();
}

/** The messages a user has, as stored: each channel's row. */
async function messages(user: TestUser) {
  const { results } = await env.DB.prepare(
    "SELECT channel, kind, subject, body, link, email_state FROM notifications WHERE user_id = ? ORDER BY id",
  )
    .bind(user.id)
    .all<{ channel: string; kind: string; subject: string; body: string; link: string; email_state: string | null }>();
  return results;
}

/** Waits out the last seconds of a clock hour, so questions asked together fall in one hour's cap. */
async function clearOfHourEnd() {
  const now = new Date();
  if (now.getUTCMinutes() === 59 && now.getUTCSeconds() >= 50) await new Promise((r) => setTimeout(r, (61 - now.getUTCSeconds()) * 1000));
}

/** A seller (with its user) that offers nothing yet, and so may list the fixture's product. */
async function sellerWithoutListing(): Promise<{ sellerId: string; user: TestUser }> {
  const other = await createListingFixture();
  return { sellerId: other.sellerId, user: await createTestUser(["seller"], { sellerId: other.sellerId }) };
}

describe("a seller's questions to answer", () => {
  it("lists a question for each seller offering the product when it was asked, until that seller answers it", async () => {
    const { f, seller, shopper } = await productWithSeller("Inboxphone 1");
    const other = await secondSeller(f, "Gupta Electronics");
    const stranger = await sellerWithoutListing();
    const id = await asked(shopper, f.productId, "Is the charger in the box?");

    expect(await toAnswer(seller)).toEqual(["Is the charger in the box?"]);
    expect(await toAnswer(other.user)).toEqual(["Is the charger in the box?"]);
    expect(await toAnswer(stranger.user)).toEqual([]);
    expect(await waiting(seller)).toEqual({ unanswered: 1, capped_at: 99, capped: false });

    expect((await answer(seller, id, "Yes, a 33 W charger.")).status).toBe(200);
    expect(await toAnswer(seller)).toEqual([]);
    expect(await waiting(seller)).toMatchObject({ unanswered: 0 });
    // The other seller is still asked: the answer was not its.
    expect(await toAnswer(other.user)).toEqual(["Is the charger in the box?"]);
    expect(await waiting(other.user)).toMatchObject({ unanswered: 1 });
  });

  it("does not ask a seller whose listing is switched off, and asks it again once the listing is back on", async () => {
    const { f, seller, shopper } = await productWithSeller("Inboxphone 2");
    await asked(shopper, f.productId, "Does it come with a case?");
    const switchTo = (active: boolean) =>
      api(`/api/seller/listings/${f.listingId}`, { method: "PATCH", headers: seller.headers, body: { active } });
    expect((await switchTo(false)).status).toBe(200);
    expect(await toAnswer(seller)).toEqual([]);
    expect(await waiting(seller)).toMatchObject({ unanswered: 0 });
    expect((await switchTo(true)).status).toBe(200);
    expect(await toAnswer(seller)).toEqual(["Does it come with a case?"]);
  });

  it("takes a question ops removed out of every seller's list", async () => {
    const { f, seller, shopper } = await productWithSeller("Inboxphone 3");
    const other = await secondSeller(f);
    const id = await asked(shopper, f.productId, "Call me on 98200 00000?");
    const inboxRows = async () =>
      (await env.DB.prepare("SELECT COUNT(*) AS n FROM question_inbox WHERE question_id = ?").bind(id).first<{ n: number }>())?.n;
    expect(await inboxRows()).toBe(2);
    const ops = await createTestUser(["ops"]);
    const removed = await api(`/api/admin/questions/${id}`, { method: "DELETE", headers: ops.headers, body: { reason: "A phone number" } });
    expect(removed.status).toBe(204);
    expect(await toAnswer(seller)).toEqual([]);
    expect(await toAnswer(other.user)).toEqual([]);
    expect(await inboxRows()).toBe(0);
  });

  it("gives a seller listing the product later its recent questions not yet answered, and not older ones", async () => {
    const { f, seller, shopper } = await productWithSeller("Inboxphone 4");
    const recent = await asked(shopper, f.productId, "Is there a 256 GB model?");
    const old = await asked(await createTestUser(), f.productId, "Will it get Android 16?");
    const answeredByFirst = await asked(await createTestUser(), f.productId, "Dual SIM or single?");
    expect((await answer(seller, answeredByFirst, "Dual SIM.")).status).toBe(200);
    const longAgo = new Date(Date.now() - 120 * 86_400_000).toISOString();
    await env.DB.prepare("UPDATE product_questions SET created_at = ?2 WHERE id = ?1").bind(old, longAgo).run();

    const later = await sellerWithoutListing();
    const listed = await api("/api/seller/listings", {
      headers: later.user.headers,
      body: { product_id: f.productId, price: 119900, mrp: 149900 },
    });
    expect(listed.status).toBe(201);
    // The first seller's answer is not the new seller's: it is asked too, as any seller offering the product is.
    expect(await toAnswer(later.user)).toEqual(["Dual SIM or single?", "Is there a 256 GB model?"]);
    expect(await waiting(later.user)).toMatchObject({ unanswered: 2 });
    expect((await answer(later.user, recent, "Not yet.")).status).toBe(200);
    expect(await toAnswer(later.user)).toEqual(["Dual SIM or single?"]);
  });

  it("counts up to 99 and says more, on the API and on the console's Questions tab", async () => {
    const { f, seller, shopper } = await productWithSeller("Inboxphone 5");
    for (const text of ["Is it waterproof?", "How heavy is it?", "Which colours are there?"]) await asked(shopper, f.productId, text);
    expect(await waiting(seller)).toEqual({ unanswered: 3, capped_at: 99, capped: false });
    for (const path of ["/seller", "/seller/questions"]) {
      const html = await (await api(path, { headers: seller.headers })).text();
      expect(readerText(html)).toMatch(/ Questions \(3 waiting for your answer ?\) /);
    }

    // A hundred more, as a busy sale day would leave them.
    const asker = await createTestUser();
    const now = Date.now();
    const rows = Array.from({ length: 100 }, (_, k) => ({
      id: `qst_flood_${f.productId}_${k}`,
      at: new Date(now - k * 1000).toISOString(),
    }));
    await env.DB.batch(
      rows.flatMap((r) => [
        env.DB.prepare(
          "INSERT INTO product_questions (id, product_id, user_id, body, status, answer_count, created_at) VALUES (?1, ?2, ?3, 'Is it in stock?', 'visible', 0, ?4)",
        ).bind(r.id, f.productId, asker.id, r.at),
        env.DB.prepare("INSERT INTO question_inbox (seller_id, question_id, product_id, asked_at) VALUES (?1, ?2, ?3, ?4)").bind(
          f.sellerId,
          r.id,
          f.productId,
          r.at,
        ),
      ]),
    );
    expect(await waiting(seller)).toEqual({ unanswered: 99, capped_at: 99, capped: true });
    const html = await (await api("/seller/questions", { headers: seller.headers })).text();
    expect(readerText(html)).toMatch(/ Questions \(99\+ waiting for your answer ?\) /);
  });

  it("shows no count on the tab when nothing waits", async () => {
    const { seller } = await productWithSeller("Inboxphone 6");
    expect(await waiting(seller)).toEqual({ unanswered: 0, capped_at: 99, capped: false });
    const html = await (await api("/seller/questions", { headers: seller.headers })).text();
    expect(html).toContain('<a href="/seller/questions" aria-current="page">Questions</a>');
  });
});

describe("reading a seller's questions to answer", () => {
  // What a seller with 100,000 listings pays: its own inbox rows, never its listings or their products' questions.
  it("reads the seller's range of its inbox newest first, with a lookup of the question per row, for a page and for the count", async () => {
    const plans = [
      sellerQuestionsStatement("sel_x", "unanswered", 21),
      sellerQuestionsStatement("sel_x", "unanswered", 21, { at: "2026-12-01T00:00:00.000Z", id: "qst_x" }),
      waitingCountStatement("sel_x"),
    ];
    for (const { sql, binds } of plans) {
      const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .bind(...binds)
        .all<{ detail: string }>();
      const steps = results.map((r) => r.detail);
      // The count, in no order, may read the seller's unanswered rows from either partial index of them.
      expect(steps.some((d) => /USING INDEX question_inbox_(unanswered|product)_idx \(seller_id=\?/.test(d))).toBe(true);
      expect(
        // Not even a lookup of the seller's listing: a row is in the range only while the listing is on.
        steps.filter((d) => /^SCAN (i|l|q)\b|TEMP B-TREE|listings_|product_questions_product_idx/.test(d)),
        JSON.stringify(steps),
      ).toEqual([]);
    }
  });
});

describe("telling a seller a question arrived", () => {
  it("tells each user of each seller offering the product once, on their Updates page and by email, linking to the Questions tab", async () => {
    const { f, seller, shopper } = await productWithSeller("Galaxy Notephone 14 Ultra 5G (12GB RAM, 512GB Storage, Titanium Black)");
    const colleague = await createTestUser(["seller"], { sellerId: f.sellerId });
    const other = await secondSeller(f);
    const stranger = await sellerWithoutListing();
    const long = `Does the box include the charger and a cover, and is the warranty valid in every city? ${"Please tell me more. ".repeat(8)}`;
    await asked(shopper, f.productId, long.trim().slice(0, 300));

    for (const user of [seller, colleague, other.user]) {
      const told = await messages(user);
      expect(told.map((m) => [m.channel, m.kind, m.link, m.email_state])).toEqual([
        ["email", "question_asked", "/seller/questions", "pending"],
        ["sms", "question_asked", "/seller/questions", null],
      ]);
      expect(told[0]?.subject).toBe("New question about Galaxy Notephone 14 Ultra 5G (12GB RAM, 512GB…");
      expect(told[0]?.body).toMatch(
        /^A shopper asked about Galaxy Notephone 14 Ultra 5G \(12GB RAM, 512GB Storage, Titanium Black\): “Does the box include the charger.*…” Answer it on your Questions tab/,
      );
      expect(told[0]?.body.length).toBeLessThan(400);
    }
    expect(await messages(stranger.user)).toEqual([]);
    expect(await messages(shopper)).toEqual([]);

    // As the seller reads it on its Updates page.
    const page = (await (await api("/api/notifications", { headers: seller.headers })).json()) as {
      items: { kind: string; subject: string; link: string }[];
    };
    expect(page.items).toEqual([
      expect.objectContaining({
        kind: "question_asked",
        subject: "New question about Galaxy Notephone 14 Ultra 5G (12GB RAM, 512GB…",
        link: "/seller/questions",
      }),
    ]);
  });

  it("mails the seller's users the question with a link to answer it and a footer that stops these mails", async () => {
    const { f, seller, shopper } = await productWithSeller("Mailphone 9 Pro");
    await asked(shopper, f.productId, "Is the 45 W charger in the box?");
    const ids = (
      await env.DB.prepare("SELECT id FROM notifications WHERE user_id = ? AND channel = 'email'").bind(seller.id).all<{ id: number }>()
    ).results.map((r) => r.id);
    const { sent, spyEnv } = mailSpy();
    await deliverEmails(spyEnv, { ids });
    const mail = sent.find((m) => m.to === seller.email);
    expect(mail?.subject).toBe("New question about Mailphone 9 Pro");
    expect(mail?.text).toContain(
      "A shopper asked about Mailphone 9 Pro: “Is the 45 W charger in the box?” Answer it on your Questions tab",
    );
    expect(mail?.text).toContain("/seller/questions\n");
    expect(mail?.text).toMatch(
      /You get these because you sell on Bazaar Edge and shoppers ask about the products you offer\. Stop these emails: \S+g=shopper_questions\S+\n$/,
    );
  });

  it("records but does not email a seller user who turned shoppers' questions off, and offers the choice to sellers only", async () => {
    const { f, seller, shopper } = await productWithSeller("Inboxphone 7");
    const prefs = await api("/api/me/notification-preferences", {
      method: "PUT",
      headers: seller.headers,
      body: { email: { shopper_questions: false, reports: true } },
    });
    expect(prefs.status).toBe(200);
    expect(await prefs.json()).toEqual({ email: { saved_products: true, stock_alerts: true, shopper_questions: false, reports: true } });
    const refused = await api("/api/me/notification-preferences", {
      method: "PUT",
      headers: shopper.headers,
      body: { email: { shopper_questions: false, reports: true } },
    });
    expect(refused.status).toBe(400);

    await asked(shopper, f.productId, "Is the screen glass or plastic?");
    expect((await messages(seller)).map((m) => [m.channel, m.email_state])).toEqual([
      ["email", "suppressed"],
      ["sms", null],
    ]);
  });

  it("sends a seller user at most 5 separate messages an hour, then one note for the rest", async () => {
    const { f, seller } = await productWithSeller("Inboxphone 8");
    await clearOfHourEnd();
    for (let k = 0; k < 8; k++) await asked(await createTestUser(), f.productId, `Flood question number ${k}?`);
    const email = (await messages(seller)).filter((m) => m.channel === "email");
    expect(email.map((m) => m.kind)).toEqual([...Array(5).fill("question_asked"), "questions_digest"]);
    expect(email[5]).toMatchObject({
      subject: "More questions are waiting for your answer",
      link: "/seller/questions",
      email_state: "pending",
    });
    // Every question is still waiting in the list.
    expect(await waiting(seller)).toMatchObject({ unanswered: 8 });
  });
});
