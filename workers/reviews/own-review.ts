/** A shopper's own review of a product as stored, for the write paths to compare against. */
export interface OwnReviewRow {
  id: string;
  rating: number;
  title: string;
  body: string;
}

/** The shopper's review of the product, found through the (product, user) unique index; null if none. */
export function readOwnReview(d1: D1Database, userId: string, productId: string): Promise<OwnReviewRow | null> {
  return d1
    .prepare("SELECT id, rating, title, body FROM reviews WHERE product_id = ?1 AND user_id = ?2")
    .bind(productId, userId)
    .first<OwnReviewRow>();
}

/** The product's title, for messages about it; null when there is no such product. */
export function productTitle(d1: D1Database, productId: string): Promise<string | null> {
  return d1.prepare("SELECT title FROM products WHERE id = ?1").bind(productId).first<string>("title");
}

/** Whether the product exists. */
export async function productExists(d1: D1Database, productId: string): Promise<boolean> {
  return (await d1.prepare("SELECT 1 AS yes FROM products WHERE id = ?1").bind(productId).first()) !== null;
}
