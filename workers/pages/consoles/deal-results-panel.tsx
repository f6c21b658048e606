import { TableScroll } from "../components";
import { bigMoney, countWords, money, spanWords, whenIst } from "../format";
import { listInWords } from "../../platform/list-in-words";

/** A deal's results as `GET /api/admin/deals/{id}/results` reports them. */
export interface DealResultsView {
  final: boolean;
  units: {
    allocated: number;
    sold: number;
    cancelled: number;
    returned: number;
    net_sold: number;
    returned_to_stock: number;
    still_in_deal: number;
  };
  orders: { placed: number; paid: number; cancelled: number; returned: number };
  revenue: { gross: number; refunded: number; cancelled_unpaid: number; net: number; discount: number; discount_unrecorded_units: number };
  timing: {
    opened_at: string | null;
    first_sale_at: string | null;
    sold_out_at: string | null;
    sell_out_seconds: number | null;
    ended_at: string | null;
    peak_minute: { starts_at: string; units: number } | null;
    first_minutes: number[];
  };
  shoppers: {
    joined: number | null;
    joined_before_open: number | null;
    admitted: number | null;
    ordered: number;
    paid: number;
  };
}

/** The lines that sum a deal up, in the words its manager uses at the sale-day review. */
export function resultHeadlines(r: DealResultsView): string[] {
  const u = r.units;
  const undone = u.cancelled + u.returned;
  const lines = [
    r.timing.sell_out_seconds !== null
      ? `Sold out in ${spanWords(r.timing.sell_out_seconds)}`
      : r.final
        ? `Did not sell out: ${countWords(u.returned_to_stock, "unit", "units")} went back to stock`
        : `${countWords(u.sold, "unit", "units")} of ${u.allocated.toLocaleString("en-IN")} sold so far`,
    `${countWords(u.net_sold, "unit", "units")} net${undone > 0 ? ` of ${undone.toLocaleString("en-IN")} cancelled or returned` : ""}`,
    `${bigMoney(r.revenue.net)} at deal price${netOf(r.revenue)}`,
  ];
  if (r.revenue.discount > 0) lines.push(`${bigMoney(r.revenue.discount)} given away below the listing's price`);
  return lines;
}

/** What the net leaves out: money given back, and confirmed orders cancelled before any was taken. */
function netOf(revenue: DealResultsView["revenue"]): string {
  const less = [
    revenue.refunded > 0 ? `${bigMoney(revenue.refunded)} refunded` : null,
    revenue.cancelled_unpaid > 0 ? `${bigMoney(revenue.cancelled_unpaid)} cancelled before payment` : null,
  ].filter((w) => w !== null);
  return less.length > 0 ? `, after ${listInWords(less)}` : "";
}

