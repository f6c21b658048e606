import { endedAt } from "./deal-rows";

/**
 * How a flash deal did: its units, orders, money, timing and shoppers, read from D1 in one batch
 * of range reads on the deal's own rows (its order lines by `order_items_deal_idx`, its ledger
 * moves by their refs), with the joins and admissions only its gate counts.
 */

/** Minutes after opening the per-minute series covers. */
export const SERIES_MINUTES = 30;

/**
 * The deal's order lines, each with its order and what became of it. `paid`: the order was
 * confirmed, which is when the gate sold its units. `cancelled`: it was cancelled, before or after
 * payment. `taken`: money was taken for it (a prepaid order on confirming, cash on delivery once
 * collected), so a cancellation gives money back rather than nothing. `back`: units of a paid,
 * uncancelled order refunded after delivery: those asked back, or the whole line when ops
 * refunded an order none of whose lines was asked back.
 */
const lines = (andWhere = "") => `WITH lines AS (
  SELECT oi.order_id, oi.qty, oi.unit_price, oi.list_price, oi.created_at, o.user_id,
    EXISTS (SELECT 1 FROM order_transitions t WHERE t.order_id = oi.order_id AND t.to_status = 'confirmed') AS paid,
    EXISTS (SELECT 1 FROM order_transitions t WHERE t.order_id = oi.order_id AND t.to_status = 'cancelled') AS cancelled,
    EXISTS (SELECT 1 FROM payments p WHERE p.order_id = oi.order_id AND p.captured_amount > 0) AS taken,
    CASE WHEN o.status NOT IN ('refunded', 'return_received') THEN 0
         WHEN oi.return_requested_at IS NOT NULL THEN COALESCE(oi.return_quantity, oi.qty)
         WHEN EXISTS (SELECT 1 FROM order_items x WHERE x.order_id = oi.order_id AND x.return_requested_at IS NOT NULL) THEN 0
         ELSE oi.qty END AS back
  FROM order_items oi JOIN orders o ON o.id = oi.order_id
  WHERE oi.deal_id = ?1${andWhere}
)`;

/** One row of totals over the deal's lines. */
export const TOTALS_SQL = `${lines()}
SELECT COUNT(DISTINCT order_id) AS placed,
  COUNT(DISTINCT CASE WHEN paid THEN order_id END) AS paid,
  COUNT(DISTINCT CASE WHEN cancelled THEN order_id END) AS cancelled,
  COUNT(DISTINCT CASE WHEN paid AND NOT cancelled AND back > 0 THEN order_id END) AS returned,
  COALESCE(SUM(CASE WHEN paid THEN qty END), 0) AS unitsSold,
  COALESCE(SUM(CASE WHEN paid AND cancelled THEN qty END), 0) AS unitsCancelled,
  COALESCE(SUM(CASE WHEN paid AND NOT cancelled THEN back END), 0) AS unitsReturned,
  COALESCE(SUM(CASE WHEN paid THEN qty * unit_price END), 0) AS gross,
  COALESCE(SUM(CASE WHEN paid AND cancelled AND taken THEN qty * unit_price WHEN paid AND NOT cancelled THEN back * unit_price END), 0) AS refunded,
  COALESCE(SUM(CASE WHEN paid AND cancelled AND NOT taken THEN qty * unit_price END), 0) AS cancelledUnpaid,
  COALESCE(SUM(CASE WHEN paid AND NOT cancelled AND list_price IS NOT NULL
    THEN (qty - back) * MAX(list_price - unit_price, 0) END), 0) AS discount,
  COALESCE(SUM(CASE WHEN paid AND NOT cancelled AND list_price IS NULL THEN qty - back END), 0) AS unpricedUnits,
  MIN(CASE WHEN paid THEN created_at END) AS firstSaleAt,
  COUNT(DISTINCT user_id) AS shoppersOrdered,
  COUNT(DISTINCT CASE WHEN paid THEN user_id END) AS shoppersPaid
FROM lines`;

