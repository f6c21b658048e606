import type { Context, Hono } from "hono";
import type { AppEnv } from "../../platform/context";
import type { ReportedAnswerPage } from "../../questions/answer-report-schemas";
import type { StoreAnswer, StoreAnswerPage, StoreQuestionPage } from "../../questions/moderation-schemas";
import { type ApiFetch, answerProblem, callApi, problemMessage } from "../api";
import { ColumnHeads, TableScroll } from "../components";
import { whenIst } from "../format";
import { clipAtWord } from "../../platform/text";
import { CsrfField, Layout } from "../layout";
import { cursorParam, PageLinks, withQuery } from "../paging";
import { consoleGuard, Flash } from "./guard";
import { ANSWER_REPORT_REASON_WORDS } from "../answer-report";
import { OpsNav } from "./ops-nav";
import { ReportedPanel } from "./reported-queue";
import { RemoveForm } from "./ops-reviews";

/** Questions and answers per page of the moderation lists. */
const PAGE = 25;
/** As the API allows; said here too so the browser stops the typist, not the server. */
const REASON_MAX = 500;

/** Where the two lists stand, carried through every link and form so a removal keeps both pages. */
interface Positions {
  cursor?: string | undefined;
  answers_cursor?: string | undefined;
  /** The page of the reported answers' queue. */
  reported?: string | undefined;
}

/** The lists' positions a form posted, each checked as a cursor. */
function positionsOf(form: Record<string, unknown>): Positions {
  const at = (name: keyof Positions) => cursorParam(typeof form[name] === "string" ? (form[name] as string) : undefined);
  return { cursor: at("cursor"), answers_cursor: at("answers_cursor"), reported: at("reported") };
}

/** Back to the console where the lists stood, saying what was done; to the queue when it was pressed there. */
function backTo(at: Positions, done: Record<string, string>): string {
  const path = withQuery("/ops/questions", { ...at, ...done });
  return at.reported ? `${path}#reported-h` : path;
}

/** A Remove form: why, and where the lists stood. Its button names what it removes, as every row has one. */
function RemoveButton(props: { action: string; name: string; at: Positions; csrf: string | null; reason?: string | undefined }) {
  return (
    <form method="post" action={props.action} class="row-form">
      <CsrfField token={props.csrf} />
      {props.at.cursor && <input type="hidden" name="cursor" value={props.at.cursor} />}
      {props.at.answers_cursor && <input type="hidden" name="answers_cursor" value={props.at.answers_cursor} />}
      {props.at.reported && <input type="hidden" name="reported" value={props.at.reported} />}
      <label>
        Reason <input name="reason" required maxlength={REASON_MAX} value={props.reason} />
      </label>
      <button type="submit" class="danger" aria-label={`Remove ${props.name}`}>
        Remove
      </button>
    </form>
  );
}

/** An answer's first cells in both answer tables: its product, the question, what the seller said and who. */
function AnswerCells({ answer: a }: { answer: StoreAnswer }) {
  return (
    <>
      <td class="words">
        <a href={`/products/${encodeURIComponent(a.product.id)}`}>{a.product.title}</a>
      </td>
      <td class="words question-text">{a.question.text}</td>
      <td class="words answer-text">{a.text}</td>
      <td class="words">{a.seller.name}</td>
    </>
  );
}

