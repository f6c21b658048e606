import type { GstRule } from "../invoices/gst-rate";
import { encodeOrderCursor, type OrderPosition } from "../orders/cursor";
import { askedBackUnitsSql } from "../orders/return-lines";
import { departmentOf, LONGEST_RETURN_DAYS, returnDays } from "../orders/return-window";
import { asOrderStatus, type OrderStatus } from "../orders/state-machine";
import {
  gstRuleOf,
  type LineFigures,
  lineFigures,
  NEVER_KEPT_STATUSES,
  type PayoutState,
  pathPrefixes,
  payoutOf,
  type StatementSummary,
  REFUNDED_STATUSES,
  summarize,
  unitsKept,
  unitsOnHold,
} from "./settlement";

/** The cursor scope of a seller's payments statement, per state filter. */
export function sellerPayoutsScope(state: PayoutState | undefined): string {
  return `seller-payouts:${state ?? "all"}`;
}

/** How many days of sales the statement's summary covers, counted back from today by when orders were placed. */
export const STATEMENT_DAYS = 90;

/** One line of the seller's payments statement: what was sold, what it earns, and when it is paid. */
export interface PayoutLine extends LineFigures {
  order_id: string;
  placed_at: string;
  order_status: OrderStatus;
  listing_id: string;
  product_id: string;
  title: string;
  qty: number;
  units_kept: number;
  /** Units a return waiting for ops' decision asks back: paid if it is declined, not if accepted. */
  units_on_hold: number;
  /** Whether goods of the line's kind can be returned at all: groceries never can, so their money is not at stake in a return. */
  returnable: boolean;
  /**
   * Whether a return of the order was already decided, accepted or declined: an order takes one
   * return, so no return can take what its lines kept any more.
   */
  return_decided: boolean;
  unit_price: number;
  state: PayoutState;
  /** The IST day ("YYYY-MM-DD") the line is payable on; while its window is open, the day it will be. */
  settles_on: string | null;
}

/**
 * The order's status as a statement line gives it. A line a partial return left whole was delivered
 * and kept, so it reads delivered, as the seller's order list reads a part no return touched: the
 * order's "refunded" or "return received" beside it read as if that line's money had gone back too.
 */
export function lineOrderStatus(l: Pick<PayoutLine, "order_status" | "qty" | "units_kept">): OrderStatus {
  return REFUNDED_STATUSES.includes(l.order_status) && l.qty > 0 && l.units_kept === l.qty ? "delivered" : l.order_status;
}

/** A seller's statement: its summary over the last `days` days, and one page of its lines, newest first. */
export interface PayoutStatement {
  summary: StatementSummary & { days: number; since: string };
  lines: PayoutLine[];
  next_cursor: string | null;
  currency: "INR";
}

interface Row {
  order_id: string;
  placed_at: string;
  status: string;
  listing_id: string;
  product_id: string;
  title: string;
  qty: number;
  unit_price: number;
  category_path: string | null;
  invoiced_taxable: number | null;
  invoiced_qty: number | null;
  invoiced_rate: number | null;
  credited_taxable: number | null;
  credited_qty: number | null;
  asked_back: number | null;
  lines_asked_back: number;
  return_accepted: number;
  delivered_at: string | null;
  declined: number;
  order_lines: string;
}

// Whether the order's refund accepted the shopper's return (and so gave back only what it asked for).
const RETURN_ACCEPTED =
  "EXISTS (SELECT 1 FROM order_transitions t WHERE t.order_id = i.order_id AND t.from_status = 'return_requested' AND t.to_status = 'refunded')";

// Whether any line of the order is stamped as asked back (an accepted return with none took the whole order).
const LINES_ASKED_BACK = "EXISTS (SELECT 1 FROM order_items x WHERE x.order_id = i.order_id AND x.return_requested_at IS NOT NULL)";

// A refunded order's line that keeps units: its refund accepted a return that asked back fewer than all of them.
// The SQL form of `unitsKept` on a refunded order, so the state filters agree with it line by line.
const KEPT_AFTER_RETURN = `(${RETURN_ACCEPTED} AND ${LINES_ASKED_BACK} AND COALESCE(${askedBackUnitsSql("i")}, 0) < i.qty)`;

