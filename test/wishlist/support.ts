import { env } from "cloudflare:workers";
import type { TestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { WISHLIST_LIMIT } from "../../workers/wishlist/schemas";

/** One saved product as GET /api/wishlist lists it (the fields these tests read). */
export interface SavedItem {
  product_id: string;
  title: string;
  listing_id: string | null;
  price: number | null;
  price_when_saved: number | null;
  price_dropped: boolean;
  availability: string;
  deal: { id: string; status: string; deal_price: number; starts_at: string } | null;
  saved_at: string;
}

/** PUT /api/wishlist/{productId} as the user. */
export function save(user: TestUser, productId: string): Promise<Response> {
  return api(`/api/wishlist/${encodeURIComponent(productId)}`, { method: "PUT", headers: user.headers });
}

/** DELETE /api/wishlist/{productId} as the user. */
export function unsave(user: TestUser, productId: string): Promise<Response> {
  return api(`/api/wishlist/${encodeURIComponent(productId)}`, { method: "DELETE", headers: user.headers });
}

/** The user's wishlist as the API lists it. */
export async function wishlistOf(user: TestUser): Promise<SavedItem[]> {
  const res = await api("/api/wishlist", { headers: user.headers });
  if (res.status !== 200) throw new Error(`GET /api/wishlist ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { items: SavedItem[] }).items;
}

/** How many wishlist rows the user has in D1. */
export async function savedRows(userId: string): Promise<number> {
  const row = await env.DB.prepare("SELECT COUNT(*) AS n FROM wishlist_items WHERE user_id = ?").bind(userId).first<{ n: number }>();
  return row?.n ?? 0;
}

/**
 * Fills the user's wishlist to its limit with filler products of the category, ids `${prefix}_w0`,
 * `${prefix}_w1`, …, written straight to D1.
 */
export async function fillWishlist(userId: string, prefix: string, categoryId: string): Promise<void> {
  const now = new Date().toISOString();
  await env.DB.batch(
    Array.from({ length: WISHLIST_LIMIT }, (_, i) => [
      env.DB.prepare(
        "INSERT INTO products (id, title, brand, category_id, created_at, updated_at) VALUES (?, 'Filler', 'Fillerbrand', ?, ?, ?)",
      ).bind(`${prefix}_w${i}`, categoryId, now, now),
      env.DB.prepare("INSERT INTO wishlist_items (user_id, product_id, price_when_saved, created_at) VALUES (?, ?, 1000, ?)").bind(
        userId,
        `${prefix}_w${i}`,
        now,
      ),
    ]).flat(),
  );
}
