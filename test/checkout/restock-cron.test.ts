import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { finishRestocks } from "../../workers/checkout/restocks";
import { stepCommitStock, stepMarkAuthorized } from "../../workers/checkout/saga-steps";
import { gateFor } from "../../workers/deals/gate-client";
import { auditSku } from "../../workers/inventory/audit";
import { cancelOrder } from "../../workers/orders/lifecycle";
import { transitionOrder } from "../../workers/orders/transitions";
import { ORIGIN } from "../helpers/http";
import { admittedShopper, interceptGateJournal, placeDealOrder } from "./deal-support";
import { stockOf } from "./support";

afterEach(() => {
  vi.restoreAllMocks();
});

/**
 * A deal order whose unit the gate sold, with the sale still on its way to the ledger (delivered
 * by `deliver`, as the queue or a replay from the dead letters would), and then cancelled.
 */
async function cancelledBeforeItsSaleLanded() {
  const { user, dealId, listingId, warehouseId } = await admittedShopper();
  const p = await placeDealOrder(user, dealId);
  // The gate ships the hold's journal first, so the sale below waits on the intercept.
  for (let i = 0; i < 100 && (await gateFor(env, dealId).figures()).journalPending > 0; i++) await scheduler.wait(50);
  expect(await stepMarkAuthorized(env, p)).toEqual({ stopped: false });
  expect(await stepCommitStock(env, p)).toEqual({ committed: true });
  const deliver = await interceptGateJournal(dealId, { skuId: listingId, warehouseId });
  const before = (await stockOf(listingId))!;
  await cancelOrder(env, p.orderId, { actor: "shopper", actorId: user.id, origin: ORIGIN }, "changed my mind");
  expect(await stockOf(listingId)).toEqual(before);
  return { orderId: p.orderId, listingId, before, deliver };
}

/**
 * A deal order sold and in the ledger, then cancelled; `giveBack` says whether the cancel gave the
 * unit back itself or died right after moving the order, leaving it to the cron.
 */
async function cancelledSale(giveBack: boolean) {
  const { user, dealId, listingId } = await admittedShopper();
  const p = await placeDealOrder(user, dealId);
  expect(await stepMarkAuthorized(env, p)).toEqual({ stopped: false });
  expect(await stepCommitStock(env, p)).toEqual({ committed: true });
  for (let i = 0; i < 100 && (await stockOf(listingId))!.sold < 1; i++) await scheduler.wait(100);
  const before = (await stockOf(listingId))!;
  const by = { actor: "shopper", actorId: user.id, reason: "changed my mind" } as const;
  if (giveBack) await cancelOrder(env, p.orderId, { ...by, origin: ORIGIN }, by.reason);
  else await transitionOrder(env.DB, { orderId: p.orderId, to: "cancelled", ...by });
  return { orderId: p.orderId, dealId, listingId, before };
}

