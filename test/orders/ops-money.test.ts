import { env, exports } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { RETRY_WINDOW_MS } from "../../workers/payments/payment-actions";
import { refundOrder } from "../../workers/orders/money-moves";
import { transitionOrder } from "../../workers/orders/transitions";
import { type TestUser, createTestUser } from "../helpers/accounts";
import { ORIGIN, api } from "../helpers/http";
import { confirmedOrder, moneyOf } from "../checkout/support";
import { orderTrail } from "./returns-seed";

function move(orderId: string, to: string, ops: TestUser): Promise<Response> {
  return api(`/api/admin/orders/${orderId}/transitions`, { method: "POST", headers: ops.headers, body: { to } });
}

/** A confirmed order whose money is taken: a card order once its saga captured, a COD order once authorized. */
async function paidOrder(method: "upi" | "cod" = "upi") {
  const placed = await confirmedOrder({ method });
  const want = method === "cod" ? "authorized" : "captured";
  for (let i = 0; i < 100 && (await moneyOf(placed.orderId))?.status !== want; i++) await scheduler.wait(50);
  expect(await moneyOf(placed.orderId)).toMatchObject({ status: want });
  return placed;
}

async function shipped(orderId: string, ops: TestUser): Promise<void> {
  for (const to of ["packed", "shipped"]) expect((await move(orderId, to, ops)).status).toBe(200);
}

/** Sets the provider's own record of the order's payment, as if it had moved on its side. */
async function providerSays(orderId: string, status: string): Promise<void> {
  await env.DB.prepare("UPDATE psp_payments SET status = ?1 WHERE ref = (SELECT provider_ref FROM payments WHERE order_id = ?2)")
    .bind(status, orderId)
    .run();
}

/** Every provider call fails while `run` runs, as in an outage. */
async function providerDown<T>(run: () => Promise<T>): Promise<T> {
  await env.DB.prepare("ALTER TABLE psp_operations RENAME TO psp_operations_away").run();
  try {
    return await run();
  } finally {
    await env.DB.prepare("ALTER TABLE psp_operations_away RENAME TO psp_operations").run();
  }
}

/** The ops console's row for one order. */
async function opsRow(status: string, orderId: string, ops: TestUser): Promise<string> {
  const page = await (await api(`/ops?status=${status}`, { headers: ops.headers })).text();
  const row = page.match(new RegExp(`<tr data-order-id="${orderId}">.*?</tr>`, "s"))?.[0];
  if (!row) throw new Error(`order ${orderId} is not on the ${status} board`);
  return row;
}

afterEach(() => {
  vi.useRealTimers();
});

