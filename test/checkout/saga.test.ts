import { introspectWorkflowInstance } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { envInterposingFirstRead } from "../helpers/d1-interpose";
import { sagaIds, stepKey } from "../../workers/checkout/place-order";
import { resumeStrandedSagas } from "../../workers/checkout/resume-sagas";
import {
  type SagaParams,
  stepCapture,
  stepCommitStock,
  stepCompensate,
  stepConfirm,
  stepMarkAuthorized,
  stepReadPaymentOutcome,
  stepReserveStock,
} from "../../workers/checkout/saga-steps";
import { auditSku } from "../../workers/inventory/audit";
import { commitReservation, findReservation } from "../../workers/inventory/ledger";
import { cancelOrder } from "../../workers/orders/lifecycle";
import { transitionOrder } from "../../workers/orders/transitions";
import { paymentForOrder, paymentProvider } from "../../workers/payments/payment-actions";
import { settleHostedPayment } from "../../workers/payments/sandbox/provider";
import type { TestUser } from "../helpers/accounts";
import { ORIGIN } from "../helpers/http";
import {
  checkout,
  confirmedOrder,
  moneyOf,
  pay,
  placeWithoutSaga,
  shopperWithCart,
  stockOf,
  stockedListing,
  waitForStatus,
} from "./support";

async function paramsFor(orderId: string): Promise<SagaParams> {
  const row = await env.DB.prepare("SELECT saga_id AS sagaId, user_id AS userId FROM orders WHERE id = ?")
    .bind(orderId)
    .first<{ sagaId: string; userId: string }>();
  return { sagaId: row!.sagaId, userId: row!.userId, orderId, origin: ORIGIN };
}

/**
 * `env` whose D1 lets `meanwhile` run right after the first read of a stock hold by reference
 * answers, as a concurrent request would between that read and what the reader does next.
 */
function afterFirstHoldRead(meanwhile: (ref: string) => Promise<unknown>): Env {
  return envInterposingFirstRead((q) => q.includes("FROM inventory_reservations WHERE ref = ?"), "after", meanwhile);
}

/** A card order the shopper paid, driven through the saga's steps up to confirmed; nothing captured yet. */
async function confirmedUncaptured(user: TestUser) {
  const placed = await placeWithoutSaga(user, "card");
  const p = await paramsFor(placed.order_id);
  const payment = (await paymentForOrder(env.DB, placed.order_id))!;
  await settleHostedPayment(env.DB, payment.providerRef!, "authorized");
  expect(await stepReadPaymentOutcome(env, p)).toEqual({ payment: "authorized" });
  expect(await stepMarkAuthorized(env, p)).toEqual({ stopped: false });
  expect(await stepCommitStock(env, p)).toEqual({ committed: true });
  expect(await stepConfirm(env, p)).toEqual({ stopped: false });
  return { p, payment };
}

