import { paymentWindowOver } from "../../checkout/payment-window";
import { sha256Hex } from "../../platform/ids";
import { nowIso } from "../../platform/time";
import type {
  AuthorizeResult,
  ChangeCursor,
  OperationResult,
  PaymentMethod,
  PaymentProvider,
  ProviderPayment,
  ProviderStatus,
} from "../provider";
import { SELECT_SETTINGS, type SandboxSettings, type SettingRow, injectLatency, settingsFrom } from "./settings";

/** The provider name stored on payments made through the sandbox. */
export const SANDBOX_PROVIDER = "sandbox";

const SELECT_PAYMENT = `SELECT ref, merchant_ref AS merchantRef, method, status, amount, captured_amount AS capturedAmount,
  refunded_amount AS refundedAmount, return_url AS returnUrl, created_at AS createdAt, updated_at AS updatedAt FROM psp_payments`;

type Op = "capture" | "void" | "refund";

/**
 * The built-in sandbox payment provider. Its records live in its own D1 tables (psp_*), which
 * only this module touches, so swapping in a real provider changes nothing else. Every call is
 * idempotent under its key: the operation row and the state change are one batch, and a
 * repeated key returns the first answer.
 */
export class SandboxProvider implements PaymentProvider {
  readonly name = SANDBOX_PROVIDER;

  constructor(
    private readonly db: D1Database,
    /** Origin the hosted payment page is served from (the storefront's own, under /psp-sandbox/). */
    private readonly origin: string,
  ) {}

  async authorize(input: {
    key: string;
    merchantRef: string;
    amount: number;
    method: PaymentMethod;
    returnUrl: string;
  }): Promise<AuthorizeResult> {
    // The ref is derived from the key, so a replayed authorize lands on the same row.
    const ref = `psp_${(await sha256Hex(`authorize\n${input.key}`)).slice(0, 24)}`;
    // Cash on delivery needs no shopper action: it is authorized at once and captured at delivery.
    const status: ProviderStatus = input.method === "cod" ? "authorized" : "requires_action";
    const now = nowIso();
    // One round trip: the writes, then the row as it now stands and the injected faults.
    const [, , current, settings] = await this.db.batch([
      this.db
        .prepare(
          `INSERT INTO psp_payments (ref, merchant_ref, method, status, amount, return_url, created_at, updated_at)
           VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7) ON CONFLICT (ref) DO NOTHING`,
        )
        .bind(ref, input.merchantRef, input.method, status, input.amount, input.returnUrl, now),
      this.db
        .prepare(
          "INSERT INTO psp_operations (key, op, ref, result, created_at) VALUES (?1, 'authorize', ?2, '', ?3) ON CONFLICT (key) DO NOTHING",
        )
        .bind(input.key, ref, now),
      this.db.prepare("SELECT status, amount FROM psp_payments WHERE ref = ?").bind(ref),
      this.db.prepare(SELECT_SETTINGS),
    ]);
    await injectLatency(settingsFrom(settings?.results as SettingRow[] | undefined));
    const stored = (current?.results[0] as { status: ProviderStatus; amount: number } | undefined) ?? { status, amount: input.amount };
    return {
      ref,
      status: stored.status,
      amount: stored.amount,
      redirectUrl: stored.status === "requires_action" ? `${this.origin}/psp-sandbox/pay/${ref}` : null,
    };
  }

  capture(input: { key: string; ref: string; amount: number }): Promise<OperationResult> {
    return this.once(input.key, "capture", input.ref, {
      sql: `UPDATE psp_payments SET status = 'captured', captured_amount = ?2, updated_at = ?3
            WHERE ref = ?1 AND status = 'authorized' AND ?2 <= amount AND changes() = 1`,
      args: [input.amount],
      refusal: "only an authorized payment can be captured, for at most the authorized amount",
    });
  }

  void(input: { key: string; ref: string }): Promise<OperationResult> {
    return this.once(input.key, "void", input.ref, {
      sql: `UPDATE psp_payments SET status = 'voided', updated_at = ?3
            WHERE ref = ?1 AND status IN ('requires_action', 'authorized') AND changes() = 1`,
      args: [0],
      refusal: "only an uncaptured payment can be voided",
    });
  }

  refund(input: { key: string; ref: string; amount: number }): Promise<OperationResult> {
    return this.once(input.key, "refund", input.ref, {
      sql: `UPDATE psp_payments SET refunded_amount = refunded_amount + ?2,
              status = CASE WHEN refunded_amount + ?2 >= captured_amount THEN 'refunded' ELSE status END, updated_at = ?3
            WHERE ref = ?1 AND status = 'captured' AND refunded_amount + ?2 <= captured_amount AND changes() = 1`,
      args: [input.amount],
      refusal: "only captured money can be refunded, up to what was captured",
    });
  }

