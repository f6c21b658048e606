import { env } from "cloudflare:workers";

/** Fields of a product written straight into products, the buy-box price included. */
export interface BulkProduct {
  id: string;
  title: string;
  brand: string;
  category: string;
  price: number;
  createdAt: string;
  popularity?: number;
  ratingSum?: number;
  ratingCount?: number;
  stock?: number;
}

/** Adds one category under `parent` (or at the top); its slug is its id. */
export async function addCategory(id: string, name: string, parent: string | null = null): Promise<void> {
  const parentPath = parent
    ? ((await env.DB.prepare("SELECT path FROM categories WHERE id = ?1").bind(parent).first<string>("path")) ?? "/")
    : "/";
  await env.DB.prepare("INSERT INTO categories(id, slug, name, parent_id, path, depth, position) VALUES (?1, ?1, ?2, ?3, ?4, ?5, 99)")
    .bind(id, name, parent, `${parentPath}${id}/`, parentPath.split("/").length - 2)
    .run();
}

/** Writes products with their buy-box summary set directly; the search triggers index them as usual. */
export async function addProducts(rows: BulkProduct[]): Promise<void> {
  const insert = env.DB.prepare(
    `INSERT INTO products(id, title, brand, category_id, price, mrp, stock_total, popularity, rating_sum, rating_count, created_at, updated_at)
     VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6, ?7, ?8, ?9, ?10, ?10)`,
  );
  await env.DB.batch(
    rows.map((r) =>
      insert.bind(
        r.id,
        r.title,
        r.brand,
        r.category,
        r.price,
        r.stock ?? 10,
        r.popularity ?? 0,
        r.ratingSum ?? 0,
        r.ratingCount ?? 0,
        r.createdAt,
      ),
    ),
  );
}

/**
 * Adds `count` near-identical products in one statement: "<title> <n>" by `brand` in `category`,
 * priced `firstPrice + n` paise, created a second apart from `createdFrom`; unrated, or with
 * `rated` four ratings averaging 1 to 5 stars.
 */
export async function addManyProducts(o: {
  prefix: string;
  title: string;
  brand: string;
  category: string;
  count: number;
  firstPrice: number;
  createdFrom: string;
  rated?: boolean;
}): Promise<void> {
  await env.DB.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
     INSERT INTO products(id, title, brand, category_id, price, mrp, stock_total, popularity, rating_sum, rating_count, created_at, updated_at)
     SELECT printf('%s%05d', ?2, i), ?3 || ' ' || i, ?4, ?5, ?6 + i, ?6 + i, 10, i % 7, ?8 * 4 * (1 + i % 5), ?8 * 4,
            strftime('%Y-%m-%dT%H:%M:%fZ', ?7, '+' || i || ' seconds'), ?7
     FROM n`,
  )
    .bind(o.count, o.prefix, o.title, o.brand, o.category, o.firstPrice, o.createdFrom, o.rated ? 1 : 0)
    .run();
}
