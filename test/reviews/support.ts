import { env } from "cloudflare:workers";
import { expect } from "vitest";
import type { OrderStatus } from "../../workers/orders/state-machine";
import { type TestUser, createTestUser } from "../helpers/accounts";
import { type Fixture, createListingFixture } from "../helpers/catalog";
import { api } from "../helpers/http";
import { seedOrder } from "../orders/seed";

/** An order of the shopper's holding the fixture's product, in `status`. */
export function orderOf(user: TestUser, f: Fixture, status: OrderStatus): Promise<string> {
  return seedOrder({
    userId: user.id,
    status,
    at: new Date().toISOString(),
    lines: [{ sellerId: f.sellerId, listingId: f.listingId, productId: f.productId, title: "Reviewed item" }],
  });
}

/** A shopper called `name` who has received the fixture's product. */
export async function shopperWhoReceived(f: Fixture, name = "Asha Rao"): Promise<TestUser> {
  const user = await createTestUser();
  await env.DB.prepare("UPDATE users SET name = ?2 WHERE id = ?1").bind(user.id, name).run();
  await orderOf(user, f, "delivered");
  return user;
}

/** A product already rated by earlier shoppers (two ratings, 8 stars in all), so averages move visibly. */
export async function ratedProduct(title = "Reviewphone 7"): Promise<Fixture> {
  const f = await createListingFixture({ title });
  await env.DB.prepare("UPDATE products SET rating_sum = 8, rating_count = 2 WHERE id = ?").bind(f.productId).run();
  return f;
}

/** The product's rating totals, version and how many catalog changes announce it, straight from D1. */
export async function productState(productId: string) {
  const product = await env.DB.prepare("SELECT rating_sum, rating_count, version FROM products WHERE id = ?")
    .bind(productId)
    .first<{ rating_sum: number; rating_count: number; version: number }>();
  const changes = await env.DB.prepare("SELECT COUNT(*) AS n FROM outbox WHERE topic = 'catalog' AND payload LIKE ?")
    .bind(`%${productId}%`)
    .first<number>("n");
  const reviews = await env.DB.prepare("SELECT id, user_id, rating, title, body, created_at FROM reviews WHERE product_id = ? ORDER BY id")
    .bind(productId)
    .all();
  return { ...product, changes, reviews: reviews.results };
}

/** A rated product (`ratedProduct`) with one review by `author`, a shopper who received it; the review's id with them. */
export async function reviewedProduct(title: string, review: { rating: number; title: string }, author = "Meera Nair") {
  const f = await ratedProduct(title);
  const shopper = await shopperWhoReceived(f, author);
  const res = await api(`/api/products/${f.productId}/reviews/mine`, { method: "PUT", headers: shopper.headers, body: review });
  expect(res.status).toBe(200);
  return { f, author: shopper, reviewId: ((await res.json()) as { review: { id: string } }).review.id };
}
