import { env, exports } from "cloudflare:workers";
import { placeOrder } from "../../workers/checkout/place-order";
import { setAvailable } from "../../workers/inventory/ledger";
import type { PaymentMethod } from "../../workers/payments/provider";
import { type TestUser, createTestUser } from "../helpers/accounts";
import { type Fixture, createListingFixture } from "../helpers/catalog";
import { ORIGIN, api } from "../helpers/http";

/** A valid delivery address. */
export const ADDRESS = {
  name: "Asha Rao",
  line1: "12 MG Road",
  city: "Bengaluru",
  state: "Karnataka",
  pincode: "560001",
  phone: "9876543210",
};

/** A listing with `available` units in its warehouse. */
/** A test user as checkout's domain functions take them: a shopper signed in with a bearer token. */
export function bearerPrincipal(user: TestUser) {
  return {
    id: user.id,
    email: user.email,
    name: "T",
    roles: ["shopper" as const],
    sellerId: null,
    sessionId: "s",
    via: "bearer" as const,
  };
}

export async function stockedListing(available = 10, price = 129900): Promise<Fixture> {
  const f = await createListingFixture({ price });
  await setAvailable(env.DB, { skuId: f.listingId, warehouseId: f.warehouseId, available, ref: `count-${f.listingId}` });
  return f;
}

/** A shopper whose cart holds `qty` of each listing. */
export async function shopperWithCart(lines: Array<[string, number]>): Promise<TestUser> {
  const user = await createTestUser();
  for (const [listingId, qty] of lines) {
    const res = await api(`/api/cart/items/${listingId}`, { method: "PUT", headers: user.headers, body: { qty } });
    if (res.status !== 200) throw new Error(`cart PUT ${res.status}: ${await res.text()}`);
  }
  return user;
}

/** POST /api/checkout with a key. */
export function checkout(
  user: TestUser,
  key: string,
  body: Record<string, unknown> = { address: ADDRESS, payment_method: "upi" },
): Promise<Response> {
  return api("/api/checkout", { method: "POST", headers: { ...user.headers, "idempotency-key": key }, body });
}

/**
 * The synchronous part of checkout only, under a new key: the order and its holds exist, and no
 * saga runs (as if the request died before its waitUntil started it).
 */
export function placeWithoutSaga(user: TestUser, method: PaymentMethod = "upi") {
  return placeOrder(env, bearerPrincipal(user), null, crypto.randomUUID(), { address: ADDRESS, payment_method: method }, ORIGIN);
}

/** Completes (or fails) the hosted payment page, as the shopper's browser would. */
export async function pay(redirectUrl: string, decision: "pay" | "fail" = "pay", extra: Record<string, string> = {}): Promise<Response> {
  const url = new URL(redirectUrl);
  return exports.default.fetch(
    new Request(`${ORIGIN}${url.pathname}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ decision, ...extra }),
      redirect: "manual",
    }),
  );
}

/** Waits until the order reaches one of `statuses` (the saga runs in the background). */
export async function waitForStatus(orderId: string, statuses: string[], timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let status = "";
  while (Date.now() < deadline) {
    status = (await env.DB.prepare("SELECT status FROM orders WHERE id = ?").bind(orderId).first<{ status: string }>())?.status ?? "";
    if (statuses.includes(status)) return status;
    await scheduler.wait(50);
  }
  throw new Error(`order ${orderId} stayed ${status}, expected ${statuses.join("/")}`);
}

/**
 * Waits until the order's checkout saga has run its last step. "confirmed" is not the end: the saga
 * captures the money after confirming, so what a test reads of the payment right after confirmation
 * can still change under it.
 */
export async function waitForSagaEnd(orderId: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const row = await env.DB.prepare("SELECT saga_check_at AS checkAt FROM orders WHERE id = ?")
      .bind(orderId)
      .first<{ checkAt: string | null }>();
    if (row && row.checkAt === null) return;
    await scheduler.wait(50);
  }
  throw new Error(`the saga of order ${orderId} did not end within ${timeoutMs} ms`);
}

/** The ledger counters of a listing. */
export async function stockOf(listingId: string) {
  return env.DB.prepare("SELECT available, reserved, sold FROM inventory WHERE sku_id = ?")
    .bind(listingId)
    .first<{ available: number; reserved: number; sold: number }>();
}

/** Our payment row and the provider's record for an order. */
export async function moneyOf(orderId: string) {
  return env.DB.prepare(
    `SELECT p.status, p.captured_amount AS captured, p.refunded_amount AS refunded, q.status AS providerStatus,
            q.captured_amount AS providerCaptured, q.refunded_amount AS providerRefunded
     FROM payments p JOIN psp_payments q ON q.ref = p.provider_ref WHERE p.order_id = ?`,
  )
    .bind(orderId)
    .first<{
      status: string;
      captured: number;
      refunded: number;
      providerStatus: string;
      providerCaptured: number;
      providerRefunded: number;
    }>();
}

/**
 * A shopper with one stocked listing in the cart, checked out and paid; resolves once the order is
 * confirmed and its saga is over, so a paid order's money is captured (cash on delivery's stays
 * authorized until delivery) and nothing of the saga's still runs under the test.
 */
export async function confirmedOrder(opts: { qty?: number; available?: number; method?: string } = {}) {
  const f = await stockedListing(opts.available ?? 10);
  const user = await shopperWithCart([[f.listingId, opts.qty ?? 1]]);
  const res = await checkout(user, crypto.randomUUID(), { address: ADDRESS, payment_method: opts.method ?? "upi" });
  if (res.status !== 201) throw new Error(`checkout ${res.status}: ${await res.text()}`);
  const body = (await res.json()) as { order_id: string; payment: { redirect_url: string | null } };
  if (body.payment.redirect_url) await pay(body.payment.redirect_url);
  await waitForStatus(body.order_id, ["confirmed"]);
  await waitForSagaEnd(body.order_id);
  return { f, user, orderId: body.order_id };
}
