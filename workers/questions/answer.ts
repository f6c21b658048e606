import { AppError } from "../platform/errors";
import { newId } from "../platform/ids";
import { rewrittenStatements } from "../platform/shopper-reports";
import { nowIso } from "../platform/time";
import { afterQuestionChange } from "./after-change";
import { REPORTABLE_ANSWER, answerOutcome } from "./answer-reports";
import { answeredNoticeStatements, answeredText } from "./answered-notice";
import { inboxAnsweredStatement } from "./inbox";
import type { AnswerInput } from "./schemas";

/** What an answer did: wrote the seller's first answer, replaced its earlier one, or found it already said this. */
export type AnswerOutcome = "created" | "replaced" | "unchanged";

/** Attempts before an answer that keeps losing races (a removal, the listing switched off) gives up. */
const ATTEMPTS = 3;

interface Standing {
  product_id: string;
  product_title: string;
  question: string;
  question_status: string;
  listing_active: number | null;
  seller_name: string | null;
  my_id: string | null;
  my_status: string | null;
  my_body: string | null;
}

/**
 * A seller answers a question about a product it offers, or replaces its answer. The answer, the
 * question's answer count, the product's count of shown questions, its version, the catalog change
 * the asker's message and the question leaving the seller's inbox are one D1 batch, so the page is
 * rebuilt with the answer or not at all.
 * The write itself re-checks in SQL that the question is visible and the seller's listing active,
 * so a removal or a listing switched off in between cannot let it through. An answer ops removed
 * is not written over. A replaced answer's reports were about words no longer shown: they go, with
 * ops' keeping of it, and whoever reported it is told.
 */
export async function answerQuestion(
  d1: D1Database,
  by: { sellerId: string; userId: string },
  questionId: string,
  input: AnswerInput,
): Promise<AnswerOutcome> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const s = await standing(d1, by.sellerId, questionId);
    if (s.my_body === input.text) return "unchanged";
    const now = nowIso();
    const text = answeredText({
      productTitle: s.product_title,
      question: s.question,
      sellerName: s.seller_name ?? "The seller",
      answer: input.text,
    });
    const [write] = await d1.batch([
      d1
        .prepare(
          `INSERT INTO question_answers (id, question_id, product_id, seller_id, answered_by, body, status, created_at, updated_at)
           SELECT ?1, q.id, q.product_id, ?3, ?4, ?5, 'visible', ?6, ?6 FROM product_questions q
           WHERE q.id = ?2 AND q.status = 'visible'
             AND EXISTS (SELECT 1 FROM listings l WHERE l.product_id = q.product_id AND l.seller_id = ?3 AND l.active = 1)
           ON CONFLICT (question_id, seller_id) DO UPDATE SET body = excluded.body, answered_by = excluded.answered_by, updated_at = excluded.updated_at
           WHERE question_answers.status = 'visible' AND question_answers.body != excluded.body`,
        )
        .bind(newId("ans"), questionId, by.sellerId, by.userId, input.text, now),
      ...afterQuestionChange(d1, questionId, s.product_id, now),
      ...answeredNoticeStatements(d1, { questionId, sellerId: by.sellerId, productId: s.product_id, now }, text),
      inboxAnsweredStatement(d1, by.sellerId, questionId, now),
      ...(s.my_id && s.my_body !== null ? rewrittenReports(d1, s, { id: s.my_id, body: s.my_body }, now) : []),
    ]);
    if (write?.meta.changes === 1) return s.my_status ? "replaced" : "created";
  }
  throw new AppError("conflict", "The question changed while your answer was being saved; read it again and retry.");
}

/**
 * The question as this seller may answer it, or the problem saying why it may not: a question it
 * cannot see (none, removed, or about a product it does not offer) is a 404, as another seller's
 * listing is, so unanswered questions stay between their asker and the product's sellers.
 */
async function standing(d1: D1Database, sellerId: string, questionId: string): Promise<Standing> {
  const s = await d1
    .prepare(
      `SELECT q.product_id, p.title AS product_title, q.body AS question, q.status AS question_status,
         (SELECT l.active FROM listings l WHERE l.product_id = q.product_id AND l.seller_id = ?2) AS listing_active,
         (SELECT name FROM sellers WHERE id = ?2) AS seller_name,
         a.id AS my_id, a.status AS my_status, a.body AS my_body
       FROM product_questions q JOIN products p ON p.id = q.product_id
       LEFT JOIN question_answers a ON a.question_id = q.id AND a.seller_id = ?2
       WHERE q.id = ?1`,
    )
    .bind(questionId, sellerId)
    .first<Standing>();
  if (s?.question_status !== "visible" || s.listing_active === null) {
    throw new AppError("not_found", `No question ${questionId} about a product you sell.`);
  }
  if (!s.listing_active) {
    throw new AppError("forbidden", "Your listing of this product is inactive: only sellers offering a product answer questions about it.");
  }
  if (s.my_status === "removed") {
    throw new AppError("conflict", "Your answer to this question was removed by our team, so it cannot be written again.");
  }
  return s;
}

/** The replaced answer's reports, only if this batch wrote the new words (dated `now`), and its reporters told. */
function rewrittenReports(d1: D1Database, s: Standing, mine: { id: string; body: string }, now: string) {
  const told = answerOutcome("report_rewritten", { id: mine.id, productId: s.product_id, productTitle: s.product_title, text: mine.body });
  return rewrittenStatements(d1, REPORTABLE_ANSWER, mine.id, { ...told, now, rewritten: "t.updated_at = ?2" });
}
