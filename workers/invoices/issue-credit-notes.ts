import { newId } from "../platform/ids";
import { type DocumentLine, creditLines, lineRowsJson } from "./credit-lines";
import { documentNumberSql } from "./document-number";
import { financialYearOf } from "./financial-year";
import { isIntraState } from "./place-of-supply";

/**
 * Why an invoice was cancelled: the shopper's return of the whole order was accepted, or the return
 * of part of it (the credit note then cancels only the goods that came back), or ops refunded the
 * order on their own.
 */
export const CREDIT_NOTE_REASONS = ["return_accepted", "part_return_accepted", "refunded_by_ops"] as const;

/** One reason for a credit note. */
export type CreditNoteReason = (typeof CREDIT_NOTE_REASONS)[number];

/** Each reason as the printed credit note states it. */
export const CREDIT_NOTE_REASON_WORDS: Readonly<Record<CreditNoteReason, string>> = {
  return_accepted: "Goods returned: the return was accepted and the order refunded in full",
  part_return_accepted: "Goods returned: the return of part of the order was accepted and those goods refunded",
  refunded_by_ops: "The order was refunded in full",
};

/** An invoice a refund cancels, as issuing reads it before the refund's batch, with the lines it cancels. */
export interface InvoiceToCredit {
  id: string;
  sellerId: string;
  sellerName: string;
  lines: DocumentLine[];
}

/**
 * The invoices of an order a refund cancels, each with the lines it cancels: every invoice in full when
 * `returned` is null (a full refund), else the units `returned` names per listing, and only the
 * invoices of the sellers whose goods came back. None for an order that never shipped.
 */
export async function invoicesToCredit(
  db: D1Database,
  orderId: string,
  returned: ReadonlyMap<string, number> | null,
): Promise<InvoiceToCredit[]> {
  const [heads, lines] = await db.batch([
    db
      .prepare(
        `SELECT id, seller_id AS sellerId, seller_name AS sellerName, seller_gstin AS sellerGstin, place_of_supply AS placeOfSupply
         FROM invoices WHERE order_id = ? ORDER BY id`,
      )
      .bind(orderId),
    db
      .prepare(
        `SELECT l.invoice_id AS invoiceId, l.listing_id AS listingId, l.title, l.hsn, l.qty, l.unit_price AS unitPrice, l.rate,
           l.taxable, l.cgst, l.sgst, l.igst
         FROM invoices i JOIN invoice_lines l ON l.invoice_id = i.id WHERE i.order_id = ? ORDER BY l.invoice_id, l.line_no`,
      )
      .bind(orderId),
  ]);
  const all = (lines?.results ?? []) as Array<DocumentLine & { invoiceId: string }>;
  type Head = { id: string; sellerId: string; sellerName: string; sellerGstin: string; placeOfSupply: string };
  return ((heads?.results ?? []) as Head[]).flatMap((h) => {
    const invoiced = all.filter((l) => l.invoiceId === h.id).map(({ invoiceId: _, ...l }) => l);
    const credited = creditLines(invoiced, returned, isIntraState(h.sellerGstin, h.placeOfSupply));
    return credited.length === 0 ? [] : [{ id: h.id, sellerId: h.sellerId, sellerName: h.sellerName, lines: credited }];
  });
}

// A credit note is issued only by the batch that refunds the order, and only once per invoice: the order
// is refunded by the time these run (the batch's status UPDATE comes first) and the invoice is not
// cancelled yet. A batch whose UPDATE missed, or a repeat, so issues nothing and takes no number. An
// order whose returned goods came back since (return_received) was refunded too: the invoicing
// backfill credits such an order that shipped before invoicing existed.
const ISSUABLE = `(SELECT status FROM orders WHERE id = ?1) IN ('refunded', 'return_received')
  AND NOT EXISTS (SELECT 1 FROM credit_notes WHERE invoice_id = ?2)`;

/**
 * The statements issuing one credit note per invoice at `at`, with the lines it cancels, to run in the
 * batch that moves the order to refunded. As with invoices, each seller's number is taken by one upsert
 * on its counter for the financial year of `at`, inside the batch, so concurrent refunds get consecutive
 * numbers and a batch that fails takes none. Numbers read "CN26-27/000042" (see document-number.ts for
 * why and how far).
 */
export function creditNoteStatements(
  db: D1Database,
  orderId: string,
  invoices: readonly InvoiceToCredit[],
  reason: CreditNoteReason,
  at: string,
): D1PreparedStatement[] {
  const year = financialYearOf(at);
  return invoices.flatMap((inv) => {
    const id = newId("cn");
    return [
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
        .bind(orderId, inv.id, inv.sellerId, year, id, at, reason),
      // Only the batch that issued the note writes its lines: its id is new to this batch.
      db
        .prepare(
          `INSERT INTO credit_note_lines (credit_note_id, line_no, listing_id, title, qty, unit_price, rate, taxable, cgst, sgst, igst, hsn)
         SELECT ?1, j.key + 1, j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4,
           j.value ->> 5, j.value ->> 6, j.value ->> 7, j.value ->> 8, j.value ->> 9
         FROM json_each(?2) j WHERE EXISTS (SELECT 1 FROM credit_notes WHERE id = ?1)`,
        )
        .bind(id, lineRowsJson(inv.lines)),
    ];
  });
}

/**
 * The statement that leaves a refunded order's credit notes owed: the order is flagged for the minute
 * cron's invoicing backfill (backfill.ts), which issues them, dated when the order was refunded, once
 * its sellers' series have numbers to give. Only an order that is refunded is flagged.
 */
export function creditNotesOwedStatement(db: D1Database, orderId: string): D1PreparedStatement {
  return db.prepare("UPDATE orders SET invoices_owed = 1 WHERE id = ?1 AND status IN ('refunded', 'return_received')").bind(orderId);
}
