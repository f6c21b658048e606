import type { Context, Hono } from "hono";
import type { AppEnv } from "../platform/context";
import type { HelpfulVote } from "../reviews/schemas";
import { type ApiFetch, answerProblem, callApi, problemMessage } from "./api";
import { CsrfField } from "./layout";
import { refusedPage } from "./refused-page";
import { ReviewActionPage, readReviewForPage, signInFirst } from "./review-action";
import { helpfulWords, votePath } from "./review-list";

/** What the page says after a vote is given or taken back. */
const NOTICES: Record<string, string> = {
  marked: "Thank you: your vote helps other shoppers find the useful reviews.",
  unmarked: "Your vote is taken back.",
};

/**
 * The personal page behind a review's Helpful button when scripts are off: the review, whether
 * the shopper marked it helpful, and the one form that changes that, carrying the session's CSRF
 * token, which the shared review lists cannot. A guest is asked to sign in first.
 */
async function renderVotePage(
  c: Context<AppEnv>,
  fetchApi: ApiFetch,
  reviewId: string,
  state: { notice?: string | undefined; message?: string } = {},
) {
  const [r, vote] = await Promise.all([
    readReviewForPage(c, fetchApi, reviewId, "Helpful review"),
    callApi<HelpfulVote>(c, fetchApi, `/api${votePath(reviewId)}`),
  ]);
  if (r instanceof Response) return r;
  if (!vote.ok) return refusedPage(c, vote.problem, { title: "Helpful review", personal: true });
  const helpful = vote.data.helpful;
  return c.html(
    <ReviewActionPage
      c={c}
      title="Helpful review"
      heading={helpful ? "You found this review helpful" : "Was this review helpful?"}
      review={r}
      notice={state.notice}
      message={state.message}
    >
      {vote.data.helpful_count > 0 && <p class="muted">{helpfulWords(vote.data.helpful_count)}.</p>}
      <form method="post" action={votePath(r.id)}>
        <CsrfField token={c.var.csrfToken} />
        <input type="hidden" name="helpful" value={helpful ? "no" : "yes"} />
        <button type="submit" class={helpful ? undefined : "primary"}>
          {helpful ? "Take back my vote" : "Yes, it helped me"}
        </button>
      </form>
    </ReviewActionPage>,
  );
}

/** Registers the vote page and its form, which works without scripts (post, then redirect). */
export function registerReviewVote(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  app.get("/reviews/:id/helpful", async (c) => {
    const id = c.req.param("id");
    if (!c.var.user) return signInFirst(c, votePath(id));
    const done = c.req.query("done");
    return renderVotePage(c, fetchApi, id, { notice: done ? NOTICES[done] : undefined });
  });

  app.post("/reviews/:id/helpful", async (c) => {
    const id = c.req.param("id");
    if (!c.var.user) return signInFirst(c, votePath(id));
    const form = await c.req.parseBody();
    const helpful = form.helpful !== "no";
    const res = await callApi(c, fetchApi, `/api/reviews/${encodeURIComponent(id)}/helpful`, {
      method: helpful ? "PUT" : "DELETE",
      // A body carries the session's CSRF token along, as for any change a page asks of the API.
      body: {},
    });
    if (res.ok) return c.redirect(`${votePath(id)}?done=${helpful ? "marked" : "unmarked"}`, 303);
    answerProblem(c, res.problem);
    // The API's own words for the refusal it explains: the review is the shopper's own.
    const own = res.problem.status === 403 && res.problem.detail;
    return renderVotePage(c, fetchApi, id, { message: own || problemMessage(res.problem) });
  });
}
