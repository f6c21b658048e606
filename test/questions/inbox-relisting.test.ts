import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { type TestUser, createTestUser } from "../helpers/accounts";
import { createListingFixture } from "../helpers/catalog";
import { consolePost, drawnForm } from "../helpers/forms";
import { api, readerText } from "../helpers/http";
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

    // As if the question had reached no inbox: only switching the listing on reads the product's questions.
    await env.DB.prepare(
      "INSERT INTO product_questions (id, product_id, user_id, body, status, answer_count, created_at) VALUES (?1, ?2, ?3, 'Any offers?', 'visible', 0, ?4)",
    )
      .bind(`qst_rl_${crypto.randomUUID().slice(0, 12)}`, f.productId, shopper.id, new Date().toISOString())
      .run();
    const edited = await api(`/api/seller/listings/${f.listingId}`, { method: "PATCH", headers: seller.headers, body: { price: 119000 } });
    expect(edited.status).toBe(200);
    const sentActive = await api(`/api/seller/listings/${f.listingId}`, {
      method: "PATCH",
      headers: seller.headers,
      body: { price: 118000, active: true },
    });
    expect(sentActive.status).toBe(200);
    expect((await bulkUpload(seller, [`${f.listingId},1170,,true,,`])).status).toBe(200);
    expect(await inboxRows(f.sellerId)).toEqual(before);
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
