import type { Context, Hono } from "hono";
import type { AppEnv } from "../../platform/context";
import { RETURN_REASON_WORDS, type ReturnReason } from "../../orders/return-reasons";
import type { ListingReturns, SellerReturnsSummary } from "../../orders/seller-return-summary";
import { SELLER_RETURN_STATUSES, type SellerReturnStatus, type SellerReturnView } from "../../orders/seller-returns";
import { type ApiFetch, callApi, problemMessage } from "../api";
import { ColumnHeads, TableScroll } from "../components";
import { countWords, day, lineAmount, money, whenIst } from "../format";
import { Layout } from "../layout";
import { cursorParam, type Page, PageLinks, withQuery } from "../paging";
import { consoleGuard, Flash } from "./guard";
import { SellerNav, waitingQuestions } from "./seller-nav";

/** Returns per page of the seller's Returns tab. */
export const SELLER_RETURNS_PAGE = 20;

/** The filters over the list, in the order a return goes through them. */
const FILTERS: ReadonlyArray<[SellerReturnStatus | undefined, string]> = [
  [undefined, "All"],
  ["requested", "Waiting for a decision"],
  ["accepted", "Accepted"],
  ["declined", "Declined"],
  ["received", "Received back"],
];

/** Each reason as the summary counts units by it: "2 for size or fit". */
const REASON_COUNTED: Readonly<Record<ReturnReason, string>> = {
  damaged: "for damage or defects",
  wrong_item: "for the wrong item",
  not_as_described: "for not being as described",
  size_fit: "for size or fit",
  no_longer_needed: "no longer needed",
};

/** A listing's line of the summary: "3 of 40 sold came back in the last 30 days — 2 for size or fit". */
export function listingReturnsLine(l: ListingReturns, days: number): string {
  const why = l.reasons.map((r) => `${r.units} ${REASON_COUNTED[r.reason]}`).join(", ");
  return `${l.returned} of ${l.sold} sold came back in the last ${days} days — ${why}`;
}

function Decision(props: { r: SellerReturnView }) {
  const d = props.r.decision;
  if (!d) return <span class="muted">Waiting for ops</span>;
  if (d.outcome === "accepted") return <>Accepted {day(d.at)}</>;
  return (
    <>
      Declined {day(d.at)}
      {d.decline_reason && <div data-decline-reason>“{d.decline_reason}”</div>}
      {props.r.refunded_after_decline_at && (
        <div data-refunded-after-decline>
          Refunded in full {day(props.r.refunded_after_decline_at)} after all: the sale no longer stands
        </div>
      )}
    </>
  );
}

function GoodsBack(props: { r: SellerReturnView }) {
  const { r } = props;
  if (r.received?.condition === "damaged") return <>Received {day(r.received.at)}: damaged, kept off sale</>;
  if (r.received) {
    const back = r.items.flatMap((i) => (i.back_on_sale ? [{ ...i.back_on_sale, title: i.title }] : []));
    return (
      <>
        Received {day(r.received.at)}
        {back.map((b) => (
          <div data-back-on-sale>
            {countWords(b.units, "unit", "units")} of {b.title} back on sale at {b.warehouse_name}
          </div>
        ))}
      </>
    );
  }
  return <span class="muted">{r.status === "accepted" ? "On the way back" : "—"}</span>;
}

async function renderReturns(c: Context<AppEnv>, fetchApi: ApiFetch) {
  const asked = c.req.query("status");
  const status = SELLER_RETURN_STATUSES.find((s) => s === asked);
  const cursor = cursorParam(c.req.query("cursor"));
  const [summary, returns, questions] = await Promise.all([
    callApi<SellerReturnsSummary>(c, fetchApi, "/api/seller/returns/summary"),
    callApi<Page<SellerReturnView>>(c, fetchApi, withQuery("/api/seller/returns", { status, cursor, limit: SELLER_RETURNS_PAGE })),
    waitingQuestions(c, fetchApi),
  ]);
  const list = returns.ok ? returns.data.items : [];
  const next = returns.ok ? (returns.data.next_cursor ?? null) : null;
  const waiting = summary.ok ? summary.data.awaiting_decision : undefined;
  return c.html(
    <Layout degraded={c.var.degraded} viewer={c.var.user} csrf={c.var.csrfToken} title="Returns · Seller console">
      <h1>Returns</h1>
      <SellerNav current="/seller/returns" waiting={waiting} questions={questions} />
      <Flash error={returns.ok ? (summary.ok ? undefined : problemMessage(summary.problem)) : problemMessage(returns.problem)} />
      {summary.ok && (
        <>
          <p class="panel" data-awaiting-decision>
            {summary.data.awaiting_decision === 0
              ? "No return of yours is waiting for ops' decision."
              : `${countWords(summary.data.awaiting_decision, "return is", "returns are")} waiting for ops' decision.`}
          </p>
          <h2>Listings that came back</h2>
          {summary.data.listings.length === 0 ? (
            <p class="muted" data-return-summary>
              Nothing you sold in the last {summary.data.days} days came back.
            </p>
          ) : (
            <ul data-return-summary>
              {summary.data.listings.map((l) => (
                <li data-listing-id={l.listing_id}>
                  <strong>{l.title}</strong>: {listingReturnsLine(l, summary.data.days)}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <h2 id="returns">Your returns</h2>
      <nav class="chips" aria-label="Returns by stage" data-return-filters>
        {FILTERS.map(([s, label]) => (
          <a href={withQuery("/seller/returns", { status: s })} aria-current={s === status ? "page" : undefined}>
            {label}
          </a>
        ))}
      </nav>
      {returns.ok && list.length === 0 ? (
        <p class="panel">{status || cursor ? "No returns here." : "None of your sales has been returned."}</p>
      ) : (
        <TableScroll label="Returns">
          <table class="data" data-seller-returns>
            <ColumnHeads columns={["Order", "Asked", "Your items", "Why", "Decision", "Refund of your items", "Goods back"]} />
            <tbody>
              {list.map((r) => (
                <tr data-order-id={r.order_id} data-status={r.status}>
                  <td class="ref">
                    {r.order_id}
                    <div class="muted words">Placed {day(r.placed_at)}</div>
                  </td>
                  <td class="words">{whenIst(r.requested_at)}</td>
                  <td class="words">
                    {r.items.map((i) => (
                      <div data-listing-id={i.listing_id}>
                        {i.return_qty < i.qty ? `${i.return_qty} of ${i.qty}` : i.qty} × {i.title} at{" "}
                        {lineAmount(i.unit_price, i.return_qty)}
                      </div>
                    ))}
                  </td>
                  <td class="words">
                    {RETURN_REASON_WORDS[r.reason]}
                    {r.note && <div class="muted">“{r.note}”</div>}
                  </td>
                  <td>
                    <Decision r={r} />
                  </td>
                  <td class="amount">{r.refunded > 0 ? money(r.refunded) : "—"}</td>
                  <td>
                    <GoodsBack r={r} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <PageLinks
        next={next ? `${withQuery("/seller/returns", { status, cursor: next })}#returns` : null}
        first={cursor ? `${withQuery("/seller/returns", { status })}#returns` : null}
        label="Older returns"
      />
    </Layout>,
  );
}

/** Registers the seller console's Returns tab: the returns of the seller's sales and which listings come back. */
export function registerSellerReturns(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  app.get("/seller/returns", (c) => consoleGuard(c, "seller") ?? renderReturns(c, fetchApi));
}
