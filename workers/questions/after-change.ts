import { catalogChangeStatement } from "../catalog/changes";
import { SHOWN, SHOWN_FROM } from "./read";

/**
 * The statements that follow a change to what a product's questions show, in its batch: the
 * question's answer count and the product's count of shown questions recounted in SQL (never from
 * values read in the Worker, so racing writes cannot lose one), the product's version bumped (its
 * projection and every cache of its pages key on it), and the catalog change that has the consumer
 * rebuild its page and purge its questions page. Each runs only if the statement before it
 * changed a row, so a write that changed nothing moves nothing.
 */
export function afterQuestionChange(d1: D1Database, questionId: string, productId: string, at: string): D1PreparedStatement[] {
  return [
    d1
      .prepare(
        `UPDATE product_questions SET answer_count = (SELECT COUNT(*) FROM question_answers a WHERE a.question_id = ?1 AND a.status = 'visible')
         WHERE id = ?1 AND changes() = 1`,
      )
      .bind(questionId),
    ...afterProductQuestionsChange(d1, productId, at),
  ];
}

/** The product's part of `afterQuestionChange`, for a change to a question itself (its removal). */
export function afterProductQuestionsChange(d1: D1Database, productId: string, at: string): D1PreparedStatement[] {
  return [
    d1
      .prepare(
        `UPDATE products SET answered_questions = (SELECT COUNT(*) FROM ${SHOWN_FROM} WHERE q.product_id = ?1 AND ${SHOWN}),
         version = version + 1, updated_at = ?2
         WHERE id = ?1 AND changes() = 1`,
      )
      .bind(productId, at),
    catalogChangeStatement(d1, { type: "product.changed", product_id: productId, reason: "questions_changed", at }, { afterChange: true }),
  ];
}
