import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { placeOrder } from "../../workers/checkout/place-order";
import { minuteOf } from "../../workers/orders/order-minutes";
import { OVERVIEW_COUNT_CAP, readOverview } from "../../workers/ops/overview";
import type { Overview } from "../../workers/ops/schemas";
import { createTestUser, type TestUser } from "../helpers/accounts";
import { api, ORIGIN } from "../helpers/http";
import { ADDRESS, bearerPrincipal, checkout, shopperWithCart, stockedListing } from "../checkout/support";

let ops: TestUser;

beforeAll(async () => {
  ops = await createTestUser(["ops"]);
});

async function overview(): Promise<Overview> {
  const res = await api("/api/admin/overview", { headers: ops.headers });
  expect(res.status).toBe(200);
  return (await res.json()) as Overview;
}

/** The overview read as at `now`, its counts stopped at the usual cap. */
async function overviewAt(now: number): Promise<Overview> {
  const ctx = createExecutionContext();
  const o = await readOverview(env, ctx, now);
  await waitOnExecutionContext(ctx);
  return o;
}

/** The orders counted in the minute `at` falls in. */
async function countedIn(at: string): Promise<number> {
  const row = await env.DB.prepare("SELECT placed FROM order_minutes WHERE minute = ?").bind(minuteOf(at)).first<{ placed: number }>();
  return row?.placed ?? 0;
}

async function createdAt(orderId: string): Promise<string> {
  const row = await env.DB.prepare("SELECT created_at AS at FROM orders WHERE id = ?").bind(orderId).first<{ at: string }>();
  if (!row) throw new Error(`no order ${orderId}`);
  return row.at;
}

describe("the orders placed each minute", () => {
  it("count an order placed through checkout once, in its minute, and a retry with the same key not again", async () => {
    const before = await overview();
    const f = await stockedListing();
    const user = await shopperWithCart([[f.listingId, 1]]);
    const key = crypto.randomUUID();
    const res = await checkout(user, key);
    expect(res.status).toBe(201);
    const orderId = ((await res.json()) as { order_id: string }).order_id;
    const at = await createdAt(orderId);
    const inItsMinute = await countedIn(at);
    expect(inItsMinute).toBeGreaterThanOrEqual(1);

    const after = await overview();
    expect(after.orders.placed_last_hour).toBe(before.orders.placed_last_hour + 1);
    expect(after.orders.placed_last_5_minutes).toBe(before.orders.placed_last_5_minutes + 1);
    expect(after.orders.per_minute.find((m) => m.minute === minuteOf(at))?.placed).toBe(inItsMinute);
    // The order's own first transition and event are still written beside it.
    const written = await env.DB.prepare(
      `SELECT (SELECT COUNT(*) FROM order_transitions WHERE order_id = ?1 AND to_status = 'created') AS transitions,
         (SELECT COUNT(*) FROM outbox WHERE json_extract(payload, '$.orderId') = ?1 AND json_extract(payload, '$.to') = 'created') AS events`,
    )
      .bind(orderId)
      .first<{ transitions: number; events: number }>();
    expect(written).toEqual({ transitions: 1, events: 1 });

    const retry = await checkout(user, key);
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(await countedIn(at)).toBe(inItsMinute);
    expect((await overview()).orders.placed_last_hour).toBe(after.orders.placed_last_hour);
  });

  it("count an order once when two attempts with its key both reach the order's insert", async () => {
    const f = await stockedListing();
    const user = await shopperWithCart([[f.listingId, 1]]);
    const key = crypto.randomUUID();
    const before = (await overview()).orders.placed_last_hour;
    // Past the idempotency gate, as a retry that took over a key whose first request looked dead:
    // neither attempt finds the order yet, and the later insert finds it made.
    const attempt = () => placeOrder(env, bearerPrincipal(user), null, key, { address: ADDRESS, payment_method: "upi" }, ORIGIN);
    const [a, b] = await Promise.all([attempt(), attempt()]);
    expect(b.order_id).toBe(a.order_id);
    expect((await overview()).orders.placed_last_hour).toBe(before + 1);
    const transitions = await env.DB.prepare("SELECT COUNT(*) AS n FROM order_transitions WHERE order_id = ?")
      .bind(a.order_id)
      .first<{ n: number }>();
    expect(transitions?.n).toBe(1);
  });
});

