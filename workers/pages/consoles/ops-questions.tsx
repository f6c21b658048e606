import type { Context, Hono } from "hono";
import type { AppEnv } from "../../platform/context";
import type { StoreAnswerPage, StoreQuestionPage } from "../../questions/moderation-schemas";
import { type ApiFetch, answerProblem, callApi, problemMessage } from "../api";
import { ColumnHeads, TableScroll } from "../components";
import { clip, when } from "../format";
import { CsrfField, Layout } from "../layout";
import { cursorParam, PageLinks, withQuery } from "../paging";
import { consoleGuard, Flash } from "./guard";
import { OpsNav } from "./ops-nav";
import { RemoveForm } from "./ops-reviews";

/** Questions and answers per page of the moderation lists. */
const PAGE = 25;
/** As the API allows; said here too so the browser stops the typist, not the server. */
const REASON_MAX = 500;

/** Where the two lists stand, carried through every link and form so a removal keeps both pages. */
interface Positions {
  cursor?: string | undefined;
  answers_cursor?: string | undefined;
}

/** A Remove form: why, and where the lists stood. Its button names what it removes, as every row has one. */
function RemoveButton(props: { action: string; name: string; at: Positions; csrf: string | null }) {
  return (
    <form method="post" action={props.action} class="row-form">
      <CsrfField token={props.csrf} />
      {props.at.cursor && <input type="hidden" name="cursor" value={props.at.cursor} />}
      {props.at.answers_cursor && <input type="hidden" name="answers_cursor" value={props.at.answers_cursor} />}
      <label>
        Reason <input name="reason" required maxlength={REASON_MAX} />
      </label>
      <button type="submit" class="danger" aria-label={`Remove ${props.name}`}>
        Remove
      </button>
    </form>
  );
}

