import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { envInterposingFirstRead } from "../helpers/d1-interpose";
import { type LineHold, commitLine } from "../../workers/checkout/holds";
import { finishRestocks } from "../../workers/checkout/restocks";
import { type SagaParams, stepCommitStock, stepCompensate, stepMarkAuthorized } from "../../workers/checkout/saga-steps";
import { gateFor } from "../../workers/deals/gate-client";
import { auditSku } from "../../workers/inventory/audit";
import { sweepExpiredReservations } from "../../workers/inventory/ledger";
import { cancelOrder } from "../../workers/orders/lifecycle";
import { finishCancellations } from "../../workers/orders/cancellation";
import { type TestUser, createTestUser } from "../helpers/accounts";
import { ORIGIN, api } from "../helpers/http";
import { createDealViaApi, dealSetup } from "../deals/helpers";
import { admittedShopper, interceptGateJournal, placeDealOrder } from "./deal-support";
import { ADDRESS, checkout, shopperWithCart, stockOf, stockedListing, waitForStatus } from "./support";

/**
 * An authorized order whose deal unit the gate sold first, as the saga did before it committed
 * deal lines last, with that sale on its way to the ledger (delivered by `deliver`); then its
 * other line's hold lapsed and the stock commit was refused.
 */
async function dealSoldThenOtherLineRefused() {
  const { user, dealId, listingId, warehouseId } = await admittedShopper();
  const p = await placeWithOtherLine(user, dealId, listingId);
  const before = (await stockOf(listingId))!;
  expect(await stepMarkAuthorized(env, p)).toEqual({ stopped: false });
  expect(await commitLine(env, await dealLine(p))).toBe("done");
  const deliver = await interceptGateJournal(dealId, { skuId: listingId, warehouseId });
  await stallPastOtherHold(p);
  expect(await stepCommitStock(env, p)).toEqual({ committed: false });
  return { p, listingId, before, deliver };
}

describe("a deal checkout whose other line's hold expired", () => {
  it("never sells the deal unit: the saga commits the deal line last, and the unit stays on sale", async () => {
    const { user, dealId, listingId, warehouseId } = await admittedShopper();
    const p = await placeWithOtherLine(user, dealId, listingId);
    const before = (await stockOf(listingId))!;
    expect(await stepMarkAuthorized(env, p)).toEqual({ stopped: false });
    await stallPastOtherHold(p);

    expect(await stepCommitStock(env, p)).toEqual({ committed: false });
    expect(await stepCompensate(env, p, "stock hold expired before payment")).toEqual({ status: "payment_failed" });
    // Whatever the gate journaled reaches the ledger.
    await (await interceptGateJournal(dealId, { skuId: listingId, warehouseId }))();

    expect(await gateFor(env, dealId).figures()).toMatchObject({ sold: 0, reserved: 0, remaining: 5 });
    expect(await stockOf(listingId)).toEqual(before);
    expect(await auditSku(env.DB, listingId)).toMatchObject({ conserved: true, sold: 0, allocated: 5 });
    // The cron asks the gate once about the failed order's line, and leaves it after that.
    expect(await finishRestocks(env)).toBe(1);
    expect(await finishRestocks(env)).toBe(0);
  });

  it("puts back a deal unit sold before the failure once its sale reaches the ledger", async () => {
    const { p, listingId, before, deliver } = await dealSoldThenOtherLineRefused();
    expect(await stepCompensate(env, p, "stock hold expired before payment")).toEqual({ status: "payment_failed" });
    expect(await stockOf(listingId)).toEqual(before);

    // The sale lands with its restock in the same batch.
    await deliver();
    expect(await stockOf(listingId)).toMatchObject({ sold: 0, available: before.available + 1 });
    expect(await auditSku(env.DB, listingId)).toMatchObject({ conserved: true, sold: 0, allocated: 4 });
    expect(await finishRestocks(env)).toBe(0);
  });

  it("has the cron put back a deal unit whose sale reached the ledger while the compensation was under way", async () => {
    const { p, listingId, before, deliver } = await dealSoldThenOtherLineRefused();

    // The sale lands after the compensation gave the lines back and before it failed the order.
    expect(await stepCompensate(beforeStatusChange(deliver), p, "stock hold expired before payment")).toEqual({ status: "payment_failed" });
    expect(await stockOf(listingId)).toMatchObject({ sold: 1, available: before.available });

    expect(await finishRestocks(env)).toBe(1);
    expect(await stockOf(listingId)).toMatchObject({ sold: 0, available: before.available + 1 });
    expect(await auditSku(env.DB, listingId)).toMatchObject({ conserved: true, sold: 0, allocated: 4 });
    expect(await finishRestocks(env)).toBe(0);
  });
});

