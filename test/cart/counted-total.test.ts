import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { stockedListing } from "../checkout/support";
import { createTestUser } from "../helpers/accounts";
import { browserSession } from "../helpers/forms";
import { api } from "../helpers/http";
import type { CartView } from "../../workers/cart/cart-service";

/** The cart as `GET /api/cart` answers it. */
type CartBody = CartView;

/** A listing of `available` units at `price`, with an MRP of `mrp`. */
async function listing(available: number, price: number, mrp: number) {
  const f = await stockedListing(available, price);
  await env.DB.prepare("UPDATE listings SET mrp = ? WHERE id = ?").bind(mrp, f.listingId).run();
  return f;
}

const put = (id: string, qty: number, headers: Record<string, string>) =>
  api(`/api/cart/items/${id}`, { method: "PUT", headers, body: { qty } });

describe("a cart's total", () => {
  it("counts only what can be bought now, and says what it leaves out, on the API and the cart page", async () => {
    const ok = await listing(10, 50000, 60000);
    const gone = await listing(5, 20000, 25000);
    const short = await listing(10, 30000, 40000);
    const user = await createTestUser();
    for (const [f, qty] of [
      [ok, 2],
      [gone, 1],
      [short, 5],
    ] as const) {
      expect((await put(f.listingId, qty, user.headers)).status).toBe(200);
    }
    // After they were added, one sells out and the other drops to two units.
    await env.DB.prepare("UPDATE inventory SET available = 0 WHERE sku_id = ?").bind(gone.listingId).run();
    await env.DB.prepare("UPDATE inventory SET available = 2 WHERE sku_id = ?").bind(short.listingId).run();

    const cart = (await (await api("/api/cart", { headers: user.headers })).json()) as CartBody;
    // Two at ₹500 and the two of five left at ₹300: ₹1,600, what placing the order would cost.
    expect(cart.totals).toMatchObject({ subtotal: 160000, total: 160000, mrp: 200000, savings: 40000, items: 4 });
    expect(cart.totals.not_included).toEqual({ items: 4, sold_out: 1, unavailable: 0, qty_exceeds_stock: 3, qty_exceeds_limit: 0 });
    expect(cart.items.map((i) => [i.listing_id, i.qty, i.counted_qty, i.line_total])).toEqual([
      [ok.listingId, 2, 2, 100000],
      [gone.listingId, 1, 0, 20000],
      [short.listingId, 5, 2, 150000],
    ]);

    const { cookie } = await browserSession(user);
    const page = await (await api("/cart", { headers: { cookie } })).text();
    expect(/data-cart-total[^>]*>([^<]+)</.exec(page)?.[1]).toBe("₹1,600");
    expect(page).toContain("Not included: 1 item is sold out and 3 are more than can be bought now.");
    expect(page).toContain("You save ₹400");
    // Checkout still refuses the cart as it is.
    expect(page).not.toContain("Proceed to checkout");
  });

  it("leaves out a line its seller took off sale, and says so at checkout too", async () => {
    const ok = await listing(10, 50000, 50000);
    const off = await listing(10, 20000, 20000);
    const user = await createTestUser();
    await put(ok.listingId, 1, user.headers);
    await put(off.listingId, 2, user.headers);
    await env.DB.prepare("UPDATE listings SET active = 0 WHERE id = ?").bind(off.listingId).run();

    const cart = (await (await api("/api/cart", { headers: user.headers })).json()) as CartBody;
    expect(cart.totals).toMatchObject({ total: 50000, items: 1 });
    expect(cart.totals.not_included).toMatchObject({ items: 2, unavailable: 2 });

    const { cookie } = await browserSession(user);
    for (const path of ["/cart", "/checkout"]) {
      const html = await (await api(path, { headers: { cookie } })).text();
      expect(html, path).toContain("Not included: 2 items are no longer on sale.");
    }
  });

  it("says nothing is left out when every unit can be bought", async () => {
    const ok = await listing(10, 50000, 50000);
    const user = await createTestUser();
    await put(ok.listingId, 3, user.headers);
    const cart = (await (await api("/api/cart", { headers: user.headers })).json()) as CartBody;
    expect(cart.totals).toMatchObject({ total: 150000, items: 3 });
    expect(cart.totals.not_included.items).toBe(0);
    const { cookie } = await browserSession(user);
    expect(await (await api("/cart", { headers: { cookie } })).text()).not.toContain("Not included");
  });
});
