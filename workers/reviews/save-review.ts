import { AppError } from "../platform/errors";
import { newId } from "../platform/ids";
import { rewrittenStatements } from "../platform/shopper-reports";
import { nowIso } from "../platform/time";
import { NOT_RECEIVED, hasReceived } from "./eligibility";
import { type OwnReviewRow, productTitle, readOwnReview } from "./own-review";
import { REPORTABLE_REVIEW, reviewOutcome } from "./review-reports";
import type { ReviewInput } from "./schemas";
import { afterReviewChange } from "./totals";

/** Attempts before a write that keeps losing races to the same shopper's other writes gives up. */
const ATTEMPTS = 3;

/** What a save did: wrote a new review, replaced the shopper's earlier one, or found it already said this. */
export type SaveOutcome = "created" | "replaced" | "unchanged";

/**
 * Creates or replaces the shopper's one review of a product, if they have received it. The review,
 * the product's rating totals (a new review adds to the count, a replaced one only moves the sum),
 * its version and the catalog change are one D1 batch, so the page can never show totals without
 * the review or miss the rebuild. The write is conditional on the review being as it was read, so
 * two saves racing from the same shopper cannot both move the totals; the loser reads again.
 * Saving what the review already says writes nothing. A replacement is new words nobody has judged:
 * its helpful votes, its reports and ops' keeping of it go, and whoever reported it is told.
 */
export async function saveReview(d1: D1Database, userId: string, productId: string, input: ReviewInput): Promise<SaveOutcome> {
  const title = await productTitle(d1, productId);
  if (title === null) throw new AppError("not_found", `No product with id ${productId}.`);
  if (!(await hasReceived(d1, userId, productId))) throw new AppError("forbidden", NOT_RECEIVED);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const current = await readOwnReview(d1, userId, productId);
    if (current && sameReview(current, input)) return "unchanged";
    const now = nowIso();
    const [write] = await d1.batch([
      current ? replaceStatement(d1, current, input, now) : insertStatement(d1, userId, productId, input, now),
      ...afterReviewChange(d1, productId, { sum: input.rating - (current?.rating ?? 0), count: current ? 0 : 1 }, now),
      ...(current ? [clearVotesStatement(d1, current.id, now)] : []),
      // A new rating alone leaves the words that were reported standing, and the reports with them.
      ...(current && rewords(current, input) ? rewrittenReports(d1, current, { productId, title }, now) : []),
    ]);
    if (write?.meta.changes === 1) return current ? "replaced" : "created";
  }
  throw new AppError("conflict", "Your review changed while this one was being saved; read it again and retry.");
}

const rewords = (current: OwnReviewRow, input: ReviewInput) => current.title !== input.title || current.body !== input.body;

function sameReview(current: OwnReviewRow, input: ReviewInput): boolean {
  return current.rating === input.rating && current.title === input.title && current.body === input.body;
}

/** A first review; a concurrent first review by the same shopper makes this one change nothing. */
function insertStatement(d1: D1Database, userId: string, productId: string, input: ReviewInput, now: string): D1PreparedStatement {
  return d1
    .prepare(
      `INSERT INTO reviews (id, product_id, user_id, rating, title, body, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
       ON CONFLICT (product_id, user_id) DO NOTHING`,
    )
    .bind(newId("rev"), productId, userId, input.rating, input.title, input.body, now);
}

/**
 * A replacement, only of the review as it was read. It is dated now: a shopper who changes their
 * mind has written a new review, and readers should see when it was said. Nobody has judged the
 * new words yet, so it starts with no helpful votes (the votes go in the same batch).
 */
function replaceStatement(d1: D1Database, current: OwnReviewRow, input: ReviewInput, now: string): D1PreparedStatement {
  return d1
    .prepare(
      `UPDATE reviews SET rating = ?2, title = ?3, body = ?4, created_at = ?5, helpful_count = 0
       WHERE id = ?1 AND rating = ?6 AND title = ?7 AND body = ?8`,
    )
    .bind(current.id, input.rating, input.title, input.body, now, current.rating, current.title, current.body);
}

/** The replaced review's votes, only if this batch's replacement was written (it alone dates the review `now`). */
function clearVotesStatement(d1: D1Database, reviewId: string, now: string): D1PreparedStatement {
  return d1
    .prepare("DELETE FROM review_votes WHERE review_id = ?1 AND EXISTS (SELECT 1 FROM reviews WHERE id = ?1 AND created_at = ?2)")
    .bind(reviewId, now);
}

/** The replaced review's reports, only if this batch's replacement was written, and its reporters told. */
function rewrittenReports(d1: D1Database, current: OwnReviewRow, product: { productId: string; title: string }, now: string) {
  const told = reviewOutcome("report_rewritten", { ...current, product_id: product.productId, product_title: product.title });
  return rewrittenStatements(d1, REPORTABLE_REVIEW, current.id, { ...told, now, rewritten: "t.created_at = ?2" });
}
