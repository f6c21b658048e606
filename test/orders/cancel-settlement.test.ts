import { createExecutionContext, createScheduledController, introspectWorkflowInstance, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { finishCancellations, nextCancelTry } from "../../workers/orders/cancellation";
import { RETRY_WINDOW_MS, paymentForOrder, paymentProvider, retryableKey } from "../../workers/payments/payment-actions";
import { transitionOrder } from "../../workers/orders/transitions";
import { runScheduled } from "../../workers/platform/cron";
import { createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { sagaIds } from "../../workers/checkout/place-order";
import { cancelOrder } from "../../workers/orders/lifecycle";
import { SandboxProvider } from "../../workers/payments/sandbox/provider";
import { ORIGIN } from "../helpers/http";
import { checkout, confirmedOrder, moneyOf, pay, shopperWithCart, stockOf, stockedListing, waitForStatus } from "../checkout/support";

async function runCron(): Promise<void> {
  const ctx = createExecutionContext();
  await runScheduled(createScheduledController({ scheduledTime: new Date(), cron: "* * * * *" }), env, ctx);
  await waitOnExecutionContext(ctx);
}

/** A confirmed order whose saga has also captured the money (the capture runs after confirming). */
async function capturedOrder(qty: number, available: number) {
  const placed = await confirmedOrder({ qty, available });
  for (let i = 0; i < 100 && (await moneyOf(placed.orderId))?.status !== "captured"; i++) await scheduler.wait(50);
  expect(await moneyOf(placed.orderId)).toMatchObject({ status: "captured" });
  return placed;
}

/** Everything a settlement could write for an order: journal rows, provider calls, transitions, events. */
async function footprint(orderId: string, listingId: string) {
  const counts = await env.DB.batch([
    env.DB.prepare("SELECT COUNT(*) AS n FROM inventory_journal WHERE sku_id = ?").bind(listingId),
    env.DB.prepare("SELECT COUNT(*) AS n FROM psp_operations o JOIN payments p ON p.provider_ref = o.ref WHERE p.order_id = ?").bind(
      orderId,
    ),
    env.DB.prepare("SELECT COUNT(*) AS n FROM order_transitions WHERE order_id = ?").bind(orderId),
    env.DB.prepare("SELECT COUNT(*) AS n FROM outbox WHERE topic = 'order' AND payload LIKE ?").bind(`%${orderId}%`),
  ]);
  return {
    counts: counts.map((r) => (r.results[0] as { n: number }).n),
    stock: await stockOf(listingId),
    money: await moneyOf(orderId),
  };
}

/** Sets the provider's own record of the order's payment, as if it had moved on its side. */
async function providerSays(orderId: string, status: string): Promise<void> {
  await env.DB.prepare("UPDATE psp_payments SET status = ?1 WHERE ref = (SELECT provider_ref FROM payments WHERE order_id = ?2)")
    .bind(status, orderId)
    .run();
}

afterEach(() => {
  vi.useRealTimers();
});

describe("cancellations the cron finishes", () => {
  it("restocks and refunds an order whose cancel request died right after moving it, and does nothing more after", async () => {
    const { f, user, orderId } = await capturedOrder(2, 5);
    expect(await stockOf(f.listingId)).toMatchObject({ available: 3, sold: 2 });
    // The cancel request wrote its transition, then died before giving anything back.
    await transitionOrder(env.DB, { orderId, to: "cancelled", actor: "shopper", actorId: user.id, reason: "changed my mind" });

    await runCron();
    expect(await stockOf(f.listingId)).toEqual({ available: 5, reserved: 0, sold: 0 });
    expect(await moneyOf(orderId)).toMatchObject({
      status: "refunded",
      captured: 259800,
      refunded: 259800,
      providerStatus: "refunded",
      providerRefunded: 259800,
    });
    const order = (await (await api(`/api/orders/${orderId}`, { headers: user.headers })).json()) as {
      status: string;
      timeline: Array<{ to: string }>;
    };
    expect(order.status).toBe("refunded");
    expect(order.timeline.slice(-2).map((t) => t.to)).toEqual(["cancelled", "refunded"]);

    // Settled: later ticks do not read it again, and nothing moves twice.
    const settled = await footprint(orderId, f.listingId);
    expect(await finishCancellations(env)).toBe(0);
    await runCron();
    expect(await footprint(orderId, f.listingId)).toEqual(settled);
  });

  it("leaves nothing for the cron once a cancel request finished its own work", async () => {
    const { f, user, orderId } = await capturedOrder(1, 4);
    expect((await api(`/api/orders/${orderId}/cancel`, { method: "POST", headers: user.headers })).status).toBe(200);
    expect(await stockOf(f.listingId)).toEqual({ available: 4, reserved: 0, sold: 0 });
    const order = await env.DB.prepare("SELECT cancel_settled_at AS settledAt FROM orders WHERE id = ?")
      .bind(orderId)
      .first<{ settledAt: string | null }>();
    expect(order?.settledAt).toEqual(expect.any(String));
  });

  it("keeps retrying a cancellation whose money is not back yet, and settles it once it is", async () => {
    const { f, user, orderId } = await capturedOrder(1, 4);
    await transitionOrder(env.DB, { orderId, to: "cancelled", actor: "shopper", actorId: user.id, reason: "changed my mind" });
    // The provider is out: every call fails.
    await env.DB.prepare("ALTER TABLE psp_operations RENAME TO psp_operations_away").run();
    try {
      expect(await finishCancellations(env)).toBe(1);
    } finally {
      await env.DB.prepare("ALTER TABLE psp_operations_away RENAME TO psp_operations").run();
    }
    // The stock step does not wait on the money.
    expect(await stockOf(f.listingId)).toEqual({ available: 4, reserved: 0, sold: 0 });
    expect(await moneyOf(orderId)).toMatchObject({ status: "captured", providerStatus: "captured" });
    // Asked about again a minute later, not at once.
    expect(await finishCancellations(env)).toBe(0);

    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 61_000);
    expect(await finishCancellations(env)).toBe(1);
    expect(await moneyOf(orderId)).toMatchObject({ status: "refunded", providerStatus: "refunded" });
    expect(await finishCancellations(env)).toBe(0);
  });

  it("retries only the refund once the stock is back, restocking once, and settles when the refund goes through", async () => {
    const { f, user, orderId } = await capturedOrder(1, 4);
    await transitionOrder(env.DB, { orderId, to: "cancelled", actor: "shopper", actorId: user.id, reason: "changed my mind" });
    await providerSays(orderId, "authorized");
    expect(await finishCancellations(env)).toBe(1);
    expect(await moneyOf(orderId)).toMatchObject({ status: "captured", refunded: 0 });
    const restocks = () =>
      env.DB.prepare("SELECT d_available, d_sold FROM inventory_journal WHERE sku_id = ? AND kind = 'restock'")
        .bind(f.listingId)
        .all()
        .then((r) => r.results);
    expect(await restocks()).toEqual([{ d_available: 1, d_sold: -1 }]);
    expect(await stockOf(f.listingId)).toEqual({ available: 4, reserved: 0, sold: 0 });

    // The provider takes refunds again while the stock ledger is out: with the stock back, the
    // retry has nothing to ask the ledger, so the ledger being out does not hold up the refund.
    await providerSays(orderId, "captured");
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + RETRY_WINDOW_MS);
    await env.DB.prepare("ALTER TABLE inventory_reservations RENAME TO inventory_reservations_away").run();
    try {
      expect(await finishCancellations(env)).toBe(1);
    } finally {
      await env.DB.prepare("ALTER TABLE inventory_reservations_away RENAME TO inventory_reservations").run();
    }
    expect(await moneyOf(orderId)).toMatchObject({ status: "refunded", refunded: 129900, providerRefunded: 129900 });
    expect(await finishCancellations(env)).toBe(0);
    expect(await restocks()).toEqual([{ d_available: 1, d_sold: -1 }]);
    expect(await stockOf(f.listingId)).toEqual({ available: 4, reserved: 0, sold: 0 });
  });

  it("never gives up on a cancellation, and lists the unsettled ones for ops until they settle", async () => {
    const { user, orderId } = await capturedOrder(1, 4);
    await transitionOrder(env.DB, { orderId, to: "cancelled", actor: "shopper", actorId: user.id, reason: "changed my mind" });
    await providerSays(orderId, "authorized");
    expect(await finishCancellations(env)).toBe(1);
    const ops = await createTestUser(["ops"]);
    const listed = async () =>
      (
        (await (await api("/api/admin/cancellations/unsettled", { headers: ops.headers })).json()) as {
          items: Array<Record<string, unknown>>;
        }
      ).items;
    expect(await listed()).toEqual([
      expect.objectContaining({ order_id: orderId, status: "cancelled", total: 129900, attempts: 1, payment_status: "captured" }),
    ]);
    expect((await api("/api/admin/cancellations/unsettled", { headers: user.headers })).status).toBe(403);

    // Two days on, the provider takes the refund: the cron still asks, and the order settles.
    await providerSays(orderId, "captured");
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 2 * 24 * 3600_000);
    expect(await finishCancellations(env)).toBe(1);
    expect(await moneyOf(orderId)).toMatchObject({ status: "refunded" });
    expect(await listed()).toEqual([]);
  });

  it("does not let cancellations that cannot settle hold back a newer one, and asks about them less and less often", async () => {
    const stuck: string[] = [];
    for (let i = 0; i < 2; i++) {
      const { user, orderId } = await capturedOrder(1, 4);
      await transitionOrder(env.DB, { orderId, to: "cancelled", actor: "shopper", actorId: user.id, reason: "changed my mind" });
      // The provider refuses the refund every time: these cannot settle.
      await providerSays(orderId, "authorized");
      stuck.push(orderId);
    }
    expect(await finishCancellations(env, 2)).toBe(2);
    const newer = await capturedOrder(1, 4);
    await transitionOrder(env.DB, {
      orderId: newer.orderId,
      to: "cancelled",
      actor: "shopper",
      actorId: newer.user.id,
      reason: "wrong size",
    });
    // A tick with room for two: the newer one is settled, not the two that failed a moment ago.
    expect(await finishCancellations(env, 2)).toBe(1);
    expect(await moneyOf(newer.orderId)).toMatchObject({ status: "refunded" });

    const tries = async () => {
      const { results } = await env.DB.prepare(
        `SELECT cancel_attempts AS attempts FROM orders WHERE id IN (${stuck.map(() => "?").join(", ")})`,
      )
        .bind(...stuck)
        .all<{ attempts: number }>();
      return results.map((r) => r.attempts);
    };
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = Date.now();
    vi.setSystemTime(start + 61_000);
    expect(await finishCancellations(env, 2)).toBe(2);
    expect(await tries()).toEqual([2, 2]);
    // Next asked two minutes after the second failure, not one.
    vi.setSystemTime(start + 61_000 + 70_000);
    expect(await finishCancellations(env, 2)).toBe(0);
    vi.setSystemTime(start + 61_000 + 125_000);
    expect(await finishCancellations(env, 2)).toBe(2);
    expect(await tries()).toEqual([3, 3]);
  });

  it("asks the provider afresh a minute after it refused the refund, so a refusal that clears is not kept", async () => {
    const { user, orderId } = await capturedOrder(1, 4);
    await transitionOrder(env.DB, { orderId, to: "cancelled", actor: "shopper", actorId: user.id, reason: "changed my mind" });
    await providerSays(orderId, "authorized");
    expect(await finishCancellations(env)).toBe(1);
    expect(await moneyOf(orderId)).toMatchObject({ status: "captured", refunded: 0 });

    await providerSays(orderId, "captured");
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + RETRY_WINDOW_MS);
    expect(await finishCancellations(env)).toBe(1);
    expect(await moneyOf(orderId)).toMatchObject({ status: "refunded", refunded: 129900, providerRefunded: 129900 });
    expect(await finishCancellations(env)).toBe(0);
  });

  it("records a void the provider made for a cancel that died before writing our payment row", async () => {
    const { user, orderId } = await confirmedOrder({ qty: 1, available: 4, method: "cod" });
    const p = await paymentForOrder(env.DB, orderId);
    expect(p?.status).toBe("authorized");
    await transitionOrder(env.DB, { orderId, to: "cancelled", actor: "shopper", actorId: user.id, reason: "changed my mind" });
    // The cancel's void reached the provider; the request died before writing our row.
    const voided = await paymentProvider(env, "").void({ key: `${retryableKey(`${orderId}:cancel`)}:void`, ref: p?.providerRef ?? "" });
    expect(voided.ok).toBe(true);
    // The cron finishes it a minute later, under a new key the provider refuses (already voided).
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + RETRY_WINDOW_MS);
    expect(await finishCancellations(env)).toBe(1);
    expect(await moneyOf(orderId)).toMatchObject({ status: "voided" });
  });
});

