import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * The sandbox payment provider's own records. They stand in for what a real provider keeps on
 * its side, so the storefront only reaches them through the PaymentProvider interface.
 */
export const pspPayments = sqliteTable(
  "psp_payments",
  {
    ref: text("ref").primaryKey(),
    merchantRef: text("merchant_ref").notNull(),
    method: text("method").notNull(),
    status: text("status", { enum: ["requires_action", "authorized", "declined", "captured", "voided", "refunded"] }).notNull(),
    amount: integer("amount").notNull(),
    capturedAmount: integer("captured_amount").notNull().default(0),
    refundedAmount: integer("refunded_amount").notNull().default(0),
    returnUrl: text("return_url").notNull(),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [index("psp_payments_merchant_idx").on(t.merchantRef), index("psp_payments_updated_idx").on(t.updatedAt)],
);

/** One row per provider API call made under an idempotency key; a repeated key returns the stored result. */
export const pspOperations = sqliteTable("psp_operations", {
  key: text("key").primaryKey(),
  op: text("op", { enum: ["authorize", "capture", "void", "refund"] }).notNull(),
  ref: text("ref").notNull(),
  result: text("result").notNull(),
  createdAt: text("created_at").notNull(),
});

/** Failure injection for tests and rehearsals: one row per setting, read on every sandbox call. */
export const pspSettings = sqliteTable("psp_settings", {
  name: text("name").primaryKey(),
  value: integer("value").notNull(),
});

/** Mismatches the reconciliation job found between the provider's records and the payments table. */
export const paymentMismatches = sqliteTable(
  "payment_mismatches",
  {
    paymentId: text("payment_id").notNull(),
    kind: text("kind").notNull(),
    ours: text("ours").notNull(),
    theirs: text("theirs").notNull(),
    detectedAt: text("detected_at").notNull(),
    resolvedAt: text("resolved_at"),
  },
  (t) => [primaryKey({ columns: [t.paymentId, t.kind] })],
);

/**
 * Where reconciliation stopped in each provider's feed of changed payments: the last change it
 * compared. On a day with more changes than one run compares, the next run goes on from here
 * instead of from the oldest again; no row means start from the oldest change in the window.
 */
export const reconcileCursor = sqliteTable("reconcile_cursor", {
  provider: text("provider").primaryKey(),
  updatedAt: text("updated_at").notNull(),
  ref: text("ref").notNull(),
});
