/** How many of a query's best matches vote for the category it asks for. */
export const CATEGORY_VOTERS = 20;

/**
 * The category most of a query's best matches are in, when none of its matches is what the query
 * names itself: WITH entries ending in `m_likely`, one row (`id`) or none, over `set`, scored
 * matches ranked by what the query names (`own_price`, the price of a match it names by category
 * or title head, null for any other) before `score`. "cheapest macbook" and "cheap samsung" name
 * no category, but MacBooks are laptops, and most of Samsung's best matches are phones: the
 * sleeves, chargers and covers for them are fewer. A model votes once, however many of its sizes
 * are among the best; ties go to the category of the best match.
 *
 * One pass over the set already scored, never the index or a table again: the voters are the
 * first in an order that puts any match the query names first, so whether it names one is read
 * from the voters alone.
 */
export function likelyCategorySql(set: string): string[] {
  return [
    `m_voters AS MATERIALIZED (
  SELECT category_id, g, score, own_price FROM ${set} ORDER BY own_price IS NULL, score DESC, id LIMIT ${CATEGORY_VOTERS}
)`,
    `m_likely AS MATERIALIZED (
  SELECT category_id AS id FROM m_voters WHERE NOT EXISTS (SELECT 1 FROM m_voters WHERE own_price IS NOT NULL)
  GROUP BY category_id ORDER BY count(DISTINCT g) DESC, max(score) DESC, category_id LIMIT 1
)`,
  ];
}
