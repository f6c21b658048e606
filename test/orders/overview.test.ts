import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { overviewStatements } from "../../workers/ops/overview";
import { type Overview, QUEUE_STATUSES } from "../../workers/ops/schemas";
import { REPLAYABLE_QUEUE_NAMES } from "../../workers/platform/dead-letters";
import { createTestUser, type TestUser } from "../helpers/accounts";
import { api, readerText } from "../helpers/http";
import { createDealViaApi, dealSetup, liveDealTwoSold } from "../deals/helpers";
import { type SaleDay, seedSaleDay } from "./overview-seed";
import { opsMove } from "./returns-seed";
import { answer, asked, productWithSeller } from "../questions/support";
import { reviewedProduct } from "../reviews/support";

let ops: TestUser;
let day: SaleDay;
let live: string;
let upcoming: string;

beforeAll(async () => {
  ops = await createTestUser(["ops"]);
  day = await seedSaleDay();
  live = (await liveDealTwoSold(await dealSetup(20))).id;
  upcoming = await createDealViaApi(await dealSetup(20), {
    units: 5,
    starts_at: new Date(Date.now() + 2 * 3600_000).toISOString(),
    ends_at: new Date(Date.now() + 3 * 3600_000).toISOString(),
  });
});

async function overview(headers = ops.headers): Promise<Overview> {
  const res = await api("/api/admin/overview", { headers });
  expect(res.status).toBe(200);
  expect(res.headers.get("cache-control")).toBe("private, no-store");
  return (await res.json()) as Overview;
}

