import type { CreditNoteView } from "./credit-note-view";
import { type InvoiceView, type OrderInvoices, readOrderInvoices } from "./read-invoices";

/** A credit note as its invoice names it: enough to find and print it, and what it credits. */
export interface CreditNoteRef {
  id: string;
  number: string;
  credit_note_date: string;
  /** Paise credited, GST included: the invoice's whole amount when it cancels it, less for a part return. */
  amount: number;
}

/** A seller's copy of its invoice: the invoice, and the credit notes that cancelled it (none while it stands). */
export interface SellerInvoiceView extends InvoiceView {
  credit_notes: CreditNoteRef[];
}

// Whose a document is, and its order, in one read: a document of another seller reads as no document.
const OWN_ORDER = {
  invoice: "SELECT order_id AS orderId FROM invoices WHERE id = ?1 AND seller_id = ?2",
  credit_note: `SELECT i.order_id AS orderId FROM credit_notes n JOIN invoices i ON i.id = n.invoice_id
    WHERE n.id = ?1 AND n.seller_id = ?2`,
} as const;

/**
 * The order's documents when `documentId` is the seller's own, read through the order so the
 * seller's copy is drawn exactly as the shopper's is; null for another seller's or a missing one.
 */
async function ownOrderDocuments(
  db: D1Database,
  kind: keyof typeof OWN_ORDER,
  sellerId: string,
  documentId: string,
): Promise<OrderInvoices | null> {
  const own = await db.prepare(OWN_ORDER[kind]).bind(documentId, sellerId).first<{ orderId: string }>();
  return own ? readOrderInvoices(db, own.orderId) : null;
}

/**
 * One of the seller's own tax invoices, as the order's shopper reads it, with the credit notes that
 * cancelled it; null for an invoice that is not theirs (another seller's of the same order too) or does
 * not exist. The invoice states the buyer's name and delivery address, as GST requires, and nothing
 * else of the shopper's.
 */
export async function readSellerInvoice(db: D1Database, sellerId: string, invoiceId: string): Promise<SellerInvoiceView | null> {
  const found = await ownOrderDocuments(db, "invoice", sellerId, invoiceId);
  const invoice = found?.invoices.find((i) => i.id === invoiceId);
  if (!found || !invoice) return null;
  const credit_notes = found.creditNotes
    .filter((n) => n.invoice.id === invoiceId)
    .map(({ id, number, credit_note_date, totals }) => ({ id, number, credit_note_date, amount: totals.amount }));
  return { ...invoice, credit_notes };
}

/** One of the seller's own credit notes, as the order's shopper reads it; null for another seller's or a missing one. */
export async function readSellerCreditNote(db: D1Database, sellerId: string, creditNoteId: string): Promise<CreditNoteView | null> {
  const found = await ownOrderDocuments(db, "credit_note", sellerId, creditNoteId);
  return found?.creditNotes.find((n) => n.id === creditNoteId) ?? null;
}
