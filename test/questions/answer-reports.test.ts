import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { queueSql, waitingSql } from "../../workers/platform/shopper-reports";
import type { ReportedAnswerPage } from "../../workers/questions/answer-report-schemas";
import { REPORTABLE_ANSWER, REPORTED_ANSWERS } from "../../workers/questions/answer-reports";
import { type TestUser, createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { answeredProduct, secondSeller } from "./support";

function report(user: TestUser, answerId: string, body: unknown = { reason: "wrong" }): Promise<Response> {
  return api(`/api/answers/${answerId}/report`, { method: "PUT", headers: user.headers, body });
}

async function page(ops: TestUser, query = ""): Promise<ReportedAnswerPage> {
  const res = await api(`/api/admin/answers/reported?${query}`, { headers: ops.headers });
  expect(res.status).toBe(200);
  expect(res.headers.get("cache-control")).toBe("private, no-store");
  return (await res.json()) as ReportedAnswerPage;
}

const queued = async (ops: TestUser) => (await page(ops, "limit=100")).items;

const answered = (title: string, words = "Yes, it supports 5G on every Indian band.") => answeredProduct(title, words);

async function reportsOf(answerId: string) {
  const count = await env.DB.prepare("SELECT report_count FROM question_answers WHERE id = ?").bind(answerId).first<number>("report_count");
  const rows = await env.DB.prepare("SELECT COUNT(*) AS n FROM answer_reports WHERE answer_id = ?").bind(answerId).first<number>("n");
  return { count, rows };
}

describe("shoppers reporting a seller's answer", () => {
  it("puts it in the ops queue with its question, product and seller, counting each shopper once", async () => {
    const ops = await createTestUser(["ops"]);
    const { f, shopper, questionId, answerId } = await answered("Reportanswer phone 1", "No 5G. Call 98200 00000 for a better phone.");
    const other = await createTestUser();

    expect((await report(shopper, answerId, { reason: "spam" })).status).toBe(204);
    // Sent again with another reason: still one report, and the first reason stands.
    expect((await report(shopper, answerId, { reason: "wrong" })).status).toBe(204);
    expect((await report(other, answerId, { reason: "wrong" })).status).toBe(204);
    expect(await reportsOf(answerId)).toEqual({ count: 2, rows: 2 });
    const mine = await api(`/api/answers/${answerId}/report`, { headers: shopper.headers });
    expect(await mine.json()).toEqual({ report: { reason: "spam", reported_at: expect.any(String) } });
    const none = await api(`/api/answers/${answerId}/report`, { headers: (await createTestUser()).headers });
    expect(await none.json()).toEqual({ report: null });

    // Anyone reads the answer on its own, as its report page does.
    const one = await api(`/api/answers/${answerId}`);
    expect(one.status).toBe(200);
    const read = (await one.json()) as ReportedAnswerPage["items"][number];
    const item = (await queued(ops)).find((a) => a.id === answerId);
    expect(item).toEqual({ ...read, report_count: 2, reasons: { spam: 1, wrong: 1 }, kept_before: null });
    expect(item).toEqual({
      id: answerId,
      seller: { id: f.sellerId, name: "Sharma Mobiles" },
      text: "No 5G. Call 98200 00000 for a better phone.",
      answered_at: expect.any(String),
      question: { id: questionId, text: "Does it support 5G in India?" },
      product: { id: f.productId, title: "Reportanswer phone 1" },
      report_count: 2,
      reasons: { spam: 1, wrong: 1 },
      kept_before: null,
    });
  });

  it("refuses the answering seller's own users, a guest, a removed answer and a reason not offered, and records nothing", async () => {
    const { f, seller, shopper, answerId } = await answered("Reportanswer phone 2");
    const own = await report(seller, answerId);
    expect(own.status).toBe(403);
    expect(((await own.json()) as { detail: string }).detail).toMatch(/your business's own answer/);
    // Another seller of the same product may report it: it is not theirs.
    const rival = await secondSeller(f);
    expect((await report(rival.user, answerId, { reason: "wrong" })).status).toBe(204);
    await env.DB.prepare("DELETE FROM answer_reports WHERE answer_id = ?").bind(answerId).run();
    await env.DB.prepare("UPDATE question_answers SET report_count = 0 WHERE id = ?").bind(answerId).run();

    expect((await api(`/api/answers/${answerId}/report`, { method: "PUT", body: { reason: "wrong" } })).status).toBe(401);
    expect((await report(shopper, "ans_nope")).status).toBe(404);
    for (const body of [{}, { reason: "boring" }, { reason: "wrong", note: "x" }]) {
      const res = await report(shopper, answerId, body);
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
    }
    expect(await reportsOf(answerId)).toEqual({ count: 0, rows: 0 });

    const ops = await createTestUser(["ops"]);
    const gone = await api(`/api/admin/answers/${answerId}`, { method: "DELETE", headers: ops.headers, body: { reason: "Wrong" } });
    expect(gone.status).toBe(204);
    const late = await report(shopper, answerId);
    expect(late.status).toBe(404);
    const unread = await api(`/api/answers/${answerId}`);
    expect(unread.status).toBe(404);
    expect(unread.headers.get("content-type")).toBe("application/problem+json");
    expect(await reportsOf(answerId)).toEqual({ count: 0, rows: 0 });
  });

  it("lets ops keep a reported answer, clearing its reports, or remove it or its question, its reports going with it", async () => {
    const ops = await createTestUser(["ops"]);
    await env.DB.prepare("UPDATE users SET name = 'Priya Menon' WHERE id = ?").bind(ops.id).run();
    const kept = await answered("Reportanswer phone 3");
    const removed = await answered("Reportanswer phone 4");
    const questionGone = await answered("Reportanswer phone 5");
    const shopper = await createTestUser();
    for (const a of [kept, removed, questionGone]) expect((await report(shopper, a.answerId, { reason: "abusive" })).status).toBe(204);

    expect((await api(`/api/admin/answers/${kept.answerId}/reports`, { method: "DELETE", headers: ops.headers })).status).toBe(204);
    expect(await reportsOf(kept.answerId)).toEqual({ count: 0, rows: 0 });
    // Dealt with: the shopper may report it again if it still troubles them.
    expect(await (await api(`/api/answers/${kept.answerId}/report`, { headers: shopper.headers })).json()).toEqual({ report: null });

    const body = { reason: "Abusive" };
    expect((await api(`/api/admin/answers/${removed.answerId}`, { method: "DELETE", headers: ops.headers, body })).status).toBe(204);
    expect((await api(`/api/admin/questions/${questionGone.questionId}`, { method: "DELETE", headers: ops.headers, body })).status).toBe(
      204,
    );
    for (const a of [removed, questionGone]) expect(await reportsOf(a.answerId)).toEqual({ count: 0, rows: 0 });
    const ids = (await queued(ops)).map((a) => a.id);
    for (const a of [kept, removed, questionGone]) expect(ids).not.toContain(a.answerId);
    // Keeping an answer no longer shown finds nothing.
    expect((await api(`/api/admin/answers/${removed.answerId}/reports`, { method: "DELETE", headers: ops.headers })).status).toBe(404);

    // A new report after ops kept it puts it back, saying who kept it and when.
    await report(await createTestUser(), kept.answerId, { reason: "not_an_answer" });
    const back = (await queued(ops)).find((a) => a.id === kept.answerId);
    expect(back?.reasons).toEqual({ not_an_answer: 1 });
    expect(back?.kept_before).toEqual({ by: "Priya Menon", at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    // Only ops read or clear the queue.
    expect((await api("/api/admin/answers/reported", { headers: shopper.headers })).status).toBe(403);
    expect((await api(`/api/admin/answers/${kept.answerId}/reports`, { method: "DELETE", headers: shopper.headers })).status).toBe(403);
  });

  it("pages the queue by keyset, counting what waits, and refuses another list's cursor", async () => {
    const ops = await createTestUser(["ops"]);
    const before = (await page(ops, "limit=1")).waiting;
    const ids: string[] = [];
    for (const [n, reports] of [900, 901, 902].entries()) {
      const { answerId } = await answered(`Reportanswer pager ${n}`);
      await env.DB.prepare("UPDATE question_answers SET report_count = ? WHERE id = ?").bind(reports, answerId).run();
      ids.push(answerId);
    }
    const first = await page(ops, "limit=2");
    expect(first.items.map((a) => a.id)).toEqual([ids[2], ids[1]]);
    expect(first.waiting).toBe(before + 3);
    const second = await page(ops, `limit=2&cursor=${first.next_cursor}`);
    expect(second.items.map((a) => a.id)[0]).toBe(ids[0]);

    const reviewsCursor = ((await (await api("/api/admin/answers?limit=1", { headers: ops.headers })).json()) as { next_cursor: string })
      .next_cursor;
    for (const query of [`cursor=${reviewsCursor}`, "cursor=nope", "limit=0", "limit=101"]) {
      const res = await api(`/api/admin/answers/reported?${query}`, { headers: ops.headers });
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
    }
  });

  it("reads the queue and its count from the index of reported answers alone, never sorting", async () => {
    const plans = [
      await env.DB.prepare(`EXPLAIN QUERY PLAN ${queueSql(REPORTED_ANSWERS, false)}`)
        .bind(50)
        .all<{ detail: string }>(),
      await env.DB.prepare(`EXPLAIN QUERY PLAN ${queueSql(REPORTED_ANSWERS, true)}`)
        .bind(50, 3, "2025-01-01T00:00:00.000Z", "ans_x")
        .all<{ detail: string }>(),
    ];
    for (const plan of plans) {
      const details = plan.results.map((r) => r.detail);
      expect(details.some((d) => d.startsWith("SEARCH a USING INDEX question_answers_reported_idx"))).toBe(true);
      expect(details.filter((d) => d.includes("TEMP B-TREE FOR ORDER BY"))).toEqual([]);
    }
    const count = await env.DB.prepare(`EXPLAIN QUERY PLAN ${waitingSql(REPORTABLE_ANSWER, REPORTED_ANSWERS)}`).all<{ detail: string }>();
    expect(count.results.map((r) => r.detail)).toEqual([expect.stringMatching(/USING COVERING INDEX question_answers_reported_idx/)]);
  });
});
