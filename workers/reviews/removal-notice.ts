import { initialEmailStateSql } from "../notifications/email-delivery";
import { CHANNELS, shortTitle } from "../orders/notifications";
import { quote } from "../questions/answered-notice";

/** What a review's author is told when ops remove it, in words that stand without the page. */
export function removedText(r: { productTitle: string; title: string; body: string; reason: string }) {
  const words = r.title || r.body;
  const reason = quote(r.reason.trim(), 300);
  return {
    subject: `Your review of ${shortTitle(r.productTitle)} was removed`,
    body: `Our team removed your review${words ? ` “${quote(words, 120)}”` : ""} for this reason: ${reason}${/[.!?…]$/.test(reason) ? "" : "."} You may write a new review of the product.`,
  };
}

/** Where the author writes a review of the product again. */
const reviewPagePath = (productId: string) => `/products/${encodeURIComponent(productId)}/review`;

/**
 * The author's message on each channel, for the end of the removal's batch: read from the removal
 * record this batch wrote (dated `now`), so a removal that did not happen tells no one, and once
 * per review whatever is retried (the event id). A review written before accounts has no one to tell.
 */
export function removedNoticeStatements(
  d1: D1Database,
  at: { reviewId: string; productId: string; now: string },
  text: { subject: string; body: string },
): D1PreparedStatement[] {
  return CHANNELS.map((channel) =>
    d1
      .prepare(
        `INSERT INTO notifications (event_id, channel, user_id, kind, subject, body, link, created_at, email_state)
         SELECT ?1, ?2, m.user_id, 'review_removed', ?3, ?4, ?5, ?6, ${initialEmailStateSql("?2")}
         FROM review_removals m WHERE m.review_id = ?7 AND m.removed_at = ?6 AND m.user_id IS NOT NULL
         ON CONFLICT (event_id, channel) DO NOTHING`,
      )
      .bind(`review-removed:${at.reviewId}`, channel, text.subject, text.body, reviewPagePath(at.productId), at.now, at.reviewId),
  );
}
