import type { PaymentProvider } from "../payments/provider";
import { AppError } from "../platform/errors";
import { nowIso } from "../platform/time";
import { type LineHold, undoLine } from "./holds";

/**
 * A checkout request that fails before its order is written frees its Idempotency-Key, and a retry
 * with that key derives the same saga id, hence the same hold refs and the same authorization key.
 * Whatever the earlier attempt left under those keys is reused only when it is exactly what this
 * attempt needs and still live (the retry of a request that died halfway converges on one order).
 * Anything else cannot be reused, since a keyed reserve or authorize answers with the first
 * quantity or amount: a changed cart would be recorded at one figure and held or charged at
 * another. The attempt is then given back whole and the shopper asked for a new key.
 */

/** Thrown when the key's earlier attempt cannot be reused; what it held has been given back. */
export function keySpent(): AppError {
  return new AppError("idempotency_spent", "This checkout was interrupted and has been undone; please place the order again.");
}

interface EarlierHold {
  ref: string;
  listingId: string;
  qty: number;
  status: string;
  expiresAt: string;
}

/** Ledger holds taken under this saga's refs (`holdRef` prefixes every normal SKU's with `<saga>:reserve:`). */
async function earlierHolds(db: D1Database, sagaId: string): Promise<EarlierHold[]> {
  const prefix = `${sagaId}:reserve:`;
  // A range on the unique ref index rather than LIKE, which SQLite does not serve from an index here.
  const { results } = await db
    .prepare(
      "SELECT ref, sku_id AS listingId, qty, status, expires_at AS expiresAt FROM inventory_reservations WHERE ref >= ?1 AND ref < ?2",
    )
    .bind(prefix, `${sagaId}:reserve;`)
    .all<EarlierHold>();
  return results;
}

/**
 * Checks the holds an earlier attempt with this key left against the lines this attempt needs.
 * When any differs (another listing or quantity, or no longer held), gives back every one of them
 * and this attempt's deal holds, and throws `keySpent`.
 */
export async function reuseEarlierHolds(env: Env, sagaId: string, holds: LineHold[]): Promise<void> {
  const wanted = new Map(holds.map((h) => [h.ref, h]));
  const earlier = await earlierHolds(env.DB, sagaId);
  const now = nowIso();
  // A hold past its expiry the sweeper has not reached yet is as good as gone: its commit would be refused.
  const reusable = earlier.every(
    (e) => e.status === "held" && e.expiresAt > now && wanted.get(e.ref)?.qty === e.qty && wanted.get(e.ref)?.listingId === e.listingId,
  );
  if (reusable) return;
  const orderId = holds[0]?.orderId ?? "";
  await giveBack(env, [
    ...earlier.map((e) => ({ orderId, listingId: e.listingId, qty: e.qty, ref: e.ref, dealId: null })),
    ...holds.filter((h) => h.dealId),
  ]);
  throw keySpent();
}

/**
 * Gives back what a failed attempt took: its holds (a deal hold only if this order claimed it)
 * and, when it got that far, its authorization. Best effort and idempotent: the order may have
 * been written before the error reached us (its holds are its own then), and what a failing
 * database keeps us from giving back here, the retry's checks or the hold's expiry will.
 */
export async function undoFailedAttempt(
  env: Env,
  orderId: string,
  holds: LineHold[],
  auth: { provider: PaymentProvider; ref: string; key: string } | null,
): Promise<void> {
  try {
    if (await env.DB.prepare("SELECT 1 FROM orders WHERE id = ?").bind(orderId).first()) return;
    await giveBack(env, holds);
    if (auth) await auth.provider.void({ key: auth.key, ref: auth.ref });
  } catch (err) {
    console.error(JSON.stringify({ level: "error", message: "could not undo a failed checkout attempt", orderId, error: String(err) }));
  }
}

async function giveBack(env: Env, holds: LineHold[]): Promise<void> {
  await Promise.all(holds.map((h) => undoLine(env, h, "checkout attempt undone")));
}
