import { EMAIL_STATES, initialEmailStateSql } from "../notifications/email-delivery";
import { CHANNELS, shortTitle } from "../orders/notifications";
import { clip } from "../pages/format";

/** `text` to quote in a message, cut to `max` characters with an ellipsis when longer. */
export const quote = (text: string, max: number) => (text.length > max ? `${clip(text, max - 1).trimEnd()}…` : text);

/** What an answered question's asker is told, in words that stand without the page. */
export function answeredText(q: { productTitle: string; question: string; sellerName: string; answer: string }) {
  return {
    subject: `Your question about ${shortTitle(q.productTitle)} is answered`,
    body: `${q.sellerName} answered your question “${quote(q.question, 120)}”: “${quote(q.answer, 300)}”`,
  };
}

/** The page that shows the asker their questions about a product and the answers. */
export const askPagePath = (productId: string) => `/products/${encodeURIComponent(productId)}/ask`;

/**
 * The asker's message on each channel, for the answer's batch: written only when this batch made
 * the seller's answer (its `created_at` is the batch's time), so an edit tells no one again, and
 * once per question and seller whatever is retried (the event id).
 */
export function answeredNoticeStatements(
  d1: D1Database,
  at: { questionId: string; sellerId: string; productId: string; now: string },
  text: { subject: string; body: string },
): D1PreparedStatement[] {
  return CHANNELS.map((channel) =>
    d1
      .prepare(
        `INSERT INTO notifications (event_id, channel, user_id, kind, subject, body, link, created_at, email_state)
         SELECT ?1, ?2, q.user_id, 'question_answered', ?3, ?4, ?5, ?6, ${initialEmailStateSql("?2")}
         FROM product_questions q JOIN question_answers a ON a.question_id = q.id AND a.seller_id = ?8
         WHERE q.id = ?7 AND q.status = 'visible' AND a.status = 'visible' AND a.created_at = ?6
         ON CONFLICT (event_id, channel) DO NOTHING`,
      )
      .bind(
        `question-answered:${at.questionId}:${at.sellerId}`,
        channel,
        text.subject,
        text.body,
        askPagePath(at.productId),
        at.now,
        at.questionId,
        at.sellerId,
      ),
  );
}

/**
 * Takes back the asker's message about an answer ops removed in the same batch (its `removed_at` is
 * the batch's time): a mail not yet sent never is, and the Updates entry no longer quotes the
 * removed words. A mail already sent cannot be recalled; the entry says what became of the answer.
 */
export function answerWithdrawnStatement(
  d1: D1Database,
  at: { answerId: string; questionId: string; sellerId: string; now: string },
  question: string,
): D1PreparedStatement {
  return d1
    .prepare(
      `UPDATE notifications SET body = ?3,
         email_state = CASE WHEN email_state = '${EMAIL_STATES.pending}' THEN '${EMAIL_STATES.withdrawn}' ELSE email_state END
       WHERE event_id = ?1 AND kind = 'question_answered'
         AND EXISTS (SELECT 1 FROM question_answers a WHERE a.id = ?2 AND a.status = 'removed' AND a.removed_at = ?4)`,
    )
    .bind(
      `question-answered:${at.questionId}:${at.sellerId}`,
      at.answerId,
      `The seller answered your question “${quote(question, 120)}”, but our team removed the answer as it broke the store's guidelines.`,
      at.now,
    );
}
