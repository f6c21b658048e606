import type { Context, Hono } from "hono";
import type { AppEnv } from "../../platform/context";
import { ANSWER_MAX, ANSWER_MIN, type SellerQuestion, type SellerQuestionPage } from "../../questions/schemas";
import { type ApiFetch, answerProblem, callApi, problemMessage } from "../api";
import { countWords, day } from "../format";
import { clipAtWord } from "../../platform/text";
import { CsrfField, Layout } from "../layout";
import { cursorParam, PageLinks, withQuery } from "../paging";
import { consoleGuard, Flash } from "./guard";
import { SellerNav, waitingQuestions } from "./seller-nav";

/** Questions per page of the seller's Questions tab. */
export const SELLER_QUESTIONS_PAGE = 20;

type State = "unanswered" | "answered";

const TABS: ReadonlyArray<[State, string]> = [
  ["unanswered", "To answer"],
  ["answered", "Answered"],
];

const stateOf = (value: unknown): State => (value === "answered" ? "answered" : "unanswered");

/** A refused answer, shown on its own question with what was typed. */
interface Refused {
  questionId: string;
  text: string;
  message: string;
}

/** One question with the seller's answer form: its first answer, or its answer to edit. */
function QuestionCard(props: {
  q: SellerQuestion;
  state: State;
  cursor: string | undefined;
  csrf: string | null;
  refused: Refused | null;
}) {
  const { q, refused } = props;
  const textId = `q-${q.id}-text`;
  const errorId = `q-${q.id}-err`;
  const mine = q.my_answer;
  const others = q.answer_count - (mine && !mine.removed ? 1 : 0);
  return (
    <li class="panel" id={`q-${q.id}`} data-question-id={q.id}>
      <p>
        <a href={`/products/${encodeURIComponent(q.product.id)}`}>{q.product.title}</a>
      </p>
      <p class="question-text" id={textId}>
        <strong>Q:</strong> {q.text}
      </p>
      <p class="muted">
        Asked <time datetime={q.asked_at}>{day(q.asked_at)}</time>
        {others > 0 && ` · ${countWords(others, "answer", "answers")} from other sellers`}
      </p>
      {mine?.removed ? (
        <div class="panel error" data-answer-removed>
          <p>Your answer was removed by our team and cannot be written again.</p>
          {mine.removal_reason && <p>Why: {mine.removal_reason}</p>}
          <p class="muted">{mine.text}</p>
        </div>
      ) : (
        <form method="post" action={`/seller/questions/${encodeURIComponent(q.id)}/answer`} class="stack answer-form" novalidate>
          <CsrfField token={props.csrf} />
          <input type="hidden" name="state" value={props.state} />
          {props.cursor && <input type="hidden" name="cursor" value={props.cursor} />}
          <label class="field">
            {mine ? "Your answer (edit to replace it)" : "Your answer"}
            <textarea
              name="text"
              rows={3}
              minlength={ANSWER_MIN}
              maxlength={ANSWER_MAX}
              required
              aria-describedby={refused ? `${textId} ${errorId}` : textId}
              aria-invalid={refused ? "true" : undefined}
            >
              {refused?.text ?? mine?.text ?? ""}
            </textarea>
            {refused && (
              <span class="field-error" id={errorId}>
                {refused.message}
              </span>
            )}
          </label>
          {mine && (
            <p class="muted">
              Answered <time datetime={mine.answered_at}>{day(mine.answered_at)}</time>
            </p>
          )}
          <button type="submit" class="primary" aria-label={`${mine ? "Update answer" : "Send answer"} to “${clipAtWord(q.text, 80)}”`}>
            {mine ? "Update answer" : "Send answer"}
          </button>
        </form>
      )}
    </li>
  );
}

async function renderQuestions(
  c: Context<AppEnv>,
  fetchApi: ApiFetch,
  at: { state: State; cursor?: string | undefined; refused?: Refused; error?: string },
) {
  const { state } = at;
  const cursor = cursorParam(at.cursor);
  const [res, waiting] = await Promise.all([
    callApi<SellerQuestionPage>(c, fetchApi, withQuery("/api/seller/questions", { state, cursor, limit: SELLER_QUESTIONS_PAGE })),
    waitingQuestions(c, fetchApi),
  ]);
  const list = res.ok ? res.data.items : [];
  const next = res.ok ? res.data.next_cursor : null;
  const csrf = c.var.csrfToken;
  return c.html(
    <Layout degraded={c.var.degraded} viewer={c.var.user} csrf={csrf} title="Questions · Seller console">
      <h1>Questions</h1>
      <SellerNav current="/seller/questions" questions={waiting} />
      <Flash
        ok={c.req.query("done") ? "Answer saved. It shows on the product's page within a few seconds." : undefined}
        error={at.error ?? (res.ok ? undefined : problemMessage(res.problem))}
      />
      <p class="muted">Shoppers' questions about the products you offer. Your answer shows with your business name.</p>
      <nav class="chips" aria-label="Questions by state" data-question-tabs>
        {TABS.map(([s, label]) => (
          <a href={withQuery("/seller/questions", { state: s })} aria-current={s === state ? "page" : undefined}>
            {label}
          </a>
        ))}
      </nav>
      {res.ok && list.length === 0 ? (
        <p class="panel">
          {state === "unanswered" ? "No questions are waiting for your answer." : "You have not answered any questions yet."}
        </p>
      ) : (
        <ul class="console-list" data-seller-questions={state}>
          {list.map((q) => (
            <QuestionCard q={q} state={state} cursor={cursor} csrf={csrf} refused={at.refused?.questionId === q.id ? at.refused : null} />
          ))}
        </ul>
      )}
      <PageLinks
        next={next ? withQuery("/seller/questions", { state, cursor: next }) : null}
        first={cursor ? withQuery("/seller/questions", { state }) : null}
        label="Older questions"
      />
    </Layout>,
  );
}

/** Registers the seller console's Questions tab: questions about its products to answer, and its answers to edit. */
export function registerSellerQuestions(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  app.get(
    "/seller/questions",
    (c) =>
      consoleGuard(c, "seller") ?? renderQuestions(c, fetchApi, { state: stateOf(c.req.query("state")), cursor: c.req.query("cursor") }),
  );

  app.post("/seller/questions/:id/answer", async (c) => {
    const denied = consoleGuard(c, "seller");
    if (denied) return denied;
    const id = c.req.param("id");
    const form = await c.req.parseBody();
    const state = stateOf(form.state);
    const cursor = cursorParam(typeof form.cursor === "string" ? form.cursor : undefined);
    const text = typeof form.text === "string" ? form.text : "";
    const res = await callApi(c, fetchApi, `/api/seller/questions/${encodeURIComponent(id)}/answer`, { method: "PUT", body: { text } });
    if (res.ok) return c.redirect(`${withQuery("/seller/questions", { state, cursor, done: 1 })}#q-${id}`, 303);
    answerProblem(c, res.problem);
    if (res.problem.errors?.some((e) => e.path === "text")) {
      const message = `Write your answer in ${ANSWER_MIN} to ${ANSWER_MAX} characters.`;
      return renderQuestions(c, fetchApi, {
        state,
        cursor,
        refused: { questionId: id, text, message },
        error: "Please check your answer.",
      });
    }
    return renderQuestions(c, fetchApi, { state, cursor, error: res.problem.detail ?? problemMessage(res.problem) });
  });
}
