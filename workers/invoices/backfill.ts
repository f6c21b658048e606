import type { OrderStatus } from "../orders/state-machine";
import { countSql } from "../platform/count-sql";
import { draftInvoices } from "./drafts";
import { isValidGstin } from "./gstin";
import { type CreditNoteReason, creditNoteStatements, invoicesToCredit } from "./issue-credit-notes";
import { readReturnedLines, returnsWholeOrder, unitsAskedBack } from "../orders/return-lines";
import { issueStatements } from "./issue";
import { readOrderSale } from "./read-drafts";

/** The statuses of an order that has shipped, each of which must hold its sellers' invoices. */
export const SHIPPED_STATUSES: readonly OrderStatus[] = ["shipped", "delivered", "return_requested", "refunded", "return_received"];

/** The statuses of a shipped order whose invoices a credit note must cancel. */
const REFUNDED_STATUSES: readonly OrderStatus[] = ["refunded", "return_received"];

/** Orders the minute cron invoices per run: a few D1 batches, so the backfill never crowds out the cron's other jobs. */
export const BACKFILL_BATCH = 20;

/** What one backfill run did, and what is left for ops to see. */
export interface BackfillRun {
  /** Orders given invoices. */
  invoiced: number;
  /** Refunded orders given the credit notes cancelling their invoices. */
  credited: number;
  /** Orders whose batch failed (a used-up series, say); tried again next run. */
  failed: number;
  /** Shipped orders still lacking an invoice of one of their sellers, after this run. */
  withoutInvoices: number;
  /** Of those, the ones held back by a seller without a valid GSTIN, which no run can invoice until it has one. */
  unregistered: number;
}

const inList = (statuses: readonly OrderStatus[]) => statuses.map((s) => `'${s}'`).join(", ");

// When the order shipped: its invoices are dated then and numbered in that financial year.
const SHIPPED_AT = "(SELECT MIN(t.at) FROM order_transitions t WHERE t.order_id = o.id AND t.to_status = 'shipped')";

// A seller of the order with no invoice on it, and whether that seller can be invoiced at all (a GSTIN's
// shape; its check character is verified before drafting).
const OWED_SELLER = (registered: string) => `EXISTS (
  SELECT 1 FROM order_items i LEFT JOIN sellers s ON s.id = i.seller_id
  WHERE i.order_id = o.id AND ${registered}
    AND NOT EXISTS (SELECT 1 FROM invoices v WHERE v.order_id = o.id AND v.seller_id = i.seller_id))`;
const REGISTERED = "length(s.gstin) = 15";

// A refunded order's invoice that no credit note cancels yet.
const UNCREDITED = `o.status IN (${inList(REFUNDED_STATUSES)}) AND EXISTS (
  SELECT 1 FROM invoices v WHERE v.order_id = o.id AND NOT EXISTS (SELECT 1 FROM credit_notes n WHERE n.invoice_id = v.id))`;

/**
 * Issues the tax documents of orders that shipped before invoicing existed (flagged `invoices_owed` by
 * the migration that added it), and the credit notes of refunds that found a seller's series used up
 * after their money moved (flagged by the refund), a bounded batch per run, oldest first: each seller's invoice dated and
 * numbered in the financial year of the order's shipping, and for a refunded order the credit notes
 * cancelling them, dated when it was refunded. Only flagged orders are read, from their own index, so a
 * run costs what is owed and not the history of every shipped order. Issuing is guarded as at shipping
 * (at most one invoice per order and seller, one credit note per invoice), so a second run issues
 * nothing new. A seller without a valid GSTIN is left out and its orders counted and kept flagged, never
 * failing the run; the order's other sellers are invoiced.
 */
export async function backfillInvoices(db: D1Database, limit = BACKFILL_BATCH): Promise<BackfillRun> {
  const run = { invoiced: 0, credited: 0, failed: 0 };
  const { results: owed } = await db
    .prepare(
      `SELECT o.id AS orderId, o.status, ${SHIPPED_AT} AS shippedAt, ${OWED_SELLER(REGISTERED)} AS owesInvoice FROM orders o
       WHERE o.invoices_owed = 1 AND (${OWED_SELLER(REGISTERED)} OR (${UNCREDITED}))
       ORDER BY o.created_at, o.id LIMIT ?1`,
    )
    .bind(limit)
    .all<{ orderId: string; status: OrderStatus; shippedAt: string | null; owesInvoice: number }>();
  for (const { orderId, status, shippedAt, owesInvoice } of owed) {
    if (owesInvoice && shippedAt) {
      const sale = await readOrderSale(db, orderId);
      const invoiceable = sale.lines.filter((l) => l.sellerGstin !== null && isValidGstin(l.sellerGstin));
      if (invoiceable.length > 0) {
        const drafts = draftInvoices(invoiceable, sale.deliveryState);
        if (!(await tryBatch(db, orderId, "invoices", issueStatements(db, orderId, drafts, shippedAt, SHIPPED_STATUSES)))) {
          run.failed++;
          continue;
        }
        run.invoiced++;
      }
    }
    // After the invoices, so an order refunded before invoicing gets both in one run.
    if (REFUNDED_STATUSES.includes(status) && !(await creditRefunded(db, orderId, run))) continue;
    // Done unless a seller still cannot be invoiced; that order stays flagged and counted.
    await db
      .prepare(`UPDATE orders AS o SET invoices_owed = 0 WHERE o.id = ?1 AND NOT ${OWED_SELLER("1")}`)
      .bind(orderId)
      .run();
  }
  return { ...run, ...(await invoicesOwed(db)) };
}

