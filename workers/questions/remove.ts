import { AppError } from "../platform/errors";
import { answerWithdrawnStatement } from "./answered-notice";
import { istTime, nowIso } from "../platform/time";
import { afterProductQuestionsChange, afterQuestionChange } from "./after-change";
import { clearReportsStatement, reportOutcomeStatement } from "../platform/shopper-reports";
import { answerRemovedNoticeStatements, answerRemovedText } from "./answer-removed-notice";
import { REPORTABLE_ANSWER, answerOutcome } from "./answer-reports";
import { inboxRemovedStatement } from "./inbox";
import type { QuestionRemovalInput } from "./moderation-schemas";

type Removal = QuestionRemovalInput & { by: string };

/**
 * Ops remove a question: it is marked removed with who and why, and the product's count of shown
 * questions, its version and the catalog change follow in the same batch, each only if the
 * statement before it changed a row, and it leaves every seller's inbox. So it leaves every list
 * (its answers with it) at once, the page is rebuilt without it, and a repeated removal is a 404
 * that moves nothing. Its answers' reports go with it, and the shoppers who sent them are told the
 * answer they reported was removed with its question.
 */
export async function removeQuestion(d1: D1Database, questionId: string, removal: Removal): Promise<void> {
  const [questionRes, reportedRes] = await d1.batch([
    d1.prepare("SELECT product_id FROM product_questions WHERE id = ?1").bind(questionId),
    // Every shown answer, reported or not: a report sent between this read and the removal is
    // told too, and an answer nobody reported costs a statement that writes nothing. One per seller.
    d1
      .prepare(
        `SELECT a.id, a.body, p.title AS product_title FROM question_answers a JOIN products p ON p.id = a.product_id
         WHERE a.question_id = ?1 AND a.status = 'visible'`,
      )
      .bind(questionId),
  ]);
  const q = questionRes?.results[0] as { product_id: string } | undefined;
  if (!q) throw new AppError("not_found", `No question with id ${questionId}.`);
  const now = nowIso();
  // Only a removal made by this batch tells anyone: a second, refused one finds the time moved on.
  const removedNow = "EXISTS (SELECT 1 FROM product_questions q WHERE q.id = t.question_id AND q.status = 'removed' AND q.removed_at = ?2)";
  const toldOfAnswers = ((reportedRes?.results ?? []) as { id: string; body: string; product_title: string }[]).map((a) => {
    const upheld = answerOutcome("report_upheld", { id: a.id, productId: q.product_id, productTitle: a.product_title, text: a.body }, true);
    return reportOutcomeStatement(d1, REPORTABLE_ANSWER, a.id, { ...upheld, now, when: removedNow });
  });
  const [removed] = await d1.batch([
    d1
      .prepare(
        "UPDATE product_questions SET status = 'removed', removed_by = ?2, removal_reason = ?3, removed_at = ?4 WHERE id = ?1 AND status = 'visible'",
      )
      .bind(questionId, removal.by, removal.reason, now),
    ...afterProductQuestionsChange(d1, q.product_id, now),
    inboxRemovedStatement(d1, questionId),
    ...toldOfAnswers,
    // Its answers leave every page with it, so nothing is left for ops to judge in their queue.
    d1.prepare("DELETE FROM answer_reports WHERE answer_id IN (SELECT id FROM question_answers WHERE question_id = ?1)").bind(questionId),
    d1.prepare("UPDATE question_answers SET report_count = 0 WHERE question_id = ?1 AND report_count > 0").bind(questionId),
  ]);
  if (removed?.meta.changes !== 1) throw await alreadyRemoved(d1, "product_questions", "Question", questionId);
}

/**
 * Ops remove one seller's answer: marked removed with who and why, then the question's answer
 * count, the product's count of shown questions (a question left without answers is shown no
 * more), its version and the catalog change, in one batch as for a question. Its reports go with
 * it, the shoppers who sent them are told it was removed, and the seller's users are told why.
 */
export async function removeAnswer(d1: D1Database, answerId: string, removal: Removal): Promise<void> {
  const a = await d1
    .prepare(
      `SELECT a.question_id, a.product_id, a.seller_id, a.body AS answer, q.body AS question, p.title AS product_title
       FROM question_answers a JOIN product_questions q ON q.id = a.question_id JOIN products p ON p.id = a.product_id WHERE a.id = ?1`,
    )
    .bind(answerId)
    .first<{ question_id: string; product_id: string; seller_id: string; answer: string; question: string; product_title: string }>();
  if (!a) throw new AppError("not_found", `No answer with id ${answerId}.`);
  const now = nowIso();
  const notice = answerRemovedText({ productTitle: a.product_title, question: a.question, reason: removal.reason });
  const upheld = answerOutcome("report_upheld", { id: answerId, productId: a.product_id, productTitle: a.product_title, text: a.answer });
  const [removed] = await d1.batch([
    d1
      .prepare(
        `UPDATE question_answers SET status = 'removed', removed_by = ?2, removal_reason = ?3, removed_at = ?4, report_count = 0
         WHERE id = ?1 AND status = 'visible'`,
      )
      .bind(answerId, removal.by, removal.reason, now),
    ...afterQuestionChange(d1, a.question_id, a.product_id, now),
    reportOutcomeStatement(d1, REPORTABLE_ANSWER, answerId, { ...upheld, now, when: "t.status = 'removed' AND t.removed_at = ?2" }),
    clearReportsStatement(d1, REPORTABLE_ANSWER, answerId),
    ...answerRemovedNoticeStatements(d1, { answerId, questionId: a.question_id, now }, notice),
    answerWithdrawnStatement(d1, { answerId, questionId: a.question_id, sellerId: a.seller_id, now }, a.question),
  ]);
  if (removed?.meta.changes !== 1) throw await alreadyRemoved(d1, "question_answers", "Answer", answerId);
}

/** The 404 of a second removal: says when the first was, so a repeated click does not look like a lost one. */
async function alreadyRemoved(
  d1: D1Database,
  table: "product_questions" | "question_answers",
  what: string,
  id: string,
): Promise<AppError> {
  const row = await d1.prepare(`SELECT removed_at FROM ${table} WHERE id = ?1`).bind(id).first<{ removed_at: string | null }>();
  return new AppError(
    "not_found",
    row?.removed_at ? `${what} ${id} was already removed at ${istTime(row.removed_at)}.` : `No ${what.toLowerCase()} with id ${id}.`,
  );
}