  async retrieve(ref: string): Promise<ProviderPayment | null> {
    return (await this.db.prepare(`${SELECT_PAYMENT} WHERE ref = ?`).bind(ref).first<ProviderPayment>()) ?? null;
  }

  async changedSince(since: string, limit: number, after?: ChangeCursor): Promise<ProviderPayment[]> {
    // With no cursor, ('', '') sorts before every change.
    const { results } = await this.db
      .prepare(
        `${SELECT_PAYMENT} WHERE updated_at >= ?1 AND (updated_at > ?2 OR (updated_at = ?2 AND ref > ?3))
         ORDER BY updated_at, ref LIMIT ?4`,
      )
      .bind(since, after?.updatedAt ?? "", after?.ref ?? "", limit)
      .all<ProviderPayment>();
    return results;
  }

  /**
   * Runs a state change at most once per key, in one round trip: claiming the key, changing the
   * payment (only when the claim inserted), storing the answer (computed from whether the change
   * happened) and reading back the key's answer are one batch. A repeated key therefore reads the
   * first call's answer and changes nothing.
   */
  private async once(key: string, op: Op, ref: string, change: { sql: string; args: [number]; refusal: string }): Promise<OperationResult> {
    const now = nowIso();
    const [, , , stored, settings] = await this.db.batch([
      this.db
        .prepare("INSERT INTO psp_operations (key, op, ref, result, created_at) VALUES (?1, ?2, ?3, '', ?4) ON CONFLICT (key) DO NOTHING")
        .bind(key, op, ref, now),
      this.db.prepare(change.sql).bind(ref, change.args[0], now),
      // changes() here is the payment UPDATE's; the created_at match limits this to the claim just inserted.
      this.db
        .prepare(
          `UPDATE psp_operations SET result = CASE WHEN changes() = 1
             THEN json_object('ok', json('true'), 'status', (SELECT status FROM psp_payments WHERE ref = ?1))
             ELSE json_object('ok', json('false'), 'reason', ?2) END
           WHERE key = ?3 AND result = '' AND created_at = ?4`,
        )
        .bind(ref, change.refusal, key, now),
      this.db.prepare("SELECT result FROM psp_operations WHERE key = ?").bind(key),
      this.db.prepare(SELECT_SETTINGS),
    ]);
    await injectLatency(settingsFrom(settings?.results as SettingRow[] | undefined));
    const result = (stored?.results[0] as { result: string } | undefined)?.result;
    return result ? (JSON.parse(result) as OperationResult) : { ok: false, reason: "unknown payment" };
  }
}

/**
 * Whether the hosted page's time to pay is over for a payment still waiting on the shopper: the
 * store's payment window, counted from when the payment was opened. That is just before the order
 * was written, so the page closes no later than the order's own window, and a payment it takes is
 * never one the checkout would void as too late.
 */
export function hostedTimeUp(payment: ProviderPayment, now: number): boolean {
  return payment.status === "requires_action" && paymentWindowOver(Date.parse(payment.createdAt), now);
}

/** The shopper's decision on the hosted page, after failure injection. */
export type HostedOutcome = "authorized" | "declined";

/**
 * Settles a payment waiting on the shopper; returns the outcome, or null when it was not waiting
 * (already settled, voided because the order was cancelled, or unknown).
 */
export async function settleHostedPayment(db: D1Database, ref: string, outcome: HostedOutcome): Promise<HostedOutcome | null> {
  const res = await db
    .prepare("UPDATE psp_payments SET status = ?1, updated_at = ?2 WHERE ref = ?3 AND status = 'requires_action'")
    .bind(outcome, nowIso(), ref)
    .run();
  return res.meta.changes === 1 ? outcome : null;
}

/** A payment and the injected faults, read in one round trip for the hosted page's form post. */
export async function paymentWithSettings(
  db: D1Database,
  ref: string,
): Promise<{ payment: ProviderPayment | null; settings: SandboxSettings }> {
  const [payment, settings] = await db.batch([db.prepare(`${SELECT_PAYMENT} WHERE ref = ?`).bind(ref), db.prepare(SELECT_SETTINGS)]);
  return {
    payment: (payment?.results[0] as ProviderPayment | undefined) ?? null,
    settings: settingsFrom(settings?.results as SettingRow[] | undefined),
  };
}