// A line with what settles it: the order's first delivery, whether a return was declined or accepted
// and the units it asked back, every line's category of the order (a return window is the whole
// order's shortest), and the taxable value on the seller's own invoice less what its credit note
// cancelled, so TCS is worked out on the documents' figures.
const LINE_COLUMNS = `
  i.order_id, i.created_at AS placed_at, o.status, i.listing_id, i.product_id, i.title, i.qty, i.unit_price,
  c.path AS category_path, il.taxable AS invoiced_taxable, il.qty AS invoiced_qty, il.rate AS invoiced_rate,
  cl.taxable AS credited_taxable, cl.qty AS credited_qty,
  ${askedBackUnitsSql("i")} AS asked_back, ${LINES_ASKED_BACK} AS lines_asked_back, ${RETURN_ACCEPTED} AS return_accepted,
  (SELECT MIN(t.at) FROM order_transitions t WHERE t.order_id = i.order_id AND t.to_status = 'delivered') AS delivered_at,
  EXISTS (SELECT 1 FROM order_transitions t WHERE t.order_id = i.order_id AND t.from_status = 'return_requested' AND t.to_status = 'delivered') AS declined,
  (SELECT json_group_array(json_array(x.listing_id, x.title, xc.path)) FROM order_items x
     LEFT JOIN products xp ON xp.id = x.product_id LEFT JOIN categories xc ON xc.id = xp.category_id
     WHERE x.order_id = i.order_id) AS order_lines`;

const LINE_JOINS = `
  CROSS JOIN orders o ON o.id = i.order_id
  LEFT JOIN products p ON p.id = i.product_id
  LEFT JOIN categories c ON c.id = p.category_id
  LEFT JOIN invoices inv ON inv.order_id = i.order_id AND inv.seller_id = ?1
  LEFT JOIN invoice_lines il ON il.invoice_id = inv.id AND il.listing_id = i.listing_id
  LEFT JOIN credit_notes cn ON cn.invoice_id = inv.id
  LEFT JOIN credit_note_lines cl ON cl.credit_note_id = cn.id AND cl.listing_id = i.listing_id`;

// Only orders that were once confirmed reached the seller, as on its orders list.
const CONFIRMED = "EXISTS (SELECT 1 FROM order_transitions t WHERE t.order_id = i.order_id AND t.to_status = 'confirmed')";

const sqlList = (statuses: readonly string[]) => statuses.map((s) => `'${s}'`).join(", ");
const NEVER_KEPT = sqlList(NEVER_KEPT_STATUSES);
const REFUNDED = sqlList(REFUNDED_STATUSES);
const RECENTLY_DELIVERED =
  "EXISTS (SELECT 1 FROM order_transitions t WHERE t.order_id = so.id AND t.to_status = 'delivered' AND t.at >= ?5)";

// Each state's lines, or a superset of them, so a filtered page is filled from few rows; the exact
// state is then worked out in code. Which lines pay nothing is exact (`unitsKept` in SQL): a refund
// that accepted a return of part of the order leaves its other units payable or pending like a
// delivered order's. Pending delivered (or partly returned) orders were delivered within the longest
// return window (`?5`); a declined return's later move back to delivered only lets more through.
const STATE_FILTERS: Readonly<Record<PayoutState, string>> = {
  no_payout: `EXISTS (SELECT 1 FROM orders so WHERE so.id = i.order_id
    AND (so.status IN (${NEVER_KEPT}) OR (so.status IN (${REFUNDED}) AND NOT ${KEPT_AFTER_RETURN})))`,
  payable: `EXISTS (SELECT 1 FROM orders so WHERE so.id = i.order_id
    AND (so.status = 'delivered' OR (so.status IN (${REFUNDED}) AND ${KEPT_AFTER_RETURN})))`,
  pending: `EXISTS (SELECT 1 FROM orders so WHERE so.id = i.order_id
    AND ((so.status NOT IN (${NEVER_KEPT}, ${REFUNDED}) AND (so.status <> 'delivered' OR ${RECENTLY_DELIVERED}))
      OR (so.status IN (${REFUNDED}) AND ${KEPT_AFTER_RETURN} AND ${RECENTLY_DELIVERED})))`,
};

// The page's orders are chosen from the seller's own lines in (seller, created_at, order) index order,
// and CROSS JOIN keeps SQLite reading from the page outwards, as on the seller's orders list.
const PAGE = (after: string, filter: string) => `
  WITH page AS (
    SELECT DISTINCT i.created_at, i.order_id FROM order_items i
    WHERE i.seller_id = ?1 ${after} AND ${CONFIRMED} ${filter}
    ORDER BY i.created_at DESC, i.order_id DESC LIMIT ?4
  )
  SELECT ${LINE_COLUMNS}
  FROM page pg CROSS JOIN order_items i ON i.order_id = pg.order_id AND i.seller_id = ?1 ${LINE_JOINS}
  ORDER BY pg.created_at DESC, pg.order_id DESC, i.listing_id`;

