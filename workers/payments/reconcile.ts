import { PAYMENT_WINDOW_MS } from "../checkout/payment-window";
import { ALIVE_LOOK_MS } from "../checkout/saga-watch";
import { fromProviderStatus, paymentProvider } from "./payment-actions";
import type { ProviderPayment } from "./provider";
import { nextCursor, readCursor, saveCursor } from "./reconcile-cursor";

/** One difference between the provider's record and ours. */
export interface Mismatch {
  paymentId: string;
  kind: "status" | "captured_amount" | "refunded_amount" | "missing_at_provider" | "unknown_to_us";
  ours: string;
  theirs: string;
}

/** Our side of a payment, as reconciliation compares it. */
interface OurPayment {
  id: string;
  orderId: string;
  ref: string | null;
  status: string;
  captured: number;
  refunded: number;
  updatedAt: string;
}

const SELECT_OURS = `SELECT id, order_id AS orderId, provider_ref AS ref, status, captured_amount AS captured,
  refunded_amount AS refunded, updated_at AS updatedAt FROM payments`;

/**
 * How long a payment may stay pending on our side once the provider has settled it before ops hear
 * of it. The saga moves it on the webhook, or at the latest when its payment window runs out; a saga
 * that died meanwhile is restarted by the resume cron's next look, which comes ALIVE_LOOK_MS after
 * the saga was seen alive. Past both, nothing is going to move the payment.
 */
export const SETTLED_WHILE_PENDING_MS = PAYMENT_WINDOW_MS + ALIVE_LOOK_MS;

/**
 * Whether a payment still pending on our side that the provider settled is only the saga not having
 * caught up yet. The two have disagreed since the later of the sides' last changes.
 */
export function sagaCatchingUp(oursUpdatedAt: string, theirsUpdatedAt: string, now: number): boolean {
  return now - Math.max(Date.parse(oursUpdatedAt), Date.parse(theirsUpdatedAt)) <= SETTLED_WHILE_PENDING_MS;
}

/** Every way the provider's record of a payment differs from ours, as of `now`. */
function compare(p: OurPayment, theirs: ProviderPayment, now: number): Mismatch[] {
  const found: Mismatch[] = [];
  const status = fromProviderStatus(theirs.status);
  // A shopper mid-payment is the one legitimate lag: the webhook may simply not have arrived yet.
  const lag =
    p.status === "pending" && (status === "authorized" || status === "declined") && sagaCatchingUp(p.updatedAt, theirs.updatedAt, now);
  if (status !== p.status && !lag) {
    found.push({ paymentId: p.id, kind: "status", ours: p.status, theirs: status });
  }
  if (theirs.capturedAmount !== p.captured)
    found.push({ paymentId: p.id, kind: "captured_amount", ours: String(p.captured), theirs: String(theirs.capturedAmount) });
  if (theirs.refundedAmount !== p.refunded)
    found.push({ paymentId: p.id, kind: "refunded_amount", ours: String(p.refunded), theirs: String(theirs.refundedAmount) });
  return found;
}

/** How far back each run looks; payments settle well inside this. */
const WINDOW_MS = 48 * 3600_000;

/**
 * Compares the provider's records with the payments table for payments either side changed over
 * the recent window, and reports every mismatch: logged, and upserted into payment_mismatches for
 * ops. A payment that matches again has its earlier mismatches marked resolved. Each run compares
 * at most `limit` of ours, most recently changed first (where a difference is likeliest), and the
 * next `limit` of the provider's changes after where the last run stopped (see reconcile-cursor),
 * so on a busy day every change is still compared within a few runs. Returns the mismatches found
 * this run.
 */
export async function reconcilePayments(env: Env, limit = 500): Promise<Mismatch[]> {
  const db = env.DB;
  const now = Date.now();
  const since = new Date(now - WINDOW_MS).toISOString();
  const provider = paymentProvider(env, "");
  const { results: ours } = await db
    .prepare(`${SELECT_OURS} WHERE updated_at >= ? ORDER BY updated_at DESC LIMIT ?`)
    .bind(since, limit)
    .all<OurPayment>();
  const found: Mismatch[] = [];
  const clean: string[] = [];
  const check = (p: OurPayment, theirs: ProviderPayment) => {
    const differences = compare(p, theirs, now);
    found.push(...differences);
    if (differences.length === 0) clean.push(p.id);
  };
  for (const p of ours) {
    let theirs: ProviderPayment | null;
    try {
      theirs = p.ref ? await provider.retrieve(p.ref) : null;
    } catch (err) {
      // One payment the provider cannot answer for must not stop the check of all the others.
      console.error(JSON.stringify({ level: "warn", message: "payment not reconciled", paymentId: p.id, error: String(err) }));
      continue;
    }
    if (!theirs) found.push({ paymentId: p.id, kind: "missing_at_provider", ours: p.status, theirs: "none" });
    else check(p, theirs);
  }
  const known = new Set(ours.map((p) => p.orderId));
  const changes = await provider.changedSince(since, limit, (await readCursor(db, provider.name)) ?? undefined);
  for (const theirs of changes) {
    if (known.has(theirs.merchantRef)) continue;
    // A payment quiet on our side for longer than the window can still move on the provider's (a
    // refund or a capture made there): it is compared as closely as the ones we changed lately.
    const row = await db.prepare(`${SELECT_OURS} WHERE provider_ref = ?`).bind(theirs.ref).first<OurPayment>();
    if (row) check(row, theirs);
    else found.push({ paymentId: `provider:${theirs.ref}`, kind: "unknown_to_us", ours: "none", theirs: theirs.status });
  }
  const at = new Date(now).toISOString();
  const statements = [
    ...found.map((m) =>
      db
        .prepare(
          `INSERT INTO payment_mismatches (payment_id, kind, ours, theirs, detected_at) VALUES (?1, ?2, ?3, ?4, ?5)
           ON CONFLICT (payment_id, kind) DO UPDATE SET ours = excluded.ours, theirs = excluded.theirs, resolved_at = NULL`,
        )
        .bind(m.paymentId, m.kind, m.ours, m.theirs, at),
    ),
    ...clean.map((id) =>
      db.prepare("UPDATE payment_mismatches SET resolved_at = ?1 WHERE payment_id = ?2 AND resolved_at IS NULL").bind(at, id),
    ),
    // Saved with what the run found, so a run that failed before reporting is done again.
    saveCursor(db, provider.name, nextCursor(changes, limit)),
  ];
  for (let i = 0; i < statements.length; i += 100) await db.batch(statements.slice(i, i + 100));
  for (const m of found) console.error(JSON.stringify({ level: "warn", message: "payment mismatch", ...m }));
  return found;
}
