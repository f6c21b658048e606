import { integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { orders } from "./orders";

/**
 * The last invoice number each seller took in each financial year. Shipping takes the next one with
 * one upsert in the shipment's own batch, so numbers run without gaps or repeats under concurrency.
 */
export const invoiceCounters = sqliteTable(
  "invoice_counters",
  {
    sellerId: text("seller_id").notNull(),
    /** "2026-27": April to March, in IST. */
    financialYear: text("financial_year").notNull(),
    lastSeq: integer("last_seq").notNull(),
  },
  (t) => [primaryKey({ columns: [t.sellerId, t.financialYear] })],
);

/**
 * One seller's tax invoice for its part of a shipped order, with the seller's tax facts as they were
 * when it was issued. Never changed or deleted: refunding the order issues a credit note against it
 * instead.
 */
export const invoices = sqliteTable(
  "invoices",
  {
    id: text("id").primaryKey(),
    orderId: text("order_id")
      .notNull()
      .references(() => orders.id),
    sellerId: text("seller_id").notNull(),
    financialYear: text("financial_year").notNull(),
    seq: integer("seq").notNull(),
    /** What the invoice is called: "2026-27/000042", unique within the seller's series. */
    number: text("number").notNull(),
    issuedAt: text("issued_at").notNull(),
    sellerName: text("seller_name").notNull(),
    sellerGstin: text("seller_gstin").notNull(),
    /** The state the goods are delivered to, as the tax split was decided on. */
    placeOfSupply: text("place_of_supply").notNull(),
  },
  (t) => [
    // A seller's invoice numbers never repeat within a year, and an order has one invoice per seller.
    uniqueIndex("invoices_seller_seq_uq").on(t.sellerId, t.financialYear, t.seq),
    uniqueIndex("invoices_order_seller_uq").on(t.orderId, t.sellerId),
  ],
);

/**
 * The columns a line of a tax document has, an invoice's or a credit note's, after the document it
 * belongs to: one definition, so the two kinds of line never drift apart. A function, as drizzle
 * binds each column builder to one table.
 */
function documentLineColumns() {
  return {
    lineNo: integer("line_no").notNull(),
    listingId: text("listing_id").notNull(),
    title: text("title").notNull(),
    qty: integer("qty").notNull(),
    /** Per piece, GST included, as sold. */
    unitPrice: integer("unit_price").notNull(),
    /** GST in percent. */
    rate: integer("rate").notNull(),
    /** The HSN code of the goods as their category had it when issued; null on lines issued before codes were kept. */
    hsn: text("hsn"),
    taxable: integer("taxable").notNull(),
    cgst: integer("cgst").notNull(),
    sgst: integer("sgst").notNull(),
    igst: integer("igst").notNull(),
  };
}

/** A line of an invoice, all money in paise: `taxable + cgst + sgst + igst` is the line's price paid. */
export const invoiceLines = sqliteTable(
  "invoice_lines",
  {
    invoiceId: text("invoice_id")
      .notNull()
      .references(() => invoices.id),
    ...documentLineColumns(),
  },
  (t) => [primaryKey({ columns: [t.invoiceId, t.lineNo] })],
);

/**
 * The last credit note number each seller took in each financial year: a series of its own, as GST
 * rules want credit notes numbered apart from invoices. A table beside `invoice_counters` rather than
 * a kind in that table's key, which SQLite could only add by rebuilding the table under the live
 * invoice series.
 */
export const creditNoteCounters = sqliteTable(
  "credit_note_counters",
  {
    sellerId: text("seller_id").notNull(),
    /** The financial year of the credit note's own date, not its invoice's. */
    financialYear: text("financial_year").notNull(),
    lastSeq: integer("last_seq").notNull(),
  },
  (t) => [primaryKey({ columns: [t.sellerId, t.financialYear] })],
);

/**
 * A credit note cancelling one invoice, in full or (when only some of the order's goods came back) the
 * returned units of its lines, issued in the batch that refunds the order (section 34 of the CGST Act).
 * Its lines are in `credit_note_lines`. Never changed or deleted.
 */
export const creditNotes = sqliteTable(
  "credit_notes",
  {
    id: text("id").primaryKey(),
    invoiceId: text("invoice_id")
      .notNull()
      .references(() => invoices.id),
    /** The invoice's seller, whose series the number is in. */
    sellerId: text("seller_id").notNull(),
    financialYear: text("financial_year").notNull(),
    seq: integer("seq").notNull(),
    /** What the credit note is called: "CN26-27/000042" (earlier ones "CN/2026-27/00042"), unique within the seller's series. */
    number: text("number").notNull(),
    issuedAt: text("issued_at").notNull(),
    reason: text("reason", { enum: ["return_accepted", "part_return_accepted", "refunded_by_ops"] }).notNull(),
  },
  (t) => [
    uniqueIndex("credit_notes_seller_seq_uq").on(t.sellerId, t.financialYear, t.seq),
    // An invoice is cancelled once; an order's credit notes are found through its invoices.
    uniqueIndex("credit_notes_invoice_uq").on(t.invoiceId),
  ],
);

/**
 * A line of a credit note: the units of one invoice line it cancels, at the invoice line's rate, all
 * money in paise. A line cancelled whole repeats its invoice line's figures; part of a line is taxed
 * afresh on the units' price paid, so `taxable + cgst + sgst + igst` is always what was refunded for it.
 */
export const creditNoteLines = sqliteTable(
  "credit_note_lines",
  {
    creditNoteId: text("credit_note_id")
      .notNull()
      .references(() => creditNotes.id),
    ...documentLineColumns(),
  },
  (t) => [primaryKey({ columns: [t.creditNoteId, t.lineNo] })],
);
