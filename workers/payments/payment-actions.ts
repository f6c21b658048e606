import { nowIso } from "../platform/time";
import type { OperationResult, PaymentMethod, PaymentProvider, ProviderStatus } from "./provider";
import { SandboxProvider } from "./sandbox/provider";

/** The storefront's record of one payment (a row of `payments`). */
export interface PaymentRecord {
  id: string;
  orderId: string;
  providerRef: string | null;
  method: PaymentMethod;
  status: PaymentStatus;
  amount: number;
  capturedAmount: number;
  refundedAmount: number;
}

/** Our payment states; they follow the provider's, with `pending` for "waiting on the shopper". */
export type PaymentStatus = "pending" | "authorized" | "declined" | "captured" | "voided" | "refunded";

/** Maps the provider's status onto ours. */
export function fromProviderStatus(s: ProviderStatus): PaymentStatus {
  return s === "requires_action" ? "pending" : s;
}

/**
 * The configured payment provider. Today that is the built-in sandbox; a real provider is another
 * implementation of the same interface, chosen here.
 */
export function paymentProvider(env: Env, origin: string): PaymentProvider {
  return new SandboxProvider(env.DB, origin);
}

const SELECT = `SELECT id, order_id AS orderId, provider_ref AS providerRef, method, status, amount,
  captured_amount AS capturedAmount, refunded_amount AS refundedAmount FROM payments`;

/** The payment behind an order (one per order). */
export async function paymentForOrder(db: D1Database, orderId: string): Promise<PaymentRecord | null> {
  return (await db.prepare(`${SELECT} WHERE order_id = ?`).bind(orderId).first<PaymentRecord>()) ?? null;
}

/**
 * Moves our payment row to `to` only from one of `from`, so a late or duplicated signal never
 * drags a payment backwards (a late "authorized" after a void stays voided).
 */
export async function setPaymentStatus(
  db: D1Database,
  paymentId: string,
  from: PaymentStatus[],
  to: PaymentStatus,
  amounts: { captured?: number; refunded?: number } = {},
): Promise<boolean> {
  const marks = from.map((_, i) => `?${i + 6}`).join(", ");
  const res = await db
    .prepare(
      `UPDATE payments SET status = ?1, updated_at = ?2, captured_amount = COALESCE(?3, captured_amount),
         refunded_amount = COALESCE(?4, refunded_amount)
       WHERE id = ?5 AND status IN (${marks})`,
    )
    .bind(to, nowIso(), amounts.captured ?? null, amounts.refunded ?? null, paymentId, ...from)
    .run();
  return res.meta.changes === 1;
}

/** How long the provider's answer under one `retryableKey` stands. */
export const RETRY_WINDOW_MS = 60_000;

/**
 * The idempotency key for a money move that is asked for again after a refusal (an ops refund, a
 * delivery's capture, a cancellation's void or refund, which the cron retries). The provider
 * answers a repeated key with its first answer, refusals included, so a key fixed per order would
 * repeat a refusal forever after its cause cleared. This one also names the minute: a double submit
 * or a quick retry is the same call, and asking a minute later asks afresh. A second call cannot
 * move money twice: a capture asks for the authorized amount, a void leaves nothing captured, and a
 * refund asks for what is left of the captured money; the provider refuses anything beyond.
 */
export function retryableKey(base: string, now = Date.now()): string {
  return `${base}:${Math.floor(now / RETRY_WINDOW_MS)}`;
}

const NEVER_SENT: OperationResult = { ok: false, reason: "the payment never reached the provider" };

/**
 * Captures an authorized payment in full, once per key. Ok too when the provider holds it captured
 * already (an earlier call under another key whose answer never reached our row).
 */
export async function capturePayment(provider: PaymentProvider, db: D1Database, p: PaymentRecord, key: string): Promise<OperationResult> {
  if (p.status === "captured") return { ok: true, status: "captured" };
  if (!p.providerRef) return NEVER_SENT;
  const res = await provider.capture({ key, ref: p.providerRef, amount: p.amount });
  let captured = p.amount;
  if (!res.ok) {
    const theirs = await provider.retrieve(p.providerRef);
    if (theirs?.status !== "captured") return res;
    captured = theirs.capturedAmount;
  }
  await setPaymentStatus(db, p.id, ["pending", "authorized"], "captured", { captured });
  return { ok: true, status: "captured" };
}

