import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { type TestUser, createTestUser } from "../helpers/accounts";
import { createListingFixture } from "../helpers/catalog";
import { d1InterposingFirstBatch, d1RecordingSql } from "../helpers/d1-interpose";
import { consolePost, drawnForm } from "../helpers/forms";
import { api, readerText } from "../helpers/http";
import { listingInboxStatement } from "../../workers/questions/inbox";
import { updateListing } from "../../workers/sellers/listings";
import { asked, productWithSeller } from "./support";

async function toAnswer(seller: TestUser): Promise<string[]> {
  const res = await api("/api/seller/questions?state=unanswered", { headers: seller.headers });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: { text: string }[] }).items.map((q) => q.text);
}

async function waitingCount(seller: TestUser): Promise<number> {
  const res = await api("/api/seller/questions/waiting", { headers: seller.headers });
  expect(res.status).toBe(200);
  return ((await res.json()) as { unanswered: number }).unanswered;
}

/** The seller's inbox rows, answered or not, straight from D1. */
async function inboxRows(sellerId: string) {
  const { results } = await env.DB.prepare(
    "SELECT question_id, answered_at FROM question_inbox WHERE seller_id = ? ORDER BY asked_at, question_id",
  )
    .bind(sellerId)
    .all<{ question_id: string; answered_at: string | null }>();
  return results;
}

function switchListing(seller: TestUser, listingId: string, active: boolean): Promise<Response> {
  return api(`/api/seller/listings/${listingId}`, { method: "PATCH", headers: seller.headers, body: { active } });
}

function bulkUpload(seller: TestUser, rows: string[]): Promise<Response> {
  return api("/api/seller/listings/bulk", {
    method: "POST",
    body: ["listing_id,price,mrp,active,warehouse_id,available", ...rows].join("\n"),
    headers: { ...seller.headers, "content-type": "text/csv", "idempotency-key": `bulk-${crypto.randomUUID()}` },
  });
}

const NAV_COUNT = (n: number) => new RegExp(` Questions \\(${n} waiting for your answer ?\\) `);