// A range's orders oldest first, `?4` at a time after the keyset (`?2`, `?3`) and placed before `?6`:
// the statement file reads a bounded range of the same index in chunks, with the page's state filters.
const RANGE = (filter: string) => `
  WITH page AS (
    SELECT DISTINCT i.created_at, i.order_id FROM order_items i
    WHERE i.seller_id = ?1 AND (i.created_at, i.order_id) > (?2, ?3) AND i.created_at < ?6 AND ${CONFIRMED} ${filter}
    ORDER BY i.created_at, i.order_id LIMIT ?4
  )
  SELECT ${LINE_COLUMNS}
  FROM page pg CROSS JOIN order_items i ON i.order_id = pg.order_id AND i.seller_id = ?1 ${LINE_JOINS}
  ORDER BY pg.created_at, pg.order_id, i.listing_id`;

/** The summary's lines: the seller's lines of orders placed since `?2`, one range of its index. */
const SINCE = `
  SELECT ${LINE_COLUMNS}
  FROM order_items i ${LINE_JOINS}
  WHERE i.seller_id = ?1 AND i.created_at >= ?2 AND ${CONFIRMED}`;

const DAY_MS = 86_400_000;

/** The statements SQL, for the plan test: the page query (with a cursor and filter), the summary's and the range's. */
export function payoutStatements(state: PayoutState | undefined, cursor: boolean): { page: string; summary: string; range: string } {
  const filter = state ? `AND ${STATE_FILTERS[state]}` : "";
  return { page: PAGE(cursor ? "AND (i.created_at, i.order_id) < (?2, ?3)" : "", filter), summary: SINCE, range: RANGE(filter) };
}

/** Orders read per query of a statement range. */
export const RANGE_CHUNK_ORDERS = 200;

/**
 * The seller's statement lines of orders placed from `from` (inclusive) to `until` (exclusive),
 * oldest first, optionally only those in `state`, as `statementLines` works them out for the page.
 * Yields one chunk per `chunkOrders` orders read, so no more than that is ever held at once.
 */
export async function* statementRange(
  db: D1Database,
  sellerId: string,
  range: { from: string; until: string; state?: PayoutState | undefined },
  now = new Date(),
  chunkOrders = RANGE_CHUNK_ORDERS,
): AsyncGenerator<PayoutLine[]> {
  const recentDelivery = new Date(now.getTime() - (LONGEST_RETURN_DAYS + 2) * DAY_MS).toISOString();
  const statement = db.prepare(payoutStatements(range.state, false).range);
  // An empty order id sorts before every id, so the first chunk starts at `from` itself.
  let position = { at: range.from, id: "" };
  for (;;) {
    const rows = (
      await statement
        .bind(sellerId, position.at, position.id, chunkOrders, range.state === "pending" ? recentDelivery : null, range.until)
        .all<Row>()
    ).results;
    const byOrder = groupByOrder(await statementLines(db, rows, now));
    const lines = byOrder.flat().filter((l) => !range.state || l.state === range.state);
    if (lines.length > 0) yield lines;
    const last = byOrder.at(-1)?.[0];
    if (!last || byOrder.length < chunkOrders) return;
    position = { at: last.placed_at, id: last.order_id };
  }
}

/**
 * The seller's payments statement at `now`: its summary over the last `STATEMENT_DAYS` days of sales
 * and a page of its lines, newest first, optionally in one state. A page holds every line of at most
 * `limit` orders.
 */
