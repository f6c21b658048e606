import { BROWSE_SCORE } from "./search-sql";
import type { z } from "@hono/zod-openapi";
import type { RecommendationsResponseSchema } from "./schemas";

/** The recommendation lists for one request. */
export type Recommendations = z.output<typeof RecommendationsResponseSchema>;
type Item = Recommendations["similar"][number];

/** How far back "trending" looks. */
export const TRENDING_DAYS = 7;

// Only products a shopper can buy right now are worth recommending.
const BUYABLE = "p.price IS NOT NULL AND p.stock_total > 0";

/** A product's model: its family, or the product alone when no family is recorded. */
const MODEL = "coalesce(p.family, p.id)";

interface Row {
  id: string;
  title: string;
  brand: string;
  image: string | null;
  price: number;
  mrp: number;
  model: string;
}

function toItems(rows: Row[]): Item[] {
  return rows.map(({ model: _model, ...r }) => ({ ...r, currency: "INR" as const }));
}

/**
 * One product per model, `limit` (an SQL parameter) at most, in `order`. A row of an iPhone's
 * eight colours tells a shopper less than eight different phones, and each colour is one tap away
 * on the product page's picker. `ranked` selects `id`, `model` (MODEL) and the columns `order`
 * sorts by; each model keeps its first product in that order. The columns a card shows are read
 * for the chosen products only, so `ranked` can walk a covering index.
 */
function onePerModel(ranked: string, order: readonly string[], limit: string): string {
  return `SELECT r.id, r.title, r.brand, r.image, r.price, r.mrp, s.model FROM (
      SELECT *, row_number() OVER (PARTITION BY model ORDER BY ${order.join(", ")}) AS nth FROM (${ranked})
    ) s JOIN products r ON r.id = s.id
    WHERE s.nth = 1 ORDER BY ${order.map((term) => `s.${term}`).join(", ")} LIMIT ${limit}`;
}

/**
 * Not the model of product `?1`: its own other colours and sizes are on its page already. A
 * product with no family recorded is a model of its own, and only it is left out.
 */
const NOT_ITS_MODEL = "(t.family IS NULL OR p.family IS NOT t.family) AND p.id != t.id";

function since(today: string): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) - (TRENDING_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
}

/** Products most often bought together with this one, from confirmed orders. */
export function alsoBoughtSql(db: D1Database, productId: string, limit: number): D1PreparedStatement {
  return db
    .prepare(
      onePerModel(
        `SELECT p.id, ${MODEL} AS model, cp.count AS together
         FROM products t JOIN co_purchases cp ON cp.product_id = t.id JOIN products p ON p.id = cp.other_product_id
         WHERE t.id = ?1 AND ${BUYABLE} AND ${NOT_ITS_MODEL}`,
        ["together DESC", "id"],
        "?2",
      ),
    )
    .bind(productId, limit);
}

/**
 * Other models like this one: same category, within half to double its price, same brand first,
 * then nearest price. The price band is a range of products_category_idx, which carries the
 * family too, so ranking it reads no product rows.
 */
export const SIMILAR_SQL = onePerModel(
  `SELECT p.id, ${MODEL} AS model, (p.brand = t.brand) AS same_brand, abs(p.price - t.price) AS gap
   FROM products t JOIN products p ON p.category_id = t.category_id AND p.price BETWEEN t.price / 2 AND t.price * 2
   WHERE t.id = ?1 AND ${BUYABLE} AND ${NOT_ITS_MODEL}`,
  ["same_brand DESC", "gap", "id"],
  "?2",
);

/** `SIMILAR_SQL` for product `productId`, `limit` cards at most. */
export function similarSql(db: D1Database, productId: string, limit: number): D1PreparedStatement {
  return db.prepare(SIMILAR_SQL).bind(productId, limit);
}

/**
 * How many products a ranked row reads per card it shows, when ranking every product it could
 * show would cost a sort of a whole category or catalog: a model's variants rank together (an
 * iPhone's colours sell and are viewed alike), so the row's first `limit` products would be a few
 * models' colours. A row comes back shorter than `limit` only when fewer models than that hold
 * all of its first places.
 */
export const READ_PER_CARD = 20;

/**
 * Best sellers of the last week in a category and its subcategories, topped up with the
 * category's most popular products when recent sales are thin, one per model. Store-wide (no
 * category) it reads recent sales only, so it never ranks the whole catalog; `popularSql` tops
 * that up. In a category, `except` leaves out a product's model, for that product's own page.
 */
