import { AppError } from "../platform/errors";
import {
  type PaymentRecord,
  type PaymentStatus,
  capturePayment,
  fromProviderStatus,
  paymentForOrder,
  paymentProvider,
  returnMoney,
  setPaymentStatus,
} from "../payments/payment-actions";
import type { ProviderStatus } from "../payments/provider";
import { transitionOrder } from "../orders/transitions";
import { asOrderStatus, type OrderStatus } from "../orders/state-machine";
import { type LineHold, commitLine, reserveLine, undoLine } from "./holds";
import { paidInWindow } from "./payment-window";
import { stepKey } from "./place-order";

/**
 * The checkout saga's steps as plain functions, so tests can call (and replay) them directly.
 * Each one is idempotent: it derives every key from the saga id, so running it twice, as a
 * Workflow does after a crash, never moves stock or money twice. Each returns plain data for the
 * Workflow to cache under the step's name.
 */

/** What the saga starts with. */
export interface SagaParams {
  sagaId: string;
  orderId: string;
  userId: string;
  /** The storefront origin the checkout came in on (for the provider's redirect back). */
  origin: string;
}

/** The saga actor recorded on transitions it makes. */
const SAGA = { actor: "system", actorId: "checkout-saga" } as const;

interface ItemRow {
  listingId: string;
  qty: number;
  ref: string | null;
  dealId: string | null;
}

/** The order's status, total, checkout time (epoch ms) and holds, in one round trip. */
async function orderState(
  db: D1Database,
  orderId: string,
): Promise<{ status: OrderStatus; total: number; checkedOutAt: number; holds: LineHold[] }> {
  const [order, items] = await db.batch([
    db.prepare("SELECT status, total, created_at AS createdAt FROM orders WHERE id = ?").bind(orderId),
    db
      .prepare(
        "SELECT listing_id AS listingId, qty, reservation_id AS ref, deal_id AS dealId FROM order_items WHERE order_id = ? ORDER BY listing_id",
      )
      .bind(orderId),
  ]);
  const row = order?.results[0] as { status: string; total: number; createdAt: string } | undefined;
  if (!row) throw new AppError("not_found", `order ${orderId} does not exist`);
  return {
    status: asOrderStatus(row.status),
    total: row.total,
    checkedOutAt: Date.parse(row.createdAt),
    holds: ((items?.results ?? []) as ItemRow[]).flatMap((r) =>
      r.ref ? [{ orderId, listingId: r.listingId, qty: r.qty, ref: r.ref, dealId: r.dealId }] : [],
    ),
  };
}

/** Step "reserve-stock": the request already reserved; replaying the reserves confirms the holds and moves nothing. */
export async function stepReserveStock(env: Env, p: SagaParams): Promise<{ held: boolean; expired?: boolean }> {
  const order = await orderState(env.DB, p.orderId);
  if (order.status !== "created") return { held: order.status !== "payment_failed" && order.status !== "cancelled" };
  for (const hold of order.holds) {
    const res = await reserveLine(env, hold, { shopperId: p.userId, accountId: p.userId });
    if (!res.ok) return { held: false, expired: res.reason === "expired" };
  }
  return { held: true };
}

/**
 * Step "create-order": the request created the order; this confirms it and reports where it
 * stands, and when it was checked out, which the payment window counts from.
 */
export async function stepCreateOrder(env: Env, p: SagaParams): Promise<{ status: OrderStatus; total: number; checkedOutAt: number }> {
  const order = await orderState(env.DB, p.orderId);
  return { status: order.status, total: order.total, checkedOutAt: order.checkedOutAt };
}

/**
 * Step "authorize-payment": repeats the provider authorize under the saga's key (returning the
 * payment opened at checkout) and records its current status.
 */
export async function stepAuthorize(env: Env, p: SagaParams): Promise<PaymentOutcome> {
  const payment = await paymentForOrder(env.DB, p.orderId);
  if (!payment) throw new AppError("not_found", `payment for ${p.orderId} does not exist`);
  const res = await paymentProvider(env, p.origin).authorize({
    key: stepKey(p.sagaId, "authorize"),
    merchantRef: p.orderId,
    amount: payment.amount,
    method: payment.method,
    returnUrl: `${p.origin}/orders/${p.orderId}`,
  });
  return recordProviderStatus(env, payment, res);
}

