import type { Context, Hono } from "hono";
import type { AppEnv } from "../platform/context";
import { REPORT_REASONS, type ReportReason } from "../reviews/schemas";
import { type ApiFetch, answerProblem, callApi, problemMessage } from "./api";
import { FieldError } from "./field-error";
import { day } from "./format";
import { CsrfField } from "./layout";
import { ReviewActionPage, readReviewForPage, signInFirst } from "./review-action";
import { reportPath } from "./review-list";

/** Each reason in a shopper's words, in the order offered. */
export const REPORT_REASON_WORDS: Record<ReportReason, string> = {
  spam: "Spam or advertising",
  abusive: "Abusive, hateful or threatening",
  off_topic: "Not about the product (the delivery, the seller, the price)",
  personal_details: "Shares someone's personal details (a phone number, an address)",
  fake: "Not a real shopper's experience",
};

const isReason = (value: unknown): value is ReportReason => REPORT_REASONS.includes(value as ReportReason);

/**
 * The shopper's page for reporting a review to ops: the review, and the reasons to choose from.
 * Personal (it carries the session's CSRF token); a guest is asked to sign in first.
 */
async function renderReportPage(
  c: Context<AppEnv>,
  fetchApi: ApiFetch,
  reviewId: string,
  state: { done?: boolean; message?: string; error?: string; chosen?: string } = {},
) {
  const [r, mine] = await Promise.all([
    readReviewForPage(c, fetchApi, reviewId, "Report a review"),
    callApi<{ report: { reason: ReportReason; reported_at: string } | null }>(
      c,
      fetchApi,
      `/api/reviews/${encodeURIComponent(reviewId)}/report`,
    ),
  ]);
  if (r instanceof Response) return r;
  // Reported already (and not yet dealt with): say so rather than offer the form again.
  const sent = mine.ok ? mine.data.report : null;
  return c.html(
    <ReviewActionPage
      c={c}
      title="Report a review"
      heading={state.done ? "Thank you for reporting this review" : sent ? "You reported this review" : "Report a review"}
      review={r}
      message={state.message}
    >
      {sent ? (
        <p role="status">
          You reported it on {day(sent.reported_at)} as "{REPORT_REASON_WORDS[sent.reason]}". Our team will read it and remove it if it
          breaks the review guidelines. It stays up until then.
        </p>
      ) : (
        <form method="post" action={reportPath(r.id)} class="stack" novalidate>
          <CsrfField token={c.var.csrfToken} />
          <fieldset aria-describedby={state.error ? "reason-err" : undefined}>
            <legend>What is wrong with it?</legend>
            {REPORT_REASONS.map((reason) => (
              <label class="check">
                <input type="radio" name="reason" value={reason} required checked={state.chosen === reason} /> {REPORT_REASON_WORDS[reason]}
              </label>
            ))}
            <FieldError field="reason" message={state.error} />
          </fieldset>
          <button type="submit" class="primary">
            Report it
          </button>
        </form>
      )}
    </ReviewActionPage>,
  );
}

/** Registers the report page and its form, which works without scripts (post, then redirect). */
export function registerReviewReport(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  app.get("/reviews/:id/report", async (c) => {
    const id = c.req.param("id");
    if (!c.var.user) return signInFirst(c, reportPath(id));
    return renderReportPage(c, fetchApi, id, { done: c.req.query("done") === "reported" });
  });

  app.post("/reviews/:id/report", async (c) => {
    const id = c.req.param("id");
    if (!c.var.user) return signInFirst(c, reportPath(id));
    const form = await c.req.parseBody();
    const reason = form.reason;
    if (!isReason(reason)) {
      c.status(400);
      return renderReportPage(c, fetchApi, id, { error: "Choose what is wrong with the review.", message: "Please choose a reason." });
    }
    const res = await callApi(c, fetchApi, `/api/reviews/${encodeURIComponent(id)}/report`, { method: "PUT", body: { reason } });
    if (res.ok) return c.redirect(`${reportPath(id)}?done=reported`, 303);
    answerProblem(c, res.problem);
    // The API's own words for the refusal it explains: the review is the shopper's own.
    const own = res.problem.status === 403 && res.problem.detail;
    return renderReportPage(c, fetchApi, id, { chosen: reason, message: own || problemMessage(res.problem) });
  });
}
