import type { Answer, Question } from "./schemas";

/** SQL over a question `q`: shown to everyone, which takes a visible answer. Matches the answered index's own condition. */
export const SHOWN = "q.status = 'visible' AND q.answer_count > 0";

export interface QuestionRow {
  id: string;
  body: string;
  created_at: string;
}

interface AnswerRow {
  id: string;
  question_id: string;
  body: string;
  updated_at: string;
  seller_id: string;
  seller_name: string;
}

/**
 * The shown questions of a product, as a FROM clause: named to the planner, which would otherwise
 * as soon walk the index of every visible question (the same columns, and it has no statistics to
 * tell them apart), reading the unanswered ones' rows only to skip them.
 */
export const SHOWN_FROM = "product_questions q INDEXED BY product_questions_answered_idx";

/**
 * A page of a product's shown questions newest first, read in the order of the answered index,
 * and the visible answers of exactly those questions (by the one-per-seller index), as two
 * statements for the caller's batch. `limit` rows are read; `after` continues a keyset page.
 */
export function shownQuestionStatements(
  d1: D1Database,
  productId: string,
  limit: number,
  after?: { at: string; id: string },
): [questions: D1PreparedStatement, answers: D1PreparedStatement] {
  const page = (columns: string) => `SELECT ${columns} FROM ${SHOWN_FROM} WHERE q.product_id = ?1 AND ${SHOWN}
    ${after ? "AND (q.created_at, q.id) < (?3, ?4)" : ""} ORDER BY q.created_at DESC, q.id DESC LIMIT ?2`;
  const args = [productId, limit, ...(after ? [after.at, after.id] : [])];
  return [d1.prepare(page("q.id, q.body, q.created_at")).bind(...args), answersOf(d1, page("q.id")).bind(...args)];
}

/** The visible answers of the questions `ids` (an SQL query of question ids), oldest first, with their sellers' names. */
export function answersOf(d1: D1Database, ids: string): D1PreparedStatement {
  return d1.prepare(
    `SELECT a.id, a.question_id, a.body, a.updated_at, s.id AS seller_id, s.name AS seller_name
     FROM question_answers a JOIN sellers s ON s.id = a.seller_id
     WHERE a.question_id IN (${ids}) AND a.status = 'visible' ORDER BY a.created_at, a.id`,
  );
}

/** Questions with their answers, from the two statements' results. */
export function withAnswers(questions: QuestionRow[], answers: unknown[] | undefined): Question[] {
  const byQuestion = new Map<string, Answer[]>();
  for (const a of (answers ?? []) as AnswerRow[]) {
    const list = byQuestion.get(a.question_id) ?? [];
    list.push({ id: a.id, seller: { id: a.seller_id, name: a.seller_name }, text: a.body, answered_at: a.updated_at });
    byQuestion.set(a.question_id, list);
  }
  return questions.map((q) => ({ id: q.id, text: q.body, asked_at: q.created_at, answers: byQuestion.get(q.id) ?? [] }));
}