describe("GET /api/admin/overview", () => {
  it("counts the orders in each queue and those placed lately, and finds the longest waits", async () => {
    const o = await overview();
    expect(o.orders.by_status).toEqual({ created: 2, payment_authorized: 0, confirmed: 2, packed: 1, shipped: 1, return_requested: 1 });
    expect(o.orders.placed_last_hour).toBe(4);
    expect(o.orders.placed_last_5_minutes).toBe(2);
    expect(o.orders.oldest_waiting_to_pack?.order_id).toBe(day.oldestConfirmed);
    // The return waits since it was asked for, not since the order was placed ten days ago.
    expect(o.orders.oldest_return_request?.order_id).toBe(day.returnRequested);
    const waited = Date.parse(o.read_at) - Date.parse(o.orders.oldest_return_request?.since ?? "");
    expect(Math.floor(waited / 60_000)).toBe(65);
  });

  it("counts the work the crons have not finished", async () => {
    const o = await overview();
    expect(o.backlog).toMatchObject({
      sagas_due: 1,
      cancellations_unsettled: 1,
      restocks_owed: 1,
      invoices_owed: 1,
      invoices_held_without_gstin: 1,
      dead_letters: { "catalog-changes": 0, "order-events": 1, "inventory-journal": 0 },
    });
  });

  it("says how far its counts go, and that none of this store's went that far", async () => {
    const o = await overview();
    expect(o.capped_at).toBe(10_000);
    expect(o.capped).toEqual([]);
  });

  it("counts outbox rows not yet relayed", async () => {
    const before = (await overview()).backlog.outbox_unrelayed;
    const now = new Date().toISOString();
    const { results } = await env.DB.prepare(
      "INSERT INTO outbox (topic, payload, created_at) VALUES ('catalog', '{}', ?1), ('catalog', '{}', ?1) RETURNING id",
    )
      .bind(now)
      .all<{ id: number }>();
    try {
      expect((await overview()).backlog.outbox_unrelayed).toBe(before + 2);
    } finally {
      // Sent, as far as the relay is concerned: these rows carry no event for a consumer to read.
      await env.DB.prepare("UPDATE outbox SET sent_at = ? WHERE id IN (?, ?)").bind(now, results[0]?.id, results[1]?.id).run();
    }
  });

  it("counts emails waiting to be sent and emails given up", async () => {
    const before = (await overview()).backlog;
    const user = await createTestUser();
    const now = new Date().toISOString();
    await env.DB.prepare(
      `INSERT INTO notifications (event_id, channel, user_id, kind, subject, body, created_at, email_state)
       VALUES ('test:mail-wait', 'email', ?1, 'order_shipped', 's', 'b', ?2, 'pending'), ('test:mail-wait', 'sms', ?1, 'order_shipped', 's', 'b', ?2, NULL),
         ('test:mail-gone', 'email', ?1, 'order_shipped', 's', 'b', ?2, 'failed'), ('test:mail-sent', 'email', ?1, 'order_shipped', 's', 'b', ?2, 'sent')`,
    )
      .bind(user.id, now)
      .run();
    try {
      const after = (await overview()).backlog;
      expect(after.emails_waiting).toBe(before.emails_waiting + 1);
      expect(after.emails_given_up).toBe(before.emails_given_up + 1);
    } finally {
      await env.DB.prepare("DELETE FROM notifications WHERE event_id LIKE 'test:mail-%'").run();
    }
  });

  it("counts the reviews and sellers' answers shoppers reported, linking each to its queue", async () => {
    const before = (await overview()).moderation;
    const { reviewId } = await reviewedProduct("Overview reported phone", { rating: 1, title: "Call me for a cheaper one" });
    const set = await productWithSeller("Overview answered phone");
    const questionId = await asked(set.shopper, set.f.productId, "Is the charger in the box?");
    expect((await answer(set.seller, questionId, "Yes, and call 98200 00000.")).status).toBe(200);
    await env.DB.batch([
      env.DB.prepare("UPDATE reviews SET report_count = 2 WHERE id = ?").bind(reviewId),
      env.DB.prepare("UPDATE question_answers SET report_count = 1 WHERE question_id = ?").bind(questionId),
    ]);
    expect((await overview()).moderation).toEqual({
      reviews_reported: before.reviews_reported + 1,
      answers_reported: before.answers_reported + 1,
    });
    const html = await (await api("/ops/overview", { headers: ops.headers })).text();
    expect(html).toContain('href="/ops/reviews#reported-h"');
    expect(html).toContain('href="/ops/questions#reported-h"');
  });

  it("lists the live and upcoming deals with their units left", async () => {
    const { deals } = await overview();
    expect(deals.find((d) => d.id === live)).toMatchObject({ status: "live", units: 10, remaining: 8 });
    expect(deals.find((d) => d.id === upcoming)).toMatchObject({ status: "scheduled", units: 5, remaining: 5 });
  });

  it("names each deal's status on the page in the deals console's words", async () => {
    const res = await api("/ops/overview", { headers: ops.headers });
    const html = await res.text();
    const status = (id: string) => new RegExp(`<tr data-deal="${id}">[\\s\\S]*?data-deal-figure="status">([^<]*)<`).exec(html)?.[1];
    expect(status(live)).toBe("Live");
    expect(status(upcoming)).toBe("Upcoming");
    // Its opening and end name their zone, as the deals console's do.
    const times = new RegExp(`<tr data-deal="${upcoming}">[\\s\\S]*?</tr>`).exec(html)?.[0] ?? "";
    expect(readerText(times).trim()).toMatch(
      /^.* Upcoming \w{3} \d{1,2} \w{3}, \d{1,2}:\d{2} [ap]m IST \w{3} \d{1,2} \w{3}, \d{1,2}:\d{2} [ap]m IST 5 5$/,
    );
  });

  it("moves with the orders: packing the oldest confirmed order takes it out of the confirmed count", async () => {
    const before = await overview();
    expect((await opsMove(day.oldestConfirmed, ops, { to: "packed", from: "confirmed" })).status).toBe(200);
    const after = await overview();
    expect(after.orders.by_status.confirmed).toBe(before.orders.by_status.confirmed - 1);
    expect(after.orders.by_status.packed).toBe(before.orders.by_status.packed + 1);
    expect(after.orders.oldest_waiting_to_pack?.order_id).toBe(day.newConfirmed);
  });

  it("is for ops alone: guests get 401 and shoppers 403, as problem details", async () => {
    const guest = await api("/api/admin/overview");
    expect(guest.status).toBe(401);
    expect(guest.headers.get("content-type")).toContain("application/problem+json");
    const shopper = await api("/api/admin/overview", { headers: (await createTestUser()).headers });
    expect(shopper.status).toBe(403);
    expect(((await shopper.json()) as { type: string }).type).toBe("/problems/forbidden");
    const manager = await api("/api/admin/overview", { headers: (await createTestUser(["deal_manager"])).headers });
    expect(manager.status).toBe(403);
  });

  it("is documented in the OpenAPI document, for ops", async () => {
    const doc = (await (await api("/api/openapi.json")).json()) as {
      paths: Record<
        string,
        { get?: { "x-access"?: unknown; responses: Record<string, { content?: Record<string, { schema: unknown }> }> } }
      >;
    };
    const op = doc.paths["/api/admin/overview"]?.get;
    expect(op?.["x-access"]).toEqual(["ops"]);
    expect(op?.responses["200"]?.content?.["application/json"]?.schema).toEqual({ $ref: "#/components/schemas/OpsOverview" });
  });
});

