/**
 * A demo wishlist for a local storefront, saved through the public API as the product page's Save
 * button saves: the products of the demo deals (so the first deal's opening, a minute or two after
 * start, reaches the shopper's Updates page as a wishlist alert) and a few well-rated phones. Made
 * only while the shopper has saved nothing, so a restart adds none.
 */
import { DEMO_PASSWORD } from "./catalog/demo-accounts.mjs";
import { call, signIn } from "./lib/storefront-api.mjs";

const SHOPPER = "shopper@demo.test";
/** How many products the demo wishlist holds. */
const SAVED = 4;

/**
 * Saves the demo wishlist of `shopper` (the demo shopper by default) on the storefront at `base`:
 * `productIds` first (the demo deals' products), then phones up to SAVED. Returns what was saved
 * (product_id, title), empty when the shopper had saved something already.
 */
export async function ensureDemoWishlist(
  base,
  { productIds = [], shopper = { email: SHOPPER, password: DEMO_PASSWORD }, log = () => {} } = {},
) {
  const token = await signIn(base, shopper.email, shopper.password);
  const mine = await call(base, "/api/wishlist", { token });
  if (mine.status !== 200) throw new Error(`GET /api/wishlist answered ${mine.status}`);
  if (mine.body.items.length > 0) return [];

  const phones = await call(base, "/api/products?category=mobiles&in_stock=true&sort=rating&limit=10");
  const wanted = [...new Set([...productIds, ...(phones.body?.items ?? []).map((p) => p.id)])].slice(0, SAVED);
  const saved = [];
  for (const id of wanted) {
    const res = await call(base, `/api/wishlist/${encodeURIComponent(id)}`, { method: "PUT", token, body: {} });
    if (res.status !== 201 && res.status !== 200) {
      log(`saving ${id} answered ${res.status}: ${res.body?.detail ?? ""}`);
      continue;
    }
    saved.push({ product_id: id, title: res.body.title });
  }
  return saved;
}
