import { rupeesCell, toCsv } from "./bulk-csv";
import { lineOrderStatus, type PayoutLine, statementRange } from "./payouts";
import { statusLabel } from "../pages/format";
import { PAYOUT_STATE_WORDS, type PayoutState } from "./settlement";
import { istDay, type StatementDays } from "./statement-days";

/**
 * The seller's payments statement as a CSV file for a spreadsheet or accounting software: one row
 * per statement line, the same lines and figures the statement page shows, amounts in rupees.
 */

/** The file's columns: a heading and how a line fills it. */
const COLUMNS: ReadonlyArray<[string, (l: PayoutLine) => string]> = [
  ["Order ID", (l) => l.order_id],
  ["Placed on (IST)", (l) => istDay(l.placed_at)],
  // Words, as the statement page says them: the file is read by people as much as by software.
  ["Order status", (l) => statusLabel(lineOrderStatus(l))],
  ["Listing ID", (l) => l.listing_id],
  ["Product ID", (l) => l.product_id],
  ["Product title", (l) => l.title],
  ["Units bought", (l) => String(l.qty)],
  ["Units kept", (l) => String(l.units_kept)],
  ["Units on hold", (l) => String(l.units_on_hold)],
  ["Unit price (₹)", (l) => rupeesCell(l.unit_price)],
  ["Sale value (₹)", (l) => rupeesCell(l.sale_value)],
  ["Commission %", (l) => String(l.commission_percent)],
  ["Commission (₹)", (l) => rupeesCell(l.commission)],
  ["Closing fee (₹)", (l) => rupeesCell(l.closing_fee)],
  ["GST on fees (₹)", (l) => rupeesCell(l.fees_gst)],
  ["TCS (₹)", (l) => rupeesCell(l.tcs)],
  ["TDS (₹)", (l) => rupeesCell(l.tds)],
  ["Net payout (₹)", (l) => rupeesCell(l.net)],
  ["State", (l) => PAYOUT_STATE_WORDS[l.state]],
  ["Payable on (IST)", (l) => l.settles_on ?? ""],
];

/** The header row's headings. */
export const STATEMENT_CSV_HEADINGS = COLUMNS.map(([heading]) => heading);

/** One statement line as the file's row. */
export function statementCsvRow(line: PayoutLine): string[] {
  return COLUMNS.map(([, cell]) => cell(line));
}

/** The file's name: whose statement, and which days. */
export function statementCsvFilename(sellerId: string, days: Pick<StatementDays, "from" | "to">): string {
  return `bazaar-statement-${sellerId}-${days.from}-to-${days.to}.csv`;
}

/**
 * The file as a stream: a byte-order mark (so Excel reads it as UTF-8, rupee signs and Hindi titles
 * included), the header row, then the lines of each chunk of orders as it is read, so a large range
 * never sits in memory whole.
 */
export function statementCsv(
  db: D1Database,
  sellerId: string,
  days: StatementDays,
  state: PayoutState | undefined,
  now = new Date(),
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const chunks = statementRange(db, sellerId, { from: days.start, until: days.until, state }, now);
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${toCsv([STATEMENT_CSV_HEADINGS])}`));
    },
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(toCsv(next.value.map(statementCsvRow))));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}
