import { AppError } from "../platform/errors";
import { nowIso } from "../platform/time";
import type { HelpfulVote } from "./schemas";

/** Why a shopper's own review takes no vote of theirs: its count says what other shoppers think. */
export const OWN_REVIEW = "You can't mark your own review helpful.";

/** The most marks `helpfulMarks` returns: far more than one shopper judges of one product's reviews. */
const MARKS_READ = 1000;

interface ReviewVotes {
  user_id: string | null;
  helpful_count: number;
}

/**
 * Marks a review helpful for the shopper: the vote and the count's step are one D1 batch, the
 * step only if the vote was new, so sending it twice counts once. The vote is written only for a
 * review that exists and is not the shopper's own, in the same statement that checks so, so a
 * review deleted meanwhile is never voted for. The batch ends by reading the review as it stands.
 */
export async function markHelpful(d1: D1Database, userId: string, reviewId: string): Promise<HelpfulVote> {
  const [, , read] = await d1.batch([
    d1
      .prepare(
        `INSERT INTO review_votes (review_id, user_id, created_at)
         SELECT id, ?2, ?3 FROM reviews WHERE id = ?1 AND (user_id IS NULL OR user_id <> ?2)
         ON CONFLICT (review_id, user_id) DO NOTHING`,
      )
      .bind(reviewId, userId, nowIso()),
    d1.prepare("UPDATE reviews SET helpful_count = helpful_count + 1 WHERE id = ?1 AND changes() = 1").bind(reviewId),
    d1.prepare("SELECT user_id, helpful_count FROM reviews WHERE id = ?1").bind(reviewId),
  ]);
  const review = existing(read, reviewId);
  if (review.user_id === userId) throw new AppError("forbidden", OWN_REVIEW);
  return { review_id: reviewId, helpful: true, helpful_count: review.helpful_count };
}

/** Takes the shopper's vote back, the count's step with it; taking back a vote never given changes nothing. */
export async function unmarkHelpful(d1: D1Database, userId: string, reviewId: string): Promise<HelpfulVote> {
  const [, , read] = await d1.batch([
    d1.prepare("DELETE FROM review_votes WHERE review_id = ?1 AND user_id = ?2").bind(reviewId, userId),
    d1.prepare("UPDATE reviews SET helpful_count = helpful_count - 1 WHERE id = ?1 AND changes() = 1").bind(reviewId),
    d1.prepare("SELECT user_id, helpful_count FROM reviews WHERE id = ?1").bind(reviewId),
  ]);
  return { review_id: reviewId, helpful: false, helpful_count: existing(read, reviewId).helpful_count };
}

/**
 * The shopper's vote on one review and the review's count, for a page about that review alone;
 * throws not_found when there is no such review.
 */
export async function helpfulVote(d1: D1Database, userId: string, reviewId: string): Promise<HelpfulVote> {
  const row = await d1
    .prepare(
      `SELECT r.helpful_count, EXISTS (SELECT 1 FROM review_votes v WHERE v.review_id = r.id AND v.user_id = ?2) AS helpful
       FROM reviews r WHERE r.id = ?1`,
    )
    .bind(reviewId, userId)
    .first<{ helpful_count: number; helpful: number }>();
  if (!row) throw new AppError("not_found", `No review with id ${reviewId}; it may have been deleted.`);
  return { review_id: reviewId, helpful: row.helpful === 1, helpful_count: row.helpful_count };
}

function existing(read: D1Result | undefined, reviewId: string): ReviewVotes {
  const review = (read?.results as ReviewVotes[] | undefined)?.[0];
  if (!review) throw new AppError("not_found", `No review with id ${reviewId}; it may have been deleted.`);
  return review;
}

/**
 * The reviews of a product the shopper marked helpful, so a page shared by everyone can draw this
 * shopper's buttons pressed, and the shopper's own reviews of it, which take neither a vote nor a
 * report of theirs. Read from the shopper's votes, each checked against its review, in one statement.
 */
export async function helpfulMarks(
  d1: D1Database,
  userId: string,
  productId: string,
): Promise<{ review_ids: string[]; own_review_ids: string[] }> {
  const { results } = await d1
    .prepare(
      `SELECT * FROM (SELECT v.review_id, 0 AS own FROM review_votes v JOIN reviews r ON r.id = v.review_id
                      WHERE v.user_id = ?1 AND r.product_id = ?2 LIMIT ?3)
       UNION ALL
       SELECT * FROM (SELECT id, 1 FROM reviews WHERE user_id = ?1 AND product_id = ?2 LIMIT ?3)`,
    )
    .bind(userId, productId, MARKS_READ)
    .all<{ review_id: string; own: number }>();
  return {
    review_ids: results.filter((r) => r.own === 0).map((r) => r.review_id),
    own_review_ids: results.filter((r) => r.own === 1).map((r) => r.review_id),
  };
}
