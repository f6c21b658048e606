import { introspectWorkflowInstance } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { sagaIds } from "../../workers/checkout/place-order";
import { resumeStrandedSagas } from "../../workers/checkout/resume-sagas";
import { finishCancellations } from "../../workers/orders/cancellation";
import { cancelOrder } from "../../workers/orders/lifecycle";
import { SandboxProvider } from "../../workers/payments/sandbox/provider";
import { ORIGIN } from "../helpers/http";
import { checkout, moneyOf, pay, placeWithoutSaga, shopperWithCart, stockOf, stockedListing, waitForStatus } from "./support";

const MINUTE = 60_000;

/** The provider cannot be reached for `op`, after answering its first `answered` calls, until the outage is disposed of. */
function providerOutage(op: "authorize" | "capture" | "void", answered = 0) {
  const original = SandboxProvider.prototype[op] as (this: SandboxProvider, ...args: unknown[]) => Promise<unknown>;
  let calls = 0;
  const spy = vi.spyOn(SandboxProvider.prototype, op).mockImplementation(function (this: SandboxProvider, ...args: unknown[]) {
    return ++calls <= answered ? original.apply(this, args) : Promise.reject(new Error("provider unreachable"));
  } as never);
  return { [Symbol.dispose]: () => spy.mockRestore() };
}

/** Workflows that refuse every call about one saga, as when its creation keeps failing. */
function workflowsRefusing(sagaId: string): Env {
  const workflow = env.CHECKOUT_WORKFLOW;
  const refused = () => Promise.reject(new Error("workflows unavailable"));
  const refusing = {
    get: (id: string) => (id === sagaId ? refused() : workflow.get(id)),
    create: (opts: Parameters<typeof workflow.create>[0]) => (opts?.id === sagaId ? refused() : workflow.create(opts)),
  };
  return { ...env, CHECKOUT_WORKFLOW: refusing as unknown as Env["CHECKOUT_WORKFLOW"] };
}

/** Workflows as the cron sees them, noting every saga it asks about. */
function workflowsNoting(): { env: Env; asked: string[] } {
  const workflow = env.CHECKOUT_WORKFLOW;
  const asked: string[] = [];
  const noting = {
    get: (id: string) => {
      asked.push(id);
      return workflow.get(id);
    },
    create: (opts: Parameters<typeof workflow.create>[0]) => {
      asked.push(opts?.id ?? "");
      return workflow.create(opts);
    },
  };
  return { env: { ...env, CHECKOUT_WORKFLOW: noting as unknown as Env["CHECKOUT_WORKFLOW"] }, asked };
}

/**
 * A shopper with `qty` units of a stocked listing in the cart, the ids the checkout under a fresh
 * key will use, and the saga instance it will start, watched with retry delays off.
 */
async function watchedCheckout(qty: number) {
  const f = await stockedListing(5);
  const user = await shopperWithCart([[f.listingId, qty]]);
  const key = crypto.randomUUID();
  const { sagaId, orderId } = await sagaIds(user.id, key);
  const instance = await introspectWorkflowInstance(env.CHECKOUT_WORKFLOW, sagaId);
  await instance.modify(async (m) => {
    await m.disableRetryDelays();
  });
  return { f, user, key, sagaId, orderId, instance };
}

/**
 * Checks out while the provider goes down right after opening the payment, so the saga errors
 * before marking it authorized; then the shopper pays, and the payment is authorized all the same.
 */
async function paidWhileSagaErrored(s: Awaited<ReturnType<typeof watchedCheckout>>): Promise<void> {
  {
    using _outage = providerOutage("authorize", 1);
    const placed = (await (await checkout(s.user, s.key)).json()) as { payment: { redirect_url: string } };
    await s.instance.waitForStatus("errored");
    await pay(placed.payment.redirect_url);
  }
  await until("the payment to be authorized", async () => (await moneyOf(s.orderId))?.status === "authorized");
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await scheduler.wait(50);
  }
}

