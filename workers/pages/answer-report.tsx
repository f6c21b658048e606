import type { Context, Hono } from "hono";
import type { Child } from "hono/jsx";
import type { AppEnv } from "../platform/context";
import { ANSWER_REPORT_REASONS, type AnswerReportReason } from "../questions/answer-report-schemas";
import type { StoreAnswer } from "../questions/moderation-schemas";
import { type ApiFetch, callApi } from "./api";
import { personalPage } from "./cache";
import { day } from "./format";
import { Layout } from "./layout";
import { answerReportPath, questionsPath } from "./question-list";
import { refusedPage } from "./refused-page";
import { registerReportPage } from "./report-page";

/** Each reason in a shopper's words, in the order offered. */
export const ANSWER_REPORT_REASON_WORDS: Record<AnswerReportReason, string> = {
  wrong: "Wrong or misleading about the product",
  not_an_answer: "Does not answer the question",
  abusive: "Abusive, hateful or threatening",
  spam: "Advertising, links or contact details",
};

/** The answer the page is about, with its question and product, or the refusal page when it is not shown. */
async function readAnswerForPage(c: Context<AppEnv>, fetchApi: ApiFetch, answerId: string, title: string): Promise<StoreAnswer | Response> {
  personalPage(c);
  const answer = await callApi<StoreAnswer>(c, fetchApi, `/api/answers/${encodeURIComponent(answerId)}`, { as: "anonymous" });
  return answer.ok ? answer.data : refusedPage(c, answer.problem, { title, heading: "Answer not found", personal: true });
}

/** The page around the report form: the product, the question and the seller's answer, and the way back. */
function AnswerActionPage(props: {
  c: Context<AppEnv>;
  title: string;
  heading: string;
  answer: StoreAnswer;
  message?: string | undefined;
  children: Child;
}) {
  const { c, answer: a } = props;
  return (
    <Layout degraded={c.var.degraded} viewer={c.var.user} csrf={c.var.csrfToken} title={props.title}>
      <section class="panel" aria-labelledby="answer-action-h">
        <h1 id="answer-action-h">{props.heading}</h1>
        <p class="muted">An answer about {a.product.title}</p>
        {props.message && (
          <p class="field-error" role="alert">
            {props.message}
          </p>
        )}
        <div class="question">
          <p class="question-text">
            <strong>Q:</strong> {a.question.text}
          </p>
          <div class="answer">
            <p class="answer-text">
              <strong>A:</strong> {a.text}
            </p>
            <p class="muted">
              Answered by seller: {a.seller.name} · <time datetime={a.answered_at}>{day(a.answered_at)}</time>
            </p>
          </div>
        </div>
        {props.children}
        <p>
          <a href={`${questionsPath(a.product.id)}#q-${a.question.id}`}>Back to the questions</a>
        </p>
      </section>
    </Layout>
  );
}

/** Registers the page where a shopper reports a seller's answer to ops, and its form. */
export function registerAnswerReport(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  registerReportPage<StoreAnswer, AnswerReportReason>(app, fetchApi, "/answers/:id/report", {
    noun: "answer",
    path: answerReportPath,
    api: (id) => `/api/answers/${encodeURIComponent(id)}/report`,
    reasons: ANSWER_REPORT_REASONS,
    words: ANSWER_REPORT_REASON_WORDS,
    read: readAnswerForPage,
    frame: ({ c, title, heading, item, message, children }) => (
      <AnswerActionPage c={c} title={title} heading={heading} answer={item} message={message}>
        {children}
      </AnswerActionPage>
    ),
  });
}
