import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { queueSql, waitingSql } from "../../workers/platform/shopper-reports";
import { REPORTABLE_REVIEW, REPORTED_REVIEWS } from "../../workers/reviews/review-reports";
import type { ReportedReview, ReportedReviewPage } from "../../workers/reviews/schemas";
import { type TestUser, createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { productState, reviewedProduct } from "./support";

function report(user: TestUser, reviewId: string, body: unknown = { reason: "spam" }): Promise<Response> {
  return api(`/api/reviews/${reviewId}/report`, { method: "PUT", headers: user.headers, body });
}

const reviewed = (title = "Reportphone 1", words = "Call 98xxxxxx10 for a cheaper one") =>
  reviewedProduct(title, { rating: 1, title: words }, "Imran Qureshi");

async function page(ops: TestUser, query = ""): Promise<ReportedReviewPage> {
  const res = await api(`/api/admin/reviews/reported?${query}`, { headers: ops.headers });
  expect(res.status).toBe(200);
  return (await res.json()) as ReportedReviewPage;
}

async function queue(ops: TestUser): Promise<ReportedReview[]> {
  return (await page(ops, "limit=100")).items;
}

async function reportsOf(reviewId: string) {
  const count = await env.DB.prepare("SELECT report_count FROM reviews WHERE id = ?").bind(reviewId).first<number>("report_count");
  const rows = await env.DB.prepare("SELECT COUNT(*) AS n FROM review_reports WHERE review_id = ?").bind(reviewId).first<number>("n");
  return { count, rows };
}

describe("shoppers reporting a review", () => {
  it("puts it in the ops queue, the most reported first, with how many gave each reason, counting each shopper once", async () => {
    const ops = await createTestUser(["ops"]);
    const once = await reviewed("Reportphone 2", "Mildly off topic");
    const twice = await reviewed("Reportphone 3");
    const [asha, ravi] = [await createTestUser(), await createTestUser()];

    expect((await report(asha, once.reviewId, { reason: "off_topic" })).status).toBe(204);
    expect((await report(asha, twice.reviewId, { reason: "personal_details" })).status).toBe(204);
    // Sent again with another reason: still one report, and the first reason stands.
    expect((await report(asha, twice.reviewId, { reason: "abusive" })).status).toBe(204);
    expect((await report(ravi, twice.reviewId, { reason: "spam" })).status).toBe(204);
    expect(await reportsOf(twice.reviewId)).toEqual({ count: 2, rows: 2 });
    const mine = await api(`/api/reviews/${twice.reviewId}/report`, { headers: asha.headers });
    expect(await mine.json()).toEqual({ report: { reason: "personal_details", reported_at: expect.any(String) } });
    const notMine = await api(`/api/reviews/${once.reviewId}/report`, { headers: ravi.headers });
    expect(await notMine.json()).toEqual({ report: null });

    const items = (await queue(ops)).filter((r) => [once.reviewId, twice.reviewId].includes(r.id));
    expect(items.map((r) => [r.id, r.report_count])).toEqual([
      [twice.reviewId, 2],
      [once.reviewId, 1],
    ]);
    expect(items[0]).toMatchObject({
      product_id: twice.f.productId,
      product_title: "Reportphone 3",
      rating: 1,
      title: "Call 98xxxxxx10 for a cheaper one",
      reviewer: "Imran",
      reasons: { personal_details: 1, spam: 1 },
      kept_before: null,
    });
    // Reporting changes nothing a shopper sees.
    expect(await productState(twice.f.productId)).toMatchObject({ rating_sum: 9, rating_count: 3 });
  });

  it("refuses the author, a guest, a missing review and a reason not offered, and records nothing", async () => {
    const { author, reviewId } = await reviewed("Reportphone 4");
    const own = await report(author, reviewId);
    expect(own.status).toBe(403);
    expect(((await own.json()) as { detail: string }).detail).toMatch(/your own review/);
    expect((await api(`/api/reviews/${reviewId}/report`, { method: "PUT", body: { reason: "spam" } })).status).toBe(401);
    const shopper = await createTestUser();
    expect((await report(shopper, "rev_nope")).status).toBe(404);
    for (const body of [{}, { reason: "boring" }, { reason: "spam", note: "x" }]) {
      const res = await report(shopper, reviewId, body);
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
    }
    expect(await reportsOf(reviewId)).toEqual({ count: 0, rows: 0 });
  });

  it("lets ops keep a reported review, clearing its reports, or remove it, its reports going with it", async () => {
    const ops = await createTestUser(["ops"]);
    await env.DB.prepare("UPDATE users SET name = 'Priya Menon' WHERE id = ?").bind(ops.id).run();
    const kept = await reviewed("Reportphone 5", "Honest but harsh");
    const removed = await reviewed("Reportphone 6");
    const shopper = await createTestUser();
    await report(shopper, kept.reviewId, { reason: "abusive" });
    await report(shopper, removed.reviewId);

    expect((await api(`/api/admin/reviews/${kept.reviewId}/reports`, { method: "DELETE", headers: ops.headers })).status).toBe(204);
    expect(await reportsOf(kept.reviewId)).toEqual({ count: 0, rows: 0 });
    // Dealt with: the shopper may report it again if it still troubles them.
    expect(await (await api(`/api/reviews/${kept.reviewId}/report`, { headers: shopper.headers })).json()).toEqual({ report: null });
    const gone = await api(`/api/admin/reviews/${removed.reviewId}`, {
      method: "DELETE",
      headers: ops.headers,
      body: { reason: "Phone number" },
    });
    expect(gone.status).toBe(204);
    expect(await reportsOf(removed.reviewId)).toEqual({ count: null, rows: 0 });
    const ids = (await queue(ops)).map((r) => r.id);
    expect(ids).not.toContain(kept.reviewId);
    expect(ids).not.toContain(removed.reviewId);

    // A new report after ops kept it puts it back, saying who kept it and when.
    await report(await createTestUser(), kept.reviewId, { reason: "fake" });
    const back = (await queue(ops)).find((r) => r.id === kept.reviewId);
    expect(back?.reasons).toEqual({ fake: 1 });
    expect(back?.kept_before).toEqual({ by: "Priya Menon", at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect((await queue(ops)).find((r) => r.id === removed.reviewId)).toBeUndefined();
    expect((await api("/api/admin/reviews/rev_nope/reports", { method: "DELETE", headers: ops.headers })).status).toBe(404);
    // Only ops read or clear the queue.
    expect((await api("/api/admin/reviews/reported", { headers: shopper.headers })).status).toBe(403);
    expect((await api(`/api/admin/reviews/${kept.reviewId}/reports`, { method: "DELETE", headers: shopper.headers })).status).toBe(403);
  });

  it("pages the queue by keyset, counting every review waiting, and refuses a cursor of another list", async () => {
    const ops = await createTestUser(["ops"]);
    const before = (await page(ops, "limit=1")).waiting;
    // Far more reports than any other review of this file's, so these five lead the queue.
    const ids: string[] = [];
    for (const [n, reports] of [900, 901, 901, 902, 903].entries()) {
      const { reviewId } = await reviewed(`Reportpager ${n}`);
      await env.DB.prepare("UPDATE reviews SET report_count = ?, created_at = ? WHERE id = ?")
        .bind(reports, `2025-06-0${n + 1}T10:00:00.000Z`, reviewId)
        .run();
      ids.push(reviewId);
    }
    // The most reported first; of two alike, the newer first.
    const order = [ids[4], ids[3], ids[2], ids[1], ids[0]];

    const first = await page(ops, "limit=2");
    expect(first.items.map((r) => r.id)).toEqual(order.slice(0, 2));
    expect(first.waiting).toBe(before + 5);
    const second = await page(ops, `limit=2&cursor=${first.next_cursor}`);
    expect(second.items.map((r) => r.id)).toEqual(order.slice(2, 4));
    // Ops keep one on the page they are on: the next page starts where this one ended, skipping none.
    await api(`/api/admin/reviews/${order[2]}/reports`, { method: "DELETE", headers: ops.headers });
    const third = await page(ops, `limit=2&cursor=${second.next_cursor}`);
    expect(third.items.map((r) => r.id)[0]).toBe(order[4]);
    expect(third.waiting).toBe(before + 4);

    const storeCursor = ((await (await api("/api/admin/reviews?limit=1", { headers: ops.headers })).json()) as { next_cursor: string })
      .next_cursor;
    for (const query of [`cursor=${storeCursor}`, "cursor=nope", "limit=0", "limit=101", "page=2"]) {
      const res = await api(`/api/admin/reviews/reported?${query}`, { headers: ops.headers });
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
    }
  });

  it("reads the queue and its count from the index of reported reviews alone, never sorting", async () => {
    const plans = [
      await env.DB.prepare(`EXPLAIN QUERY PLAN ${queueSql(REPORTED_REVIEWS, false)}`)
        .bind(50)
        .all<{ detail: string }>(),
      await env.DB.prepare(`EXPLAIN QUERY PLAN ${queueSql(REPORTED_REVIEWS, true)}`)
        .bind(50, 3, "2025-01-01T00:00:00.000Z", "rev_x")
        .all<{ detail: string }>(),
    ];
    for (const plan of plans) {
      const details = plan.results.map((r) => r.detail);
      expect(details.some((d) => d.startsWith("SEARCH r USING INDEX reviews_reported_idx"))).toBe(true);
      // The queue is never sorted; only one review's few reports are grouped by reason.
      expect(details.filter((d) => d.includes("TEMP B-TREE FOR ORDER BY"))).toEqual([]);
    }
    const count = await env.DB.prepare(`EXPLAIN QUERY PLAN ${waitingSql(REPORTABLE_REVIEW, REPORTED_REVIEWS)}`).all<{ detail: string }>();
    expect(count.results.map((r) => r.detail)).toEqual([expect.stringMatching(/USING COVERING INDEX reviews_reported_idx/)]);
  });
});
