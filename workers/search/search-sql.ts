import { inNamedCategory, namedCategoryLift, namedPartsSql, titleHeaded, titleHeadLift } from "./category-heads";
import { MAX_DEPTH } from "./cursor";
import { browseSetSql, narrowingSql } from "./browse-sql";
import { FACET_ROW, facetBits, facetColumns, facetMasks } from "./facet-sql";
import { type FacetFilter, filterSql, whereOf } from "./filter-sql";
import { likelyCategorySql } from "./likely-category";
import { MAX_PAGE, type SearchParams, type SearchSort, WORDED_SORT } from "./schemas";
import { afterSql, namedCheapestKeys, orderOf, orderSql, SORT_KEYS, type SortPosition } from "./sort-sql";
import { Bindings, gated } from "./statement-sql";

export { PRICE_EDGES, RATING_STEPS } from "./facet-sql";

/**
 * At most this many matching products are counted and faceted. A one-word query like
 * "electronics" can match half the catalog, and D1 runs one query at a time, so counting every
 * match would stall every other shopper. A text query counts its first matches in index order,
 * where FTS5 can stop reading; browsing counts the first products in the requested order, read
 * from an index in that order. Filters apply before the cap, so a result is complete until it too
 * passes the cap, and the answer says when it did. The page itself is always the true page in
 * the requested order, the first or a later one. Past the cap, a text query in another order than
 * relevance ranks every match again, holding only the page, which costs a pass over the matches
 * but no table of them; browsing and ranking by relevance page through the models of the first
 * MATCH_CAP + 1 products in the requested order, the head of the answer, and end there.
 */
export const MATCH_CAP = 5_000;

/**
 * How deep paging can reach: the deepest cursor and one page after it. It stays within MATCH_CAP,
 * so a product sold in one form is never beyond the set that relevance and browsing read their
 * pages from.
 */
export const RELEVANCE_DEPTH = MAX_DEPTH + MAX_PAGE;
if (RELEVANCE_DEPTH > MATCH_CAP) throw new Error("paging by relevance must stay within the match cap");

/** What a search statement reads besides the request (SearchParams): see buildSearchSql. */
export interface SearchSqlOptions {
  /** An FTS5 expression built from escaped words, or null to browse. */
  match: string | null;
  /** Where the previous page ended, or null for the first page. */
  at: SortPosition | null;
  /** The query's most specific word, whose place in a title lifts the product; none by default. */
  key?: string;
  /** The words that may name a product's category, which lifts it too; none by default. */
  named?: string[];
  /**
   * Whether WORDED_SORT, when the query names nothing, sorts first the category most of its best
   * matches are in (likelyCategorySql), as it does by default; matches of any one of a query's
   * words say little about that.
   */
  guess?: boolean;
}

/** A statement and its positional bindings. */
export interface BoundSql {
  sql: string;
  args: Array<string | number>;
}

// Relevance: bm25 with field weights (title > brand > category > attributes > description), lifted
// by popularity (log-damped so a bestseller cannot bury an exact match) and by rating (±10% around
// 3 stars, only once there are ratings). A title that starts with the query's key word is the thing
// itself rather than something for it ("Apple iPhone 15 …" over "… Case for iPhone 15"), and so is
// a product whose own category the query names ("Laptops" for "dell laptop"), and so, a little
// less, is one whose title is headed by the query's head word ("… Slim Fit Jeans (M, Navy)" for
// "jeans", not a jacket by Pepe Jeans). A title equal to the whole query always comes first.
// Text matches read search_docs (aliased p), which carries the lowercased title.
const textScore = (
  query: string,
  key: string,
  named: string | null,
  head: string | null,
) => `(-bm25(products_fts, 10.0, 6.0, 3.0, 2.0, 1.0))
  * (1.0 + 0.1 * ln(1.0 + p.popularity))
  * (CASE WHEN ${key} != '' AND instr(substr(p.title_lower, 1, 28), ${key}) > 0 THEN 1.5 ELSE 1.0 END)
  * (CASE WHEN p.rating_count > 0 THEN 0.94 + 0.02 * p.rating_sum / p.rating_count ELSE 1.0 END)
  + (CASE WHEN p.title_lower = ${query} THEN 1000.0 ELSE 0.0 END)${named ? `\n  + ${namedCategoryLift(named)}` : ""}${head ? `\n  + ${titleHeadLift(head)}` : ""}`;
/** How browsing without a query ranks products: the key of products_rank_idx, for products aliased `p`. */
export const BROWSE_SCORE = "p.popularity * (CASE WHEN p.rating_count > 0 THEN 0.94 + 0.02 * p.rating_sum / p.rating_count ELSE 1.0 END)";

/** A product's average rating, the key of the rating sort and of products_rating_idx. */
const RATING_AVG = "CASE WHEN p.rating_count > 0 THEN 1.0 * p.rating_sum / p.rating_count END";

