import { firstName } from "../reviews/reviews-read";
import { type QuestionPosition, encodeQuestionCursor } from "./cursor";
import type { StoreAnswer, StoreAnswerPage, StoreQuestionPage } from "./moderation-schemas";
import { answersOf, withAnswers } from "./read";

interface StoreQuestionRow {
  id: string;
  body: string;
  created_at: string;
  product_id: string;
  product_title: string;
  asker_name: string | null;
}

/** One page of the store's visible questions, newest first by their index, each with its visible answers. */
export async function listStoreQuestions(
  d1: D1Database,
  page: { limit: number; cursor?: QuestionPosition | undefined },
): Promise<StoreQuestionPage> {
  const after = page.cursor ? "AND (q.created_at, q.id) < (?2, ?3)" : "";
  const ids = `SELECT q.id FROM product_questions q WHERE q.status = 'visible' ${after} ORDER BY q.created_at DESC, q.id DESC LIMIT ?1`;
  const args = [page.limit + 1, ...(page.cursor ? [page.cursor.at, page.cursor.id] : [])];
  const [questions, answers] = await d1.batch([
    d1
      .prepare(
        `SELECT q.id, q.body, q.created_at, q.product_id, p.title AS product_title, u.name AS asker_name
         FROM product_questions q JOIN products p ON p.id = q.product_id LEFT JOIN users u ON u.id = q.user_id
         WHERE q.id IN (${ids}) ORDER BY q.created_at DESC, q.id DESC`,
      )
      .bind(...args),
    answersOf(d1, ids).bind(...args),
  ]);
  const rows = (questions?.results ?? []) as StoreQuestionRow[];
  const shown = rows.slice(0, page.limit);
  const answered = withAnswers(shown, answers?.results);
  const items = shown.map((r, i) => ({
    id: r.id,
    product: { id: r.product_id, title: r.product_title },
    text: r.body,
    asker: firstName(r.asker_name),
    asked_at: r.created_at,
    answers: answered[i]?.answers ?? [],
  }));
  const last = items.at(-1);
  return {
    items,
    next_cursor:
      rows.length > page.limit && last ? encodeQuestionCursor("store_questions", "all", { at: last.asked_at, id: last.id }) : null,
  };
}

/** An answer as ops and its own page read it: with its seller, question and product. */
export interface StoreAnswerRow {
  id: string;
  body: string;
  updated_at: string;
  seller_id: string;
  seller_name: string;
  question_id: string;
  question: string;
  product_id: string;
  product_title: string;
}

/** The columns of a `StoreAnswerRow`, from `STORE_ANSWER_FROM`. */
export const STORE_ANSWER_COLUMNS = `a.id, a.body, a.updated_at, s.id AS seller_id, s.name AS seller_name, q.id AS question_id,
  q.body AS question, p.id AS product_id, p.title AS product_title`;

/** Answers (`a`) to questions still shown, with their sellers, questions and products. */
export const STORE_ANSWER_FROM = `FROM question_answers a JOIN sellers s ON s.id = a.seller_id
  JOIN product_questions q ON q.id = a.question_id AND q.status = 'visible' JOIN products p ON p.id = a.product_id`;

export function toStoreAnswer(r: StoreAnswerRow): StoreAnswer {
  return {
    id: r.id,
    seller: { id: r.seller_id, name: r.seller_name },
    text: r.body,
    answered_at: r.updated_at,
    question: { id: r.question_id, text: r.question },
    product: { id: r.product_id, title: r.product_title },
  };
}

/** One page of the store's visible answers to visible questions, last written first by their index. */
export async function listStoreAnswers(
  d1: D1Database,
  page: { limit: number; cursor?: QuestionPosition | undefined },
): Promise<StoreAnswerPage> {
  const after = page.cursor ? "AND (a.updated_at, a.id) < (?2, ?3)" : "";
  const { results } = await d1
    .prepare(
      `SELECT ${STORE_ANSWER_COLUMNS} ${STORE_ANSWER_FROM}
       WHERE a.status = 'visible' ${after} ORDER BY a.updated_at DESC, a.id DESC LIMIT ?1`,
    )
    .bind(page.limit + 1, ...(page.cursor ? [page.cursor.at, page.cursor.id] : []))
    .all<StoreAnswerRow>();
  const items = results.slice(0, page.limit).map(toStoreAnswer);
  const last = items.at(-1);
  return {
    items,
    next_cursor:
      results.length > page.limit && last ? encodeQuestionCursor("store_answers", "all", { at: last.answered_at, id: last.id }) : null,
  };
}