/** Step "read-payment-outcome": asks the provider directly, so a lost or late webhook cannot strand the order. */
export async function stepReadPaymentOutcome(env: Env, p: SagaParams): Promise<PaymentOutcome> {
  const payment = await paymentForOrder(env.DB, p.orderId);
  if (!payment?.providerRef) return { payment: payment?.status ?? "pending" };
  const theirs = await paymentProvider(env, p.origin).retrieve(payment.providerRef);
  return theirs ? recordProviderStatus(env, payment, theirs) : { payment: payment.status };
}

/**
 * Step "payment-in-window": whether the provider authorized the payment before the order's window
 * closed. Its page takes a payment until something voids it, and a saga that started (or was
 * restarted) after the window finds such a late one authorized; it does not count, and the
 * compensation voids it. Asked of the provider's record, not the clock now: a payment made in time
 * that this step only reads later still counts. `checkedOutAt` (epoch ms) is when the window opened.
 */
export async function stepPaymentInWindow(env: Env, p: SagaParams, checkedOutAt: number | undefined): Promise<{ inTime: boolean }> {
  // The saga holds the checkout time from "create-order"; only a result of that step cached before
  // it carried one leaves the order's row to be read for it.
  const from = checkedOutAt ?? (await orderState(env.DB, p.orderId)).checkedOutAt;
  // Still inside the window now: whenever it was paid, it was in time, and the provider need not be asked.
  if (paidInWindow(from, Date.now())) return { inTime: true };
  const payment = await paymentForOrder(env.DB, p.orderId);
  const theirs = payment?.providerRef ? await paymentProvider(env, p.origin).retrieve(payment.providerRef) : null;
  // Nothing has moved an authorized payment since (a capture comes after this step, a void ends
  // its authorization), so its last change is when the shopper paid.
  if (theirs?.status !== "authorized") return { inTime: true };
  return { inTime: paidInWindow(from, Date.parse(theirs.updatedAt)) };
}

/** Where the payment stands for the saga; `reason` says why an authorization does not count. */
export interface PaymentOutcome {
  payment: PaymentStatus;
  reason?: string;
}

async function recordProviderStatus(
  env: Env,
  payment: PaymentRecord,
  theirs: { status: ProviderStatus; amount: number },
): Promise<PaymentOutcome> {
  const status = fromProviderStatus(theirs.status);
  if (status !== "authorized" && status !== "declined") return { payment: payment.status };
  // Our row may already say more (voided by a cancel), and only a payment still pending moves.
  if (payment.status !== "pending") return { payment: payment.status };
  if (status === "authorized" && theirs.amount !== payment.amount) {
    // Authorized for less than the order, the capture of its total would be refused after the
    // stock was sold; so it does not count, and the compensation voids it.
    console.error(
      JSON.stringify({
        level: "error",
        message: "payment authorized for another amount",
        paymentId: payment.id,
        ours: payment.amount,
        theirs: theirs.amount,
      }),
    );
    return { payment: "pending", reason: "payment authorized for another amount" };
  }
  await setPaymentStatus(env.DB, payment.id, ["pending"], status);
  return { payment: status };
}

/** Statuses an order reaches only after its stock was committed. */
const SOLD: readonly OrderStatus[] = ["confirmed", "packed", "shipped", "delivered", "return_requested"];

/** Statuses an order reaches only after its payment was authorized, short of a cancel. */
export const PAID: readonly OrderStatus[] = ["payment_authorized", ...SOLD];

/** Step "mark-authorized": created → payment_authorized. `stopped` when the order moved on without us (cancelled). */
export async function stepMarkAuthorized(env: Env, p: SagaParams): Promise<{ stopped: boolean }> {
  return advance(env, p, "payment_authorized", "payment authorized by the provider", PAID);
}

/**
 * Step "commit-stock": turns every hold into a sale; `committed: false` when a hold expired or was
 * released, `stopped` when the order moved on without us (cancelled).
 */