/** What a set of products carries: what filters, sorts and facets read, never titles or images. */
const setColumns = (id: string, score: string) => `${id} AS id, p.brand, p.category_id, p.price, p.rating_count, p.rating_sum,
    ${RATING_AVG} AS rating_avg, p.created_at, ${score} AS score`;

/**
 * What a set's row is one of (`g`): its model, the family, when results are grouped by model, or
 * the product itself (as is a product without a family) when every product is listed.
 */
const groupOf = (p: SearchParams, id: string) => (p.group === "model" ? `coalesce(p.family, ${id})` : id);

/**
 * A set's row also carries what it is one of (`g`), whether it is in stock and its facet values,
 * and in WORDED_SORT what that sort orders by besides the score (`named_price`).
 */
const modelColumns = (p: SearchParams, id: string, score: string, named = "") =>
  `${setColumns(id, score)}, ${groupOf(p, id)} AS g, p.stock_total > 0 AS stocked, ${FACET_ROW.price}, ${FACET_ROW.rating}${named}`;

/**
 * WORDED_SORT's column for a text match: the product's price when it is what the query names, by
 * its category (`words`, the bound categoryWords) or by its title's head (`headed`, titleHeaded's
 * test), as the relevance lifts read them, and null otherwise. "tv" names no category called
 * "Televisions", but every set's title ends in "TV" and no stick's does. It is read from the row
 * alone, so a cursor can carry it and the next page starts exactly after. Named `as` `own_price`
 * where a guessed category (guessedPrice) may add to it.
 */
const namedPrice = (words: string | null, headed: string | null, as = "named_price") => {
  const tests = [...(words === null ? [] : [inNamedCategory(words)]), ...(headed === null ? [] : [headed])];
  return `, ${tests.length === 0 ? "NULL" : `(CASE WHEN ${tests.join(" OR ")} THEN p.price END)`} AS ${as}`;
};

/**
 * WORDED_SORT's column over a set of matches carrying `own_price` (namedPrice) and m_likely: the
 * price of a match the query names, or, naming none, of a match in the category most of its best
 * matches are in (likelyCategorySql). "cheapest macbook" names a model line, not a category, and
 * lists the MacBooks, in Laptops, cheapest first, before their sleeves. The guess is one id for
 * the whole statement, so the column is still read from the row, and a cursor can carry it.
 */
const guessedPrice = "(CASE WHEN own_price IS NOT NULL OR category_id = (SELECT id FROM m_likely) THEN price END) AS named_price";

/**
 * For each sort, a number that is largest for the product that comes first in it, a product in
 * stock before any that is not. Beside the stock term a score keeps about four decimal places and
 * an average rating twelve, finer than two sizes of one model ever differ by.
 */
const FIRST_KEY: Record<SearchSort, string> = {
  relevance: "stocked * 1e12 + score",
  price_asc: "stocked * 1e13 - price",
  price_desc: "stocked * 1e13 + price",
  rating: "stocked * 1e15 + (CASE WHEN rating_count > 0 THEN 1e14 + 1e13 * rating_sum / rating_count + rating_count ELSE 0 END)",
  newest: "stocked * 1e12 + julianday(created_at)",
  // A model's products share a category, so being named rarely differs among them; the score
  // beside it keeps about one decimal place, which only chooses between sizes that rank alike.
  named_cheapest: "stocked * 1e14 + (CASE WHEN named_price IS NOT NULL THEN 1e13 - named_price ELSE score END)",
};

/**
 * A set of products one model at a time: each model once, as its first product in the requested
 * order that is in stock, or its first when none is (of products that tie, the first the set
 * holds), with `variants`, how many of its products the set holds, and its facet values
 * (facetBits). A row's place is its own, so a page of models is read in the requested order
 * like a page of products. One grouping pass: SQLite takes a grouped row's other columns from the
 * row its one max() picked, where a window function over the set costs several times as much.
 * Listing every product, each is its own model.
 */
const byModel = (p: SearchParams, rows: string, facets = true) => {
  const columns = `id, brand, category_id, price, rating_count, rating_sum, rating_avg, created_at, score, g${p.sort === WORDED_SORT ? ", named_price" : ""}`;
  // A set only paged through, never counted, carries no facet values: each mask is a DISTINCT
  // aggregate, a sort per model, over every match.
  const masks = (perModel: boolean) => (facets ? facetMasks(perModel) : "0 AS prices, 0 AS rated");
  if (p.group === "product") return `SELECT ${columns}, 1 AS variants, ${masks(false)} FROM (${rows})`;
  return `SELECT ${columns}, variants, prices, rated
  FROM (SELECT *, count(*) AS variants, ${masks(true)}, max(${FIRST_KEY[p.sort]}) AS first_key FROM (${rows}) GROUP BY g)`;
};

