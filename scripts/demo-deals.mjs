/**
 * Demo flash deals for a local storefront, made through the public API exactly as the deal
 * manager's console makes them, so every gate is set up the real way: one deal opening a minute
 * after start (its waiting room's pre-queue shows first, then admission) and one later in the
 * day. Made only when no deal is live or upcoming, so a restarted `npm run dev` keeps the deals
 * it has and one started after they ended gets fresh ones.
 */
import { DEMO_PASSWORD } from "./catalog/demo-accounts.mjs";
import { call, signIn } from "./lib/storefront-api.mjs";

const DEAL_MANAGER = "deals@demo.test";
/** Where demo deals are looked for: phones first, the deal a sale day is about. */
const CATEGORIES = ["mobiles", "televisions", "laptops", "headphones"];
const UNITS = 20;

/** A deal price a quarter below `paise`, on a rupee amount ending in 9 as Indian deals are. */
export function demoDealPrice(paise) {
  const rupees = Math.floor((paise * 0.75) / 100);
  return Math.max(1, rupees - (rupees % 10) - 1) * 100;
}

/** Best-rated in-stock products of the demo categories, with their buy-box offer. */
async function* candidates(base) {
  for (const category of CATEGORIES) {
    const page = await call(base, `/api/products?category=${category}&in_stock=true&sort=rating&limit=10`);
    if (page.status !== 200) continue;
    for (const item of page.body.items) {
      const product = await call(base, `/api/products/${encodeURIComponent(item.id)}`);
      const offer = product.body?.buy_box;
      if (product.status === 200 && offer?.availability === "in_stock" && !product.body.deal) {
        yield { productId: item.id, title: product.body.title, listingId: offer.listing_id, price: offer.price };
      }
    }
  }
}

/**
 * Makes the demo deals on the storefront at `base` unless one is live or upcoming; returns the
 * deals made (id, product_id, title, starts_at). `now` fixes their times, for a caller that needs them known.
 */
export async function ensureDemoDeals(base, { now = Date.now(), log = () => {}, token: given = undefined } = {}) {
  // A caller already signed in as the deal manager passes its token: sign-ins are limited per account.
  const token = given ?? (await signIn(base, DEAL_MANAGER, DEMO_PASSWORD));
  // The console's list, newest start first, not the public one: that may be cached at the edge.
  const recent = await call(base, "/api/admin/deals?limit=50", { token });
  if (recent.status !== 200) throw new Error(`GET /api/admin/deals answered ${recent.status}`);
  if (recent.body.items.some((d) => d.status !== "ended")) return [];

  const minute = 60_000;
  const startOfNextMinute = Math.ceil(now / minute) * minute;
  const windows = [
    // Opens at the next whole minute after one more: long enough to see the pre-queue.
    { startsAt: startOfNextMinute + minute, hours: 6 },
    { startsAt: startOfNextMinute + 3 * 60 * minute, hours: 3 },
  ];
  const made = [];
  const tried = new Set();
  for await (const c of candidates(base)) {
    if (made.length === windows.length) break;
    if (tried.has(c.listingId)) continue;
    tried.add(c.listingId);
    const w = windows[made.length];
    const res = await call(base, "/api/admin/deals", {
      method: "POST",
      token,
      headers: { "idempotency-key": `demo-deal-${c.listingId}-${w.startsAt}` },
      body: {
        listing_id: c.listingId,
        deal_price: demoDealPrice(c.price),
        units: UNITS,
        starts_at: new Date(w.startsAt).toISOString(),
        ends_at: new Date(w.startsAt + w.hours * 60 * minute).toISOString(),
        per_user_limit: 2,
        hold_seconds: 600,
        waiting_room: { active_users: 50, new_users_per_minute: 30, session_minutes: 10 },
      },
    });
    // Too few units in any one warehouse (or a deal there already): the next product will do.
    if (res.status === 409 || res.status === 422) {
      log(`demo deal on ${c.listingId} refused (${res.status}): ${res.body?.detail ?? ""}`);
      continue;
    }
    if (res.status !== 201) throw new Error(`creating a demo deal answered ${res.status}: ${JSON.stringify(res.body)}`);
    // The same listing and start within a minute of an earlier run answer that run's deal again (the
    // key is what keeps two starts at once from making two); if it was ended since, it is no demo.
    if (res.body.status === "ended") {
      log(`demo deal on ${c.listingId} was made and ended within the minute; trying another product`);
      continue;
    }
    made.push({ id: res.body.id, product_id: c.productId, title: c.title, starts_at: res.body.starts_at });
  }
  return made;
}
