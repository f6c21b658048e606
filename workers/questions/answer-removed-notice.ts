import { initialEmailStateSql } from "../notifications/email-delivery";
import { CHANNELS, shortTitle } from "../orders/notifications";
import { quote } from "./answered-notice";

/** What a seller's users are told when ops remove its answer, in words that stand without the page. */
export function answerRemovedText(a: { productTitle: string; question: string; reason: string }) {
  const reason = quote(a.reason.trim(), 300);
  return {
    subject: `Your answer about ${shortTitle(a.productTitle)} was removed`,
    body: `Our team removed your answer to “${quote(a.question, 120)}” for this reason: ${reason}${/[.!?…]$/.test(reason) ? "" : "."} It cannot be written again.`,
  };
}

/**
 * The seller's users' messages on each channel, for the end of the removal's batch: only when this
 * batch removed the answer (its `removed_at` is the batch's time), once per answer, user and
 * channel whatever is retried. About the seller's own answer, so in no alert group: always sent.
 */
export function answerRemovedNoticeStatements(
  d1: D1Database,
  at: { answerId: string; questionId: string; now: string },
  text: { subject: string; body: string },
): D1PreparedStatement[] {
  const link = `/seller/questions?state=answered#q-${encodeURIComponent(at.questionId)}`;
  return CHANNELS.map((channel) =>
    d1
      .prepare(
        `INSERT INTO notifications (event_id, channel, user_id, kind, subject, body, link, created_at, email_state)
         SELECT 'answer-removed:' || ?1 || ':' || r.user_id, ?2, r.user_id, 'answer_removed', ?3, ?4, ?5, ?6, ${initialEmailStateSql("?2")}
         FROM question_answers a JOIN user_roles r ON r.seller_id = a.seller_id AND r.role = 'seller'
         WHERE a.id = ?1 AND a.status = 'removed' AND a.removed_at = ?6
         ON CONFLICT (event_id, channel) DO NOTHING`,
      )
      .bind(at.answerId, channel, text.subject, text.body, link, at.now),
  );
}
