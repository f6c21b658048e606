import { describe, expect, it } from "vitest";
import { WISHLIST_LIMIT } from "../../workers/wishlist/schemas";
import { createTestUser, type TestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { browserSession, drawnForm, postForm } from "../helpers/forms";
import { stockedListing } from "../checkout/support";
import { fillWishlist, wishlistOf } from "../wishlist/support";

async function cartLines(user: TestUser): Promise<string[]> {
  const cart = (await (await api("/api/cart", { headers: user.headers })).json()) as { items: { listing_id: string }[] };
  return cart.items.map((i) => i.listing_id);
}

async function inCart(user: TestUser, listingId: string): Promise<void> {
  const res = await api(`/api/cart/items/${listingId}`, { method: "PUT", headers: user.headers, body: { qty: 1 } });
  expect(res.status).toBe(200);
}

describe("Move to wishlist in the cart", () => {
  it("moves a line from the cart to the wishlist and says so", async () => {
    const user = await createTestUser();
    const kept = await stockedListing();
    const later = await stockedListing();
    await inCart(user, kept.listingId);
    await inCart(user, later.listingId);
    const { cookie } = await browserSession(user);
    const page = await (await api("/cart", { headers: { cookie } })).text();
    const form = drawnForm(page, `name="product_id" value="${later.productId}"`);
    expect(form.action).toBe("/cart/move-to-wishlist");
    expect(form.fields).toMatchObject({ listing_id: later.listingId, product_id: later.productId });

    const res = await postForm(form.action, form.fields, cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/cart?moved=1");
    expect(await cartLines(user)).toEqual([kept.listingId]);
    expect((await wishlistOf(user)).map((i) => i.product_id)).toEqual([later.productId]);
    const after = await (await api("/cart?moved=1", { headers: { cookie } })).text();
    expect(after).toContain("Moved to your wishlist.");
    expect(after).toContain('href="/wishlist"');
  });

  it("keeps the line in the cart when the wishlist is full, and says why", async () => {
    const user = await createTestUser();
    const f = await stockedListing();
    await inCart(user, f.listingId);
    await fillWishlist(user.id, f.productId, f.categoryId);
    const { cookie, csrf } = await browserSession(user);
    const res = await postForm("/cart/move-to-wishlist", { _csrf: csrf, listing_id: f.listingId, product_id: f.productId }, cookie);
    expect(res.status).toBe(409);
    const body = await res.text();
    expect(body).toContain(`at most ${WISHLIST_LIMIT} products`);
    expect(body).toContain("It is still in your cart.");
    expect(await cartLines(user)).toEqual([f.listingId]);
  });

  it("is not offered to a guest, and refuses a post without the page's CSRF token", async () => {
    const f = await stockedListing();
    const guestCart = await api(`/api/cart/items/${f.listingId}`, { method: "PUT", body: { qty: 1 } });
    const guestCookie = (guestCart.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const guestPage = await (await api("/cart", { headers: { cookie: guestCookie } })).text();
    expect(guestPage).toContain(f.listingId);
    expect(guestPage).not.toContain("Move to wishlist");

    const user = await createTestUser();
    await inCart(user, f.listingId);
    const { cookie } = await browserSession(user);
    const forged = await postForm("/cart/move-to-wishlist", { listing_id: f.listingId, product_id: f.productId }, cookie);
    expect(forged.status).toBe(403);
    expect(await cartLines(user)).toEqual([f.listingId]);
    expect(await wishlistOf(user)).toEqual([]);
  });
});