describe("a cancel while the order waits on its payment", () => {
  it("voids the payment its failed void left, when the shopper pays on the provider's page all the same", async () => {
    const f = await stockedListing(5);
    const user = await shopperWithCart([[f.listingId, 1]]);
    const key = crypto.randomUUID();
    const { sagaId, orderId } = await sagaIds(user.id, key);
    await using instance = await introspectWorkflowInstance(env.CHECKOUT_WORKFLOW, sagaId);
    const placed = (await (await checkout(user, key)).json()) as { payment: { redirect_url: string } };
    await instance.waitForStepResult({ name: "authorize-payment" });
    const outage = vi.spyOn(SandboxProvider.prototype, "void").mockRejectedValue(new Error("provider unreachable"));
    try {
      await expect(cancelOrder(env, orderId, { actor: "shopper", actorId: user.id, origin: ORIGIN }, "changed my mind")).rejects.toThrow();
    } finally {
      outage.mockRestore();
    }
    // The payment page, still open in another tab, takes the shopper's money for the cancelled order.
    await pay(placed.payment.redirect_url);
    await instance.waitForStatus("complete");
    expect(await moneyOf(orderId)).toMatchObject({ status: "voided", providerStatus: "voided", providerCaptured: 0 });
    expect(await waitForStatus(orderId, ["cancelled"])).toBe("cancelled");
    expect(await stockOf(f.listingId)).toEqual({ available: 5, reserved: 0, sold: 0 });
  });
});

describe("when the cron asks again about a cancellation it could not settle", () => {
  it("waits 1, 2, 4 … minutes after each failure, never more than half an hour", () => {
    const at = (failures: number) => (Date.parse(nextCancelTry(failures, 0)) - 0) / 60_000;
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(at)).toEqual([1, 2, 4, 8, 16, 30, 30, 30]);
  });
});
