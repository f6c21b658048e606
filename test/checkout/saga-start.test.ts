import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { resumeStrandedSagas } from "../../workers/checkout/resume-sagas";
import { startSaga } from "../../workers/checkout/start-saga";
import { createTestUser } from "../helpers/accounts";
import { ORIGIN, api } from "../helpers/http";
import { pay, placeWithoutSaga, shopperWithCart, stockOf, stockedListing, waitForStatus } from "./support";

/** Whether Workflows has an instance for the saga. */
async function sagaExists(sagaId: string): Promise<boolean> {
  return env.CHECKOUT_WORKFLOW.get(sagaId).then(
    () => true,
    () => false,
  );
}

/** Workflows that refuse the first `refusals` creations, as at a throttled peak; `tries` counts every creation asked for. */
function workflowsThrottled(refusals: number) {
  const workflow = env.CHECKOUT_WORKFLOW;
  const throttled = {
    tries: 0,
    env: env as Env,
  };
  const binding = {
    get: (id: string) => workflow.get(id),
    create: (opts: Parameters<typeof workflow.create>[0]) =>
      ++throttled.tries <= refusals ? Promise.reject(new Error("too many instance creations")) : workflow.create(opts),
  };
  throttled.env = { ...env, CHECKOUT_WORKFLOW: binding as unknown as Env["CHECKOUT_WORKFLOW"] };
  return throttled;
}

describe("creating checkout sagas", () => {
  it("a creation refused once is tried again, and the order is confirmed", async () => {
    const f = await stockedListing(3);
    const user = await shopperWithCart([[f.listingId, 1]]);
    const placed = await placeWithoutSaga(user);
    const throttled = workflowsThrottled(1);

    const started = await startSaga(throttled.env, { sagaId: placed.sagaId, orderId: placed.order_id, userId: user.id, origin: ORIGIN });
    expect(started).toBe(true);
    expect(throttled.tries).toBe(2);
    // The cron need not look at it before a normal saga would have ended.
    const look = await env.DB.prepare("SELECT saga_check_at AS at FROM orders WHERE id = ?").bind(placed.order_id).first<{ at: string }>();
    expect(Date.parse(look!.at)).toBeGreaterThan(Date.now() + 20 * 60_000);

    await pay(placed.payment.redirect_url!);
    expect(await waitForStatus(placed.order_id, ["confirmed"])).toBe("confirmed");
  });

  it("a creation refused every time is left to the webhook and the cron, without failing the request's background work", async () => {
    const f = await stockedListing(3);
    const placed = await placeWithoutSaga(await shopperWithCart([[f.listingId, 1]]));
    const throttled = workflowsThrottled(Number.POSITIVE_INFINITY);

    await expect(startSaga(throttled.env, { sagaId: placed.sagaId, orderId: placed.order_id, userId: "", origin: ORIGIN })).resolves.toBe(
      false,
    );
    expect(throttled.tries).toBeGreaterThan(1);
    expect(await sagaExists(placed.sagaId)).toBe(false);
  });

  it("the payment webhook for an order whose saga was never created creates it, and the order is confirmed without the cron", async () => {
    const f = await stockedListing(3);
    const placed = await placeWithoutSaga(await shopperWithCart([[f.listingId, 1]]));
    expect(await sagaExists(placed.sagaId)).toBe(false);

    // The shopper pays; the provider's webhook is all that reaches the storefront.
    await pay(placed.payment.redirect_url!);

    expect(await waitForStatus(placed.order_id, ["confirmed", "payment_failed"])).toBe("confirmed");
    expect(await stockOf(f.listingId)).toEqual({ available: 2, reserved: 0, sold: 1 });
  });

  it("one cron run creates every missing saga of a backlog larger than a page", async () => {
    const f = await stockedListing(100);
    const user = await createTestUser();
    const orders: Array<{ orderId: string; sagaId: string }> = [];
    for (let i = 0; i < 60; i++) {
      await api(`/api/cart/items/${f.listingId}`, { method: "PUT", headers: user.headers, body: { qty: 1 } });
      // Cash on delivery: each saga runs to its end without waiting for a payment.
      const placed = await placeWithoutSaga(user, "cod");
      orders.push({ orderId: placed.order_id, sagaId: placed.sagaId });
    }

    // A minute after checkout, the cron's first look.
    expect(await resumeStrandedSagas(env, { now: Date.now() + 61_000 })).toBeGreaterThanOrEqual(60);

    const missing = [];
    for (const o of orders) if (!(await sagaExists(o.sagaId))) missing.push(o.orderId);
    expect(missing).toEqual([]);
    for (const o of orders) await waitForStatus(o.orderId, ["confirmed"]);
    expect(await stockOf(f.listingId)).toEqual({ available: 40, reserved: 0, sold: 60 });
  });
});
