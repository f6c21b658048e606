import type { Context, Hono } from "hono";
import type { AppEnv } from "../../platform/context";
import type { PayoutLine, PayoutStatement } from "../../sellers/payouts";
import {
  CLOSING_FEE_SLABS,
  COMMISSION_RATE_CARD,
  DEFAULT_COMMISSION_PERCENT,
  FEES_GST_PERCENT,
  PAYOUT_STATE_WORDS,
  PAYOUT_STATES,
  type PayoutState,
  SETTLEMENT_DAYS,
} from "../../sellers/settlement";
import { defaultStatementDays } from "../../sellers/statement-days";
import { type ApiFetch, answerProblem, apiRequest, callApi, type Problem, problemMessage } from "../api";
import { ColumnHeads, TableScroll } from "../components";
import { countWords, day, money } from "../format";
import { Layout } from "../layout";
import { cursorParam, PageLinks, withQuery } from "../paging";
import { consoleGuard, Flash } from "./guard";
import { SellerNav, waitingQuestions } from "./seller-nav";

/** Orders per page of the seller's Payments tab. */
export const SELLER_PAYMENTS_PAGE = 20;

const FILTERS: ReadonlyArray<[PayoutState | undefined, string]> = [
  [undefined, "All"],
  ...PAYOUT_STATES.map((state) => [state, PAYOUT_STATE_WORDS[state]] as [PayoutState, string]),
];

/** A settlement day ("YYYY-MM-DD", IST) as a seller reads it. */
function settlementDay(date: string): string {
  return day(`${date}T00:00:00+05:30`);
}

/** Where a line's money stands, in a seller's words. */
export function lineStatus(
  l: Pick<PayoutLine, "state" | "settles_on"> &
    Partial<Pick<PayoutLine, "qty" | "units_on_hold" | "order_status" | "returnable" | "return_decided">>,
): string {
  if (l.state === "no_payout") return "Returned/cancelled: no payout";
  if (l.units_on_hold) {
    const part = l.qty && l.units_on_hold < l.qty ? ` for ${l.units_on_hold} of ${l.qty} units` : "";
    return `Return requested${part}: on hold until we decide, paid if we decline it`;
  }
  if (l.state === "payable") return `Payable on ${settlementDay(l.settles_on ?? "")}`;
  // Goods that can never come back wait for the rest of the order's window, but no return can take their money.
  if (l.settles_on && l.returnable === false)
    return `Pending: payable on ${settlementDay(l.settles_on)} with the rest of the order (this item can't be returned)`;
  // An order takes one return: once it is decided, what the order kept can no longer go back.
  if (l.settles_on && l.return_decided)
    return `Pending: payable on ${settlementDay(l.settles_on)} (this order's return is decided: nothing more can come back)`;
  return l.settles_on
    ? `Pending: return window open, payable on ${settlementDay(l.settles_on)} if kept`
    : l.order_status === "return_requested"
      ? "Pending: a return of this order waits for our decision"
      : "Pending: not delivered yet";
}

/** How much of a line the shopper kept, when a return took only part of it ("2 of 3 units kept"); null otherwise. */
export function keptWords(l: Pick<PayoutLine, "qty" | "units_kept">): string | null {
  return l.units_kept > 0 && l.units_kept < l.qty ? `${l.units_kept} of ${l.qty} units kept` : null;
}

function Breakdown(props: { l: PayoutLine }) {
  const { l } = props;
  const rows: Array<[string, number]> = [
    ["Sale value", l.sale_value],
    [`Commission (${l.commission_percent}%)`, -l.commission],
    ["Closing fee", -l.closing_fee],
    [`GST on fees (${FEES_GST_PERCENT}%)`, -l.fees_gst],
    ["TCS (0.5%)", -l.tcs],
    ["TDS (0.1%)", -l.tds],
  ];
  return (
    <details data-breakdown>
      <summary>Breakdown</summary>
      <dl>
        {rows.map(([label, amount]) => (
          <>
            <dt>{label}</dt>
            <dd class="amount">{amount < 0 ? `− ${money(-amount)}` : money(amount)}</dd>
          </>
        ))}
        <dt>You receive</dt>
        <dd class="amount">{money(l.net)}</dd>
      </dl>
    </details>
  );
}

