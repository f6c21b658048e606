import type { Context, Hono } from "hono";
import type { AppEnv } from "../../platform/context";
import type { SellerFeedbackPage, SellerRatingSummary } from "../../sellers/feedback-schemas";
import { type ApiFetch, callApi, problemMessage } from "../api";
import { ColumnHeads, TableScroll } from "../components";
import { countWords, whenIst } from "../format";
import { Layout } from "../layout";
import { cursorParam, PageLinks, withQuery } from "../paging";
import { consoleGuard, Flash } from "./guard";
import { SellerNav, waitingQuestions } from "./seller-nav";

/** Ratings per page of the seller's Ratings tab. */
export const SELLER_FEEDBACK_PAGE = 20;

const STARS = ["5", "4", "3", "2", "1"] as const;

/** The seller's rating as shoppers see it, and what it is made of. */
function RatingSummary(props: { s: SellerRatingSummary }) {
  const { s } = props;
  return (
    <>
      <p class="panel" data-shown-rating={s.shown}>
        Shoppers see your rating as <strong>{s.shown.toFixed(1)} ★</strong>
        {s.count === 0
          ? ". No buyer has rated you yet."
          : ` from ${countWords(s.count, "buyer's rating", "buyers' ratings")} (their average ${s.average?.toFixed(1)}).`}{" "}
        At the same price, the better-rated seller's offer is shown first.
        {s.pending && " New ratings are being counted; the figure shoppers see updates within a few minutes."}
      </p>
      <p class="muted">
        Your starting rating counts as {s.prior_weight} ratings, so a few early ratings move it gently and your buyers' own average takes
        over as they rate.
      </p>
      <TableScroll label="Ratings by stars">
        <table class="data" data-rating-stars>
          <ColumnHeads columns={["Stars", "Ratings"]} />
          <tbody>
            {STARS.map((n) => (
              <tr data-stars={n}>
                <td>{n} ★</td>
                <td class="amount">{s.stars[n]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}

async function renderFeedback(c: Context<AppEnv>, fetchApi: ApiFetch) {
  const cursor = cursorParam(c.req.query("cursor"));
  const [summary, page, questions] = await Promise.all([
    callApi<SellerRatingSummary>(c, fetchApi, "/api/seller/feedback/summary"),
    callApi<SellerFeedbackPage>(c, fetchApi, withQuery("/api/seller/feedback", { cursor, limit: SELLER_FEEDBACK_PAGE })),
    waitingQuestions(c, fetchApi),
  ]);
  const list = page.ok ? page.data.items : [];
  const next = page.ok ? page.data.next_cursor : null;
  return c.html(
    <Layout degraded={c.var.degraded} viewer={c.var.user} csrf={c.var.csrfToken} title="Ratings · Seller console">
      <h1>Ratings</h1>
      <SellerNav current="/seller/feedback" questions={questions} />
      <Flash error={page.ok ? (summary.ok ? undefined : problemMessage(summary.problem)) : problemMessage(page.problem)} />
      {summary.ok && <RatingSummary s={summary.data} />}
      <h2 id="ratings">What buyers said</h2>
      {page.ok && list.length === 0 ? (
        <p class="panel">
          {cursor ? "No more ratings." : "No buyer has rated you yet. Buyers can rate you once their order is delivered."}
        </p>
      ) : (
        <TableScroll label="Buyers' ratings">
          <table class="data" data-seller-feedback>
            <ColumnHeads columns={["Rated", "Order", "Stars", "Comment"]} />
            <tbody>
              {list.map((f) => (
                <tr data-order-id={f.order_id} data-rating={f.rating}>
                  <td class="words">
                    {whenIst(f.updated_at)}
                    {f.updated_at !== f.created_at && <div class="muted">changed since first rated</div>}
                  </td>
                  <td class="ref">{f.order_id}</td>
                  <td>
                    {f.rating} ★<span class="visually-hidden"> out of 5</span>
                  </td>
                  <td class="words">{f.comment ? `“${f.comment}”` : <span class="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <PageLinks
        next={next ? `${withQuery("/seller/feedback", { cursor: next })}#ratings` : null}
        first={cursor ? "/seller/feedback#ratings" : null}
        label="Older ratings"
      />
    </Layout>,
  );
}

/** Registers the seller console's Ratings tab: the rating shoppers see and every buyer's rating, newest first. */
export function registerSellerFeedback(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  app.get("/seller/feedback", (c) => consoleGuard(c, "seller") ?? renderFeedback(c, fetchApi));
}