/**
 * Refunds what is left of the captured money, once per key. `taken` are the figures to go by (the
 * provider's, when our row may be stale). Ok too when the provider holds the payment refunded
 * already, by this call or an earlier one under another key.
 */
export async function refundRemainder(
  provider: PaymentProvider,
  db: D1Database,
  p: PaymentRecord,
  key: string,
  taken = { captured: p.capturedAmount, refunded: p.refundedAmount },
): Promise<OperationResult> {
  if (!p.providerRef) return NEVER_SENT;
  const res = await provider.refund({ key, ref: p.providerRef, amount: taken.captured - taken.refunded });
  if (!res.ok && (await provider.retrieve(p.providerRef))?.status !== "refunded") return res;
  // Our row may still say authorized: the capture's own write lands after the provider's.
  await setPaymentStatus(db, p.id, ["pending", "authorized", "captured"], "refunded", {
    captured: taken.captured,
    refunded: taken.captured,
  });
  return { ok: true, status: "refunded" };
}

/**
 * Refunds part of the captured money, once: until the payment has `target` paise refunded in all.
 * What is asked of the provider is what its own figures still lack of `target`, so a retry after an
 * answer that never reached our row, under any key, finds the money given back and asks for nothing
 * more; the key makes a double submit one call. Ok once the provider holds `target` refunded. Our row
 * keeps the payment captured while money is left on it, and refunded once none is.
 */
export async function refundUpTo(
  provider: PaymentProvider,
  db: D1Database,
  p: PaymentRecord,
  key: string,
  target: number,
): Promise<OperationResult> {
  if (!p.providerRef) return NEVER_SENT;
  const theirs = await provider.retrieve(p.providerRef);
  if (!theirs) return NEVER_SENT;
  const lacking = target - theirs.refundedAmount;
  if (lacking > 0) {
    const res = await provider.refund({ key, ref: p.providerRef, amount: lacking });
    if (!res.ok && ((await provider.retrieve(p.providerRef))?.refundedAmount ?? 0) < target) return res;
  }
  const refunded = Math.max(target, theirs.refundedAmount);
  const status = refunded >= theirs.capturedAmount ? "refunded" : "captured";
  await setPaymentStatus(db, p.id, ["pending", "authorized", "captured"], status, { captured: theirs.capturedAmount, refunded });
  return { ok: true, status };
}

/**
 * Gives the shopper's money back whatever the payment reached: an uncaptured authorization is
 * voided, captured money is refunded in full. Idempotent under `keyBase`.
 */
export async function returnMoney(provider: PaymentProvider, db: D1Database, p: PaymentRecord, keyBase: string): Promise<PaymentStatus> {
  // Nothing is left to give back (a retried cancel would otherwise ask the provider again).
  if (!p.providerRef || p.status === "refunded") return p.status;
  let taken = { captured: p.capturedAmount, refunded: p.refundedAmount };
  if (p.status === "pending" || p.status === "authorized") {
    const res = await provider.void({ key: `${keyBase}:void`, ref: p.providerRef });
    if (res.ok) {
      await setPaymentStatus(db, p.id, ["pending", "authorized"], "voided");
      return "voided";
    }
    // Refused: the money may have been taken since we read our row (the shopper just paid, or the
    // saga's capture went through and has not written our row yet), so `p` is stale here and only
    // the provider's figures say what to give back.
    const theirs = await provider.retrieve(p.providerRef);
    if (!theirs) return p.status;
    if (theirs.capturedAmount === 0) {
      const status = fromProviderStatus(theirs.status);
      // Voided by an earlier attempt whose own row write never happened (the request died after
      // the provider answered): our row must say so too, or it stays "authorized" for good.
      if (status === "voided" || status === "declined") await setPaymentStatus(db, p.id, ["pending", "authorized"], status);
      return status;
    }
    taken = { captured: theirs.capturedAmount, refunded: theirs.refundedAmount };
  } else if (p.status !== "captured" && p.capturedAmount === 0) {
    return p.status;
  }
  return (await refundRemainder(provider, db, p, `${keyBase}:refund`, taken)).ok ? "refunded" : p.status;
}
