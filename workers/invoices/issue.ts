import { newId } from "../platform/ids";
import { lineRowsJson } from "./credit-lines";
import { documentNumberSql } from "./document-number";
import type { InvoiceDraft } from "./drafts";
import type { OrderStatus } from "../orders/state-machine";
import { financialYearOf } from "./financial-year";

// An invoice is issued only by the batch that ships the order (or, for an order that shipped before
// invoicing, by the backfill), and only once per seller: the order is shipped by the time these run (the
// batch's status UPDATE comes first) and holds no invoice of this seller yet. A batch whose UPDATE missed,
// or a repeat, so issues nothing and takes no number. The statuses come from the closed list of order
// statuses, never from input, so they are written into the statement.
const issuable = (statuses: readonly OrderStatus[]) => `(SELECT status FROM orders WHERE id = ?1) IN (${statuses
  .map((s) => `'${s}'`)
  .join(", ")})
  AND NOT EXISTS (SELECT 1 FROM invoices WHERE order_id = ?1 AND seller_id = ?2)`;

/**
 * The statements issuing `drafts` at `at`, to run in the batch that moves the order to shipped. Each
 * seller's number is taken by one upsert on its counter for the financial year, inside the batch, so
 * concurrent shipments of one seller's orders get consecutive numbers and a batch that fails takes
 * none; the invoice reads the number back from the counter in the same transaction. `issuableIn` is
 * the statuses the order may be in for them to issue: shipped alone, but for the backfill.
 */
export function issueStatements(
  db: D1Database,
  orderId: string,
  drafts: readonly InvoiceDraft[],
  at: string,
  issuableIn: readonly OrderStatus[] = ["shipped"],
): D1PreparedStatement[] {
  const year = financialYearOf(at);
  const ISSUABLE = issuable(issuableIn);
  return drafts.flatMap((d) => {
    const id = newId("inv");
    return [
      db
        .prepare(
          `INSERT INTO invoice_counters (seller_id, financial_year, last_seq) SELECT ?2, ?3, 1 WHERE ${ISSUABLE}
           ON CONFLICT (seller_id, financial_year) DO UPDATE SET last_seq = last_seq + 1`,
        )
        .bind(orderId, d.sellerId, year),
      db
        .prepare(
          `INSERT INTO invoices (id, order_id, seller_id, financial_year, seq, number, issued_at, seller_name, seller_gstin, place_of_supply)
           SELECT ?4, ?1, ?2, ?3, c.last_seq, ${documentNumberSql("invoice", "?3", "c.last_seq")}, ?5, ?6, ?7, ?8
           FROM invoice_counters c WHERE c.seller_id = ?2 AND c.financial_year = ?3 AND ${ISSUABLE}`,
        )
        .bind(orderId, d.sellerId, year, id, at, d.sellerName, d.sellerGstin, d.placeOfSupply),
      db
        .prepare(
          `INSERT INTO invoice_lines (invoice_id, line_no, listing_id, title, qty, unit_price, rate, taxable, cgst, sgst, igst, hsn)
           SELECT ?1, j.key + 1, j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4,
             j.value ->> 5, j.value ->> 6, j.value ->> 7, j.value ->> 8, j.value ->> 9
           FROM json_each(?2) j WHERE EXISTS (SELECT 1 FROM invoices WHERE id = ?1)`,
        )
        .bind(id, lineRowsJson(d.lines)),
    ];
  });
}