export async function stepCommitStock(env: Env, p: SagaParams): Promise<{ committed: boolean; stopped?: boolean }> {
  const order = await orderState(env.DB, p.orderId);
  // Once cancelled, the order's undo owns its holds: a commit now would sell a unit the undo may
  // already have passed over.
  if (order.status !== "payment_authorized") return SOLD.includes(order.status) ? { committed: true } : { committed: false, stopped: true };
  // The deal line goes last (an order has one at most: its admission is for one deal). A gate's
  // sale reaches D1 about a second after it is made, so a line refused after it would have the
  // compensation find nothing to restock yet; a normal line's sale is in D1 as soon as it is made.
  const lines = [...order.holds.filter((h) => !h.dealId), ...order.holds.filter((h) => h.dealId)];
  for (const hold of lines) {
    if ((await commitLine(env, hold)) === "refused") return { committed: false };
  }
  return { committed: true };
}

/** Step "confirm-order": payment_authorized → confirmed (stock is committed). */
export async function stepConfirm(env: Env, p: SagaParams): Promise<{ stopped: boolean }> {
  return advance(env, p, "confirmed", "stock committed", SOLD);
}

/** Step "capture-payment": takes the money, once under the saga's capture key. Cash on delivery is captured at delivery instead. */
export async function stepCapture(env: Env, p: SagaParams): Promise<{ captured: boolean }> {
  const payment = await paymentForOrder(env.DB, p.orderId);
  if (!payment || payment.method === "cod") return { captured: false };
  // A cancel that has moved the order but not yet voided the authorization would otherwise race
  // this capture; its refund still covers a capture that slips in after this look.
  if (!SOLD.includes((await orderState(env.DB, p.orderId)).status)) return { captured: false };
  if ((await capturePayment(paymentProvider(env, p.origin), env.DB, payment, stepKey(p.sagaId, "capture"))).ok) return { captured: true };
  // Refused because the order was cancelled meanwhile (its authorization voided) is fine; anything
  // else is thrown so the Workflow retries the step and, if it keeps failing, the instance errors for ops.
  const { status } = await orderState(env.DB, p.orderId);
  if (status === "cancelled" || status === "refunded") return { captured: false };
  throw new Error(`capture refused for order ${p.orderId}`);
}

/**
 * Step "compensate": the checkout failed (declined, payment window over, hold expired). Gives
 * the stock back, voids or refunds whatever the provider took, and fails the order.
 */
export async function stepCompensate(env: Env, p: SagaParams, reason: string): Promise<{ status: OrderStatus }> {
  const order = await orderState(env.DB, p.orderId);
  // A restock that cannot happen yet (a sale not in D1, or `sold` short) is finished by the minute
  // cron's `finishRestocks`, which looks at orders failed once their payment was authorized.
  for (const hold of order.holds) await undoLine(env, hold, reason);
  const payment = await paymentForOrder(env.DB, p.orderId);
  if (payment && payment.status !== "declined")
    await returnMoney(paymentProvider(env, p.origin), env.DB, payment, stepKey(p.sagaId, "compensate"));
  if (order.status === "created" || order.status === "payment_authorized") {
    await transitionOrder(env.DB, { orderId: p.orderId, to: "payment_failed", ...SAGA, reason });
    return { status: "payment_failed" };
  }
  return { status: order.status };
}

/** Moves the order to `to`; an order already at one of `reached` (it got there in an earlier run) is fine as it is. */
async function advance(
  env: Env,
  p: SagaParams,
  to: OrderStatus,
  reason: string,
  reached: readonly OrderStatus[],
): Promise<{ stopped: boolean }> {
  try {
    await transitionOrder(env.DB, { orderId: p.orderId, to, ...SAGA, reason });
    return { stopped: false };
  } catch (err) {
    if (!(err instanceof AppError && err.code === "illegal_transition")) throw err;
    // A restarted saga finds the order as far as its errored run took it, and goes on from there.
    // Anything else means the shopper or ops cancelled meanwhile; their cancel already undid stock and money.
    const from = err.options.extensions?.from as OrderStatus | undefined;
    return { stopped: !(from && reached.includes(from)) };
  }
}