async function renderQuestions(c: Context<AppEnv>, fetchApi: ApiFetch, at: Positions & { error?: string }) {
  const cursor = cursorParam(at.cursor);
  const answersCursor = cursorParam(at.answers_cursor);
  const positions = { cursor, answers_cursor: answersCursor };
  const [questions, answers] = await Promise.all([
    callApi<StoreQuestionPage>(c, fetchApi, withQuery("/api/admin/questions", { limit: PAGE, cursor })),
    callApi<StoreAnswerPage>(c, fetchApi, withQuery("/api/admin/answers", { limit: PAGE, cursor: answersCursor })),
  ]);
  const csrf = c.var.csrfToken;
  const done = c.req.query("removed");
  const failed = !questions.ok ? questions.problem : !answers.ok ? answers.problem : null;
  return c.html(
    <Layout degraded={c.var.degraded} viewer={c.var.user} csrf={csrf} title="Questions · Operations">
      <h1>Questions and answers</h1>
      <OpsNav current="/ops/questions" />
      <Flash
        ok={done ? `${done === "answer" ? "Answer" : "Question"} removed. The product's pages follow within seconds.` : undefined}
        error={at.error ?? (failed ? problemMessage(failed) : undefined)}
      />
      <p class="muted">Newest first, across the store. A removal hides it from every page, and is kept with who removed it and why.</p>
      <h2 id="questions-h">Questions</h2>
      {questions.ok && questions.data.items.length === 0 ? (
        <p class="panel">No questions.</p>
      ) : (
        <TableScroll label="Questions">
          <table class="data" data-store-questions>
            <ColumnHeads columns={["Product", "Question", "Asked by", "Answers", "Asked", "Remove"]} />
            <tbody>
              {(questions.ok ? questions.data.items : []).map((q) => (
                <tr data-question-id={q.id}>
                  <td class="words">
                    <a href={`/products/${encodeURIComponent(q.product.id)}`}>{q.product.title}</a>
                  </td>
                  <td class="words question-text">{q.text}</td>
                  <td class="words">{q.asker}</td>
                  <td>{q.answers.length}</td>
                  <td class="words">{when(q.asked_at)}</td>
                  <td>
                    <RemoveButton
                      action={`/ops/questions/${encodeURIComponent(q.id)}/remove`}
                      name={`question “${clip(q.text, 60)}”`}
                      at={positions}
                      csrf={csrf}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <PageLinks
        next={
          questions.ok && questions.data.next_cursor
            ? withQuery("/ops/questions", { ...positions, cursor: questions.data.next_cursor })
            : null
        }
        first={cursor ? withQuery("/ops/questions", { answers_cursor: answersCursor }) : null}
        label="Older questions"
      />
      <h2 id="answers-h">Answers</h2>
      <p class="muted">Last written first, so an answer edited since it was read comes up again.</p>
      {answers.ok && answers.data.items.length === 0 ? (
        <p class="panel">No answers.</p>
      ) : (
        <TableScroll label="Answers">
          <table class="data" data-store-answers>
            <ColumnHeads columns={["Product", "Question", "Answer", "Seller", "Written", "Remove"]} />
            <tbody>
              {(answers.ok ? answers.data.items : []).map((a) => (
                <tr data-answer-id={a.id}>
                  <td class="words">
                    <a href={`/products/${encodeURIComponent(a.product.id)}`}>{a.product.title}</a>
                  </td>
                  <td class="words question-text">{a.question.text}</td>
                  <td class="words answer-text">{a.text}</td>
                  <td class="words">{a.seller.name}</td>
                  <td class="words">{when(a.answered_at)}</td>
                  <td>
                    <RemoveButton
                      action={`/ops/answers/${encodeURIComponent(a.id)}/remove`}
                      name={`answer by ${a.seller.name} to “${clip(a.question.text, 60)}”`}
                      at={positions}
                      csrf={csrf}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <PageLinks
        next={
          answers.ok && answers.data.next_cursor
            ? `${withQuery("/ops/questions", { ...positions, answers_cursor: answers.data.next_cursor })}#answers-h`
            : null
        }
        first={answersCursor ? `${withQuery("/ops/questions", { cursor })}#answers-h` : null}
        label="Older answers"
      />
    </Layout>,
  );
}

/** Registers the ops console's question moderation: the store's newest questions and answers, each with Remove. */
export function registerOpsQuestionsConsole(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  app.get(
    "/ops/questions",
    (c) =>
      consoleGuard(c, "ops") ??
      renderQuestions(c, fetchApi, { cursor: c.req.query("cursor"), answers_cursor: c.req.query("answers_cursor") }),
  );

  for (const [kind, api] of [
    ["questions", "/api/admin/questions"],
    ["answers", "/api/admin/answers"],
  ] as const) {
    app.post(`/ops/${kind}/:id/remove`, async (c) => {
      const denied = consoleGuard(c, "ops");
      if (denied) return denied;
      const form = await c.req.parseBody();
      const at: Positions = {
        cursor: typeof form.cursor === "string" ? form.cursor : undefined,
        answers_cursor: typeof form.answers_cursor === "string" ? form.answers_cursor : undefined,
      };
      const parsed = RemoveForm.safeParse(form);
      if (!parsed.success) {
        c.status(400);
        return renderQuestions(c, fetchApi, { ...at, error: "Say why it is removed." });
      }
      const res = await callApi(c, fetchApi, `${api}/${encodeURIComponent(c.req.param("id"))}`, {
        method: "DELETE",
        body: { reason: parsed.data.reason },
      });
      if (!res.ok) {
        answerProblem(c, res.problem);
        return renderQuestions(c, fetchApi, { ...at, error: res.problem.detail ?? problemMessage(res.problem) });
      }
      const removed = kind === "answers" ? "answer" : "question";
      return c.redirect(
        withQuery("/ops/questions", { cursor: cursorParam(at.cursor), answers_cursor: cursorParam(at.answers_cursor), removed }),
        303,
      );
    });
  }
}
