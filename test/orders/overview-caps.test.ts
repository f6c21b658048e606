import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { overviewStatements, readOverview } from "../../workers/ops/overview";
import { COUNT_FIGURES, type CountFigure, type Overview } from "../../workers/ops/schemas";
import { createTestUser, type TestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { seedSaleDay } from "./overview-seed";

let ops: TestUser;

beforeAll(async () => {
  ops = await createTestUser(["ops"]);
  // Created 2, confirmed 2, packed 1, shipped 1, return requested 1; 4 placed in the hour, 2 in the
  // last 5 minutes; one each of the crons' backlogs; one dead letter of order-events.
  await seedSaleDay();
});

/** The overview read with its counts stopped at `cap`. */
async function overviewUpTo(cap: number): Promise<Overview> {
  const ctx = createExecutionContext();
  const o = await readOverview(env, ctx, Date.now(), cap);
  await waitOnExecutionContext(ctx);
  return o;
}

/** A count of the overview, by its path. */
function figure(o: Overview, path: CountFigure): number {
  return path.split(".").reduce<unknown>((v, key) => (v as Record<string, unknown>)[key], o) as number;
}

const SERIES = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)";

/** `n` outbox rows not yet relayed, `n` dead letters of a queue, `n` emails in a state: each in one statement. */
const add = {
  outbox: (n: number) =>
    env.DB.prepare(`INSERT INTO outbox (topic, payload, created_at) ${SERIES} SELECT 'catalog', '{"test":"cap"}', ?2 FROM n`).bind(
      n,
      new Date().toISOString(),
    ),
  deadLetters: (n: number, queue: string) =>
    env.DB.prepare(
      `INSERT INTO dead_letters (queue, message_id, body, received_at, reason) ${SERIES}
       SELECT ?2, 'test-cap-' || i, '{}', ?3, 'retries exhausted' FROM n`,
    ).bind(n, queue, new Date().toISOString()),
  emails: (n: number, userId: string, state: "pending" | "failed") =>
    env.DB.prepare(
      `INSERT INTO notifications (event_id, channel, user_id, kind, subject, body, created_at, email_state) ${SERIES}
       SELECT 'test:cap-' || ?3 || '-' || i, 'email', ?2, 'order_shipped', 's', 'b', ?4, ?3 FROM n`,
    ).bind(n, userId, state, new Date().toISOString()),
};

const removeAdded = () =>
  env.DB.batch([
    env.DB.prepare(`DELETE FROM outbox WHERE payload = '{"test":"cap"}'`),
    env.DB.prepare("DELETE FROM dead_letters WHERE message_id LIKE 'test-cap-%'"),
    env.DB.prepare("DELETE FROM notifications WHERE event_id LIKE 'test:cap-%'"),
  ]);

describe("the overview's counts, stopped at a cap", () => {
  it("are exact up to the cap, and past it answer the cap and say so", async () => {
    const exact = await overviewUpTo(1_000_000);
    expect(exact.capped).toEqual([]);
    for (const cap of [1, 2, 3]) {
      const o = await overviewUpTo(cap);
      expect(o.capped_at).toBe(cap);
      for (const path of COUNT_FIGURES) expect(figure(o, path), `${path} up to ${cap}`).toBe(Math.min(figure(exact, path), cap));
      expect(o.capped).toEqual(COUNT_FIGURES.filter((path) => figure(exact, path) > cap));
    }
    // A count of exactly the cap is exact; one past it is the cap, named as such.
    const o = await overviewUpTo(1);
    expect(o.orders.by_status).toEqual({ created: 1, payment_authorized: 0, confirmed: 1, packed: 1, shipped: 1, return_requested: 1 });
    expect(o.capped).toEqual(["orders.by_status.created", "orders.by_status.confirmed"]);
    // The orders placed lately are summed from their per-minute counters: exact whatever the cap.
    expect([o.orders.placed_last_hour, o.orders.placed_last_5_minutes]).toEqual([4, 2]);
  });

  it("stop reading a backlog one row past the cap, each queue's dead letters on their own", async () => {
    const user = await createTestUser();
    await env.DB.batch([
      add.outbox(7),
      add.emails(5, user.id, "pending"),
      add.emails(6, user.id, "failed"),
      add.deadLetters(3, "catalog-changes"),
      add.deadLetters(12, "inventory-journal"),
    ]);
    try {
      const o = await overviewUpTo(3);
      expect(o.backlog).toMatchObject({
        outbox_unrelayed: 3,
        emails_waiting: 3,
        emails_given_up: 3,
        sagas_due: 1,
        dead_letters: { "catalog-changes": 3, "order-events": 1, "inventory-journal": 3 },
      });
      expect(o.capped).toEqual([
        "backlog.outbox_unrelayed",
        "backlog.emails_waiting",
        "backlog.emails_given_up",
        "backlog.dead_letters.inventory-journal",
      ]);

      // D1's rows read, what every view of the page costs: at most the cap and one per walk (the
      // outbox's, each queue's, the waiting and the given-up emails'), where exact counts read all.
      const rowsRead = async (cap: number) =>
        (await env.DB.batch(overviewStatements(env.DB, Date.now(), cap))).map((r) => r.meta.rows_read);
      const [capped, exact] = [await rowsRead(3), await rowsRead(1_000_000)];
      const most = new Map([
        [8, 4],
        [9, 3 * 4],
        [10, 4],
        [11, 4],
      ]);
      for (const [i, rows] of most) {
        expect(capped[i], `statement ${i}`).toBeLessThanOrEqual(rows);
        expect(exact[i], `statement ${i}`).toBeGreaterThan(rows);
      }
    } finally {
      await removeAdded();
    }
  });

  it("stop at 10,000 in the API, while the dead letters list still counts every message", async () => {
    await env.DB.batch([add.deadLetters(10_002, "catalog-changes")]);
    try {
      const o = (await (await api("/api/admin/overview", { headers: ops.headers })).json()) as Overview;
      expect(o.capped_at).toBe(10_000);
      expect(o.backlog.dead_letters["catalog-changes"]).toBe(10_000);
      expect(o.capped).toEqual(["backlog.dead_letters.catalog-changes"]);
      const listed = (await (await api("/api/admin/dead-letters", { headers: ops.headers })).json()) as {
        counts: Record<string, number>;
      };
      expect(listed.counts).toEqual({ "catalog-changes": 10_002, "order-events": 1, "inventory-journal": 0 });
    } finally {
      await removeAdded();
    }
  });
});