async function renderQuestions(c: Context<AppEnv>, fetchApi: ApiFetch, at: Positions & { error?: string }) {
  const cursor = cursorParam(at.cursor);
  const answersCursor = cursorParam(at.answers_cursor);
  const reportedAt = cursorParam(at.reported);
  const positions = { cursor, answers_cursor: answersCursor };
  const [reported, questions, answers] = await Promise.all([
    // The queue shows only above the lists' first pages: further on, it is not read at all.
    cursor || answersCursor
      ? null
      : callApi<ReportedAnswerPage>(c, fetchApi, withQuery("/api/admin/answers/reported", { limit: PAGE, cursor: reportedAt })),
    callApi<StoreQuestionPage>(c, fetchApi, withQuery("/api/admin/questions", { limit: PAGE, cursor })),
    callApi<StoreAnswerPage>(c, fetchApi, withQuery("/api/admin/answers", { limit: PAGE, cursor: answersCursor })),
  ]);
  const csrf = c.var.csrfToken;
  const done = c.req.query("removed");
  const queueAt = { reported: reportedAt };
  const failed = !questions.ok ? questions.problem : !answers.ok ? answers.problem : null;
  return c.html(
    <Layout degraded={c.var.degraded} viewer={c.var.user} csrf={csrf} title="Questions · Operations">
      <h1>Questions and answers</h1>
      <OpsNav current="/ops/questions" />
      <Flash
        ok={
          done
            ? `${done === "answer" ? "Answer" : "Question"} removed. The product's pages follow within seconds.`
            : c.req.query("kept")
              ? "Answer kept. Its reports are cleared, and the shoppers who sent them are told it stays."
              : undefined
        }
        error={at.error ?? (failed ? problemMessage(failed) : undefined)}
      />
      {/* The queue is where the work is, so it leads; the lists of everything page on below it. */}
      {reported?.ok && (
        <ReportedPanel
          path="/ops/questions"
          noun="answer"
          nouns="answers"
          page={reported.data}
          at={reportedAt}
          columns={["Product", "Question", "Answer", "Seller"]}
          words={ANSWER_REPORT_REASON_WORDS}
          keep={(id) => `/ops/answers/${encodeURIComponent(id)}/keep`}
          row={(a) => <AnswerCells answer={a} />}
          remove={(a, reason) => (
            <RemoveButton
              action={`/ops/answers/${encodeURIComponent(a.id)}/remove`}
              name={`answer by ${a.seller.name} to “${clipAtWord(a.question.text, 60)}”`}
              at={queueAt}
              csrf={csrf}
              reason={reason}
            />
          )}
          csrf={csrf}
        />
      )}
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
                  <td class="words">{whenIst(q.asked_at)}</td>
                  <td>
                    <RemoveButton
                      action={`/ops/questions/${encodeURIComponent(q.id)}/remove`}
                      name={`question “${clipAtWord(q.text, 60)}”`}
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
                  <AnswerCells answer={a} />
                  <td class="words">{whenIst(a.answered_at)}</td>
                  <td>
                    <RemoveButton
                      action={`/ops/answers/${encodeURIComponent(a.id)}/remove`}
                      name={`answer by ${a.seller.name} to “${clipAtWord(a.question.text, 60)}”`}
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
      renderQuestions(c, fetchApi, {
        cursor: c.req.query("cursor"),
        answers_cursor: c.req.query("answers_cursor"),
        reported: c.req.query("reported"),
      }),
  );

  app.post("/ops/answers/:id/keep", async (c) => {
    const denied = consoleGuard(c, "ops");
    if (denied) return denied;
    const at = positionsOf(await c.req.parseBody());
    const res = await callApi(c, fetchApi, `/api/admin/answers/${encodeURIComponent(c.req.param("id"))}/reports`, {
      method: "DELETE",
      // A body carries the session's CSRF token along, as for any change a page asks of the API.
      body: {},
    });
    if (!res.ok) {
      answerProblem(c, res.problem);
      return renderQuestions(c, fetchApi, { ...at, error: res.problem.detail ?? problemMessage(res.problem) });
    }
    return c.redirect(backTo(at, { kept: "1" }), 303);
  });

  for (const [kind, api] of [
    ["questions", "/api/admin/questions"],
    ["answers", "/api/admin/answers"],
  ] as const) {
    app.post(`/ops/${kind}/:id/remove`, async (c) => {
      const denied = consoleGuard(c, "ops");
      if (denied) return denied;
      const form = await c.req.parseBody();
      const at = positionsOf(form);
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
      return c.redirect(backTo(at, { removed: kind === "answers" ? "answer" : "question" }), 303);
    });
  }
}
