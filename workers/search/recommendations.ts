import { BROWSE_SCORE } from "./search-sql";
import type { z } from "@hono/zod-openapi";
import type { RecommendationsResponseSchema } from "./schemas";

/** The recommendation lists for one request. */
export type Recommendations = z.output<typeof RecommendationsResponseSchema>;
type Item = Recommendations["similar"][number];

/** How far back "trending" looks. */
export const TRENDING_DAYS = 7;

const COLUMNS = "p.id, p.title, p.brand, p.image, p.price, p.mrp";
// Only products a shopper can buy right now are worth recommending.
const BUYABLE = "p.price IS NOT NULL AND p.stock_total > 0";

interface Row {
  id: string;
  title: string;
  brand: string;
  image: string | null;
  price: number;
  mrp: number;
}

function toItems(rows: Row[]): Item[] {
  return rows.map((r) => ({ ...r, currency: "INR" as const }));
}

function since(today: string): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) - (TRENDING_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
}

/** Products most often bought together with this one, from confirmed orders. */
export function alsoBoughtSql(db: D1Database, productId: string, limit: number): D1PreparedStatement {
  return db
    .prepare(
      `SELECT ${COLUMNS} FROM co_purchases cp JOIN products p ON p.id = cp.other_product_id
       WHERE cp.product_id = ?1 AND ${BUYABLE} ORDER BY cp.count DESC, p.id LIMIT ?2`,
    )
    .bind(productId, limit);
}

/** Products like this one: same category, within half to double its price, same brand first, then nearest price. */
export function similarSql(db: D1Database, productId: string, limit: number): D1PreparedStatement {
  return db
    .prepare(
      `SELECT ${COLUMNS} FROM products t JOIN products p ON p.category_id = t.category_id
         AND p.price BETWEEN t.price / 2 AND t.price * 2 AND p.id != t.id
       WHERE t.id = ?1 AND ${BUYABLE}
       ORDER BY (p.brand = t.brand) DESC, abs(p.price - t.price), p.id LIMIT ?2`,
    )
    .bind(productId, limit);
}

/**
 * Best sellers of the last week in a category and its subcategories, topped up with the
 * category's most popular products when recent sales are thin. Store-wide (no category) it
 * reads recent sales only, so it never ranks the whole catalog; `popularSql` tops that up.
 */
export function trendingSql(db: D1Database, categoryId: string | null, today: string, limit: number): D1PreparedStatement {
  if (categoryId === null) {
    return db
      .prepare(
        `SELECT ${COLUMNS} FROM (SELECT product_id, sum(units) AS units FROM product_sales_daily WHERE day >= ?1
           GROUP BY product_id ORDER BY units DESC LIMIT 200) s
         JOIN products p ON p.id = s.product_id WHERE ${BUYABLE} ORDER BY s.units DESC, p.id LIMIT ?2`,
      )
      .bind(since(today), limit);
  }
  return db
    .prepare(
      `SELECT ${COLUMNS} FROM products p
       LEFT JOIN (SELECT product_id, sum(units) AS units FROM product_sales_daily WHERE day >= ?2 GROUP BY product_id) s
         ON s.product_id = p.id
       WHERE p.category_id IN (SELECT d.id FROM categories a JOIN categories d
           ON d.id = a.id OR substr(d.path, 1, length(a.path)) = a.path WHERE a.id = ?1)
         AND ${BUYABLE}
       ORDER BY coalesce(s.units, 0) DESC, p.popularity DESC, p.id LIMIT ?3`,
    )
    .bind(categoryId, since(today), limit);
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
    trendingSql(db, product.category_id, today, limit + 1),
  ]);
  return {
    also_bought: toItems(also?.results ?? []),
    similar: toItems(similar?.results ?? []),
    trending: toItems((trending?.results ?? []).filter((r) => r.id !== productId).slice(0, limit)),
    for_you: [],
    categoryId: product.category_id,
  };
}

/**
 * The catalog's most popular buyable products, read in browse order from products_rank_idx and
 * stopping at `limit`: what a quiet week's trending row is filled with.
 */
export function popularSql(db: D1Database, limit: number): D1PreparedStatement {
  return db
    .prepare(`SELECT ${COLUMNS} FROM products p INDEXED BY products_rank_idx WHERE ${BUYABLE} ORDER BY ${BROWSE_SCORE} DESC LIMIT ?1`)
    .bind(limit);
}

/** `first`, then `more` that are not already in it, at most `limit` in all. */
function filled(first: Row[], more: Row[], limit: number): Row[] {
  const seen = new Set(first.map((r) => r.id));
  return [...first, ...more.filter((r) => !seen.has(r.id))].slice(0, limit);
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
  for (const r of perInterest.flatMap((x) => x.results)) if (!picks.has(r.id)) picks.set(r.id, r);
  return {
    also_bought: [],
    similar: [],
    trending: toItems(filled(selling?.results ?? [], popular?.results ?? [], limit)),
    for_you: toItems([...picks.values()].slice(0, limit)),
  };
}