describe("resuming stranded checkout sagas", () => {
  it("a saga whose capture gave up in a provider outage is restarted, and the money is taken", async () => {
    const s = await watchedCheckout(1);
    const { f, user, key, sagaId, orderId } = s;
    await using instance = s.instance;
    {
      using _outage = providerOutage("capture");
      const placed = (await (await checkout(user, key)).json()) as { payment: { redirect_url: string } };
      await pay(placed.payment.redirect_url);
      await instance.waitForStatus("errored");
    }
    // Confirmed to the shopper, the money only authorized.
    expect(await waitForStatus(orderId, ["confirmed"])).toBe("confirmed");
    expect(await moneyOf(orderId)).toMatchObject({ status: "authorized", captured: 0, providerCaptured: 0 });

    // Half an hour on, the cron looks again.
    await resumeStrandedSagas(env, { now: Date.now() + 31 * MINUTE });
    await instance.waitForStatus("complete");
    expect(await moneyOf(orderId)).toMatchObject({
      status: "captured",
      captured: 129900,
      providerStatus: "captured",
      providerCaptured: 129900,
    });
    expect(await waitForStatus(orderId, ["confirmed"])).toBe("confirmed");
    expect(await stockOf(f.listingId)).toEqual({ available: 4, reserved: 0, sold: 1 });
    // Its saga has ended, so the cron never asks Workflows about it again.
    const later = workflowsNoting();
    await resumeStrandedSagas(later.env, { now: Date.now() + 24 * 60 * MINUTE });
    expect(later.asked).not.toContain(sagaId);
  });

  it("a paid order whose saga errored before marking it authorized is confirmed once its saga is restarted", async () => {
    const s = await watchedCheckout(2);
    const { f, orderId } = s;
    await using instance = s.instance;
    await paidWhileSagaErrored(s);
    // The shopper paid, yet the order sits at created with the stock held.
    expect(await waitForStatus(orderId, ["created"])).toBe("created");
    expect(await stockOf(f.listingId)).toEqual({ available: 3, reserved: 2, sold: 0 });

    await resumeStrandedSagas(env, { now: Date.now() + 31 * MINUTE });
    await waitForStatus(orderId, ["confirmed"]);
    await instance.waitForStatus("complete");
    expect(await stockOf(f.listingId)).toEqual({ available: 3, reserved: 0, sold: 2 });
    expect(await moneyOf(orderId)).toMatchObject({ status: "captured", providerCaptured: 259800 });
  });

  it("a cancel from created that could not void the payment is finished by the restarted saga", async () => {
    const s = await watchedCheckout(1);
    const { f, user, orderId } = s;
    await using instance = s.instance;
    await paidWhileSagaErrored(s);
    {
      // The shopper cancels while the provider refuses the void: the order is cancelled, the money still held.
      using _outage = providerOutage("void");
      await expect(cancelOrder(env, orderId, { actor: "shopper", actorId: user.id, origin: ORIGIN }, "changed my mind")).rejects.toThrow();
    }
    // A cancel from created is its saga's to finish, not the cancellation cron's.
    await finishCancellations(env);
    expect(await moneyOf(orderId)).toMatchObject({ status: "authorized", providerStatus: "authorized" });

    await resumeStrandedSagas(env, { now: Date.now() + 31 * MINUTE });
    await instance.waitForStatus("complete");
    expect(await moneyOf(orderId)).toMatchObject({ status: "voided", providerStatus: "voided", providerCaptured: 0 });
    expect(await waitForStatus(orderId, ["cancelled"])).toBe("cancelled");
    expect(await stockOf(f.listingId)).toEqual({ available: 5, reserved: 0, sold: 0 });
  });

  it("one order whose saga cannot be started does not hold back the others, and is started once it can be", async () => {
    const f = await stockedListing(5);
    const stuck = await placeWithoutSaga(await shopperWithCart([[f.listingId, 1]]));
    const other = await placeWithoutSaga(await shopperWithCart([[f.listingId, 1]]));
    const minuteLater = Date.now() + MINUTE + 1000;

    await expect(resumeStrandedSagas(workflowsRefusing(stuck.sagaId), { now: minuteLater })).resolves.toBeGreaterThanOrEqual(1);
    await pay(other.payment.redirect_url!);
    await waitForStatus(other.order_id, ["confirmed"]);

    // Workflows takes it on the next try.
    await resumeStrandedSagas(env, { now: minuteLater + MINUTE + 1000 });
    await pay(stuck.payment.redirect_url!);
    await waitForStatus(stuck.order_id, ["confirmed"]);
    expect(await stockOf(f.listingId)).toEqual({ available: 3, reserved: 0, sold: 2 });
  });

  it("an order stranded for two days is still settled: its hold has lapsed, so the stock and the authorization are given back", async () => {
    const f = await stockedListing(3);
    const placed = await placeWithoutSaga(await shopperWithCart([[f.listingId, 1]]));
    const twoDaysAgo = new Date(Date.now() - 48 * 60 * MINUTE).toISOString();
    await env.DB.batch([
      env.DB.prepare("UPDATE orders SET created_at = ?1 WHERE id = ?2").bind(twoDaysAgo, placed.order_id),
      env.DB.prepare("UPDATE inventory_reservations SET expires_at = ?1 WHERE sku_id = ?2").bind(twoDaysAgo, f.listingId),
    ]);
    const errors = vi.spyOn(console, "error");

    await resumeStrandedSagas(env, { now: Date.now() + MINUTE + 1000 });
    await waitForStatus(placed.order_id, ["payment_failed"]);
    await until("the authorization to be voided", async () => (await moneyOf(placed.order_id))?.providerStatus === "voided");
    expect(await stockOf(f.listingId)).toMatchObject({ available: 3, reserved: 0, sold: 0 });
    // Ops are told it was stranded that long.
    const lines = errors.mock.calls.map(([line]) => String(line));
    errors.mockRestore();
    expect(lines.some((l) => l.includes("a day after checkout") && l.includes(placed.order_id))).toBe(true);
  });
});
