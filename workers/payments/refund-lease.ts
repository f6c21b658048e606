/**
 * One refund at a time per payment. A refund asks the provider for what its figures still lack of
 * the target (`refundUpTo`), which is safe against every retry that comes after an answer, but not
 * against two asks in flight at once: both read the same figures, and under different keys (a
 * minute apart, see `retryableKey`) the provider takes both. Two ops accepting the same return in
 * the same second, or a retry sent while the first try still waits on the provider, would refund
 * the shopper twice. So the refund first leases the payment in D1, by one conditional write, and a
 * second ask while the lease stands is refused before the provider is asked.
 *
 * The lease ends when the refund does, or by itself after `REFUND_LEASE_MS` if the Worker holding
 * it died mid-way; the next refund then finds at the provider whatever the dead one did.
 */

/** Longer than any provider call may take, so a lease never ends under a refund still in flight. */
export const REFUND_LEASE_MS = 2 * 60_000;

/** A lease held: the token that releases it, and when it would end by itself. */
export interface RefundLease {
  token: string;
  until: string;
}

/** Leases the payment for one refund, or says until when another refund holds it. */
export async function takeRefundLease(
  db: D1Database,
  paymentId: string,
  nowMs = Date.now(),
): Promise<{ lease: RefundLease } | { heldUntil: string }> {
  const now = new Date(nowMs).toISOString();
  const lease = { token: crypto.randomUUID(), until: new Date(nowMs + REFUND_LEASE_MS).toISOString() };
  const row = await db
    .prepare(
      `UPDATE payments SET refund_lease = ?1, refund_lease_until = ?2
       WHERE id = ?3 AND (refund_lease_until IS NULL OR refund_lease_until <= ?4)
       RETURNING refund_lease AS token`,
    )
    .bind(lease.token, lease.until, paymentId, now)
    .first<{ token: string }>();
  if (row) return { lease };
  const held = await db
    .prepare("SELECT refund_lease_until AS until FROM payments WHERE id = ?1")
    .bind(paymentId)
    .first<{ until: string | null }>();
  return { heldUntil: held?.until ?? now };
}

/** Ends a lease this refund holds; one that has ended and been taken by another is left alone. */
export async function releaseRefundLease(db: D1Database, paymentId: string, lease: RefundLease): Promise<void> {
  await db
    .prepare("UPDATE payments SET refund_lease = NULL, refund_lease_until = NULL WHERE id = ?1 AND refund_lease = ?2")
    .bind(paymentId, lease.token)
    .run();
}