/**
 * When the order that took the deal's last unit was placed: paid orders in the order they were
 * placed, the first whose units bring the running total to the deal's. Cancelled units go back
 * to the shelf, not to the deal, so every paid unit counts. No row if the deal never sold out.
 */
export const SOLD_OUT_SQL = `${lines()}
SELECT created_at AS soldOutAt FROM (
  SELECT created_at, SUM(qty) OVER (ORDER BY created_at, order_id ROWS UNBOUNDED PRECEDING) AS running FROM lines WHERE paid
) WHERE running >= (SELECT units FROM deals WHERE id = ?1) ORDER BY running LIMIT 1`;

const OPENED = "(SELECT starts_at FROM deals WHERE id = ?1)";

/** Paid units per minute since the deal opened (minute 0 is its first), by when each order was placed. */
const perMinute = (andWhere = "") => `${lines(andWhere)}
SELECT (CAST(strftime('%s', created_at) AS INTEGER) - CAST(strftime('%s', ${OPENED}) AS INTEGER)) / 60 AS minute, SUM(qty) AS units
FROM lines WHERE paid GROUP BY minute`;

/** The minute the deal sold most in; the earliest of equals. */
export const PEAK_MINUTE_SQL = `${perMinute()} ORDER BY units DESC, minute LIMIT 1`;

/** Paid units in each of the first `SERIES_MINUTES` minutes that had any; only those minutes' lines are read. */
export const FIRST_MINUTES_SQL = `${perMinute(
  ` AND oi.created_at < strftime('%Y-%m-%dT%H:%M:%fZ', ${OPENED}, '+${SERIES_MINUTES} minutes')`,
)} ORDER BY minute`;

/**
 * The deal's moves in the ledger: the units carved out for it, and what its gate journaled as
 * sold and as returned to stock (refs `<deal>#<seq>`, one range of the journal's unique index).
 */
export const LEDGER_SQL = `SELECT
  (SELECT COALESCE(SUM(d_allocated), 0) FROM inventory_journal WHERE ref = ?1 || ':allocate' AND kind = 'deal_allocate') AS allocated,
  (SELECT COALESCE(SUM(d_sold), 0) FROM inventory_journal WHERE ref > ?1 || '#' AND ref < ?1 || '$' AND kind = 'deal_sale') AS sold,
  (SELECT COALESCE(SUM(d_available), 0) FROM inventory_journal WHERE ref > ?1 || '#' AND ref < ?1 || '$' AND kind = 'deal_return') AS returned`;

/** What the deal's rows add up to, as the statements above read them. */
export interface ResultRows {
  totals: {
    placed: number;
    paid: number;
    cancelled: number;
    returned: number;
    unitsSold: number;
    unitsCancelled: number;
    unitsReturned: number;
    gross: number;
    refunded: number;
    cancelledUnpaid: number;
    discount: number;
    unpricedUnits: number;
    firstSaleAt: string | null;
    shoppersOrdered: number;
    shoppersPaid: number;
  };
  soldOutAt: string | null;
  peak: { minute: number; units: number } | null;
  firstMinutes: Array<{ minute: number; units: number }>;
  ledger: { allocated: number; sold: number; returned: number };
}

/** The deal as its results need it. */
export interface ResultsDeal {
  id: string;
  units: number;
  startsAt: string;
  endsAt: string;
  status: string;
  /** When the row last changed: for an ended deal, when it was ended. */
  updatedAt: string;
}

/**
 * The statements of the report, in the order `resultRowsOf` reads their answers. Each takes the
 * deal id alone and reads what it needs of the deal row itself, so the report is one batch.
 */
export function resultStatements(db: D1Database, dealId: string): D1PreparedStatement[] {
  return [TOTALS_SQL, SOLD_OUT_SQL, PEAK_MINUTE_SQL, FIRST_MINUTES_SQL, LEDGER_SQL].map((q) => db.prepare(q).bind(dealId));
}