describe("a normal sale of a listing that then went on deal", () => {
  it("is put back once a deal restock that ran ahead of its own sale has been made up, without failing the cancel", async () => {
    const s = await dealSetup(20);
    const listingId = s.fixture.listingId;
    const buyer = await shopperWithCart([[listingId, 1]]);
    const bought = await checkout(buyer, crypto.randomUUID(), { address: ADDRESS, payment_method: "cod" });
    expect(bought.status).toBe(201);
    const normal = ((await bought.json()) as { order_id: string }).order_id;
    await waitForStatus(normal, ["confirmed"]);
    const dealId = await createDealViaApi(s, { units: 5, per_user_limit: 1, starts_at: new Date(Date.now() + 300).toISOString() });
    await scheduler.wait(400);

    // A deal order is sold at the gate and cancelled before the sale reaches D1: its restock
    // takes the normal sale's unit out of `sold`.
    const shopper = await createTestUser();
    await api(`/api/cart/items/${listingId}`, { method: "PUT", headers: shopper.headers, body: { qty: 1 } });
    const p = await placeDealOrder(shopper, dealId);
    for (let i = 0; i < 100 && (await gateFor(env, dealId).figures()).journalPending > 0; i++) await scheduler.wait(50);
    expect(await stepMarkAuthorized(env, p)).toEqual({ stopped: false });
    expect(await stepCommitStock(env, p)).toEqual({ committed: true });
    const deliver = await interceptGateJournal(dealId, { skuId: listingId, warehouseId: s.fixture.warehouseId });
    await cancelOrder(env, p.orderId, { actor: "shopper", actorId: shopper.id, origin: ORIGIN }, "changed my mind");
    expect(await stockOf(listingId)).toEqual({ available: 15, reserved: 0, sold: 0 });

    // The normal order's cancel goes through; its unit cannot go back until the deal's sale lands.
    expect((await api(`/api/orders/${normal}/cancel`, { method: "POST", headers: buyer.headers })).status).toBe(200);
    expect(await stockOf(listingId)).toEqual({ available: 15, reserved: 0, sold: 0 });
    expect(await auditSku(env.DB, listingId)).toMatchObject({ conserved: true });
    expect(await finishRestocks(env)).toBe(1);
    expect(await cancelSettled(normal)).toBe(false);

    await deliver();
    await finishCancellations(env);
    expect(await cancelSettled(normal)).toBe(true);
    expect(await stockOf(listingId)).toEqual({ available: 16, reserved: 0, sold: 0 });
    expect(await auditSku(env.DB, listingId)).toMatchObject({ conserved: true, allocated: 4, sold: 0 });
    expect(await finishRestocks(env)).toBe(0);
  });
});

async function cancelSettled(orderId: string): Promise<boolean> {
  const row = await env.DB.prepare("SELECT cancel_settled_at AS at FROM orders WHERE id = ?").bind(orderId).first<{ at: string | null }>();
  return row?.at != null;
}

/**
 * Adds a normal listing whose id sorts after the deal's to the shopper's cart (the saga used to
 * commit lines in listing order), and places the order.
 */
async function placeWithOtherLine(user: TestUser, dealId: string, dealListing: string): Promise<SagaParams> {
  let other = await stockedListing(5);
  while (other.listingId < dealListing) other = await stockedListing(5);
  await api(`/api/cart/items/${other.listingId}`, { method: "PUT", headers: user.headers, body: { qty: 1 } });
  const p = await placeDealOrder(user, dealId);
  // The gate ships the hold's journal first, so what it journals next waits on the test's intercept.
  for (let i = 0; i < 100 && (await gateFor(env, dealId).figures()).journalPending > 0; i++) await scheduler.wait(50);
  return p;
}

/** The saga stalled past the normal line's hold, and the sweeper gave it back. */
async function stallPastOtherHold(p: SagaParams): Promise<void> {
  await env.DB.prepare(
    "UPDATE inventory_reservations SET expires_at = ? WHERE ref IN (SELECT reservation_id FROM order_items WHERE order_id = ? AND deal_id IS NULL)",
  )
    .bind(new Date(Date.now() - 1000).toISOString(), p.orderId)
    .run();
  expect(await sweepExpiredReservations(env.DB)).toBeGreaterThanOrEqual(1);
}

async function dealLine(p: SagaParams): Promise<LineHold> {
  const line = await env.DB.prepare(
    "SELECT listing_id AS listingId, qty, reservation_id AS ref, deal_id AS dealId FROM order_items WHERE order_id = ? AND deal_id IS NOT NULL",
  )
    .bind(p.orderId)
    .first<{ listingId: string; qty: number; ref: string; dealId: string }>();
  return { orderId: p.orderId, ...line! };
}

/** `env` whose D1 runs `meanwhile` once, just before an order's status change is first checked. */
function beforeStatusChange(meanwhile: () => Promise<unknown>): Env {
  return envInterposingFirstRead((q) => q === "SELECT status FROM orders WHERE id = ?", "before", meanwhile);
}