describe("a listing switched off and on again", () => {
  it("asks the seller, once the listing is back on, what shoppers asked while it was off", async () => {
    const { f, seller, shopper } = await productWithSeller("Relistphone 1");
    expect((await switchListing(seller, f.listingId, false)).status).toBe(200);
    const meanwhile = await asked(shopper, f.productId, "Does it have a headphone jack?");
    expect(await toAnswer(seller)).toEqual([]);

    expect((await switchListing(seller, f.listingId, true)).status).toBe(200);
    expect(await toAnswer(seller)).toEqual(["Does it have a headphone jack?"]);
    expect(await waitingCount(seller)).toBe(1);
    expect(await inboxRows(f.sellerId)).toEqual([{ question_id: meanwhile, answered_at: null }]);
  });

  it("does the same when the seller switches it on from its console's listing form, and the tabs count it", async () => {
    const { f, seller, shopper } = await productWithSeller("Relistphone 2");
    expect((await switchListing(seller, f.listingId, false)).status).toBe(200);
    await asked(shopper, f.productId, "Is the back glass or plastic?");

    const console = await (await api("/seller", { headers: seller.headers })).text();
    const drawn = drawnForm(console, `action="/seller/listings/${f.listingId}"`);
    expect(drawn.fields).toMatchObject({ active: "false", was_active: "false" });
    const saved = await consolePost(drawn.action, { ...drawn.fields, active: "true" }, seller.headers);
    expect(saved.status).toBe(303);

    expect(await toAnswer(seller)).toEqual(["Is the back glass or plastic?"]);
    const payments = await (await api("/seller/payments", { headers: seller.headers })).text();
    expect(readerText(payments)).toMatch(NAV_COUNT(1));
  });

  it("does the same when a bulk update switches listings on, for each product it switches", async () => {
    const { f, seller, shopper } = await productWithSeller("Relistphone 3");
    const second = await createListingFixture({ title: "Relistphone 3 Lite" });
    const secondListing = `lst_rl_${crypto.randomUUID().slice(0, 12)}`;
    const now = new Date().toISOString();
    await env.DB.prepare(
      "INSERT INTO listings (id, product_id, seller_id, price, mrp, active, created_at, updated_at) VALUES (?1, ?2, ?3, 99900, 119900, 1, ?4, ?4)",
    )
      .bind(secondListing, second.productId, f.sellerId, now)
      .run();

    const off = await bulkUpload(seller, [`${f.listingId},,,false,,`, `${secondListing},,,false,,`]);
    expect(off.status).toBe(200);
    await asked(shopper, f.productId, "Does it support 5G bands n78?");
    await asked(shopper, second.productId, "Is the Lite model dual SIM?");
    expect(await toAnswer(seller)).toEqual([]);

    const on = await bulkUpload(seller, [`${f.listingId},,,true,,`, `${secondListing},,,true,,`]);
    expect(on.status).toBe(200);
    expect((await toAnswer(seller)).sort()).toEqual(["Does it support 5G bands n78?", "Is the Lite model dual SIM?"]);
    expect(await waitingCount(seller)).toBe(2);
  });

  it("takes the product's unanswered questions out of the seller's inbox while the listing is off, and keeps answered ones", async () => {
    const { f, seller, shopper } = await productWithSeller("Relistphone 4");
    const answered = await asked(shopper, f.productId, "What is the battery size?");
    expect(
      (await api(`/api/seller/questions/${answered}/answer`, { method: "PUT", headers: seller.headers, body: { text: "5000 mAh." } }))
        .status,
    ).toBe(200);
    const open = await asked(await createTestUser(), f.productId, "Does it charge wirelessly?");

    expect((await switchListing(seller, f.listingId, false)).status).toBe(200);
    expect((await inboxRows(f.sellerId)).map((r) => r.question_id)).toEqual([answered]);

    expect((await bulkUpload(seller, [`${f.listingId},,,true,,`])).status).toBe(200);
    expect((await inboxRows(f.sellerId)).map((r) => r.question_id)).toEqual([answered, open]);
    expect((await bulkUpload(seller, [`${f.listingId},,,false,,`])).status).toBe(200);
    expect((await inboxRows(f.sellerId)).map((r) => r.question_id)).toEqual([answered]);
  });

  it("puts nothing in the inbox of a listing created inactive until it is switched on", async () => {
    const { f, shopper } = await productWithSeller("Relistphone 5");
    await asked(shopper, f.productId, "Is there a 12 GB RAM model?");
    const later = await createListingFixture();
    const user = await createTestUser(["seller"], { sellerId: later.sellerId });
    const listed = await api("/api/seller/listings", {
      headers: user.headers,
      body: { product_id: f.productId, price: 119900, mrp: 149900, active: false },
    });
    expect(listed.status).toBe(201);
    const { id } = (await listed.json()) as { id: string };
    expect(await inboxRows(later.sellerId)).toEqual([]);

    expect((await switchListing(user, id, true)).status).toBe(200);
    expect(await toAnswer(user)).toEqual(["Is there a 12 GB RAM model?"]);
  });

  it("leaves the inbox alone when an active listing's price is edited, even if a question is missing from it", async () => {
    const { f, seller, shopper } = await productWithSeller("Relistphone 6");
    expect((await switchListing(seller, f.listingId, false)).status).toBe(200);
    await asked(shopper, f.productId, "Is it splash resistant?");
    expect((await switchListing(seller, f.listingId, true)).status).toBe(200);
    const before = await inboxRows(f.sellerId);
    expect(before).toHaveLength(1);

    // As if the question had reached no inbox: an edit that does not send the status reads no questions.
    await env.DB.prepare(
      "INSERT INTO product_questions (id, product_id, user_id, body, status, answer_count, created_at) VALUES (?1, ?2, ?3, 'Any offers?', 'visible', 0, ?4)",
    )
      .bind(`qst_rl_${crypto.randomUUID().slice(0, 12)}`, f.productId, shopper.id, new Date().toISOString())
      .run();
    const edited = await api(`/api/seller/listings/${f.listingId}`, { method: "PATCH", headers: seller.headers, body: { price: 119000 } });
    expect(edited.status).toBe(200);
    // Nor does a console save that leaves the status as drawn, nor a file row naming a listing already on.
    const console = await (await api("/seller", { headers: seller.headers })).text();
    const drawn = drawnForm(console, `action="/seller/listings/${f.listingId}"`);
    expect(drawn.fields).toMatchObject({ active: "true", was_active: "true" });
    expect((await consolePost(drawn.action, { ...drawn.fields, price: "1180" }, seller.headers)).status).toBe(303);
    expect((await bulkUpload(seller, [`${f.listingId},1170,,true,,`])).status).toBe(200);
    expect(await inboxRows(f.sellerId)).toEqual(before);
  });

  it("reads no questions for an edit that leaves the status alone", async () => {
    const { f } = await productWithSeller("Relistphone 7");
    const prepared: string[] = [];
    const recording = d1RecordingSql(env.DB, prepared);
    await updateListing(recording, f.sellerId, f.listingId, { price: 119000 });
    await updateListing(recording, f.sellerId, f.listingId, { mrp: 139900, low_stock_at: 3 });
    expect(prepared.length).toBeGreaterThan(0);
    expect(prepared.filter((sql) => /question_inbox|product_questions/.test(sql))).toEqual([]);
  });
});

async function listingActive(seller: TestUser, listingId: string): Promise<boolean> {
  const res = await api("/api/seller/listings?limit=100", { headers: seller.headers });
  expect(res.status).toBe(200);
  const { items } = (await res.json()) as { items: { id: string; active: boolean }[] };
  const listing = items.find((l) => l.id === listingId);
  expect(listing).toBeDefined();
  return listing!.active;
}

async function questionAlerts(seller: TestUser): Promise<number> {
  const row = await env.DB.prepare(
    "SELECT COUNT(*) AS n FROM notifications WHERE user_id = ? AND kind IN ('question_asked', 'questions_digest')",
  )
    .bind(seller.id)
    .first<{ n: number }>();
  return row!.n;
}