/** The answers of `resultStatements`' batch, as rows. */
export function resultRowsOf(answers: readonly D1Result[]): ResultRows {
  const rows = <T>(i: number) => (answers[i]?.results ?? []) as T[];
  const [totals] = rows<ResultRows["totals"]>(0);
  const [ledger] = rows<ResultRows["ledger"]>(4);
  if (!totals || !ledger) throw new Error("deal results: an aggregate answered no row");
  return {
    totals,
    soldOutAt: rows<{ soldOutAt: string }>(1)[0]?.soldOutAt ?? null,
    peak: rows<{ minute: number; units: number }>(2)[0] ?? null,
    firstMinutes: rows<{ minute: number; units: number }>(3),
    ledger,
  };
}

const secondsBetween = (from: string, to: string) => Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));

/**
 * What only the deal's gate counts: joins to the waiting room, those before the opening, and the
 * shoppers it let in. Each is null when the gate could not be asked.
 */
export interface GateLine {
  joined: number | null;
  joinedBeforeOpen: number | null;
  admitted: number | null;
}

/** The report. Figures are final once the deal has ended; before that, so far. */
export function dealResults(deal: ResultsDeal, r: ResultRows, line: GateLine, now = Date.now()) {
  const t = r.totals;
  const opened = Date.parse(deal.startsAt);
  const ended = endedAt(deal, deal.status);
  // A deal ended, or still paused, before its start time never opened: it has no opening to time from.
  const openedAt = opened <= Math.min(now, ended ? Date.parse(ended) : now) ? deal.startsAt : null;
  const series = Array.from({ length: SERIES_MINUTES }, () => 0);
  for (const m of r.firstMinutes) if (m.minute >= 0 && m.minute < SERIES_MINUTES) series[m.minute] = m.units;
  const soldOutAt = r.ledger.allocated > 0 && t.unitsSold >= deal.units ? r.soldOutAt : null;
  const stillInDeal = Math.max(0, r.ledger.allocated - r.ledger.sold - r.ledger.returned);
  return {
    deal_id: deal.id,
    // Units shoppers held at the end are still theirs to pay for: until each is sold or back in
    // stock (and its sale has reached the ledger), the figures can still move.
    final: deal.status === "ended" && stillInDeal === 0,
    units: {
      allocated: r.ledger.allocated,
      sold: t.unitsSold,
      cancelled: t.unitsCancelled,
      returned: t.unitsReturned,
      net_sold: t.unitsSold - t.unitsCancelled - t.unitsReturned,
      returned_to_stock: r.ledger.returned,
      still_in_deal: stillInDeal,
    },
    orders: { placed: t.placed, paid: t.paid, cancelled: t.cancelled, returned: t.returned },
    revenue: {
      gross: t.gross,
      refunded: t.refunded,
      cancelled_unpaid: t.cancelledUnpaid,
      net: t.gross - t.refunded - t.cancelledUnpaid,
      discount: t.discount,
      discount_unrecorded_units: t.unpricedUnits,
    },
    timing: {
      opened_at: openedAt,
      first_sale_at: t.firstSaleAt,
      sold_out_at: soldOutAt,
      sell_out_seconds: soldOutAt ? secondsBetween(deal.startsAt, soldOutAt) : null,
      ended_at: ended,
      peak_minute: r.peak ? { starts_at: new Date(opened + r.peak.minute * 60_000).toISOString(), units: r.peak.units } : null,
      first_minutes: series,
    },
    shoppers: {
      joined: line.joined,
      joined_before_open: line.joinedBeforeOpen,
      admitted: line.admitted,
      ordered: t.shoppersOrdered,
      paid: t.shoppersPaid,
    },
  };
}

/** The report as the API returns it. */
export type DealResults = ReturnType<typeof dealResults>;
