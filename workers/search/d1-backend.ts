import { availabilityOf } from "../catalog/availability";
import { shownAverage } from "../catalog/rating-average";
import type { SearchBackend, SearchPage, Suggestion } from "./backend";
import { decodeCursor, encodeCursor, MAX_DEPTH, type Position } from "./cursor";
import { type SearchParams, WORDED_SORT } from "./schemas";
import { categoryWords } from "./category-heads";
import { PRICE_EDGES, priceBucketBounds, RATING_STEPS } from "./facet-sql";
import { relaxations } from "./relaxation";
import { buildSearchSql, type SearchSqlOptions } from "./search-sql";
import { SORT_KEYS } from "./sort-sql";
import { asTyped, correctedText, matchExpression, type ResolvedToken, resolveTokens } from "./spelling";
import { suggest } from "./suggestions";
import { tokenize } from "./text";

const INR = new Intl.NumberFormat("en-IN", { style: "currency", currency: "INR", maximumFractionDigits: 0 });
const rupees = (paise: number) => INR.format(paise / 100);

interface Row {
  total: number;
  capped: number;
  facets_capped: number;
  items: string;
  /** The id of the page's last row, and its sort key by column (`last_price`, …): see buildSearchSql. */
  last_id: string | null;
  /** 1 when the order read from cheap-first words found a product the query names, by category or title, or in the category guessed for it. */
  named_first: number;
  /** The category guessed for a query naming none, as [slug, name], when some result is in it: see buildSearchSql. */
  likely_category: string | null;
  [lastKey: `last_${string}`]: number | string | null;
  brands: string;
  categories: string;
  prices: string;
  ratings: string;
}

type ItemTuple = [string, string, string, string, string | null, number, number, number, number | null, number, string, number];

/** The query's most specific word (the longest, as corrected): what the product should be, not what it is for. */
function keyWord(tokens: ResolvedToken[]): string {
  const words = tokens.map((t) => t.corrections[0] ?? t.text).filter((w) => !/^[\d ]+$/.test(w));
  return words.reduce((a, b) => (b.length > a.length ? b : a), "");
}

/** The embedded search backend: D1's FTS5 index, kept in step with products by triggers. */
export class D1SearchBackend implements SearchBackend {
  constructor(private readonly db: D1Database) {}

  async search(asked: SearchParams): Promise<SearchPage> {
    const typed = asTyped(tokenize(asked.q ?? "", "submitted"));
    // Without a word to search there is no category named, and the worded order is relevance.
    const params: SearchParams = typed.length === 0 && asked.sort === WORDED_SORT ? { ...asked, sort: "relevance" } : asked;
    const at = decodeCursor(params);
    if (typed.length === 0) return this.page(params, await this.run(params, { match: null, at }), at, null, false);

    const { tokens, corrected, alongside } = await resolveTokens<Row>(this.db, typed, [
      this.statement(params, { match: matchExpression(typed), at, key: keyWord(typed), named: categoryWords(typed) }),
    ]);
    let row = corrected
      ? await this.run(params, { match: matchExpression(tokens), at, key: keyWord(tokens), named: categoryWords(tokens) })
      : alongside[0]?.results[0];
    if (!row) throw new Error("search statement returned no row");
    let used = tokens;
    let relaxed = false;
    // No product has every word: show those with fewer of them rather than nothing.
    for (const next of row.total === 0 ? relaxations(tokens) : []) {
      // When any word will do, one of them naming a category, or most matches of one word being in
      // a category, says little about what was asked for.
      const named = next.anyWord ? [] : categoryWords(next.tokens);
      const match = matchExpression(next.tokens, next.anyWord);
      row = await this.run(params, { match, at, key: keyWord(next.tokens), named, guess: !next.anyWord });
      used = next.tokens;
      relaxed = true;
      if (row.total > 0) break;
    }
    return this.page(params, row, at, correctedText(used), relaxed);
  }

  suggest(q: string, limit: number): Promise<Suggestion[]> {
    return suggest(this.db, q, limit);
  }

  private statement(params: SearchParams, options: SearchSqlOptions): D1PreparedStatement {
    const { sql, args } = buildSearchSql(params, options);
    return this.db.prepare(sql).bind(...args);
  }

  private async run(params: SearchParams, options: SearchSqlOptions): Promise<Row> {
    const row = await this.statement(params, options).first<Row>();
    if (!row) throw new Error("search statement returned no row");
    return row;
  }

  private page(params: SearchParams, row: Row, at: Position | null, corrected: string | null, relaxed: boolean): SearchPage {
    const rows = JSON.parse(row.items) as ItemTuple[];
    const items = rows
      .slice(0, params.limit)
      .map(([id, title, brand, categoryId, image, price, mrp, stock, avg, count, createdAt, variants]) => ({
        id,
        title,
        brand,
        category_id: categoryId,
        image,
        price,
        mrp,
        currency: "INR" as const,
        rating: { average: shownAverage(avg), count },
        availability: availabilityOf(stock),
        created_at: createdAt,
        variants,
      }));
    // One count per bucket, in order; a bucket no result is in is not offered.
    const prices = (JSON.parse(row.prices) as number[]).flatMap((count, b) => {
      if (count === 0) return [];
      const { min, max } = priceBucketBounds(b);
      const edge = PRICE_EDGES[b];
      const label = edge === undefined ? `Over ${rupees(min)}` : min === 0 ? `Under ${rupees(edge)}` : `${rupees(min)} – ${rupees(edge)}`;
      return [{ value: `${min}-${max ?? ""}`, label, min, max, count }];
    });
    const ratings = JSON.parse(row.ratings) as number[];
    const likely = row.likely_category === null ? null : (JSON.parse(row.likely_category) as [string, string]);
    // The statement reads one row past the page: there is a next page only when it found one.
    const depth = (at?.depth ?? 0) + items.length;
    const last = row.last_id;
    const next =
      rows.length > items.length && last !== null && depth <= MAX_DEPTH
        ? encodeCursor(params, { depth, id: last, key: SORT_KEYS[params.sort].map((k) => row[`last_${k.column}`] ?? null) })
        : null;
    return {
      items,
      total: row.total,
      next_cursor: next,
      corrected_query: corrected,
      capped: row.capped === 1,
      facets_capped: row.facets_capped === 1,
      relaxed,
      named_first: row.named_first === 1,
      likely_category: likely && { slug: likely[0], name: likely[1] },
      facets: {
        brand: (JSON.parse(row.brands) as Array<[string, number]>).map(([value, count]) => ({ value, label: value, count })),
        category: (JSON.parse(row.categories) as Array<[string, string, string, number]>).map(([id, slug, name, count]) => ({
          value: slug,
          label: name,
          id,
          count,
        })),
        price: prices,
        rating: RATING_STEPS.map((min, i) => ({ value: String(min), label: `${min}★ & up`, min, count: ratings[i] ?? 0 })),
      },
    };
  }
}