/** Issues a refunded order's missing credit notes, dated when it was refunded; false if the batch failed. */
async function creditRefunded(db: D1Database, orderId: string, run: { credited: number; failed: number }): Promise<boolean> {
  const refund = await db
    .prepare(
      "SELECT at AS refundedAt, from_status AS refundedFrom FROM order_transitions WHERE order_id = ? AND to_status = 'refunded' ORDER BY id LIMIT 1",
    )
    .bind(orderId)
    .first<{ refundedAt: string; refundedFrom: string | null }>();
  if (!refund) return true;
  // An accepted return of part of the order credits what came back; any other refund, all of it.
  const returned = refund.refundedFrom === "return_requested" ? await readReturnedLines(db, orderId) : null;
  const part = returned && !returnsWholeOrder(returned) ? returned : null;
  const reason: CreditNoteReason = part ? "part_return_accepted" : returned ? "return_accepted" : "refunded_by_ops";
  const invoices = await invoicesToCredit(db, orderId, part && unitsAskedBack(part));
  if (invoices.length === 0) return true;
  const statements = creditNoteStatements(db, orderId, invoices, reason, refund.refundedAt);
  if (!(await tryBatch(db, orderId, "credit notes", statements))) {
    run.failed++;
    return false;
  }
  run.credited++;
  return true;
}

/** What `invoicesOwedStatement` counts. */
export type InvoicesOwed = Pick<BackfillRun, "withoutInvoices" | "unregistered">;

// A flagged order still lacking one of its sellers' invoices, as SQL over an order `o`.
const INVOICES_OWED = `o.invoices_owed = 1 AND ${OWED_SELLER("1")}`;

/**
 * The count behind `invoicesOwed`, as a statement, for a caller that reads it in a batch with
 * others (the ops overview); its one row is an `InvoicesOwed`. With a `cap` each figure is
 * counted up to it (see `countSql`), in a walk of its own: counting the GSTIN-less among only
 * the first orders walked would not be their number. The second walk reads every flagged order
 * when few of them lack a GSTIN, as the exact count does: the flag marks orders shipped before
 * invoicing and refunds still owed their credit notes, not a sale day's orders.
 */
export function invoicesOwedStatement(db: D1Database, cap?: number): D1PreparedStatement {
  if (cap !== undefined) {
    const owed = { from: "orders o", where: INVOICES_OWED };
    const unregistered = { ...owed, where: `${INVOICES_OWED} AND NOT ${OWED_SELLER(REGISTERED)}` };
    return db.prepare(`SELECT (${countSql(owed, cap)}) AS withoutInvoices, (${countSql(unregistered, cap)}) AS unregistered`);
  }
  return db.prepare(
    `SELECT COUNT(*) AS withoutInvoices, COALESCE(SUM(NOT ${OWED_SELLER(REGISTERED)}), 0) AS unregistered FROM orders o
     WHERE ${INVOICES_OWED}`,
  );
}

/** How many flagged orders lack an invoice of one of their sellers, and how many of those for want of a GSTIN. */
export async function invoicesOwed(db: D1Database): Promise<InvoicesOwed> {
  const row = await invoicesOwedStatement(db).first<InvoicesOwed>();
  return { withoutInvoices: row?.withoutInvoices ?? 0, unregistered: row?.unregistered ?? 0 };
}

/** Runs one order's batch, logging rather than throwing a failure, so one order cannot stop the run. */
async function tryBatch(db: D1Database, orderId: string, what: string, statements: D1PreparedStatement[]): Promise<boolean> {
  try {
    await db.batch(statements);
    return true;
  } catch (err) {
    console.error(
      JSON.stringify({ level: "error", job: "backfill-invoices", message: `issuing ${what} failed`, orderId, error: String(err) }),
    );
    return false;
  }
}

/**
 * The cron's log line for a run, which is where ops read how many shipped orders still lack invoices;
 * silent once none do and the run did nothing, so a finished backfill does not log every minute.
 */
export function logBackfill(run: BackfillRun): void {
  if (run.withoutInvoices === 0 && run.invoiced + run.credited + run.failed === 0) return;
  console.log(
    JSON.stringify({
      level: run.failed > 0 ? "warn" : "info",
      job: "backfill-invoices",
      invoiced: run.invoiced,
      credited: run.credited,
      failed: run.failed,
      orders_without_invoices: run.withoutInvoices,
      held_back_without_gstin: run.unregistered,
    }),
  );
}
