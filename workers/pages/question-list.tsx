import type { Question } from "../questions/schemas";
import { countWords, day } from "./format";

/** Where a product's answered questions are, and where a shopper asks one. */
export const questionsPath = (productId: string) => `/products/${encodeURIComponent(productId)}/questions`;
export const askPath = (productId: string) => `/products/${encodeURIComponent(productId)}/ask`;
/** Where a shopper reports a seller's answer. */
export const answerReportPath = (answerId: string) => `/answers/${encodeURIComponent(answerId)}/report`;

/**
 * One question and what the product's sellers answered, each answer saying which seller gave it.
 * A question still waiting says so; only its asker is ever shown one.
 */
export function QuestionItem(props: { question: Question }) {
  const q = props.question;
  return (
    <li class="question" id={`q-${q.id}`} data-question-id={q.id}>
      <p class="question-text">
        <strong>Q:</strong> {q.text}
      </p>
      {q.answers.length > 0 ? (
        <ul class="answers">
          {q.answers.map((a) => (
            <li class="answer" data-answer-id={a.id}>
              <p class="answer-text">
                <strong>A:</strong> {a.text}
              </p>
              <p class="muted">
                Answered by seller: {a.seller.name} · <time datetime={a.answered_at}>{day(a.answered_at)}</time> ·{" "}
                <a href={answerReportPath(a.id)} class="report-link" rel="nofollow">
                  Report<span class="visually-hidden"> the answer by {a.seller.name}</span>
                </a>
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted" data-waiting>
          Waiting for the seller's answer
        </p>
      )}
      <p class="muted">
        Asked <time datetime={q.asked_at}>{day(q.asked_at)}</time>
      </p>
    </li>
  );
}

/** Questions with their answers, newest asked first. */
export function QuestionList(props: { questions: Question[] }) {
  return (
    <ul class="questions">
      {props.questions.map((q) => (
        <QuestionItem question={q} />
      ))}
    </ul>
  );
}

/**
 * The product page's questions: the newest answered few and the ways on to all of them and to
 * asking one. Drawn from the product's projection, the same for every visitor, as the page is
 * shared: the form that asks (which carries the shopper's CSRF token) is on the ask page, theirs alone.
 */
export function ProductQuestions(props: { productId: string; questions: { count: number; newest: Question[] } }) {
  const { count, newest } = props.questions;
  return (
    <section class="product-questions" id="questions" aria-labelledby="questions-h">
      <h2 id="questions-h">Questions and answers</h2>
      {newest.length > 0 ? <QuestionList questions={newest} /> : <p class="muted">No questions answered yet.</p>}
      <p class="more">
        {count > 0 && (
          <>
            <a href={questionsPath(props.productId)} data-all-questions>
              All {countWords(count, "question", "questions")}
            </a>
            {" · "}
          </>
        )}
        <a href={askPath(props.productId)} data-ask-question>
          Ask a question
        </a>
      </p>
    </section>
  );
}