/** The rate card and the rules, for the seller to check any line by hand. */
function HowWeWorkItOut() {
  const slabs = CLOSING_FEE_SLABS.map((s, i) =>
    Number.isFinite(s.upTo)
      ? `up to ${money(s.upTo)}: ${money(s.fee)}`
      : `above ${money(CLOSING_FEE_SLABS[i - 1]?.upTo ?? 0)}: ${money(s.fee)}`,
  );
  return (
    <section class="panel" data-how-we-work-it-out>
      <h2>How we work this out</h2>
      <p>
        For each item you sold: the sale value is its price (GST included) times the units the shopper kept (all of them, unless a return of
        some was accepted). From it we take our commission, a percentage of the sale value by the product's category, and a closing fee per
        unit by its price ({slabs.join(", ")}), with {FEES_GST_PERCENT}% GST on both. We also withhold TCS (0.5% of the taxable value of the
        units kept on your tax invoice, less what its credit note cancelled, under section 52 of the CGST Act) and TDS (0.1% of the sale
        value, under section 194-O of the Income-tax Act); both count towards your tax. Each figure is rounded to the paisa, halves up.
      </p>
      <p>
        An item is pending until it is delivered and its return window has closed; it is then payable {SETTLEMENT_DAYS} days later. While a
        return waits for our decision, the whole order is pending and the units asked back are on hold: paid if we decline it. Cancelled
        orders and orders refunded in full pay nothing; when we accept a return of part of an order, the rest of it is paid for as usual.
      </p>
      <TableScroll label="Commission by category">
        <table class="data" data-rate-card>
          <ColumnHeads columns={["Category", "Commission"]} />
          <tbody>
            {COMMISSION_RATE_CARD.map((r) => (
              <tr>
                <td class="words">{r.label}</td>
                <td>{r.percent}%</td>
              </tr>
            ))}
            <tr>
              <td>Anything else</td>
              <td>{DEFAULT_COMMISSION_PERCENT}%</td>
            </tr>
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

/** "Download statement (CSV)": the days and the state to download, a plain GET form that works without scripts. */
function StatementDownload(props: { state: PayoutState | undefined; from: string; to: string }) {
  return (
    <form method="get" action="/seller/payments/statement.csv" class="panel" data-statement-download>
      <h2>Download statement (CSV)</h2>
      <p class="muted">
        Your lines of orders placed on these days (IST), up to 92 days per file, to open in a spreadsheet or your accounting software.
      </p>
      <div class="field-row">
        <label>
          From <input type="date" name="from" value={props.from} required />
        </label>{" "}
        <label>
          To <input type="date" name="to" value={props.to} required />
        </label>{" "}
        <label>
          Lines{" "}
          <select name="state">
            {FILTERS.map(([s, label]) => (
              <option value={s ?? ""} selected={s === props.state}>
                {label}
              </option>
            ))}
          </select>
        </label>{" "}
        <button type="submit" class="button">
          Download CSV
        </button>
      </div>
    </form>
  );
}

async function renderPayments(c: Context<AppEnv>, fetchApi: ApiFetch, download?: { problem: Problem }) {
  const asked = c.req.query("state");
  const state = PAYOUT_STATES.find((s) => s === asked);
  const cursor = cursorParam(c.req.query("cursor"));
  const [res, questions] = await Promise.all([
    callApi<PayoutStatement>(c, fetchApi, withQuery("/api/seller/payouts", { state, cursor, limit: SELLER_PAYMENTS_PAGE })),
    waitingQuestions(c, fetchApi),
  ]);
  const statement = res.ok ? res.data : null;
  const summary = statement?.summary;
  return c.html(
    <Layout degraded={c.var.degraded} viewer={c.var.user} csrf={c.var.csrfToken} title="Payments · Seller console">
      <h1>Payments</h1>
      <SellerNav current="/seller/payments" questions={questions} />
      <Flash error={download ? problemMessage(download.problem) : res.ok ? undefined : problemMessage(res.problem)} />
      {summary && (
        <>
          <p class="panel" data-payout-totals>
            <span data-payable-total>
              Payable: <strong>{money(summary.payable.net)}</strong> ({countWords(summary.payable.lines, "item", "items")})
            </span>
            {" · "}
            <span data-pending-total>
              Pending: <strong>{money(summary.pending.net)}</strong> ({countWords(summary.pending.lines, "item", "items")})
            </span>
            <span class="muted"> — orders placed since {day(summary.since)}</span>
          </p>
          <h2>Settlements by date</h2>
          {summary.settlements.length === 0 ? (
            <p class="muted" data-settlements>
              Nothing is payable yet.
            </p>
          ) : (
            <TableScroll label="Settlements by date">
              <table class="data" data-settlements>
                <ColumnHeads columns={["Date", "Items", "Sale value", "You receive"]} />
                <tbody>
                  {summary.settlements.map((s) => (
                    <tr data-date={s.date}>
                      <td class="words">{settlementDay(s.date)}</td>
                      <td>{s.lines}</td>
                      <td class="amount">{money(s.sale_value)}</td>
                      <td class="amount">{money(s.net)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </>
      )}
      <h2 id="statement">Statement</h2>
      <nav class="chips" aria-label="Statement by state" data-payout-filters>
        {FILTERS.map(([s, label]) => (
          <a href={withQuery("/seller/payments", { state: s })} aria-current={s === state ? "page" : undefined}>
            {label}
          </a>
        ))}
      </nav>
      {statement && statement.lines.length === 0 ? (
        <p class="panel">{state || cursor ? "Nothing here." : "You have no sales yet."}</p>
      ) : (
        <TableScroll label="Statement">
          <table class="data" data-payout-lines>
            <ColumnHeads columns={["Order", "Item", "Status", "You receive"]} />
            <tbody>
              {(statement?.lines ?? []).map((l) => (
                <tr data-order-id={l.order_id} data-listing-id={l.listing_id} data-state={l.state}>
                  <td class="ref">
                    {l.order_id}
                    <div class="muted words">Placed {day(l.placed_at)}</div>
                  </td>
                  <td class="words">
                    {l.qty} × {l.title} at {money(l.unit_price)}
                    {keptWords(l) && (
                      <div class="muted" data-units-kept>
                        {keptWords(l)}
                      </div>
                    )}
                  </td>
                  <td class="words">{lineStatus(l)}</td>
                  <td class="amount">
                    {money(l.net)}
                    {l.state !== "no_payout" && <Breakdown l={l} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <PageLinks
        next={statement?.next_cursor ? `${withQuery("/seller/payments", { state, cursor: statement.next_cursor })}#statement` : null}
        first={cursor ? `${withQuery("/seller/payments", { state })}#statement` : null}
        label="Older sales"
      />
      <StatementDownload state={state} {...(download ? statementAsked(c) : defaultStatementDays())} />
      <HowWeWorkItOut />
    </Layout>,
  );
}

/** The days a refused download asked for, drawn back into the form to correct. */
function statementAsked(c: Context<AppEnv>): { from: string; to: string } {
  const days = defaultStatementDays();
  return { from: c.req.query("from") || days.from, to: c.req.query("to") || days.to };
}

/**
 * What was wrong with a download's fields, by the form's labels: a link or an old page can send
 * what the date pickers and the list never would. Null when no field was refused.
 */
function downloadFieldWords(problem: Problem): string | null {
  const words = (problem.errors ?? []).map(({ path, message }) =>
    path === "state"
      ? `Lines: choose ${["All", ...PAYOUT_STATES.map((st) => PAYOUT_STATE_WORDS[st])].join(", ")}`
      : `${path === "from" ? "From" : path === "to" ? "To" : path}: ${message}`,
  );
  return words.length > 0 ? `${words.join(". ")}.` : null;
}

/** Registers the seller console's Payments tab: what the seller's sales pay it, and when, and its statement's download. */
export function registerSellerPayments(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  app.get("/seller/payments", (c) => consoleGuard(c, "seller") ?? renderPayments(c, fetchApi));

  app.get("/seller/payments/statement.csv", async (c) => {
    const denied = consoleGuard(c, "seller");
    if (denied) return denied;
    // The form sends every field; an empty one (the "All" state) is left out, meaning the API's default.
    const asked = { from: c.req.query("from"), to: c.req.query("to"), state: c.req.query("state") };
    const res = await fetchApi(await apiRequest(c, withQuery("/api/seller/payouts.csv", asked)), c.env, c.executionCtx);
    if (!res.ok) {
      const problem = ((await res.json().catch(() => ({}))) ?? {}) as Problem;
      problem.status = res.status;
      const fields = downloadFieldWords(problem);
      if (fields) problem.detail = fields;
      answerProblem(c, problem);
      return renderPayments(c, fetchApi, { problem });
    }
    // Passed on as it streams, so a long statement is never held whole here either.
    return new Response(res.body, {
      status: 200,
      headers: {
        "content-type": res.headers.get("content-type") ?? "text/csv; charset=utf-8",
        "content-disposition": res.headers.get("content-disposition") ?? "attachment",
        "cache-control": "private, no-store",
      },
    });
  });
}
