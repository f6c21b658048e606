import { type QuestionPosition, encodeQuestionCursor } from "./cursor";
import { type QuestionRow, shownQuestionStatements, withAnswers } from "./read";
import type { QuestionPage } from "./schemas";
import { fieldsRefused } from "../platform/failed-fields";

/**
 * One page of a product's answered questions, newest asked first, each with its sellers' answers,
 * and how many there are (kept on the product row). One batch; null when the product does not exist.
 */
export async function listQuestions(
  d1: D1Database,
  productId: string,
  page: { limit: number; cursor?: QuestionPosition | undefined },
): Promise<QuestionPage | null> {
  const { cursor, limit } = page;
  if (cursor && cursor.scope !== productId) {
    throw fieldsRefused([{ path: "cursor", message: "belongs to another product's questions" }]);
  }
  const [product, questions, answers] = await d1.batch([
    d1.prepare("SELECT answered_questions FROM products WHERE id = ?1").bind(productId),
    ...shownQuestionStatements(d1, productId, limit + 1, cursor),
  ]);
  const row = product?.results[0] as { answered_questions: number } | undefined;
  if (!row) return null;
  const rows = (questions?.results ?? []) as QuestionRow[];
  const items = withAnswers(rows.slice(0, limit), answers?.results);
  const last = items.at(-1);
  return {
    count: row.answered_questions,
    items,
    next_cursor: rows.length > limit && last ? encodeQuestionCursor("product", productId, { at: last.asked_at, id: last.id }) : null,
  };
}
