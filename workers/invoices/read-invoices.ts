import { amountInWords } from "./amount-in-words";
import type { DocumentLine } from "./credit-lines";
import { type CreditNoteRow, type CreditNoteView, creditNoteView } from "./credit-note-view";
import { istDate } from "./financial-year";
import { gstinState, stateCode } from "./gst-states";
import { isIntraState } from "./place-of-supply";

/** One line of an invoice as the API shows it; money in paise. */
export interface InvoiceLineView {
  listing_id: string;
  title: string;
  hsn: string | null;
  qty: number;
  unit_price: number;
  rate: number;
  taxable_value: number;
  cgst: number;
  sgst: number;
  igst: number;
  amount: number;
}

/** The sums of an invoice's lines, in paise. */
export interface InvoiceTotals {
  taxable_value: number;
  cgst: number;
  sgst: number;
  igst: number;
  tax: number;
  amount: number;
}

/** A tax invoice as the shopper, ops and the printable page read it. */
export interface InvoiceView {
  id: string;
  number: string;
  financial_year: string;
  issued_at: string;
  invoice_date: string;
  order_id: string;
  currency: "INR";
  seller: { id: string; name: string; gstin: string; state: string | null; state_code: string };
  buyer: { name: string; address: Record<string, string> };
  place_of_supply: { state: string; state_code: string | null };
  supply: "intra_state" | "inter_state";
  lines: InvoiceLineView[];
  totals: InvoiceTotals;
  amount_in_words: string;
}

interface InvoiceRow {
  id: string;
  number: string;
  financialYear: string;
  issuedAt: string;
  sellerId: string;
  sellerName: string;
  sellerGstin: string;
  placeOfSupply: string;
}

/** A stored line of an invoice or a credit note; `invoiceId` names the document it belongs to. */
type LineRow = DocumentLine & { invoiceId: string };

/** An order's tax documents: its invoices, and the credit notes cancelling them once it was refunded. */
export interface OrderInvoices {
  owner: string;
  invoices: InvoiceView[];
  creditNotes: CreditNoteView[];
}

/** An order's invoices and credit notes, and whose order it is (callers decide who may see them); null for no such order. */
export async function readOrderInvoices(db: D1Database, orderId: string): Promise<OrderInvoices | null> {
  const [order, heads, lines, credits, creditedLines] = await db.batch([
    db.prepare("SELECT user_id AS owner, address FROM orders WHERE id = ?").bind(orderId),
    db
      .prepare(
        `SELECT id, number, financial_year AS financialYear, issued_at AS issuedAt, seller_id AS sellerId, seller_name AS sellerName,
           seller_gstin AS sellerGstin, place_of_supply AS placeOfSupply
         FROM invoices WHERE order_id = ? ORDER BY seller_name, id`,
      )
      .bind(orderId),
    db
      .prepare(
        `SELECT l.invoice_id AS invoiceId, l.listing_id AS listingId, l.title, l.hsn, l.qty, l.unit_price AS unitPrice, l.rate,
           l.taxable, l.cgst, l.sgst, l.igst
         FROM invoices i JOIN invoice_lines l ON l.invoice_id = i.id WHERE i.order_id = ? ORDER BY l.invoice_id, l.line_no`,
      )
      .bind(orderId),
    db
      .prepare(
        `SELECT n.id, n.invoice_id AS invoiceId, n.number, n.financial_year AS financialYear, n.issued_at AS issuedAt, n.reason
         FROM invoices i JOIN credit_notes n ON n.invoice_id = i.id WHERE i.order_id = ?`,
      )
      .bind(orderId),
    db
      .prepare(
        `SELECT l.credit_note_id AS invoiceId, l.listing_id AS listingId, l.title, l.hsn, l.qty, l.unit_price AS unitPrice, l.rate,
           l.taxable, l.cgst, l.sgst, l.igst
         FROM invoices i JOIN credit_notes n ON n.invoice_id = i.id JOIN credit_note_lines l ON l.credit_note_id = n.id
         WHERE i.order_id = ? ORDER BY l.credit_note_id, l.line_no`,
      )
      .bind(orderId),
  ]);
  const row = order?.results[0] as { owner: string; address: string } | undefined;
  if (!row) return null;
  const address = JSON.parse(row.address) as Record<string, string>;
  const allLines = (lines?.results ?? []) as LineRow[];
  const invoices = ((heads?.results ?? []) as InvoiceRow[]).map((h) =>
    invoiceView(
      h,
      allLines.filter((l) => l.invoiceId === h.id),
      orderId,
      address,
    ),
  );
  const creditRows = (credits?.results ?? []) as CreditNoteRow[];
  const noteLines = (creditedLines?.results ?? []) as LineRow[];
  // In their invoices' order: at most one per invoice.
  const creditNotes = invoices.flatMap((i) => {
    const n = creditRows.find((r) => r.invoiceId === i.id);
    if (!n) return [];
    const own = noteLines.filter((l) => l.invoiceId === n.id);
    // A note issued without lines of its own (by a release before they were kept) cancelled its invoice in full.
    return [creditNoteView(n, i, own.length > 0 ? documentLines(own) : null)];
  });
  return { owner: row.owner, invoices, creditNotes };
}

/** A document's lines as the API shows them, with their sums and the amount in words. */
function documentLines(rows: readonly LineRow[]): Pick<InvoiceView, "lines" | "totals" | "amount_in_words"> {
  const lines = rows.map((l) => ({
    listing_id: l.listingId,
    title: l.title,
    hsn: l.hsn,
    qty: l.qty,
    unit_price: l.unitPrice,
    rate: l.rate,
    taxable_value: l.taxable,
    cgst: l.cgst,
    sgst: l.sgst,
    igst: l.igst,
    amount: l.taxable + l.cgst + l.sgst + l.igst,
  }));
  const sum = (pick: (l: InvoiceLineView) => number) => lines.reduce((s, l) => s + pick(l), 0);
  const totals = {
    taxable_value: sum((l) => l.taxable_value),
    cgst: sum((l) => l.cgst),
    sgst: sum((l) => l.sgst),
    igst: sum((l) => l.igst),
    tax: sum((l) => l.cgst + l.sgst + l.igst),
    amount: sum((l) => l.amount),
  };
  return { lines, totals, amount_in_words: amountInWords(totals.amount) };
}

function invoiceView(h: InvoiceRow, rows: LineRow[], orderId: string, address: Record<string, string>): InvoiceView {
  return {
    id: h.id,
    number: h.number,
    financial_year: h.financialYear,
    issued_at: h.issuedAt,
    invoice_date: istDate(h.issuedAt),
    order_id: orderId,
    currency: "INR",
    seller: {
      id: h.sellerId,
      name: h.sellerName,
      gstin: h.sellerGstin,
      state: gstinState(h.sellerGstin)?.name ?? null,
      state_code: h.sellerGstin.slice(0, 2),
    },
    buyer: { name: address.name ?? "", address },
    place_of_supply: { state: h.placeOfSupply, state_code: stateCode(h.placeOfSupply) },
    supply: isIntraState(h.sellerGstin, h.placeOfSupply) ? "intra_state" : "inter_state",
    ...documentLines(rows),
  };
}
