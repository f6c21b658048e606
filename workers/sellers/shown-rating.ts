/**
 * The seller rating shoppers see (stars × 10) from buyers' ratings: a Bayesian average that counts
 * the seller's prior (`rating_prior_x10`: the marketplace default for a new seller, or the value
 * an older database showed) as `PRIOR_WEIGHT` ratings of its own.
 *
 * The rating breaks buy-box ties, and the buy box sells far more than the offers below it, so one
 * or two ratings (a friend's five stars, one angry buyer's one) must not swing it: with a weight of
 * 10, a new 4.5 seller rated 1 star once shows 4.1, not 1.0. Buyers' own average takes over as they
 * rate: at 10 ratings it is half the figure, at 90 nine tenths, and a seller with hundreds a month
 * is shown, within a tenth of a star, what its buyers say.
 */
export const PRIOR_WEIGHT = 10;

/**
 * The shown rating, rounded half up to a tenth of a star, in integers alone, so the cron's SQL and
 * this function agree exactly: round(n / d) = floor((2n + d) / 2d) for positive n and d.
 */
export function shownRating(priorX10: number, sum: number, count: number): number {
  const n = priorX10 * PRIOR_WEIGHT + 10 * sum;
  const d = PRIOR_WEIGHT + count;
  return Math.floor((2 * n + d) / (2 * d));
}

/** `shownRating` as SQL over a `sellers` row (SQLite divides integers as integers). */
export const SHOWN_RATING_SQL = `((2 * (rating_prior_x10 * ${PRIOR_WEIGHT} + 10 * rating_sum) + ${PRIOR_WEIGHT} + rating_count) / (2 * (${PRIOR_WEIGHT} + rating_count)))`;
