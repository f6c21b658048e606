import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { mergeGuestCart, readCart } from "../../workers/cart/cart-service";
import { createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { stockedListing } from "../checkout/support";
import { Browser, freshEmail } from "./browser";

interface CartBody {
  items: Array<{ listing_id: string; qty: number }>;
  saved: Array<{ listing_id: string; qty: number }>;
}

/** A cart's lines and saved items as listing → qty maps, whatever their order. */
async function shape(res: Response) {
  const cart = (await res.json()) as CartBody;
  return {
    lines: new Map(cart.items.map((i) => [i.listing_id, i.qty])),
    saved: new Map(cart.saved.map((s) => [s.listing_id, s.qty])),
  };
}

describe("saved for later at sign-in", () => {
  it("brings a guest's saved items into the account once, keeping the account's own entry for one saved in both", async () => {
    const [a, b, c] = await Promise.all([stockedListing(), stockedListing(), stockedListing()]);
    const user = await createTestUser([], { email: freshEmail() });
    await api(`/api/cart/items/${c.listingId}`, { method: "PUT", headers: user.headers, body: { qty: 3 } });
    await api(`/api/cart/items/${c.listingId}/save-for-later`, { method: "POST", headers: user.headers });

    const browser = new Browser();
    await browser.fetch(`/api/cart/items/${a.listingId}`, { method: "PUT", body: { qty: 2 } });
    for (const f of [b, c]) {
      await browser.fetch(`/api/cart/items/${f.listingId}`, { method: "PUT", body: { qty: 1 } });
      expect((await browser.fetch(`/api/cart/items/${f.listingId}/save-for-later`, { method: "POST" })).status).toBe(200);
    }

    const signIn = () => browser.fetch("/api/auth/login", { body: { email: user.email, password: "test-password-1" } });
    expect((await signIn()).status).toBe(200);
    const expected = {
      lines: new Map([[a.listingId, 2]]),
      saved: new Map([
        [b.listingId, 1],
        [c.listingId, 3],
      ]),
    };
    expect(await shape(await api("/api/cart", { headers: user.headers }))).toEqual(expected);
    // The guest cart kept nothing it handed over, so signing out and in again adds nothing twice.
    expect((await browser.fetch("/api/auth/logout", { method: "POST", headers: browser.csrf })).status).toBe(204);
    expect(await shape(await browser.fetch("/api/cart"))).toEqual({ lines: new Map(), saved: new Map() });
    expect((await signIn()).status).toBe(200);
    expect(await shape(await api("/api/cart", { headers: user.headers }))).toEqual(expected);
  });

  it("a merge retried after a crash adds no saved item twice, nor brings back one removed since", async () => {
    const [a, b] = await Promise.all([stockedListing(), stockedListing()]);
    const guestId = crypto.randomUUID();
    const guest = env.CART.getByName(`guest:${guestId}`);
    for (const f of [a, b]) {
      await guest.setQty(f.listingId, 2, 129900);
      expect(await guest.saveForLater(f.listingId)).toBe("saved");
    }
    const userId = crypto.randomUUID();
    const account = env.CART.getByName(`user:${userId}`);
    // The first merge reached the account but died before the guest cart let go of anything.
    const saved = await guest.saved();
    await account.absorb(`guest:${guestId}`, [], saved);
    await account.removeSaved([a.listingId]);

    await mergeGuestCart(env, guestId, userId);
    await mergeGuestCart(env, guestId, userId);
    expect((await account.saved()).map((s) => [s.listingId, s.qty])).toEqual([[b.listingId, 2]]);
    expect(await guest.saved()).toEqual([]);
    expect((await readCart(env, `user:${userId}`)).saved.map((s) => s.listing_id)).toEqual([b.listingId]);
  });

  it("never leaves a listing both in the cart and saved: a line in either cart stays a line", async () => {
    const [inAccountCart, inGuestCart] = await Promise.all([stockedListing(), stockedListing()]);
    const guestId = crypto.randomUUID();
    const userId = crypto.randomUUID();
    const guest = env.CART.getByName(`guest:${guestId}`);
    const account = env.CART.getByName(`user:${userId}`);
    await account.setQty(inAccountCart.listingId, 1, 129900);
    await account.setQty(inGuestCart.listingId, 1, 129900);
    await account.saveForLater(inGuestCart.listingId);
    await guest.setQty(inAccountCart.listingId, 1, 129900);
    await guest.saveForLater(inAccountCart.listingId);
    await guest.setQty(inGuestCart.listingId, 2, 129900);

    await mergeGuestCart(env, guestId, userId);
    const cart = await readCart(env, `user:${userId}`);
    expect(new Map(cart.items.map((i) => [i.listing_id, i.qty]))).toEqual(
      new Map([
        [inAccountCart.listingId, 1],
        [inGuestCart.listingId, 2],
      ]),
    );
    expect(cart.saved).toEqual([]);
    expect(await guest.contents()).toEqual({ lines: [], saved: [] });
  });
});
