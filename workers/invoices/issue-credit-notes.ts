import { newId } from "../platform/ids";
import { documentNumberSql } from "./document-number";
import { financialYearOf } from "./financial-year";

/** Why an invoice was cancelled: the shopper's return was accepted, or ops refunded the order on their own. */
export const CREDIT_NOTE_REASONS = ["return_accepted", "refunded_by_ops"] as const;

/** One reason for a credit note. */
export type CreditNoteReason = (typeof CREDIT_NOTE_REASONS)[number];

/** Each reason as the printed credit note states it. */
export const CREDIT_NOTE_REASON_WORDS: Readonly<Record<CreditNoteReason, string>> = {
  return_accepted: "Goods returned: the return was accepted and the order refunded in full",
  refunded_by_ops: "The order was refunded in full",
};

/** An invoice a refund cancels, as issuing reads it before the refund's batch. */
export interface InvoiceToCredit {
  id: string;
  sellerId: string;
  sellerName: string;
}

/** The invoices of an order, all of which a full refund cancels; none for an order that never shipped. */
export async function invoicesToCredit(db: D1Database, orderId: string): Promise<InvoiceToCredit[]> {
  const { results } = await db
    .prepare("SELECT id, seller_id AS sellerId, seller_name AS sellerName FROM invoices WHERE order_id = ? ORDER BY id")
    .bind(orderId)
    .all<InvoiceToCredit>();
  return results;
}

// A credit note is issued only by the batch that refunds the order, and only once per invoice: the order
// is refunded by the time these run (the batch's status UPDATE comes first) and the invoice is not
// cancelled yet. A batch whose UPDATE missed, or a repeat, so issues nothing and takes no number. An
// order whose returned goods came back since (return_received) was refunded too: the invoicing
// backfill credits such an order that shipped before invoicing existed.
const ISSUABLE = `(SELECT status FROM orders WHERE id = ?1) IN ('refunded', 'return_received')
  AND NOT EXISTS (SELECT 1 FROM credit_notes WHERE invoice_id = ?2)`;

/**
 * The statements issuing one credit note per invoice at `at`, to run in the batch that moves the order
 * to refunded. As with invoices, each seller's number is taken by one upsert on its counter for the
 * financial year of `at`, inside the batch, so concurrent refunds get consecutive numbers and a batch
 * that fails takes none. Numbers read "CN26-27/000042" (see document-number.ts for why and how far).
 */
export function creditNoteStatements(
  db: D1Database,
  orderId: string,
  invoices: readonly InvoiceToCredit[],
  reason: CreditNoteReason,
  at: string,
): D1PreparedStatement[] {
  const year = financialYearOf(at);
  return invoices.flatMap((inv) => [
    db
      .prepare(
        `INSERT INTO credit_note_counters (seller_id, financial_year, last_seq) SELECT ?3, ?4, 1 WHERE ${ISSUABLE}
         ON CONFLICT (seller_id, financial_year) DO UPDATE SET last_seq = last_seq + 1`,
      )
      .bind(orderId, inv.id, inv.sellerId, year),
    db
      .prepare(
        `INSERT INTO credit_notes (id, invoice_id, seller_id, financial_year, seq, number, issued_at, reason)
         SELECT ?5, ?2, ?3, ?4, c.last_seq, ${documentNumberSql("credit_note", "?4", "c.last_seq")}, ?6, ?7
         FROM credit_note_counters c WHERE c.seller_id = ?3 AND c.financial_year = ?4 AND ${ISSUABLE}`,
      )
      .bind(orderId, inv.id, inv.sellerId, year, newId("cn"), at, reason),
  ]);
}

/**
 * The statement that leaves a refunded order's credit notes owed: the order is flagged for the minute
 * cron's invoicing backfill (backfill.ts), which issues them, dated when the order was refunded, once
 * its sellers' series have numbers to give. Only an order that is refunded is flagged.
 */
export function creditNotesOwedStatement(db: D1Database, orderId: string): D1PreparedStatement {
  return db.prepare("UPDATE orders SET invoices_owed = 1 WHERE id = ?1 AND status IN ('refunded', 'return_received')").bind(orderId);
}