/** What each facet counts when its own filter is set: its set without that filter, one row per model. */
const ownFacetSet = (p: SearchParams, k: FacetFilter) => {
  const perModel = p.group === "model";
  const columns = k === "brand" ? "brand" : facetBits(k, perModel);
  return `(SELECT ${columns} FROM m_${k}${perModel ? " GROUP BY g" : ""})`;
};

/** The columns each facet counts, for a text query's facet sets (browse sets carry the whole row). */
const FACET_COLUMNS: Record<FacetFilter, string> = { brand: "p.brand", price: FACET_ROW.price, rating: FACET_ROW.rating };

// Text matches walk the index and look each document up, never the reverse (probing the FTS index
// once per product in a category); CROSS JOIN pins that order. A document row carries every field
// filters, facets and ranking read, so a match costs one rowid lookup.
const TEXT_FROM = "products_fts CROSS JOIN search_docs p ON p.doc_id = products_fts.rowid";

/**
 * One statement answering a whole results page: the page, the total, whether it was capped and
 * every facet, so D1 (one query at a time per database) sees a single round trip. What it matches
 * and where it starts, besides the request's filters and sort, is `options`.
 *
 * The page holds one row more than asked for, which says whether another page follows, and the
 * answer carries the sort key and id of the page's last row (`last_id`, `last_<column>`) as plain
 * values: JSON would round a score or an average rating, and the next page compares them exactly.
 * In WORDED_SORT it also says whether any result is what the query names (`named_first`), which
 * is when that order differs from relevance, and, when it names nothing, the category guessed
 * for it if some result is in it (`likely_category`, [slug, name]).
 *
 * Results are models: each family (workers/catalog/family.ts) is listed once, as the first of
 * its products in the requested order that is in stock, or its first when none is, with how many
 * of its products passed (`variants`); the total and facets count models too. Ten sizes of one
 * shirt are one result, not a page of the same shirt.
 *
 * Each facet with a filter of its own (brand, price, rating) counts the models that pass every
 * other filter, so choosing one brand still lists the others with what they would add.
 */
