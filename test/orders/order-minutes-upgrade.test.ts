import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import { readOverview } from "../../workers/ops/overview";
import { seedOrder } from "./seed";

/** Every minute's row, by minute. */
async function counters(): Promise<Record<string, number>> {
  const { results } = await env.DB.prepare("SELECT minute, placed FROM order_minutes ORDER BY minute").all<{
    minute: string;
    placed: number;
  }>();
  return Object.fromEntries(results.map((r) => [r.minute, r.placed]));
}

// Its own file: the migration's backfill counts every order of the database it runs on.
it("counts the orders placed before the counters existed, each in its minute, as checkout counts them since", async () => {
  const times = [
    "2029-05-01T09:29:59.999Z",
    "2029-05-01T10:00:00.000Z",
    "2029-05-01T10:00:59.999Z",
    "2029-05-01T10:01:00.000Z",
    "2029-05-01T10:29:30.000Z",
    "2029-05-01T10:29:45.500Z",
  ];
  for (const at of times) await seedOrder({ status: "confirmed", at, confirmed: true });
  const counted = await counters();
  expect(counted).toEqual({
    "2029-05-01T09:29:00.000Z": 1,
    "2029-05-01T10:00:00.000Z": 2,
    "2029-05-01T10:01:00.000Z": 1,
    "2029-05-01T10:29:00.000Z": 2,
  });

  // The table as the migration creates it, beside orders an older release placed.
  await env.DB.prepare("DELETE FROM order_minutes").run();
  const migration = env.TEST_MIGRATIONS.find((m) => m.name.endsWith("_order_minutes.sql"));
  const backfill = migration?.queries.filter((q) => /^\s*(--[^\n]*\n\s*)*INSERT INTO `order_minutes`/i.test(q)) ?? [];
  expect(backfill).toHaveLength(1);
  for (const q of backfill) await env.DB.prepare(q).run();

  expect(await counters()).toEqual(counted);
  const ctx = createExecutionContext();
  const o = await readOverview(env, ctx, Date.parse("2029-05-01T10:29:50.000Z"));
  await waitOnExecutionContext(ctx);
  // 09:29 is the minute an hour before: in the hour, older than the series.
  expect(o.orders.placed_last_hour).toBe(6);
  expect(o.orders.placed_last_5_minutes).toBe(2);
  expect(o.orders.per_minute.filter((m) => m.placed > 0)).toEqual([
    { minute: "2029-05-01T10:00:00.000Z", placed: 2 },
    { minute: "2029-05-01T10:01:00.000Z", placed: 1 },
    { minute: "2029-05-01T10:29:00.000Z", placed: 2 },
  ]);
});