describe("checkout saga", () => {
  it("replaying its steps after a crash neither decrements stock nor captures twice", async () => {
    const { f, orderId } = await confirmedOrder({ qty: 2 });
    await scheduler.wait(100);
    const before = await stockOf(f.listingId);
    expect(before).toMatchObject({ available: 8, reserved: 0, sold: 2 });
    const p = await paramsFor(orderId);
    // What a Workflow does when it re-runs steps whose results it lost.
    expect(await stepReserveStock(env, p)).toEqual({ held: true });
    expect(await stepCommitStock(env, p)).toEqual({ committed: true });
    expect(await stepCapture(env, p)).toEqual({ captured: true });
    expect(await stepCapture(env, p)).toEqual({ captured: true });
    expect(await stockOf(f.listingId)).toEqual(before);
    expect(await moneyOf(orderId)).toMatchObject({ status: "captured", captured: 259800, providerCaptured: 259800 });
    const captures = await env.DB.prepare("SELECT COUNT(*) AS n FROM psp_operations WHERE key = ?")
      .bind(`${p.sagaId}:capture`)
      .first<{ n: number }>();
    expect(captures?.n).toBe(1);
    const journal = await env.DB.prepare("SELECT kind FROM inventory_journal WHERE sku_id = ? ORDER BY id")
      .bind(f.listingId)
      .all<{ kind: string }>();
    expect(journal.results.map((r) => r.kind)).toEqual(["adjust", "reserve", "commit"]);
  });

  it("an expired hold cannot be committed: the order fails, the stock comes back and the authorization is voided", async () => {
    const f = await stockedListing(4);
    const user = await shopperWithCart([[f.listingId, 1]]);
    const placed = (await (await checkout(user, crypto.randomUUID())).json()) as { order_id: string; payment: { redirect_url: string } };
    // The shopper took longer than the hold on the payment page.
    await env.DB.prepare("UPDATE inventory_reservations SET expires_at = ? WHERE sku_id = ?")
      .bind(new Date(Date.now() - 1000).toISOString(), f.listingId)
      .run();
    await pay(placed.payment.redirect_url);
    await waitForStatus(placed.order_id, ["payment_failed"]);
    await scheduler.wait(100);
    expect(await stockOf(f.listingId)).toMatchObject({ available: 4, reserved: 0, sold: 0 });
    expect(await moneyOf(placed.order_id)).toMatchObject({ status: "voided", captured: 0, providerStatus: "voided" });
    const timeline = await env.DB.prepare("SELECT to_status AS t, reason FROM order_transitions WHERE order_id = ? ORDER BY id")
      .bind(placed.order_id)
      .all();
    expect(timeline.results.at(-1)).toEqual({ t: "payment_failed", reason: "stock hold expired before payment" });
  });

  it("a payment window that passes without the shopper paying releases the stock and voids the payment", async () => {
    const f = await stockedListing(2);
    const user = await shopperWithCart([[f.listingId, 1]]);
    const key = crypto.randomUUID();
    const { sagaId } = await sagaIds(user.id, key);
    await using instance = await introspectWorkflowInstance(env.CHECKOUT_WORKFLOW, sagaId);
    await instance.modify(async (m) => {
      await m.forceEventTimeout({ name: "await-payment" });
    });
    const placed = (await (await checkout(user, key)).json()) as { order_id: string };
    await waitForStatus(placed.order_id, ["payment_failed"]);
    await instance.waitForStatus("complete");
    expect(await instance.getOutput()).toEqual({ status: "payment_failed", reason: "payment not completed in time" });
    expect(await stockOf(f.listingId)).toMatchObject({ available: 2, reserved: 0 });
    expect(await moneyOf(placed.order_id)).toMatchObject({ status: "voided", providerStatus: "voided" });
  });

  it("compensation is idempotent: running it twice gives back the stock once", async () => {
    const f = await stockedListing(5);
    const user = await shopperWithCart([[f.listingId, 3]]);
    const placed = (await (
      await checkout(user, crypto.randomUUID(), {
        address: { name: "A", line1: "B", city: "C", state: "Karnataka", pincode: "560001", phone: "9876543210" },
        payment_method: "cod",
      })
    ).json()) as { order_id: string };
    await waitForStatus(placed.order_id, ["confirmed"]);
    await scheduler.wait(100);
    expect(await stockOf(f.listingId)).toMatchObject({ available: 2, sold: 3 });
    const p = await paramsFor(placed.order_id);
    await stepCompensate(env, { ...p }, "test");
    await stepCompensate(env, { ...p }, "test");
    expect(await stockOf(f.listingId)).toMatchObject({ available: 5, reserved: 0, sold: 0 });
  });

  it("the cron starts the saga of an order whose request ended before starting it", async () => {
    const f = await stockedListing(3);
    const user = await shopperWithCart([[f.listingId, 1]]);
    // As if the isolate died before its waitUntil started the saga.
    const placed = await placeWithoutSaga(user);
    await expect(env.CHECKOUT_WORKFLOW.get(placed.sagaId)).rejects.toThrow();
    // A minute later.
    expect(await resumeStrandedSagas(env, { now: Date.now() + 61_000 })).toBeGreaterThanOrEqual(1);
    await pay(placed.payment.redirect_url!);
    await waitForStatus(placed.order_id, ["confirmed"]);
    expect(await stockOf(f.listingId)).toMatchObject({ available: 2, sold: 1 });
  });

  it("a cancel racing the saga's commit puts the sold unit back on the shelf", async () => {
    const f = await stockedListing(5);
    const user = await shopperWithCart([[f.listingId, 1]]);
    const placed = await placeWithoutSaga(user, "cod");
    const p = await paramsFor(placed.order_id);
    expect(await stepMarkAuthorized(env, p)).toEqual({ stopped: false });
    // The saga, past its own look at the order, commits while the cancel is between reading
    // the hold and releasing it.
    const racing = afterFirstHoldRead((ref) => commitReservation(env.DB, ref));
    await cancelOrder(racing, placed.order_id, { actor: "shopper", actorId: user.id, origin: ORIGIN }, "changed my mind");
    expect(await stepConfirm(env, p)).toEqual({ stopped: true });

    expect(await stockOf(f.listingId)).toEqual({ available: 5, reserved: 0, sold: 0 });
    const [line] = (
      await env.DB.prepare("SELECT reservation_id AS ref FROM order_items WHERE order_id = ?").bind(placed.order_id).all<{ ref: string }>()
    ).results;
    expect((await findReservation(env.DB, line!.ref))?.status).toBe("restocked");
    expect(await auditSku(env.DB, f.listingId)).toMatchObject({ conserved: true, sold: 0, journal: { sold: 0 } });
  });

  it("a saga reaching its commit after the shopper cancelled sells nothing and stops", async () => {
    const f = await stockedListing(5);
    const user = await shopperWithCart([[f.listingId, 2]]);
    const placed = await placeWithoutSaga(user, "cod");
    const p = await paramsFor(placed.order_id);
    await stepMarkAuthorized(env, p);
    // The cancel has moved the order but not yet given its holds back.
    await transitionOrder(env.DB, { orderId: placed.order_id, to: "cancelled", actor: "shopper", actorId: user.id, reason: "oops" });
    expect(await stepCommitStock(env, p)).toEqual({ committed: false, stopped: true });
    expect(await stockOf(f.listingId)).toEqual({ available: 3, reserved: 2, sold: 0 });
  });

  it("a cancel racing the saga's capture refunds the captured money", async () => {
    const f = await stockedListing(5);
    const user = await shopperWithCart([[f.listingId, 1]]);
    const { p, payment } = await confirmedUncaptured(user);
    // The saga's capture has gone through at the provider but not yet written our payment row.
    const captured = await paymentProvider(env, ORIGIN).capture({
      key: stepKey(p.sagaId, "capture"),
      ref: payment.providerRef!,
      amount: payment.amount,
    });
    expect(captured.ok).toBe(true);
    expect((await paymentForOrder(env.DB, p.orderId))?.status).toBe("authorized");

    await cancelOrder(env, p.orderId, { actor: "shopper", actorId: user.id, origin: ORIGIN }, "changed my mind");
    // The saga's capture step finishes after the cancel.
    await stepCapture(env, p);

    const order = await env.DB.prepare("SELECT status FROM orders WHERE id = ?").bind(p.orderId).first<{ status: string }>();
    expect(order?.status).toBe("refunded");
    expect(await moneyOf(p.orderId)).toMatchObject({
      status: "refunded",
      captured: payment.amount,
      refunded: payment.amount,
      providerStatus: "refunded",
      providerCaptured: payment.amount,
      providerRefunded: payment.amount,
    });
    expect(await stockOf(f.listingId)).toEqual({ available: 5, reserved: 0, sold: 0 });
  });

  it("does not capture an order the shopper cancelled before the saga's capture step", async () => {
    const f = await stockedListing(5);
    const user = await shopperWithCart([[f.listingId, 1]]);
    const { p } = await confirmedUncaptured(user);
    // The cancel has moved the order but not yet voided the authorization.
    await transitionOrder(env.DB, { orderId: p.orderId, to: "cancelled", actor: "shopper", actorId: user.id, reason: "oops" });
    expect(await stepCapture(env, p)).toEqual({ captured: false });
    expect(await moneyOf(p.orderId)).toMatchObject({
      status: "authorized",
      captured: 0,
      providerStatus: "authorized",
      providerCaptured: 0,
    });

    await cancelOrder(env, p.orderId, { actor: "shopper", actorId: user.id, origin: ORIGIN }, "oops");
    expect(await moneyOf(p.orderId)).toMatchObject({ status: "voided", providerStatus: "voided", providerCaptured: 0 });
    expect(await stockOf(f.listingId)).toEqual({ available: 5, reserved: 0, sold: 0 });
  });
});
