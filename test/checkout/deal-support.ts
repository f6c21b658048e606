import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { SkuGate } from "../../durable-objects/sku-gate";
import { type JournalRow, toEntry } from "../../durable-objects/sku-gate-journal";
import { GUEST_COOKIE, signGuestId } from "../../workers/accounts/guest";
import { placeOrder } from "../../workers/checkout/place-order";
import { gateFor } from "../../workers/deals/gate-client";
import { signAdmission } from "../../workers/deals/tickets";
import { newId } from "../../workers/platform/ids";
import { applyGateJournal } from "../../workers/inventory/journal-consumer";
import { type TestUser, createTestUser } from "../helpers/accounts";
import { ORIGIN, api } from "../helpers/http";
import { createDealViaApi, dealSetup } from "../deals/helpers";
import { ADDRESS, bearerPrincipal, checkout, moneyOf, pay, waitForStatus } from "./support";

/** A live deal (limit one per shopper unless said) and a shopper with its item in the cart. */
export async function admittedShopper(perUserLimit = 1) {
  const s = await dealSetup(20);
  const dealId = await createDealViaApi(s, { units: 5, per_user_limit: perUserLimit, starts_at: new Date(Date.now() + 300).toISOString() });
  await scheduler.wait(400);
  const user = await createTestUser();
  await api(`/api/cart/items/${s.fixture.listingId}`, { method: "PUT", headers: user.headers, body: { qty: 1 } });
  return { user, dealId, listingId: s.fixture.listingId, warehouseId: s.fixture.warehouseId };
}

/** Places a cash-on-delivery order for the shopper's cart with a fresh admission token; the saga's ids for its steps. */
export async function placeDealOrder(user: TestUser, dealId: string) {
  const token = await signAdmission(env.TICKET_SECRET, dealId, user.id, Date.now() + 60_000);
  const placed = await placeOrder(
    env,
    bearerPrincipal(user),
    null,
    crypto.randomUUID(),
    { address: ADDRESS, payment_method: "cod", admission_token: token },
    ORIGIN,
  );
  return { sagaId: placed.sagaId, orderId: placed.order_id, userId: user.id, origin: ORIGIN };
}

/** Checks the cart out with a new Idempotency-Key and a freshly issued admission token. */
export async function dealCheckout(user: TestUser, dealId: string): Promise<Response> {
  const token = await signAdmission(env.TICKET_SECRET, dealId, user.id, Date.now() + 60_000);
  return checkout(user, crypto.randomUUID(), { address: ADDRESS, payment_method: "upi", admission_token: token });
}

/** A browser's guest identity: its id and the cookie that carries it. */
export async function guestBrowser(): Promise<{ id: string; cookie: string }> {
  const id = newId("gst");
  return { id, cookie: `${GUEST_COOKIE}=${await signGuestId(env.SESSION_SECRET, id)}` };
}

/** An admission to the deal issued to `shopperId` (an account or a guest id), open for a minute. */
export function admissionFor(dealId: string, shopperId: string): Promise<string> {
  return signAdmission(env.TICKET_SECRET, dealId, shopperId, Date.now() + 60_000);
}

/**
 * Checks the cart out signed in as `user` from the browser `guest` was admitted in (the token may
 * be the guest's or the account's), with a new Idempotency-Key.
 */
export function checkoutFrom(user: TestUser, guest: { cookie: string } | null, token: string): Promise<Response> {
  const headers: Record<string, string> = { ...user.headers, "idempotency-key": crypto.randomUUID() };
  if (guest) headers.cookie = guest.cookie;
  return api("/api/checkout", {
    method: "POST",
    headers,
    body: { address: ADDRESS, payment_method: "upi", admission_token: token },
  });
}

/**
 * Takes what the deal's gate has journaled and not yet shipped off its way to the queue, as if
 * still in flight; returns the delivery, for the test to make when it chooses, as the queue would.
 */
export async function interceptGateJournal(dealId: string, at: { skuId: string; warehouseId: string }): Promise<() => Promise<void>> {
  const rows = await runInDurableObject(gateFor(env, dealId), (_: SkuGate, state) => {
    const unsent = state.storage.sql
      .exec<JournalRow>("SELECT seq, kind, reservation_id, qty, at FROM journal WHERE sent = 0 ORDER BY seq")
      .toArray();
    state.storage.sql.exec("UPDATE journal SET sent = 1 WHERE sent = 0");
    return unsent;
  });
  return () => applyGateJournal(env.DB, { source: "sku-gate", dealId, ...at, entries: rows.map(toEntry) });
}

/** A new shopper who bought one unit of the live deal on `listingId` at checkout and paid; the order, its money captured. */
export async function paidDealOrder(listingId: string, dealId: string): Promise<{ user: TestUser; orderId: string }> {
  const user = await createTestUser();
  await api(`/api/cart/items/${listingId}`, { method: "PUT", headers: user.headers, body: { qty: 1 } });
  const res = await dealCheckout(user, dealId);
  if (res.status !== 201) throw new Error(`deal checkout failed: ${res.status} ${await res.text()}`);
  const placed = (await res.json()) as { order_id: string; payment: { redirect_url: string } };
  await pay(placed.payment.redirect_url);
  await waitForStatus(placed.order_id, ["confirmed"]);
  for (let i = 0; i < 100 && (await moneyOf(placed.order_id))?.status !== "captured"; i++) await scheduler.wait(50);
  return { user, orderId: placed.order_id };
}
