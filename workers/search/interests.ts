import { BoundedMap } from "../platform/bounded-map";

/** Why a shopper showed interest in a category. */
export type InterestKind = "view" | "cart";

/** One category a shopper recently looked at or carted from. */
export interface Interest {
  categoryId: string;
  kind: InterestKind;
  at: string;
}

const KEEP = 12;
// A shopper's interests fade: a month-old view says little about what they want now.
const TTL_SECONDS = 30 * 24 * 3600;

function key(userId: string): string {
  return `reco:interest:${userId}`;
}

/** The shopper's recent categories, newest first. */
export async function readInterests(kv: KVNamespace, userId: string): Promise<Interest[]> {
  return (await kv.get<Interest[]>(key(userId), "json")) ?? [];
}

/** Forgets the shopper's recent categories: their account is being erased. */
export async function forgetInterests(kv: KVNamespace, userId: string): Promise<void> {
  await kv.delete(key(userId));
}

/**
 * Notes that a signed-in shopper viewed or carted something in a category, for "picks for you".
 * One small KV record per shopper: read on their own recommendations only, written off the
 * request path (call it inside waitUntil). Carting counts for more than viewing when picking.
 */
export async function noteInterest(kv: KVNamespace, userId: string, categoryId: string, kind: InterestKind, at: string): Promise<void> {
  const current = await readInterests(kv, userId);
  const head = current[0];
  if (head && head.categoryId === categoryId && (head.kind === kind || head.kind === "cart")) return;
  const next = [{ categoryId, kind, at }, ...current.filter((i) => !(i.categoryId === categoryId && i.kind === kind))].slice(0, KEEP);
  await kv.put(key(userId), JSON.stringify(next), { expirationTtl: TTL_SECONDS });
}

/** The categories to pick from, most telling first: carted before viewed, then most recent. */
export function rankInterestCategories(interests: Interest[], max: number): string[] {
  const score = new Map<string, number>();
  interests.forEach((i, position) => {
    const weight = (i.kind === "cart" ? 3 : 1) / (1 + position);
    score.set(i.categoryId, (score.get(i.categoryId) ?? 0) + weight);
  });
  return [...score.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, max)
    .map(([id]) => id);
}

// Per isolate: a hot product's category, and each shopper's last noted view. On a sale day a
// signed-in herd views one product over and over; without these every view would cost a D1
// read and a KV read to learn what is already known. A product's category seldom changes, and a
// stale one only skews a shopper's picks. Bounded, oldest entry out first.
const CATEGORY_ENTRIES = 5_000;
const LAST_VIEW_ENTRIES = 20_000;
const categoryOf = new BoundedMap<string, string>(CATEGORY_ENTRIES);
const lastView = new BoundedMap<string, string>(LAST_VIEW_ENTRIES);

/** Notes a signed-in shopper's view of a product as interest in its category; unknown products are ignored. */
export async function noteViewedProduct(db: D1Database, kv: KVNamespace, userId: string, productId: string, at: string): Promise<void> {
  // The same shopper on the same product again: their head interest already says so.
  if (lastView.get(userId) === productId) return;
  let categoryId = categoryOf.get(productId);
  if (categoryId === undefined) {
    const row = await db.prepare("SELECT category_id FROM products WHERE id = ?1").bind(productId).first<{ category_id: string }>();
    if (!row) return;
    categoryId = row.category_id;
    categoryOf.set(productId, categoryId);
  }
  await noteInterest(kv, userId, categoryId, "view", at);
  lastView.set(userId, productId);
}

/** Notes a signed-in shopper's cart add as interest in the listing's category; unknown listings are ignored. */
export async function noteCartedListing(db: D1Database, kv: KVNamespace, userId: string, listingId: string, at: string): Promise<void> {
  const row = await db
    .prepare("SELECT p.category_id FROM listings l JOIN products p ON p.id = l.product_id WHERE l.id = ?1")
    .bind(listingId)
    .first<{ category_id: string }>();
  if (row) await noteInterest(kv, userId, row.category_id, "cart", at);
}
