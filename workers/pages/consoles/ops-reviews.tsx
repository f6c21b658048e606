import type { Context, Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../../platform/context";
import { type ApiFetch, answerProblem, callApi, problemMessage } from "../api";
import { ColumnHeads, TableScroll } from "../components";
import { whenIst } from "../format";
import { CsrfField, Layout } from "../layout";
import { cursorParam, type Page, PageLinks, withQuery } from "../paging";
import type { ReportedReviewPage } from "../../reviews/schemas";
import { REPORT_REASON_WORDS } from "../review-report";
import type { ReviewRemovalView, StoreReviewView } from "../types";
import { consoleGuard, Flash } from "./guard";
import { OpsNav } from "./ops-nav";
import { ReportedPanel } from "./reported-queue";

/** Reviews per page of the moderation list. */
const REVIEWS_PAGE = 25;
/** Reported reviews per page of the queue above it. */
const REPORTED_PAGE = 25;
/** Removals per page under it, for ops to see what colleagues took down and why. */
const REMOVALS_PAGE = 20;
/** As the API allows; said here too so the browser stops the typist, not the server. */
const REASON_MAX = 500;

/** The Remove form: why, and which page of the list it was pressed on. */
export const RemoveForm = z.object({
  reason: z
    .string({ error: "Say why the review is removed." })
    .trim()
    .min(1, { error: "Say why the review is removed." })
    .refine((s) => [...s].length <= REASON_MAX, { error: `Keep the reason to ${REASON_MAX} characters.` }),
  cursor: z.string().max(300).optional(),
  reported: z.string().max(300).optional(),
});

/** A review's first cells in both moderation tables: its product, stars, words and first-named author. */
function ReviewCells({ review: r }: { review: StoreReviewView }) {
  return (
    <>
      <td class="words">
        <a href={`/products/${encodeURIComponent(r.product_id)}`}>{r.product_title}</a>
      </td>
      <td>{r.rating}★</td>
      <td class="words">
        {r.title && <strong>{r.title}</strong>}
        {r.body && <p>{r.body}</p>}
      </td>
      <td class="words">{r.reviewer}</td>
    </>
  );
}

/** Where a form was pressed: the page of the newest list, or of the reported queue, to come back to. */
function PageFields(props: { cursor?: string | undefined; reported?: string | undefined }) {
  return (
    <>
      {props.cursor && <input type="hidden" name="cursor" value={props.cursor} />}
      {props.reported && <input type="hidden" name="reported" value={props.reported} />}
    </>
  );
}

/** A review's Remove form: why it goes, and which page of which list it was pressed on. */
function RemoveReview(props: {
  reviewId: string;
  csrf: string | null;
  cursor?: string | undefined;
  reported?: string | undefined;
  reason?: string | undefined;
}) {
  return (
    <form method="post" action={`/ops/reviews/${encodeURIComponent(props.reviewId)}/remove`} class="row-form">
      <CsrfField token={props.csrf} />
      <PageFields cursor={props.cursor} reported={props.reported} />
      <label>
        Reason <input name="reason" required maxlength={REASON_MAX} value={props.reason} />
      </label>
      <button type="submit" class="danger">
        Remove
      </button>
    </form>
  );
}

/** Where a form on the console sends ops back to: the page of the list they pressed it on. */
function backTo(done: "removed" | "kept", at: { cursor?: string | undefined; reported?: string | undefined }): string {
  const reported = cursorParam(at.reported);
  const path = withQuery("/ops/reviews", { cursor: cursorParam(at.cursor), reported, [done]: 1 });
  return reported ? `${path}#reported-h` : path;
}

async function renderReviews(
  c: Context<AppEnv>,
  fetchApi: ApiFetch,
  at: { cursor?: string | undefined; reported?: string | undefined; error?: string },
) {
  const cursor = cursorParam(at.cursor);
  const reportedAt = cursorParam(at.reported);
  // The two lists page independently; each one's links carry the other's position along.
  const removalsCursor = cursorParam(c.req.query("removals_cursor"));
  const [reported, reviews, removals] = await Promise.all([
    // The queue shows only above the list's first page: further on, it is not read at all.
    cursor
      ? null
      : callApi<ReportedReviewPage>(c, fetchApi, withQuery("/api/admin/reviews/reported", { limit: REPORTED_PAGE, cursor: reportedAt })),
    callApi<Page<StoreReviewView>>(c, fetchApi, withQuery("/api/admin/reviews", { limit: REVIEWS_PAGE, cursor })),
    callApi<Page<ReviewRemovalView>>(
      c,
      fetchApi,
      withQuery("/api/admin/reviews/removals", { limit: REMOVALS_PAGE, cursor: removalsCursor }),
    ),
  ]);
  const list = reviews.ok ? reviews.data.items : [];
  const next = reviews.ok ? reviews.data.next_cursor : null;
  const csrf = c.var.csrfToken;
  return c.html(
    <Layout degraded={c.var.degraded} viewer={c.var.user} csrf={csrf} title="Reviews · Operations">
      <h1>Reviews</h1>
      <OpsNav current="/ops/reviews" />
      <Flash
        ok={
          c.req.query("removed")
            ? "Review removed. The product's rating follows within seconds."
            : c.req.query("kept")
              ? "Review kept. Its reports are cleared, and the shoppers who sent them are told it stays."
              : undefined
        }
        error={at.error ?? (reviews.ok ? undefined : problemMessage(reviews.problem))}
      />
      {/* The queue is where the work is, so it leads; the list of every review pages on below it. */}
      {reported?.ok && (
        <ReportedPanel
          path="/ops/reviews"
          noun="review"
          nouns="reviews"
          page={reported.data}
          at={reportedAt}
          columns={["Product", "Stars", "Review", "By"]}
          words={REPORT_REASON_WORDS}
          keep={(id) => `/ops/reviews/${encodeURIComponent(id)}/keep`}
          row={(r) => <ReviewCells review={r} />}
          remove={(r, reason) => <RemoveReview reviewId={r.id} csrf={csrf} reported={reportedAt} reason={reason} />}
          csrf={csrf}
        />
      )}
      <h2>Newest reviews</h2>
      <p class="muted">Newest first, across the store. Removing a review takes its stars out of the product's rating.</p>
      {list.length === 0 ? (
        <p class="panel">No reviews.</p>
      ) : (
        <TableScroll label="Reviews">
          <table class="data" data-store-reviews>
            <ColumnHeads columns={["Product", "Stars", "Review", "By", "Written", "Remove"]} />
            <tbody>
              {list.map((r) => (
                <tr data-review-id={r.id}>
                  <ReviewCells review={r} />
                  <td class="words">{whenIst(r.created_at)}</td>
                  <td>
                    <RemoveReview reviewId={r.id} csrf={csrf} cursor={cursor} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <PageLinks
        next={next ? withQuery("/ops/reviews", { cursor: next, removals_cursor: removalsCursor }) : null}
        first={cursor ? withQuery("/ops/reviews", { removals_cursor: removalsCursor }) : null}
        label="Older reviews"
      />
      {removals.ok && <Removals items={removals.data.items} first={!removalsCursor} />}
      {removals.ok && (
        <PageLinks
          next={
            removals.data.next_cursor
              ? `${withQuery("/ops/reviews", { cursor, removals_cursor: removals.data.next_cursor })}#removals-h`
              : null
          }
          first={removalsCursor ? `${withQuery("/ops/reviews", { cursor })}#removals-h` : null}
          label="Older removals"
        />
      )}
    </Layout>,
  );
}

/** Recent removals with what the review said, so ops can answer its author or undo a mistake. */
function Removals({ items, first }: { items: ReviewRemovalView[]; first: boolean }) {
  return (
    <section class="panel" aria-labelledby="removals-h" data-review-removals>
      <h2 id="removals-h">{first ? "Recently removed" : "Removed earlier"}</h2>
      {items.length === 0 ? (
        <p class="muted">{first ? "No reviews removed yet." : "No earlier removals."}</p>
      ) : (
        <TableScroll label={first ? "Reviews removed recently" : "Reviews removed earlier"}>
          <table class="data">
            <ColumnHeads columns={["Product", "Review", "Author", "Removed by", "When", "Why"]} />
            <tbody>
              {items.map((m) => (
                <tr data-removed-review-id={m.review_id}>
                  <td class="words">{m.product_title}</td>
                  <td class="words">
                    {m.rating}★ {m.title && <strong>{m.title}</strong>}
                    {m.body && <p>{m.body}</p>}
                  </td>
                  <td>{m.user_id ? <code>{m.user_id}</code> : "before accounts"}</td>
                  <td>{m.removed_by_name ?? <code>{m.removed_by}</code>}</td>
                  <td class="words">{whenIst(m.removed_at)}</td>
                  <td class="words">{m.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

/**
 * Registers the ops console's review moderation: the queue of reported reviews, the store's newest
 * reviews, keeping or removing one, and recent removals.
 */
export function registerOpsReviewsConsole(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  app.get(
    "/ops/reviews",
    (c) => consoleGuard(c, "ops") ?? renderReviews(c, fetchApi, { cursor: c.req.query("cursor"), reported: c.req.query("reported") }),
  );

  app.post("/ops/reviews/:id/remove", async (c) => {
    const denied = consoleGuard(c, "ops");
    if (denied) return denied;
    const form = await c.req.parseBody();
    const at = {
      cursor: typeof form.cursor === "string" ? form.cursor : undefined,
      reported: typeof form.reported === "string" ? form.reported : undefined,
    };
    const parsed = RemoveForm.safeParse(form);
    if (!parsed.success) {
      c.status(400);
      return renderReviews(c, fetchApi, { ...at, error: parsed.error.issues[0]?.message ?? "Say why the review is removed." });
    }
    const res = await callApi(c, fetchApi, `/api/admin/reviews/${encodeURIComponent(c.req.param("id"))}`, {
      method: "DELETE",
      body: { reason: parsed.data.reason },
    });
    if (!res.ok) {
      answerProblem(c, res.problem);
      const error = res.problem.status === 404 ? (res.problem.detail ?? problemMessage(res.problem)) : problemMessage(res.problem);
      return renderReviews(c, fetchApi, { ...at, error });
    }
    return c.redirect(backTo("removed", parsed.data), 303);
  });

  app.post("/ops/reviews/:id/keep", async (c) => {
    const denied = consoleGuard(c, "ops");
    if (denied) return denied;
    const form = await c.req.parseBody();
    const at = { reported: typeof form.reported === "string" ? form.reported : undefined };
    const res = await callApi(c, fetchApi, `/api/admin/reviews/${encodeURIComponent(c.req.param("id"))}/reports`, {
      method: "DELETE",
      // A body carries the session's CSRF token along, as for any change a page asks of the API.
      body: {},
    });
    if (!res.ok) {
      answerProblem(c, res.problem);
      return renderReviews(c, fetchApi, { ...at, error: res.problem.detail ?? problemMessage(res.problem) });
    }
    return c.redirect(backTo("kept", at), 303);
  });
}