describe("the overview's orders placed lately", () => {
  // A sale-day hour read as at 04:30:30 on a day no other test places orders on.
  const now = Date.parse("2031-01-15T04:30:30.000Z");
  const rows: Array<[string, number]> = [
    ["2031-01-15T03:29:00.000Z", 7], // before the minute an hour ago: in no figure
    ["2031-01-15T03:30:00.000Z", 11], // the minute an hour ago: in the hour, older than the series
    ["2031-01-15T03:31:00.000Z", 12_000], // the series' first minute
    ["2031-01-15T04:00:00.000Z", 20_000],
    ["2031-01-15T04:24:00.000Z", 9_007], // the minute before the 5 minutes'
    ["2031-01-15T04:25:00.000Z", 8_000], // the minute 5 minutes ago
    ["2031-01-15T04:30:00.000Z", 982], // the current minute so far
    ["2031-01-15T04:31:00.000Z", 5], // after the read: in no figure
  ];

  async function withRows<T>(read: () => Promise<T>): Promise<T> {
    await env.DB.batch(
      rows.map(([minute, placed]) => env.DB.prepare("INSERT INTO order_minutes (minute, placed) VALUES (?, ?)").bind(minute, placed)),
    );
    try {
      return await read();
    } finally {
      await env.DB.prepare("DELETE FROM order_minutes WHERE minute BETWEEN '2031-01-15' AND '2031-01-16'").run();
    }
  }

  it("are exact past the cap: 50,000 orders in the hour read as 50,000, never capped", async () => {
    const o = await withRows(() => overviewAt(now));
    expect(o.capped_at).toBe(OVERVIEW_COUNT_CAP);
    expect(o.orders.placed_last_hour).toBe(50_000);
    expect(o.orders.placed_last_5_minutes).toBe(8_982);
    expect(o.capped).toEqual([]);
  });

  it("lay out the last 60 minutes oldest first, the current minute last, minutes without orders as 0", async () => {
    const { orders } = await withRows(() => overviewAt(now));
    expect(orders.per_minute).toHaveLength(60);
    expect(orders.per_minute[0]).toEqual({ minute: "2031-01-15T03:31:00.000Z", placed: 12_000 });
    expect(orders.per_minute[59]).toEqual({ minute: "2031-01-15T04:30:00.000Z", placed: 982 });
    const minutes = orders.per_minute.map((m) => Date.parse(m.minute));
    expect(minutes.slice(1).map((t, i) => t - minutes[i]!)).toEqual(Array(59).fill(60_000));
    const placed = Object.fromEntries(orders.per_minute.filter((m) => m.placed > 0).map((m) => [m.minute, m.placed]));
    expect(placed).toEqual({
      "2031-01-15T03:31:00.000Z": 12_000,
      "2031-01-15T04:00:00.000Z": 20_000,
      "2031-01-15T04:24:00.000Z": 9_007,
      "2031-01-15T04:25:00.000Z": 8_000,
      "2031-01-15T04:30:00.000Z": 982,
    });
  });

  it("are all 0 in an hour without orders", async () => {
    const { orders } = await overviewAt(Date.parse("2031-06-01T12:00:00.000Z"));
    expect(orders.placed_last_hour).toBe(0);
    expect(orders.placed_last_5_minutes).toBe(0);
    expect(orders.per_minute).toHaveLength(60);
    expect(orders.per_minute.every((m) => m.placed === 0)).toBe(true);
  });
});
