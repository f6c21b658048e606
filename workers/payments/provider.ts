/** Payment methods shoppers can choose at checkout. */
export const PAYMENT_METHODS = ["upi", "card", "netbanking", "cod"] as const;

/** One of the supported payment methods. */
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** A payment's state as the provider sees it. */
export type ProviderStatus = "requires_action" | "authorized" | "declined" | "captured" | "voided" | "refunded";

/** What the provider holds for one payment: the figures reconciliation compares against ours. */
export interface ProviderPayment {
  ref: string;
  merchantRef: string;
  method: PaymentMethod;
  status: ProviderStatus;
  amount: number;
  capturedAmount: number;
  refundedAmount: number;
  /** Where the hosted page sends the shopper back to. */
  returnUrl: string;
  /** When the payment was opened: at checkout, just before the order was written. */
  createdAt: string;
  updatedAt: string;
}

/**
 * A place in the provider's feed of changed payments, which runs in (updatedAt, ref) order: the
 * ref breaks ties between payments changed at the same instant, so a page never repeats or skips one.
 */
export interface ChangeCursor {
  updatedAt: string;
  ref: string;
}

/** The answer to an authorize call: either done at once (COD), declined, or waiting on the shopper at `redirectUrl`. */
export interface AuthorizeResult {
  ref: string;
  status: ProviderStatus;
  /** What the payment is for: a repeated key answers with the first call's amount, whatever this one asked. */
  amount: number;
  redirectUrl: string | null;
}

/** The outcome of capture, void or refund; `ok: false` carries the provider's reason. */
export type OperationResult = { ok: true; status: ProviderStatus } | { ok: false; reason: string };

/**
 * What the storefront needs from a payment provider. Every mutating call carries its own
 * idempotency key (derived from the saga id and the step), and a repeated key returns the first
 * answer without acting again, so a replayed saga step never charges twice.
 */
export interface PaymentProvider {
  readonly name: string;
  authorize(input: {
    key: string;
    merchantRef: string;
    amount: number;
    method: PaymentMethod;
    returnUrl: string;
  }): Promise<AuthorizeResult>;
  capture(input: { key: string; ref: string; amount: number }): Promise<OperationResult>;
  void(input: { key: string; ref: string }): Promise<OperationResult>;
  refund(input: { key: string; ref: string; amount: number }): Promise<OperationResult>;
  retrieve(ref: string): Promise<ProviderPayment | null>;
  /**
   * Payments the provider changed since `since`, for reconciliation: at most `limit`, oldest change
   * first, and only those after `after` when given.
   */
  changedSince(since: string, limit: number, after?: ChangeCursor): Promise<ProviderPayment[]>;
}