describe("the overview's reads", () => {
  /** What SQLite plans for each of the overview's statements, read with `cap`: each step with its parent's id. */
  async function plans(cap?: number) {
    const seen: Array<{ sql: string; args: unknown[] }> = [];
    const recorder = {
      prepare(sql: string) {
        const entry = { sql, args: [] as unknown[] };
        seen.push(entry);
        const statement = {
          bind(...args: unknown[]) {
            entry.args = args;
            return statement;
          },
        };
        return statement;
      },
    } as unknown as D1Database;
    overviewStatements(recorder, Date.now(), cap);
    const planned = [];
    for (const { sql, args } of seen) {
      const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .bind(...args)
        .all<{ id: number; parent: number; detail: string }>();
      planned.push({ sql, steps: results });
    }
    return planned;
  }

  // Every table is searched through an index (a primary key at least). The one walk allowed is of a
  // partial index that holds only the orders the cron still owes work, however many orders there
  // are, or only the emails not sent (waiting, or given up).
  const partial =
    /^SCAN (o|notifications) USING (COVERING )?INDEX (orders_(cancel_unsettled|restocks_owed|invoices_owed)|notifications_email_(pending|failed))_idx$/;
  // A capped count reads its walk's rows (at most the cap and one) back from a co-routine, and a count
  // per status or queue walks the list of them, a few constant rows.
  const bounded = /^SCAN (\(subquery-\d+\)|\d+ CONSTANT ROWS|CONSTANT ROW|0-ROW VALUES CLAUSE)$/;
  const COUNTS = [0, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15];

  it("reads each figure from an index range, never scanning a table, in one batch", async () => {
    const planned = (await plans()).map((p) => p.steps.map((s) => s.detail));
    expect(planned.flat().filter((d) => d.startsWith("SCAN ") && !partial.test(d) && !bounded.test(d))).toEqual([]);
    const first = planned.map((steps) => steps.find((d) => d.startsWith("SEARCH ") || partial.test(d)) ?? "");
    expect(first.slice(0, 12)).toEqual([
      expect.stringMatching(/USING COVERING INDEX orders_status_(created|updated)_idx \(status=\?\)$/),
      // The orders placed lately: the last hour's per-minute counters, one range of their key.
      expect.stringContaining("order_minutes USING INDEX sqlite_autoindex_order_minutes_1 (minute>? AND minute<?)"),
      expect.stringContaining("orders_status_updated_idx (status=?)"),
      expect.stringContaining("orders_status_updated_idx (status=?)"),
      expect.stringContaining("USING COVERING INDEX orders_saga_check_idx (saga_check_at<?)"),
      expect.stringContaining("orders_cancel_unsettled_idx"),
      expect.stringContaining("orders_restocks_owed_idx"),
      expect.stringContaining("orders_invoices_owed_idx"),
      expect.stringContaining("USING COVERING INDEX outbox_pending_idx (sent_at=?)"),
      expect.stringMatching(/USING COVERING INDEX dead_letters_\w+ \(queue=\?\)/),
      expect.stringContaining("notifications_email_pending_idx"),
      expect.stringContaining("notifications_email_failed_idx"),
    ]);
    // After the deals, the moderation queues' counts, each from its partial index, and the help
    // requests waiting, one range of an index led by their status (the planner may take the one
    // by status and taker as readily as the one by status alone).
    expect(first.slice(13)).toEqual([
      expect.stringContaining("USING COVERING INDEX reviews_reported_idx"),
      expect.stringContaining("USING COVERING INDEX question_answers_reported_idx"),
      expect.stringMatching(/USING COVERING INDEX help_requests_(status|taken)_idx \(status=\?\)/),
      // The request asked longest ago: the first entry of the open range, in the order asked.
      expect.stringContaining("help_requests USING INDEX help_requests_status_idx (status=?)"),
    ]);
  });

  it("stops each count's walk one row past the cap: every index walk of a count runs in a co-routine limited to it", async () => {
    const cap = 3;
    const planned = await plans(cap);
    for (const i of COUNTS) {
      const { sql, steps } = planned[i]!;
      const byId = new Map(steps.map((s) => [s.id, s]));
      const inCoroutine = (step: { parent: number }): boolean => {
        const parent = byId.get(step.parent);
        return parent ? parent.detail.startsWith("CO-ROUTINE (subquery-") || inCoroutine(parent) : false;
      };
      const walks = steps.filter((s) => s.detail.startsWith("SEARCH ") || partial.test(s.detail));
      expect(walks.length, sql).toBeGreaterThan(0);
      expect(
        walks.filter((s) => !inCoroutine(s)).map((s) => s.detail),
        sql,
      ).toEqual([]);
      // Each co-routine is one walk stopped by its LIMIT: a status or queue has its own.
      const coroutines = steps.filter((s) => s.detail.startsWith("CO-ROUTINE (subquery-")).length;
      expect(sql.match(new RegExp(`LIMIT ${cap + 1}\\)`, "g"))?.length, sql).toBe(coroutines);
    }
    expect(planned[0]!.steps.filter((s) => s.detail.startsWith("CO-ROUTINE (subquery-"))).toHaveLength(QUEUE_STATUSES.length);
    expect(planned[9]!.steps.filter((s) => s.detail.startsWith("CO-ROUTINE (subquery-"))).toHaveLength(REPLAYABLE_QUEUE_NAMES.length);
  });
});