export function buildSearchSql(p: SearchParams, options: SearchSqlOptions): BoundSql {
  const { match, at, key = "", named = [], guess = true } = options;
  const b = new Bindings();
  const take = b.add(p.limit + 1);
  // A text query sorted by anything but relevance never reads its score, and scoring is most of
  // what each match costs (bm25 and the lifts), so those matches are not scored at all. The order
  // read from cheap-first words ranks what the query does not name by relevance, where neither
  // lift applies, so its score leaves them out and each row is tested for being named once.
  const worded = p.sort === WORDED_SORT;
  const ranked = p.sort === "relevance" || worded;
  const text = match !== null && ranked;
  const namedWords = text && named.length > 0 ? b.add(JSON.stringify(named)) : null;
  const headed = text ? titleHeaded(named, b) : null;
  const lifts = worded ? { named: null, headed: null } : { named: namedWords, headed };
  const score =
    match === null ? BROWSE_SCORE : text ? textScore(b.add((p.q ?? "").toLowerCase()), b.add(key), lifts.named, lifts.headed) : "0.0";
  const guessing = worded && text && guess;
  const wordedColumns = worded ? namedPrice(namedWords, headed, guessing ? "own_price" : undefined) : "";
  const f = filterSql(p, b);
  const order = orderSql(p.sort);
  // The rows after the cursor in a set already read, tested in one pass over it.
  const onward = at ? ` WHERE ${afterSql(p.sort, at, b)}` : "";
  // m_rows is counted once: every guard and the capped flags read that one row, where each count
  // of its own would read the whole set again.
  const size = "(SELECT n FROM m_size)";
  const past = `${size} > ${MATCH_CAP}`;
  const own = (["brand", "price", "rating"] as const).filter((k) => f.own[k] !== undefined);
  const withs = [...(namedWords === null ? [] : [namedPartsSql(namedWords)]), ...(f.subtree ? [f.subtree] : [])];
  // m_rows holds the products a result is read from (at most MATCH_CAP + 1), m the same one model
  // at a time: what the pages list and the total counts. The facets count models too, each once
  // per value any of its products has (a model in two price buckets counts in both, as choosing
  // either finds it).
  let rows: string;
  let page = `SELECT * FROM m${onward} ORDER BY ${order} LIMIT ${take}`;

  if (match === null) {
    const narrow = narrowingSql(f, MATCH_CAP);
    if (narrow) withs.push(narrow);
    const set = (without?: FacetFilter) =>
      browseSetSql(f, {
        columns: modelColumns(p, "p.id", score),
        where: whereOf(f, without),
        order,
        sort: p.sort,
        cap: MATCH_CAP,
        byBrand: without !== "brand",
      });
    // m_rows is the head of the requested order, so m holds the first page, and every later one
    // paging reaches while it holds every match. Past the cap, paging ends with the models
    // among the first MATCH_CAP + 1 products, and the answer says the result was capped.
    rows = set();
    for (const k of own) withs.push(`m_${k} AS MATERIALIZED (\n  ${set(k)}\n)`);
  } else {
    const matches = `products_fts MATCH ${b.add(match)}`;
    const set = (columns: string, without?: FacetFilter) =>
      `SELECT ${columns} FROM ${TEXT_FROM}\n  WHERE ${[matches, ...whereOf(f, without)].join("\n    AND ")}`;
    // Ranked by relevance (alone or after what the query names), m_rows is the best matches rather
    // than the first in index order: every match is scored once, and m_rows is the head of the
    // answer itself, so every page paging can reach (RELEVANCE_DEPTH) is read from it, and the
    // facets count the matches a shopper sees first.
    // Guessing, the matches are first ranked by what the query names itself (m_scored), as m_rows
    // is without a guess; m_rows then adds what the guess names.
    const rowsOrder = guessing ? orderOf(namedCheapestKeys("own_price")) : order;
    rows = `${set(modelColumns(p, "p.product_id", score, wordedColumns))}${ranked ? `\n  ORDER BY ${rowsOrder}` : ""}\n  LIMIT ${MATCH_CAP + 1}`;
    // The guess reads the best matches already scored, never the index or a table again.
    if (guessing) {
      withs.push(`m_scored AS MATERIALIZED (\n  ${rows}\n)`, ...likelyCategorySql("m_scored"));
      rows = `SELECT *, ${guessedPrice} FROM m_scored`;
    }
    for (const k of own)
      withs.push(
        `m_${k} AS MATERIALIZED (\n  ${set(`${FACET_COLUMNS[k]}, ${groupOf(p, "p.product_id")} AS g`, k)}\n  LIMIT ${MATCH_CAP + 1}\n)`,
      );
    // In another order, under the cap the page is sorted from the set; past it, every match is
    // read again in that order, grouped by model, and only the page kept, so a later page past the
    // cap continues the one before it.
    if (!ranked)
      page = `SELECT * FROM (SELECT * FROM m${onward} ORDER BY ${order} LIMIT ${gated(`NOT ${past}`, take)})
  UNION ALL
  SELECT * FROM (SELECT * FROM (${byModel(p, set(modelColumns(p, "p.product_id", score)), false)})${onward}
  ORDER BY ${order} LIMIT ${gated(past, take)})`;
  }
  withs.push(
    // Guessing, m_rows only adds a column to m_scored: read through, not copied.
    `m_rows AS ${guessing ? "NOT " : ""}MATERIALIZED (\n  ${rows}\n)`,
    `m AS MATERIALIZED (\n  ${byModel(p, "SELECT * FROM m_rows")}\n)`,
    "m_size AS MATERIALIZED (SELECT count(*) AS n FROM m_rows)",
    `page AS MATERIALIZED (\n  ${page}\n)`,
  );
  withs.push(`last AS (SELECT * FROM page ORDER BY ${order} LIMIT 1 OFFSET ${b.add(p.limit - 1)})`);

  const facetSet = (k: FacetFilter) => (f.own[k] !== undefined ? ownFacetSet(p, k) : "m");
  const capped = [past, ...own.map((k) => `(SELECT count(*) FROM m_${k}) > ${MATCH_CAP}`)].join(" OR ");
  const lastKey = SORT_KEYS[p.sort].map((k) => `(SELECT ${k.column} FROM last) AS last_${k.column},`).join("\n  ");
  const sql = `WITH ${withs.join(",\n")}
SELECT
  min((SELECT count(*) FROM m), ${MATCH_CAP}) AS total,
  ${past} AS capped,
  ${capped} AS facets_capped,
  (SELECT json_group_array(json_array(id, title, brand, category_id, image, price, mrp, stock_total, round(rating_avg, 2), rating_count, created_at, variants))
     FROM (SELECT x.*, p.title, p.image, p.mrp, p.stock_total
           FROM page x JOIN products p ON p.id = x.id
           ORDER BY ${order.replace(/(^|, )(\w)/g, "$1x.$2")})) AS items,
  (SELECT id FROM last) AS last_id,
  ${worded ? "(SELECT count(named_price) > 0 FROM m)" : "0"} AS named_first,
  ${guessing ? "(SELECT json_array(c.slug, c.name) FROM categories c WHERE c.id = (SELECT id FROM m_likely) AND EXISTS (SELECT 1 FROM m WHERE m.category_id = c.id))" : "NULL"} AS likely_category,
  ${lastKey}
  ${facetColumns({ brand: facetSet("brand"), category: "m", price: facetSet("price"), rating: facetSet("rating") }, f.brands)}`;
  return { sql, args: b.args };
}
