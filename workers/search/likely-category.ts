/** How many of a query's best models vote for the category it asks for. */
export const CATEGORY_VOTERS = 20;

/**
 * How many of its best matches the voters are found among: enough for twenty models each sold in
 * a handful of sizes and colours, few enough that grouping them costs nothing beside the one pass.
 */
export const CATEGORY_VOTER_ROWS = 10 * CATEGORY_VOTERS;

/**
 * The category most of a query's best matches are in, when none of its matches is what the query
 * names itself: WITH entries ending in `m_likely`, one row (`id`) or none, over `set`, scored
 * matches ranked by what the query names (`own_price`, the price of a match it names by category
 * or title head, null for any other) before `score`. "cheapest macbook" and "cheap samsung" name
 * no category, but MacBooks are laptops, and most of Samsung's best matches are phones: the
 * sleeves, chargers and covers for them are fewer. The voters are the best models, each by its
 * best size, not the best rows: a model sold in twenty sizes and colours would otherwise fill the
 * vote alone and, voting once, outvote nobody else; ties go to the category of the best match.
 *
 * One pass over the set already scored, never the index or a table again, keeping its best
 * CATEGORY_VOTER_ROWS, which alone are grouped into models: the voters are the first in an order
 * that puts any match the query names first, so whether it names one is read from the voters alone.
 */
export function likelyCategorySql(set: string): string[] {
  return [
    `m_voters AS MATERIALIZED (
  SELECT category_id, max(score) AS score, min(unnamed) AS unnamed FROM (
    SELECT id, category_id, g, score, own_price IS NULL AS unnamed FROM ${set}
    ORDER BY unnamed, score DESC, id LIMIT ${CATEGORY_VOTER_ROWS}
  )
  GROUP BY g ORDER BY unnamed, score DESC, min(id) LIMIT ${CATEGORY_VOTERS}
)`,
    `m_likely AS MATERIALIZED (
  SELECT category_id AS id FROM m_voters WHERE NOT EXISTS (SELECT 1 FROM m_voters WHERE unnamed = 0)
  GROUP BY category_id ORDER BY count(*) DESC, max(score) DESC, category_id LIMIT 1
)`,
  ];
}