describe("an edit racing another that switches the listing the other way", () => {
  const racers: [string, (seller: TestUser, listingId: string, active: boolean) => Promise<Response>][] = [
    ["the seller's other tab", (seller, listingId, active) => switchListing(seller, listingId, active)],
    ["a bulk update", (seller, listingId, active) => bulkUpload(seller, [`${listingId},,,${active},,`])],
  ];

  for (const [name, racer] of racers) {
    it(`leaves a listing set on by the later edit with its waiting questions, when ${name} switched it off in between`, async () => {
      const { f, seller, shopper } = await productWithSeller(`Racephone on ${name}`);
      await asked(shopper, f.productId, "Does it come with a screen guard?");
      const told = await questionAlerts(seller);
      expect(told).toBeGreaterThan(0);

      // This edit read the listing as on; the other one switches it off before this one's batch.
      const saved = await updateListing(
        d1InterposingFirstBatch(env.DB, async () => {
          expect((await racer(seller, f.listingId, false)).status).toBe(200);
          expect(await toAnswer(seller)).toEqual([]);
        }),
        f.sellerId,
        f.listingId,
        { price: 119000, active: true },
      );

      expect(saved).toMatchObject({ active: true, price: 119000 });
      expect(await listingActive(seller, f.listingId)).toBe(true);
      expect(await toAnswer(seller)).toEqual(["Does it come with a screen guard?"]);
      expect(await waitingCount(seller)).toBe(1);
      // Put back in the inbox, not asked again: nobody is told of it a second time.
      expect(await questionAlerts(seller)).toBe(told);
    });
  }

  it("leaves a listing set off by the later edit without questions, when another edit switched it on in between", async () => {
    const { f, seller, shopper } = await productWithSeller("Racephone off");
    await asked(shopper, f.productId, "Is the charger in the box?");
    expect((await switchListing(seller, f.listingId, false)).status).toBe(200);
    expect(await toAnswer(seller)).toEqual([]);

    // This edit read the listing as off; the other tab switches it on, and its questions back, first.
    const saved = await updateListing(
      d1InterposingFirstBatch(env.DB, async () => {
        expect((await switchListing(seller, f.listingId, true)).status).toBe(200);
        expect(await toAnswer(seller)).toEqual(["Is the charger in the box?"]);
      }),
      f.sellerId,
      f.listingId,
      { price: 119000, active: false },
    );

    expect(saved).toMatchObject({ active: false, price: 119000 });
    expect(await listingActive(seller, f.listingId)).toBe(false);
    expect(await toAnswer(seller)).toEqual([]);
    expect(await waitingCount(seller)).toBe(0);
  });

  // An edit sent as on for a listing already on runs this too: it must stay a bounded read.
  it("puts questions back with a range of the product's questions per product, a lookup per question and one of the listing", async () => {
    const { sql, binds } = listingInboxStatement("sel_x", ["prd_a", "prd_b"], "2026-06-01T00:00:00.000Z");
    const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .bind(...binds)
      .all<{ detail: string }>();
    const steps = results.map((r) => r.detail);
    const plan = JSON.stringify(steps);
    expect(
      steps.some((d) => /USING (COVERING )?INDEX product_questions_product_idx \(product_id=\? AND created_at>\?\)/.test(d)),
      plan,
    ).toBe(true);
    expect(
      steps.some((d) => /USING (COVERING )?INDEX question_answers_question_seller_uq \(question_id=\? AND seller_id=\?\)/.test(d)),
      plan,
    ).toBe(true);
    expect(
      steps.some((d) => /USING (COVERING )?INDEX listings_product_seller_uq \(product_id=\? AND seller_id=\?\)/.test(d)),
      plan,
    ).toBe(true);
    // Only the list of products is walked; no table is scanned and nothing is sorted outside an index.
    expect(
      steps.filter((d) => /^SCAN (?!p\b)|TEMP B-TREE/.test(d)),
      plan,
    ).toEqual([]);
  });
});

describe("the waiting count on the seller console's tabs", () => {
  it("shows on every tab, not only the listings and Questions tabs", async () => {
    const { f, seller, shopper } = await productWithSeller("Tabphone 1");
    await asked(shopper, f.productId, "Is a cover in the box?");
    await asked(shopper, f.productId, "Which charger does it take?");
    for (const path of ["/seller/bulk", "/seller/returns", "/seller/payments", "/seller/feedback", "/seller/profile"]) {
      const res = await api(path, { headers: seller.headers });
      expect(res.status, path).toBe(200);
      expect(readerText(await res.text()), path).toMatch(NAV_COUNT(2));
    }
  });

  it("leaves the count off, and draws the page, for an account not linked to a seller", async () => {
    const unlinked = await createTestUser(["seller"]);
    for (const path of ["/seller/payments", "/seller/profile", "/seller/bulk"]) {
      const html = await (await api(path, { headers: unlinked.headers })).text();
      expect(html, path).toContain("data-seller-nav");
      expect(html, path).toContain('<a href="/seller/questions">Questions</a>');
    }
  });
});