export function trendingSql(db: D1Database, categoryId: string | null, today: string, limit: number, except?: string): D1PreparedStatement {
  if (categoryId === null) {
    return db
      .prepare(
        onePerModel(
          `SELECT p.id, ${MODEL} AS model, s.units
           FROM (SELECT product_id, sum(units) AS units FROM product_sales_daily WHERE day >= ?1
             GROUP BY product_id ORDER BY units DESC LIMIT 200) s
           JOIN products p ON p.id = s.product_id WHERE ${BUYABLE}`,
          ["units DESC", "id"],
          "?2",
        ),
      )
      .bind(since(today), limit);
  }
  const notExcepted = except === undefined ? "" : `AND ${MODEL} != (SELECT coalesce(family, id) FROM products WHERE id = ?5)`;
  return db
    .prepare(
      onePerModel(
        `SELECT p.id, ${MODEL} AS model, coalesce(s.units, 0) AS units, p.popularity
         FROM products p
         LEFT JOIN (SELECT product_id, sum(units) AS units FROM product_sales_daily WHERE day >= ?2 GROUP BY product_id) s
           ON s.product_id = p.id
         WHERE p.category_id IN (SELECT d.id FROM categories a JOIN categories d
             ON d.id = a.id OR substr(d.path, 1, length(a.path)) = a.path WHERE a.id = ?1)
           AND ${BUYABLE} ${notExcepted}
         ORDER BY coalesce(s.units, 0) DESC, p.popularity DESC, p.id LIMIT ?4`,
        ["units DESC", "popularity DESC", "id"],
        "?3",
      ),
    )
    .bind(categoryId, since(today), limit, limit * READ_PER_CARD, ...(except === undefined ? [] : [except]));
}

/** For a product page: people also bought, similar products, and what is trending in its category. */
export async function forProduct(
  db: D1Database,
  productId: string,
  today: string,
  limit: number,
): Promise<Recommendations & { categoryId: string | null }> {
  const product = await db.prepare("SELECT category_id FROM products WHERE id = ?1").bind(productId).first<{ category_id: string }>();
  if (!product) return { also_bought: [], similar: [], trending: [], for_you: [], categoryId: null };
  const [also, similar, trending] = await db.batch<Row>([
    alsoBoughtSql(db, productId, limit),
    similarSql(db, productId, limit),
    trendingSql(db, product.category_id, today, limit, productId),
  ]);
  return {
    also_bought: toItems(also?.results ?? []),
    similar: toItems(similar?.results ?? []),
    trending: toItems(trending?.results ?? []),
    for_you: [],
    categoryId: product.category_id,
  };
}

/**
 * The catalog's most popular buyable models, read in browse order from products_rank_idx and
 * stopping at `READ_PER_CARD` products a card: what a quiet week's trending row is filled with.
 */
export function popularSql(db: D1Database, limit: number): D1PreparedStatement {
  return db
    .prepare(
      onePerModel(
        `SELECT p.id, ${MODEL} AS model, ${BROWSE_SCORE} AS score FROM products p INDEXED BY products_rank_idx
         WHERE ${BUYABLE} ORDER BY ${BROWSE_SCORE} DESC LIMIT ?2`,
        ["score DESC", "id"],
        "?1",
      ),
    )
    .bind(limit, limit * READ_PER_CARD);
}

/** `first`, then models of `more` that are not already in it, at most `limit` in all. */
function filled(first: Row[], more: Row[], limit: number): Row[] {
  const seen = new Set(first.map((r) => r.model));
  return [...first, ...more.filter((r) => !seen.has(r.model))].slice(0, limit);
}

/**
 * For a shopper: picks from the categories they recently viewed or carted, and store-wide
 * trending: last week's bestsellers, then the most popular products, so a new store or a quiet
 * week still shows a full row rather than the one product that sold.
 */
export async function forShopper(db: D1Database, categoryIds: string[], today: string, limit: number): Promise<Recommendations> {
  const perCategory = Math.max(2, Math.ceil(limit / Math.max(1, categoryIds.length)));
  const [selling, popular, ...perInterest] = await db.batch<Row>([
    trendingSql(db, null, today, limit),
    popularSql(db, limit),
    ...categoryIds.map((id) => trendingSql(db, id, today, perCategory)),
  ]);
  const picks = new Map<string, Row>();
  for (const r of perInterest.flatMap((x) => x.results)) if (!picks.has(r.model)) picks.set(r.model, r);
  return {
    also_bought: [],
    similar: [],
    trending: toItems(filled(selling?.results ?? [], popular?.results ?? [], limit)),
    for_you: toItems([...picks.values()].slice(0, limit)),
  };
}