export async function sellerPayouts(
  db: D1Database,
  sellerId: string,
  page: { limit: number; cursor?: OrderPosition | undefined; state?: PayoutState | undefined },
  now = new Date(),
): Promise<PayoutStatement> {
  const since = new Date(now.getTime() - STATEMENT_DAYS * DAY_MS).toISOString();
  const recentDelivery = new Date(now.getTime() - (LONGEST_RETURN_DAYS + 2) * DAY_MS).toISOString();
  const sql = payoutStatements(page.state, true);
  const first = payoutStatements(page.state, false);
  const summaryRows = (await db.prepare(sql.summary).bind(sellerId, since).all<Row>()).results;

  // Orders are read until `limit` of them in the state are found (the SQL filter is a superset);
  // the next cursor continues after the last one shown.
  const orders: PayoutLine[][] = [];
  let position: { at: string; id: string } | null = page.cursor ?? null;
  let exhausted = false;
  while (orders.length <= page.limit && !exhausted) {
    const rows = (
      await db
        .prepare(position ? sql.page : first.page)
        .bind(sellerId, position?.at ?? null, position?.id ?? null, page.limit + 1, ...(page.state === "pending" ? [recentDelivery] : []))
        .all<Row>()
    ).results;
    const byOrder = groupByOrder(await statementLines(db, rows, now));
    exhausted = byOrder.length < page.limit + 1;
    for (const order of byOrder) if (!page.state || order.some((l) => l.state === page.state)) orders.push(order);
    const last = byOrder.at(-1)?.[0];
    if (last) position = { at: last.placed_at, id: last.order_id };
  }
  const shown = orders.slice(0, page.limit);
  const lastShown = shown.at(-1)?.[0];
  const next_cursor =
    orders.length > page.limit && lastShown
      ? encodeOrderCursor(sellerPayoutsScope(page.state), { created_at: lastShown.placed_at, id: lastShown.order_id })
      : null;
  const summaryLines = await statementLines(db, summaryRows, now);
  return {
    summary: { ...summarize(summaryLines), days: STATEMENT_DAYS, since },
    lines: shown.flat().filter((l) => !page.state || l.state === page.state),
    next_cursor,
    currency: "INR",
  };
}

/** Rows as statement lines, with their categories' GST rules read in one query. */
async function statementLines(db: D1Database, rows: Row[], now: Date): Promise<PayoutLine[]> {
  const rules = await readGstRules(
    db,
    rows.map((r) => r.category_path),
  );
  return rows.map((r) => {
    const order_status = asOrderStatus(r.status);
    const facts = { status: order_status, returnAccepted: r.return_accepted === 1, linesAskedBack: r.lines_asked_back === 1 };
    const line = { qty: r.qty, askedBack: r.asked_back };
    const kept = unitsKept(line, facts);
    const figures = lineFigures({
      unitPrice: r.unit_price,
      units: kept,
      categoryPath: r.category_path,
      gstRule: gstRuleOf(r.category_path, rules),
      documents: {
        invoiced:
          r.invoiced_qty === null || r.invoiced_taxable === null || r.invoiced_rate === null
            ? null
            : { qty: r.invoiced_qty, taxable: r.invoiced_taxable, rate: r.invoiced_rate },
        credited: r.credited_qty === null || r.credited_taxable === null ? null : { qty: r.credited_qty, taxable: r.credited_taxable },
      },
    });
    const lines = (JSON.parse(r.order_lines) as Array<[string, string, string | null]>).map(([listing_id, title, path]) => ({
      listing_id,
      title,
      department: departmentOf(path),
    }));
    const payout = payoutOf(kept, { status: order_status, deliveredAt: r.delivered_at, declined: r.declined === 1, lines }, now);
    return {
      order_id: r.order_id,
      placed_at: r.placed_at,
      order_status,
      listing_id: r.listing_id,
      product_id: r.product_id,
      title: r.title,
      qty: r.qty,
      units_kept: kept,
      units_on_hold: unitsOnHold(line, facts),
      returnable: returnDays(departmentOf(r.category_path)) !== null,
      return_decided: facts.returnAccepted || r.declined === 1,
      unit_price: r.unit_price,
      ...figures,
      ...payout,
    };
  });
}

/** The GST rules set on the categories at `paths` or their ancestors, by path, read through the path index. */
async function readGstRules(db: D1Database, paths: Array<string | null>): Promise<Map<string, GstRule>> {
  const prefixes = [...new Set(paths.flatMap((p) => (p ? pathPrefixes(p) : [])))];
  if (prefixes.length === 0) return new Map();
  const { results } = await db
    .prepare(
      "SELECT path, gst_rate AS rate, gst_rate_above_band AS rateAboveBand FROM categories WHERE path IN (SELECT value FROM json_each(?1)) AND gst_rate IS NOT NULL",
    )
    .bind(JSON.stringify(prefixes))
    .all<{ path: string; rate: number; rateAboveBand: number | null }>();
  return new Map(results.map((r) => [r.path, { rate: r.rate, rateAboveBand: r.rateAboveBand }]));
}

function groupByOrder(lines: PayoutLine[]): PayoutLine[][] {
  const orders = new Map<string, PayoutLine[]>();
  for (const l of lines) orders.set(l.order_id, [...(orders.get(l.order_id) ?? []), l]);
  return [...orders.values()];
}
