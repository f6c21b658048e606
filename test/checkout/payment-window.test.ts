import { introspectWorkflowInstance, runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { COMMIT_MARGIN_MS, PAYMENT_WINDOW_MS } from "../../workers/checkout/payment-window";
import { sagaIds } from "../../workers/checkout/place-order";
import { resumeStrandedSagas } from "../../workers/checkout/resume-sagas";
import { gateFor } from "../../workers/deals/gate-client";
import { signAdmission } from "../../workers/deals/tickets";
import { sweepExpiredReservations } from "../../workers/inventory/ledger";
import { settleHostedPayment } from "../../workers/payments/sandbox/provider";
import { type TestUser, createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { createDealViaApi, dealSetup } from "../deals/helpers";
import {
  ADDRESS,
  checkout,
  moneyOf,
  pay,
  placeWithoutSaga,
  shopperWithCart,
  stockOf,
  stockedListing,
  waitForSagaEnd,
  waitForStatus,
} from "./support";

const MINUTE = 60_000;

/**
 * Moves the clock the storefront, its gates, its ledger and the saga's code read to `ms` after
 * checkout, and lets it run on from there; the Workflows engine's own timers keep real time.
 */
function clockAt(checkedOutAt: number, ms: number): void {
  vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
  vi.setSystemTime(checkedOutAt + ms);
}

/**
 * Checks the cart out under a new key and waits until the order's saga has authorized and so
 * waits for the payment: every step before the wait (the replayed reserve too) ran at checkout.
 * Resolves to the order, its payment page and the saga being watched.
 */
async function checkoutAwaitingPayment(user: TestUser, body: Record<string, unknown> = { address: ADDRESS, payment_method: "upi" }) {
  const key = crypto.randomUUID();
  const saga = await introspectWorkflowInstance(env.CHECKOUT_WORKFLOW, (await sagaIds(user.id, key)).sagaId);
  const res = await checkout(user, key, body);
  expect(res.status).toBe(201);
  const placed = (await res.json()) as { order_id: string; payment: { redirect_url: string } };
  await saga.waitForStepResult({ name: "authorize-payment" });
  return { ...placed, saga, checkedOutAt: await checkedOutAt(placed.order_id) };
}

/** When the order was written. */
async function checkedOutAt(orderId: string): Promise<number> {
  const row = await env.DB.prepare("SELECT created_at AS at FROM orders WHERE id = ?").bind(orderId).first<{ at: string }>();
  return Date.parse(row!.at);
}

afterEach(() => {
  vi.useRealTimers();
});

describe("an order's stock holds outlive its payment window", () => {
  it.each([
    ["checks out straight away", false],
    ["held the unit on the deal page first", true],
  ])("a deal order whose shopper %s and pays after the deal's hold time, inside the window, is confirmed", async (_, pageHold) => {
    const s = await dealSetup(20);
    // The shortest hold a deal may have, far shorter than the payment window.
    const dealId = await createDealViaApi(s, { units: 5, hold_seconds: 10, starts_at: new Date(Date.now() + 300).toISOString() });
    await scheduler.wait(400);
    const user = await createTestUser();
    await api(`/api/cart/items/${s.fixture.listingId}`, { method: "PUT", headers: user.headers, body: { qty: 1 } });
    const token = await signAdmission(env.TICKET_SECRET, dealId, user.id, Date.now() + 60_000);
    if (pageHold) {
      const held = await api(`/api/deals/${dealId}/hold`, { headers: user.headers, body: { admission_token: token, qty: 1 } });
      expect(held.status).toBe(201);
    }
    const placed = await checkoutAwaitingPayment(user, { address: ADDRESS, payment_method: "upi", admission_token: token });
    await using _saga = placed.saga;
    const gate = gateFor(env, dealId);
    expect(await gate.figures()).toMatchObject({ reserved: 1 });

    // Eleven minutes on: the deal's 10-second hold time is long past, the payment window is not.
    clockAt(placed.checkedOutAt, 11 * MINUTE);
    // The gate's alarm gives back whatever hold is due by then; the order's is not.
    await runDurableObjectAlarm(gate);
    expect(await gate.figures()).toMatchObject({ reserved: 1, sold: 0 });
    await pay(placed.payment.redirect_url);

    expect(await waitForStatus(placed.order_id, ["confirmed", "payment_failed"])).toBe("confirmed");
    expect(await gate.figures()).toMatchObject({ reserved: 0, sold: 1 });
    expect(await moneyOf(placed.order_id)).toMatchObject({ status: "captured", captured: 99900 });
  });

  it("a normal SKU's order paid at the end of its window is confirmed, though the sweeper ran meanwhile", async () => {
    const f = await stockedListing(3);
    const user = await shopperWithCart([[f.listingId, 1]]);
    const placed = await checkoutAwaitingPayment(user);
    await using _saga = placed.saga;
    const at = placed.checkedOutAt;
    const hold = await env.DB.prepare("SELECT expires_at AS expiresAt FROM inventory_reservations WHERE sku_id = ?")
      .bind(f.listingId)
      .first<{ expiresAt: string }>();
    expect(Date.parse(hold!.expiresAt)).toBeGreaterThanOrEqual(at + PAYMENT_WINDOW_MS + COMMIT_MARGIN_MS);

    clockAt(at, PAYMENT_WINDOW_MS - 10_000);
    await sweepExpiredReservations(env.DB);
    expect(await stockOf(f.listingId)).toMatchObject({ available: 2, reserved: 1 });
    await pay(placed.payment.redirect_url);

    expect(await waitForStatus(placed.order_id, ["confirmed", "payment_failed"])).toBe("confirmed");
    expect(await stockOf(f.listingId)).toEqual({ available: 2, reserved: 0, sold: 1 });
  });

  it("a saga started after its order's window closed does not wait a window of its own: the stock and the payment are given back", async () => {
    const f = await stockedListing(3);
    const user = await shopperWithCart([[f.listingId, 1]]);
    // The request died before it started the saga; the shopper never paid.
    const placed = await placeWithoutSaga(user);

    // The cron creates the saga sixteen minutes after checkout, with the hold still standing.
    clockAt(await checkedOutAt(placed.order_id), PAYMENT_WINDOW_MS + MINUTE);
    expect(await resumeStrandedSagas(env)).toBeGreaterThanOrEqual(1);

    expect(await waitForStatus(placed.order_id, ["payment_failed"])).toBe("payment_failed");
    expect(await stockOf(f.listingId)).toMatchObject({ available: 3, reserved: 0 });
    expect(await moneyOf(placed.order_id)).toMatchObject({ status: "voided", providerStatus: "voided" });
  });

  it("a payment the provider authorized after the window closed, before the saga ever ran, is not charged and the stock is given back", async () => {
    const f = await stockedListing(3);
    const user = await shopperWithCart([[f.listingId, 1]]);
    // The request died before it started the saga, so nothing closed the payment at the window's end.
    const placed = await placeWithoutSaga(user);
    expect(placed.payment.redirect_url).toBeTruthy();

    // Sixteen minutes after checkout the hold still stands (it outlives the window). The sandbox's
    // page refuses a payment by then; a provider whose page does not authorizes it, and the cron
    // starts the saga.
    clockAt(await checkedOutAt(placed.order_id), PAYMENT_WINDOW_MS + MINUTE);
    const ref = new URL(placed.payment.redirect_url!).pathname.split("/").at(-1)!;
    expect(await settleHostedPayment(env.DB, ref, "authorized")).toBe("authorized");
    expect(await resumeStrandedSagas(env)).toBeGreaterThanOrEqual(1);

    expect(await waitForStatus(placed.order_id, ["confirmed", "payment_failed"])).toBe("payment_failed");
    await waitForSagaEnd(placed.order_id);
    expect(await stockOf(f.listingId)).toEqual({ available: 3, reserved: 0, sold: 0 });
    expect(await moneyOf(placed.order_id)).toMatchObject({ status: "voided", providerStatus: "voided", providerCaptured: 0 });
  });
});
