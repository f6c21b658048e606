import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { TestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { ADDRESS, checkout, shopperWithCart, stockOf, stockedListing } from "./support";

const saveForLater = (user: TestUser, listingId: string) =>
  api(`/api/cart/items/${listingId}/save-for-later`, { method: "POST", headers: user.headers });

async function savedOf(user: TestUser): Promise<string[]> {
  const cart = (await (await api("/api/cart", { headers: user.headers })).json()) as { saved: Array<{ listing_id: string }> };
  return cart.saved.map((s) => s.listing_id);
}

describe("checkout and the saved-for-later list", () => {
  it("orders the cart's lines only: saved items are not ordered, not reserved, and stay saved", async () => {
    const a = await stockedListing(10, 30000);
    const b = await stockedListing(10, 45000);
    const user = await shopperWithCart([
      [a.listingId, 2],
      [b.listingId, 3],
    ]);
    expect((await saveForLater(user, b.listingId)).status).toBe(200);

    const res = await checkout(user, crypto.randomUUID());
    expect(res.status).toBe(201);
    const placed = (await res.json()) as { order_id: string; total: number };
    expect(placed.total).toBe(60000);
    const rows = await env.DB.prepare("SELECT listing_id FROM order_items WHERE order_id = ?")
      .bind(placed.order_id)
      .all<{ listing_id: string }>();
    expect(rows.results.map((r) => r.listing_id)).toEqual([a.listingId]);
    expect(await stockOf(b.listingId)).toMatchObject({ available: 10, reserved: 0 });
    expect(await savedOf(user)).toEqual([b.listingId]);
  });

  it("refuses a saved item named in listing_ids as not in the cart, and a cart of saved items only as empty", async () => {
    const a = await stockedListing(10, 30000);
    const c = await stockedListing(10, 20000);
    const user = await shopperWithCart([
      [a.listingId, 1],
      [c.listingId, 1],
    ]);
    await saveForLater(user, a.listingId);

    const named = await checkout(user, crypto.randomUUID(), { address: ADDRESS, payment_method: "upi", listing_ids: [a.listingId] });
    expect(named.status).toBe(400);
    expect(((await named.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toEqual(["listing_ids.0"]);
    await saveForLater(user, c.listingId);
    const whole = await checkout(user, crypto.randomUUID());
    expect(whole.status).toBe(400);
    expect(((await whole.json()) as { detail: string }).detail).toBe("Your cart is empty.");
    const count = await env.DB.prepare("SELECT COUNT(*) AS n FROM orders WHERE user_id = ?").bind(user.id).first<{ n: number }>();
    expect(count?.n).toBe(0);
    expect((await savedOf(user)).sort()).toEqual([a.listingId, c.listingId].sort());
  });
});
