import { introspectWorkflowInstance } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { placeOrder, sagaIds } from "../../workers/checkout/place-order";
import { resumeStrandedSagas } from "../../workers/checkout/start-saga";
import { type SagaParams, stepCapture, stepCommitStock, stepCompensate, stepReserveStock } from "../../workers/checkout/saga-steps";
import { ORIGIN } from "../helpers/http";
import { ADDRESS, checkout, confirmedOrder, moneyOf, pay, shopperWithCart, stockOf, stockedListing, waitForStatus } from "./support";

async function paramsFor(orderId: string): Promise<SagaParams> {
  const row = await env.DB.prepare("SELECT saga_id AS sagaId, user_id AS userId FROM orders WHERE id = ?")
    .bind(orderId)
    .first<{ sagaId: string; userId: string }>();
  return { sagaId: row!.sagaId, userId: row!.userId, orderId, origin: ORIGIN };
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
        address: { name: "A", line1: "B", city: "C", state: "D", pincode: "560001", phone: "9876543210" },
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
    const principal = {
      id: user.id,
      email: user.email,
      name: "T",
      roles: ["shopper" as const],
      sellerId: null,
      sessionId: "s",
      via: "bearer" as const,
    };
    // The synchronous part only, as if the isolate died before its waitUntil ran.
    const placed = await placeOrder(env, principal, null, crypto.randomUUID(), { address: ADDRESS, payment_method: "upi" }, ORIGIN);
    await env.DB.prepare("UPDATE orders SET created_at = ? WHERE id = ?")
      .bind(new Date(Date.now() - 120_000).toISOString(), placed.order_id)
      .run();
    await expect(env.CHECKOUT_WORKFLOW.get(placed.sagaId)).rejects.toThrow();
    expect(await resumeStrandedSagas(env)).toBeGreaterThanOrEqual(1);
    await pay(placed.payment.redirect_url!);
    await waitForStatus(placed.order_id, ["confirmed"]);
    expect(await stockOf(f.listingId)).toMatchObject({ available: 2, sold: 1 });
  });
});
