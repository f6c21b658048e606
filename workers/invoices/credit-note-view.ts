import { istDate } from "./financial-year";
import type { CreditNoteReason } from "./issue-credit-notes";
import type { InvoiceView } from "./read-invoices";

/** A credit note as the shopper, ops and the printable page read it: its invoice's parties, lines and amounts, credited. */
export interface CreditNoteView extends Omit<InvoiceView, "invoice_date"> {
  credit_note_date: string;
  reason: CreditNoteReason;
  /** The invoice it cancels, as the credit note must name it. */
  invoice: { id: string; number: string; invoice_date: string };
}

/** A credit note's own row. */
export interface CreditNoteRow {
  id: string;
  invoiceId: string;
  number: string;
  financialYear: string;
  issuedAt: string;
  reason: CreditNoteReason;
}

/**
 * The credit note `row` makes of the invoice it cancels, with the lines it cancels (null: all of the
 * invoice's, as a full reversal has them exactly). Parties, place of supply and the split are the invoice's.
 */
export function creditNoteView(
  row: CreditNoteRow,
  invoice: InvoiceView,
  lines: Pick<InvoiceView, "lines" | "totals" | "amount_in_words"> | null,
): CreditNoteView {
  const { invoice_date, ...credited } = invoice;
  return {
    ...credited,
    ...(lines ?? {}),
    id: row.id,
    number: row.number,
    financial_year: row.financialYear,
    issued_at: row.issuedAt,
    credit_note_date: istDate(row.issuedAt),
    reason: row.reason,
    invoice: { id: invoice.id, number: invoice.number, invoice_date },
  };
}