/** Copies an order and its lines under a new id, as another order of the same shopper made with the same holds. */
async function copyOrder(orderId: string, copyId: string, status: string, transitions: boolean): Promise<void> {
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO orders (id, user_id, status, idempotency_key, subtotal, total, currency, address, payment_method, deal_id, saga_id, created_at, updated_at)
       SELECT ?1, user_id, ?3, idempotency_key || ?1, subtotal, total, currency, address, payment_method, deal_id, NULL, created_at, updated_at
       FROM orders WHERE id = ?2`,
    ).bind(copyId, orderId, status),
    env.DB.prepare(
      `INSERT INTO order_items (order_id, listing_id, product_id, seller_id, title, qty, unit_price, mrp, deal_id, reservation_id, created_at)
       SELECT ?1, listing_id, product_id, seller_id, title, qty, unit_price, mrp, deal_id, reservation_id, created_at FROM order_items WHERE order_id = ?2`,
    ).bind(copyId, orderId),
    env.DB.prepare(
      `INSERT INTO order_transitions (order_id, from_status, to_status, actor, reason, at)
       SELECT ?1, from_status, to_status, actor, reason, at FROM order_transitions WHERE order_id = ?2 AND ?3 ORDER BY id`,
    ).bind(copyId, orderId, transitions ? 1 : 0),
  ]);
}

/** Moves everything an order recorded `days` into the past, as if it had ended then. */
async function endedDaysAgo(orderId: string, days: number): Promise<void> {
  const shift = `-${days} days`;
  await env.DB.batch([
    env.DB.prepare(
      `UPDATE orders SET created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at, ?2), updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', updated_at, ?2)
       WHERE id = ?1`,
    ).bind(orderId, shift),
    env.DB.prepare("UPDATE order_transitions SET at = strftime('%Y-%m-%dT%H:%M:%fZ', at, ?2) WHERE order_id = ?1").bind(orderId, shift),
  ]);
}

async function restocksDoneAt(orderId: string): Promise<unknown> {
  const row = await env.DB.prepare("SELECT * FROM orders WHERE id = ?").bind(orderId).first<Record<string, unknown>>();
  return row?.restocks_done_at;
}

/** `env` whose gate for `dealId` is down: every call to it fails. */
function gateDown(dealId: string): Env {
  const gates = env.SKU_GATE as DurableObjectNamespace;
  return {
    ...env,
    SKU_GATE: {
      idFromName: (name: string) => gates.idFromName(name),
      get: (id: DurableObjectId) =>
        id.equals(gates.idFromName(dealId)) ? { release: () => Promise.reject(new Error("gate unavailable")) } : gates.get(id),
    },
  } as unknown as Env;
}

/** The D1 rows one run of the cron reads: the least of two runs, as now and then a query also reads the schema afresh. */
async function rowsReadByRun(): Promise<number> {
  const once = async () => {
    let read = 0;
    const count = <T extends D1Result>(r: T): T => {
      read += r.meta.rows_read;
      return r;
    };
    const counted = (stmt: D1PreparedStatement): D1PreparedStatement =>
      ({
        bind: (...values: unknown[]) => counted(stmt.bind(...values)),
        all: async () => count(await stmt.all()),
        run: async () => count(await stmt.run()),
        first: (column?: string) => (column ? stmt.first(column) : stmt.first()),
        raw: () => stmt.raw(),
        inner: stmt,
      }) as unknown as D1PreparedStatement;
    const db = new Proxy(env.DB, {
      get(target, prop) {
        if (prop === "prepare") return (query: string) => counted(target.prepare(query));
        if (prop === "batch")
          return async (statements: D1PreparedStatement[]) =>
            (await target.batch(statements.map((s) => (s as unknown as { inner: D1PreparedStatement }).inner))).map(count);
        const value = Reflect.get(target, prop);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    await finishRestocks({ ...env, DB: db } as Env);
    return read;
  };
  return Math.min(await once(), await once());
}

describe("the cron's restocks of ended orders", () => {
  it("puts back a deal unit whose sale reaches the ledger two days after its order was cancelled, and tells ops meanwhile", async () => {
    const { orderId, listingId, before, deliver } = await cancelledBeforeItsSaleLanded();
    // An earlier checkout of the same shopper, declined, held under the same hold id (as every
    // checkout of a shopper did before holds were per order): the sale's arrival cannot tell
    // which order bought it, so it leaves the restock to the cron, which asks the gate.
    await copyOrder(orderId, `${orderId}_declined`, "payment_failed", false);
    expect(await finishRestocks(env)).toBe(1);
    expect(await stockOf(listingId)).toEqual(before);

    // Two days on, the sale still sits in the dead letters: each run says so at error level.
    await endedDaysAgo(orderId, 2);
    const errors = vi.spyOn(console, "error");
    expect(await finishRestocks(env)).toBe(1);
    expect(errors.mock.calls.map(([line]) => JSON.parse(String(line)))).toContainEqual(
      expect.objectContaining({ level: "error", message: "restock pending for over an hour", orderId }),
    );
    expect(await stockOf(listingId)).toEqual(before);

    // Ops replay it: the sale lands, and the next run puts the unit back.
    await deliver();
    expect(await stockOf(listingId)).toMatchObject({ sold: before.sold + 1, available: before.available });
    expect(await finishRestocks(env)).toBe(1);
    expect(await stockOf(listingId)).toMatchObject({ sold: before.sold, available: before.available + 1 });
    expect(await auditSku(env.DB, listingId)).toMatchObject({ conserved: true, sold: 0, allocated: 4 });
    expect(await finishRestocks(env)).toBe(0);
  });

  it("stops reading an ended order once nothing of it is left to restock, however many there are", async () => {
    const { orderId, listingId, before } = await cancelledSale(true);
    expect(await stockOf(listingId)).toMatchObject({ sold: before.sold - 1, available: before.available + 1 });
    expect(await finishRestocks(env)).toBe(0);
    const quiet = await rowsReadByRun();

    // Forty more cancellations whose units are back: one run finds them done, and no run reads them again.
    const copies = Array.from({ length: 40 }, (_, i) => `${orderId}_${i}`);
    for (const id of copies) await copyOrder(orderId, id, "cancelled", true);
    expect(await finishRestocks(env)).toBe(0);
    expect(await rowsReadByRun()).toBe(quiet);
    for (const id of [orderId, ...copies]) expect(await restocksDoneAt(id)).toEqual(expect.any(String));
  });

  it("works on the orders it tried least recently first, so one whose gate is down does not hold back the rest", async () => {
    const stuck = await cancelledSale(false);
    const next = await cancelledSale(false);
    const down = gateDown(stuck.dealId);

    // One order a run: the older one first, whose gate fails.
    expect(await finishRestocks(down, 1)).toBe(1);
    expect(await stockOf(stuck.listingId)).toEqual(stuck.before);
    expect(await stockOf(next.listingId)).toEqual(next.before);
    // Then the other one, rather than the stuck one again.
    expect(await finishRestocks(down, 1)).toBe(1);
    expect(await stockOf(next.listingId)).toMatchObject({ sold: 0, available: next.before.available + 1 });
    expect(await restocksDoneAt(next.orderId)).toEqual(expect.any(String));

    // The gate is back: the stuck one is finished too.
    expect(await finishRestocks(env, 1)).toBe(1);
    expect(await stockOf(stuck.listingId)).toMatchObject({ sold: 0, available: stuck.before.available + 1 });
    expect(await finishRestocks(env, 1)).toBe(0);
  });

  it("has the migration mark the orders that ended before it with nothing left to restock, and leave the rest to the cron", async () => {
    const done = await cancelledSale(true);
    const declined = `${done.orderId}_declined`;
    await copyOrder(done.orderId, declined, "payment_failed", false);
    const owing = await cancelledBeforeItsSaleLanded();

    const migration = env.TEST_MIGRATIONS.find((m) => m.name.includes("mark_finished_restocks"));
    expect(migration).toBeDefined();
    await env.DB.batch((migration?.queries ?? []).map((q) => env.DB.prepare(q)));
    const updatedAt = (id: string) => env.DB.prepare("SELECT updated_at AS at FROM orders WHERE id = ?").bind(id).first<string>("at");
    expect(await restocksDoneAt(done.orderId)).toBe(await updatedAt(done.orderId));
    expect(await restocksDoneAt(declined)).toBe(await updatedAt(declined));
    expect(await restocksDoneAt(owing.orderId)).toBeNull();

    // The late sale lands and is put back; the cron then finds that order done too.
    await owing.deliver();
    expect(await stockOf(owing.listingId)).toMatchObject({ sold: owing.before.sold, available: owing.before.available + 1 });
    expect(await finishRestocks(env)).toBe(0);
    expect(await restocksDoneAt(owing.orderId)).toEqual(expect.any(String));
  });
});