/** Paid units per minute up to the last minute of the first 30 that sold any. */
function minutesWithSales(series: number[]): number[] {
  let last = series.length - 1;
  while (last >= 0 && series[last] === 0) last--;
  return series.slice(0, last + 1);
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

const n = (v: number) => v.toLocaleString("en-IN");

/** How big the line was: every join, and how many came before the opening. */
function joinedWords(s: DealResultsView["shoppers"]): string {
  if (s.joined === null) return "—";
  return s.joined_before_open === null ? n(s.joined) : `${n(s.joined)} (${n(s.joined_before_open)} before it opened)`;
}

/**
 * A deal's results: its headline outcome, then units, orders, money, timing and shoppers, and its
 * sales minute by minute at the opening. Live deals' figures are labelled as so far.
 */
export function DealResultsPanel({ results: r }: { results: DealResultsView }) {
  const minutes = minutesWithSales(r.timing.first_minutes);
  const most = Math.max(1, ...minutes);
  const peak = r.timing.peak_minute;
  return (
    <section class="deal-results" aria-labelledby="deal-results-title" data-deal-results={r.final ? "final" : "so-far"}>
      <h2 id="deal-results-title">{r.final ? "Results" : "Results so far"}</h2>
      <ul>
        {resultHeadlines(r).map((line) => (
          <li>{line}</li>
        ))}
      </ul>
      <h3>Units</h3>
      <dl class="figures terms">
        <Figure label="Set aside for the deal" value={n(r.units.allocated)} />
        <Figure label="Sold (confirmed orders)" value={n(r.units.sold)} />
        <Figure label="Cancelled after payment" value={n(r.units.cancelled)} />
        <Figure label="Returned by shoppers" value={n(r.units.returned)} />
        <Figure label="Net units sold" value={n(r.units.net_sold)} />
        <Figure label="Went back to stock unsold" value={n(r.units.returned_to_stock)} />
        <Figure label="Still in the deal" value={n(r.units.still_in_deal)} />
      </dl>
      <h3>Orders</h3>
      <dl class="figures terms">
        <Figure label="Placed" value={n(r.orders.placed)} />
        <Figure label="Confirmed" value={n(r.orders.paid)} />
        <Figure label="Cancelled" value={n(r.orders.cancelled)} />
        <Figure label="Returned" value={n(r.orders.returned)} />
      </dl>
      <h3>Money at the deal price</h3>
      <dl class="figures terms">
        <Figure label="Confirmed orders" value={money(r.revenue.gross)} />
        <Figure label="Refunded" value={money(r.revenue.refunded)} />
        {r.revenue.cancelled_unpaid > 0 && <Figure label="Cancelled before payment was taken" value={money(r.revenue.cancelled_unpaid)} />}
        <Figure label="Net" value={money(r.revenue.net)} />
        <Figure label="Discount below the listing's price" value={money(r.revenue.discount)} />
      </dl>
      {r.revenue.discount_unrecorded_units > 0 && (
        <p class="muted">
          The discount leaves out {countWords(r.revenue.discount_unrecorded_units, "unit", "units")} sold before the listing's price was
          recorded with each order.
        </p>
      )}
      <h3>Timing</h3>
      <dl class="figures terms">
        <Figure label="Opened" value={r.timing.opened_at ? whenIst(r.timing.opened_at) : "Never opened"} />
        <Figure label="First sale" value={whenIst(r.timing.first_sale_at)} />
        <Figure label="Sold out" value={r.timing.sold_out_at ? whenIst(r.timing.sold_out_at) : "Not sold out"} />
        <Figure label="Time to sell out" value={r.timing.sell_out_seconds === null ? "—" : spanWords(r.timing.sell_out_seconds)} />
        <Figure label="Ended" value={r.timing.ended_at ? whenIst(r.timing.ended_at) : "Still running"} />
        <Figure label="Best minute" value={peak ? `${countWords(peak.units, "unit", "units")} from ${whenIst(peak.starts_at)}` : "—"} />
      </dl>
      <h3>Shoppers</h3>
      <dl class="figures terms">
        <Figure label="Joined the waiting room" value={joinedWords(r.shoppers)} />
        <Figure label="Let in from the waiting room" value={r.shoppers.admitted === null ? "—" : n(r.shoppers.admitted)} />
        <Figure label="Placed an order (held units)" value={n(r.shoppers.ordered)} />
        <Figure label="Paid" value={n(r.shoppers.paid)} />
      </dl>
      {minutes.length > 0 && (
        <TableScroll label="Units sold in each minute after opening">
          <table class="deal-minutes">
            <caption>Units sold in each minute after opening</caption>
            <thead>
              <tr>
                <th scope="col">Minute</th>
                <th scope="col">Units</th>
                <th scope="col">
                  <span class="visually-hidden">Against the busiest minute</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {minutes.map((units, i) => (
                <tr>
                  <th scope="row">{i + 1}</th>
                  <td>{n(units)}</td>
                  <td>
                    <meter min={0} max={most} value={units} aria-label={`Minute ${i + 1}: ${units} of ${most}`} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
