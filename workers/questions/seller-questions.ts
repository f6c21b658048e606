import { type QuestionPosition, encodeQuestionCursor } from "./cursor";
import type { SellerQuestion, SellerQuestionPage } from "./schemas";
import { fieldsRefused } from "../platform/failed-fields";

interface Row {
  id: string;
  product_id: string;
  product_title: string;
  body: string;
  asked_at: string;
  answer_count: number;
  answer_id: string | null;
  answer: string | null;
  answered_at: string | null;
  answer_status: string | null;
  removal_reason: string | null;
}

const COLUMNS = `q.id, q.product_id, p.title AS product_title, q.body, q.created_at AS asked_at, q.answer_count,
  a.id AS answer_id, a.body AS answer, a.updated_at AS answered_at, a.status AS answer_status, a.removal_reason`;

/**
 * The questions waiting for the seller's answer, newest asked first: the seller's range of
 * question_inbox_unanswered_idx, each row's question still visible (a lookup each), so a page reads
 * about its own rows however many products the seller sells. The range holds only products the
 * seller offers: a listing switched off takes its rows out (inbox.ts).
 */
const UNANSWERED = `SELECT q.id, q.product_id, p.title AS product_title, q.body, i.asked_at, q.answer_count,
    NULL AS answer_id, NULL AS answer, NULL AS answered_at, NULL AS answer_status, NULL AS removal_reason
  FROM question_inbox i
  JOIN product_questions q ON q.id = i.question_id AND q.status = 'visible'
  JOIN products p ON p.id = i.product_id
  WHERE i.seller_id = ?1 AND i.answered_at IS NULL`;

/** The seller's answers, last written first, read in the order of its answers index, with their questions. */
const ANSWERED = `SELECT ${COLUMNS}
  FROM question_answers a JOIN product_questions q ON q.id = a.question_id AND q.status = 'visible'
  JOIN products p ON p.id = q.product_id
  WHERE a.seller_id = ?1`;

/** One page of the seller's questions: those it has yet to answer, or those it answered. */
export async function listSellerQuestions(
  d1: D1Database,
  sellerId: string,
  page: { state: "unanswered" | "answered"; limit: number; cursor?: QuestionPosition | undefined },
): Promise<SellerQuestionPage> {
  const { state, limit, cursor } = page;
  if (cursor && cursor.scope !== state) {
    throw fieldsRefused([{ path: "cursor", message: `belongs to the ${cursor.scope} list` }]);
  }
  const { sql, binds } = sellerQuestionsStatement(sellerId, state, limit + 1, cursor);
  const { results } = await d1
    .prepare(sql)
    .bind(...binds)
    .all<Row>();
  const items = results.slice(0, limit).map(toSellerQuestion);
  const last = results[Math.min(limit, results.length) - 1];
  const at =
    last && (state === "unanswered" ? { at: last.asked_at, id: last.id } : { at: last.answered_at ?? "", id: last.answer_id ?? "" });
  return { items, next_cursor: results.length > limit && at ? encodeQuestionCursor("seller", state, at) : null };
}

/** The statement reading a page of the seller's list (`limit` rows after `cursor`): exported for its plan's test. */
export function sellerQuestionsStatement(
  sellerId: string,
  state: "unanswered" | "answered",
  limit: number,
  cursor?: Pick<QuestionPosition, "at" | "id"> | undefined,
): { sql: string; binds: unknown[] } {
  const [select, time, id] = state === "unanswered" ? [UNANSWERED, "i.asked_at", "i.question_id"] : [ANSWERED, "a.updated_at", "a.id"];
  const after = cursor ? `AND (${time}, ${id}) < (?3, ?4)` : "";
  return {
    sql: `${select} ${after} ORDER BY ${time} DESC, ${id} DESC LIMIT ?2`,
    binds: [sellerId, limit, ...(cursor ? [cursor.at, cursor.id] : [])],
  };
}

/** One question as the seller sees it after answering it; null when the seller no longer may. */
export async function readSellerQuestion(d1: D1Database, sellerId: string, questionId: string): Promise<SellerQuestion | null> {
  const row = await d1.prepare(`${ANSWERED} AND a.question_id = ?2`).bind(sellerId, questionId).first<Row>();
  return row ? toSellerQuestion(row) : null;
}

function toSellerQuestion(r: Row): SellerQuestion {
  return {
    id: r.id,
    product: { id: r.product_id, title: r.product_title },
    text: r.body,
    asked_at: r.asked_at,
    answer_count: r.answer_count,
    my_answer:
      r.answer_id && r.answer !== null && r.answered_at
        ? {
            id: r.answer_id,
            text: r.answer,
            answered_at: r.answered_at,
            removed: r.answer_status === "removed",
            removal_reason: r.answer_status === "removed" ? r.removal_reason : null,
          }
        : null,
  };
}