describe("ops refunds", () => {
  it("moves the order to refunded only once the provider has refunded the money", async () => {
    const { orderId } = await paidOrder();
    const ops = await createTestUser(["ops"]);
    await shipped(orderId, ops);
    expect((await move(orderId, "delivered", ops)).status).toBe(200);
    const res = await move(orderId, "refunded", ops);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: string }).status).toBe("refunded");
    expect(await moneyOf(orderId)).toMatchObject({ status: "refunded", refunded: 129900, providerRefunded: 129900 });
    // Asking again moves nothing.
    expect((await move(orderId, "refunded", ops)).status).toBe(200);
    expect(await moneyOf(orderId)).toMatchObject({ refunded: 129900, providerRefunded: 129900 });
    // No cancellation is left to settle, so the cancellation cron's index does not keep it.
    const settled = await env.DB.prepare("SELECT cancel_settled_at AS at FROM orders WHERE id = ?")
      .bind(orderId)
      .first<{ at: string | null }>();
    expect(settled?.at).toEqual(expect.any(String));
  });

  it("tells the shopper in the store's words what ops did without giving a reason", async () => {
    const { orderId, user } = await paidOrder();
    const ops = await createTestUser(["ops"]);
    await shipped(orderId, ops);
    expect((await move(orderId, "delivered", ops)).status).toBe(200);
    expect((await move(orderId, "refunded", ops)).status).toBe(200);
    const other = await paidOrder();
    expect((await move(other.orderId, "cancelled", ops)).status).toBe(200);
    const reasons = async (id: string, who: TestUser) => {
      const order = (await (await api(`/api/orders/${id}`, { headers: who.headers })).json()) as {
        timeline: Array<{ to: string; reason: string | null }>;
      };
      return order.timeline.filter((t) => t.to === "cancelled" || t.to === "refunded").map((t) => [t.to, t.reason]);
    };
    expect(await reasons(orderId, user)).toEqual([["refunded", "We refunded this order"]]);
    expect(await reasons(other.orderId, other.user)).toEqual([
      ["cancelled", "We cancelled this order"],
      ["refunded", "Your payment was refunded in full"],
    ]);
    const page = await (await api(`/orders/${other.orderId}`, { headers: other.user.headers })).text();
    expect(page).toContain("— We cancelled this order</span>");
    expect(page).not.toMatch(/by ops|captured amount/);
  });

  it("answers 409 and changes nothing when the provider refuses, and asks it afresh a minute later", async () => {
    const { orderId } = await paidOrder();
    const ops = await createTestUser(["ops"]);
    await shipped(orderId, ops);
    expect((await move(orderId, "delivered", ops)).status).toBe(200);
    const before = await orderTrail(orderId);

    await providerSays(orderId, "authorized");
    const refused = await move(orderId, "refunded", ops);
    expect(refused.status).toBe(409);
    expect(await orderTrail(orderId)).toEqual(before);
    const problem = (await refused.json()) as { type: string; detail: string };
    expect(problem.type).toBe("/problems/payment-refused");
    expect(problem.detail).toContain("a minute");
    expect(await moneyOf(orderId)).toMatchObject({ status: "captured", refunded: 0, providerRefunded: 0 });

    // The cause clears on the provider's side; the stored refusal does not outlive its minute.
    await providerSays(orderId, "captured");
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + RETRY_WINDOW_MS);
    expect((await move(orderId, "refunded", ops)).status).toBe(200);
    expect(await orderTrail(orderId)).toMatchObject({ status: "refunded", transitions: (before?.transitions ?? 0) + 1 });
    expect(await moneyOf(orderId)).toMatchObject({ status: "refunded", refunded: 129900, providerRefunded: 129900 });
  });

  it("moves an order whose refund went through but whose own move failed, when asked again, without a second refund", async () => {
    const { orderId } = await paidOrder();
    const ops = await createTestUser(["ops"]);
    await shipped(orderId, ops);
    expect((await move(orderId, "delivered", ops)).status).toBe(200);
    // D1 fails the order's move once: the first batch written after our row says the money is back.
    let failOnce = true;
    const flaky = new Proxy(env.DB, {
      get(db, name) {
        if (name === "batch") {
          return async (statements: D1PreparedStatement[]) => {
            if (failOnce && (await moneyOf(orderId))?.status === "refunded") {
              failOnce = false;
              throw new Error("D1_ERROR: Network connection lost.");
            }
            return db.batch(statements);
          };
        }
        const value = Reflect.get(db, name);
        return typeof value === "function" ? value.bind(db) : value;
      },
    });
    const by = { actor: "ops", actorId: ops.id, origin: ORIGIN } as const;
    await expect(refundOrder({ ...env, DB: flaky }, orderId, by, null)).rejects.toThrow(/Network connection lost/);
    expect(failOnce).toBe(false);
    expect(await moneyOf(orderId)).toMatchObject({ status: "refunded", refunded: 129900, providerRefunded: 129900 });
    expect((await orderTrail(orderId))?.status).toBe("delivered");

    // Ops press Refund again: the order follows the money, its invoice is cancelled, nothing is refunded twice.
    const again = await move(orderId, "refunded", ops);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { status: string }).status).toBe("refunded");
    expect(await moneyOf(orderId)).toMatchObject({ status: "refunded", refunded: 129900, providerRefunded: 129900 });
    const notes = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM credit_notes n JOIN invoices v ON v.id = n.invoice_id WHERE v.order_id = ?",
    )
      .bind(orderId)
      .first<number>("n");
    expect(notes).toBe(1);
  });

  it("answers 503 and changes nothing when the provider does not answer", async () => {
    const { orderId } = await paidOrder();
    const ops = await createTestUser(["ops"]);
    await shipped(orderId, ops);
    expect((await move(orderId, "delivered", ops)).status).toBe(200);
    const before = await orderTrail(orderId);

    const failed = await providerDown(() => move(orderId, "refunded", ops));
    expect(failed.status).toBe(503);
    expect(((await failed.json()) as { type: string }).type).toBe("/problems/payment-provider-failed");
    expect(await orderTrail(orderId)).toEqual(before);
    expect(await moneyOf(orderId)).toMatchObject({ status: "captured", refunded: 0, providerRefunded: 0 });

    expect((await move(orderId, "refunded", ops)).status).toBe(200);
    expect(await moneyOf(orderId)).toMatchObject({ status: "refunded", providerRefunded: 129900 });
  });

  it("refuses to refund a cancelled order that was never charged, and the console offers no Refund for it", async () => {
    const { user, orderId } = await paidOrder("cod");
    expect((await api(`/api/orders/${orderId}/cancel`, { method: "POST", headers: user.headers })).status).toBe(200);
    expect(await moneyOf(orderId)).toMatchObject({ status: "voided", captured: 0 });
    const ops = await createTestUser(["ops"]);
    const before = await orderTrail(orderId);

    const res = await move(orderId, "refunded", ops);
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ type: "/problems/conflict", captured: 0, refunded: 0 });
    expect(before?.status).toBe("cancelled");
    expect(await orderTrail(orderId)).toEqual(before);
    expect(await opsRow("cancelled", orderId, ops)).not.toContain('value="refunded"');
  });

  it("offers Refund on a cancelled order still holding captured money, and refunds it", async () => {
    const { user, orderId } = await paidOrder();
    // The cancel's own refund has not happened (yet).
    await transitionOrder(env.DB, { orderId, to: "cancelled", actor: "shopper", actorId: user.id, reason: "changed my mind" });
    const ops = await createTestUser(["ops"]);
    expect(await opsRow("cancelled", orderId, ops)).toContain('value="refunded"');

    const res = await exports.default.fetch(
      new Request(`${ORIGIN}/ops/orders/${orderId}/transitions`, {
        method: "POST",
        redirect: "manual",
        headers: { ...ops.headers, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ to: "refunded", status: "cancelled" }).toString(),
      }),
    );
    expect(res.status).toBe(303);
    expect(await moneyOf(orderId)).toMatchObject({ status: "refunded", refunded: 129900, providerRefunded: 129900 });
    expect(await opsRow("refunded", orderId, ops)).not.toContain("<button");
  });
});

describe("cash on delivery", () => {
  it("is captured before the order is delivered: a refused capture is 409 and leaves it shipped", async () => {
    const { orderId } = await paidOrder("cod");
    const ops = await createTestUser(["ops"]);
    await shipped(orderId, ops);
    const before = await orderTrail(orderId);

    await providerSays(orderId, "voided");
    const refused = await move(orderId, "delivered", ops);
    expect(refused.status).toBe(409);
    expect(await orderTrail(orderId)).toEqual(before);
    expect(((await refused.json()) as { type: string }).type).toBe("/problems/payment-refused");
    expect(await moneyOf(orderId)).toMatchObject({ status: "authorized", captured: 0 });

    await providerSays(orderId, "authorized");
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + RETRY_WINDOW_MS);
    expect((await move(orderId, "delivered", ops)).status).toBe(200);
    expect(await orderTrail(orderId)).toMatchObject({ status: "delivered", transitions: (before?.transitions ?? 0) + 1 });
    expect(await moneyOf(orderId)).toMatchObject({ status: "captured", captured: 129900, providerStatus: "captured" });
  });
});
