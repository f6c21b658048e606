import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { MAX_LINES } from "../../durable-objects/cart";
import { MAX_SAVED } from "../../durable-objects/cart-saved";
import { createTestUser } from "../helpers/accounts";
import { createListingFixture } from "../helpers/catalog";
import { api } from "../helpers/http";
import { Browser, freshEmail } from "./browser";

const ids = (cart: Response) => cart.json().then((c) => (c as { items: Array<{ listing_id: string }> }).items.map((i) => i.listing_id));

describe("guest cart at sign-in", () => {
  it("moves what a guest put in the cart into the account they sign up with", async () => {
    const { listingId } = await createListingFixture();
    const browser = new Browser();
    const put = await browser.fetch(`/api/cart/items/${listingId}`, { method: "PUT", body: { qty: 2 } });
    expect(put.status).toBe(200);
    const res = await browser.fetch("/api/auth/register", {
      body: { email: freshEmail(), password: "correct horse battery", name: "Kiran" },
    });
    expect(res.status).toBe(201);
    const { token } = (await res.json()) as { token: string };
    // Read as the account from another device (bearer, no guest cookie): the lines are there.
    const cart = await new Browser().fetch("/api/cart", { headers: { authorization: `Bearer ${token}` } });
    expect(cart.status).toBe(200);
    expect(JSON.stringify(await cart.json())).toContain(listingId);
  });

  it("keeps the guest lines a full account cart cannot take, says how many, and merges them once there is room", async () => {
    const user = await createTestUser([], { email: freshEmail() });
    const account = env.CART.getByName(`user:${user.id}`);
    for (let i = 0; i < MAX_LINES; i++) expect(await account.setQty(`lst_full_${i}`, 1, 10000)).toBe(true);
    const guestLines = await Promise.all([1, 2, 3].map(() => createListingFixture().then((f) => f.listingId)));
    const browser = new Browser();
    for (const id of guestLines)
      expect((await browser.fetch(`/api/cart/items/${id}`, { method: "PUT", body: { qty: 1 } })).status).toBe(200);

    const signIn = () => browser.fetch("/api/auth/login", { body: { email: user.email, password: "test-password-1" } });
    const first = await signIn();
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ cart_lines_not_merged: 3 });
    expect(await ids(await api("/api/cart", { headers: user.headers }))).toHaveLength(MAX_LINES);
    // Signed out, the shopper finds them in the cart they kept before signing in.
    expect((await browser.fetch("/api/auth/logout", { method: "POST", headers: browser.csrf })).status).toBe(204);
    expect(await ids(await browser.fetch("/api/cart"))).toEqual(guestLines);

    // With room for one, the next sign-in merges one and still keeps the other two.
    await api("/api/cart/items/lst_full_0", { method: "DELETE", headers: user.headers });
    const second = await signIn();
    expect(second.status).toBe(200);
    expect(await second.json()).toMatchObject({ cart_lines_not_merged: 2 });
    expect(await ids(await api("/api/cart", { headers: user.headers }))).toContain(guestLines[0]);
    expect((await browser.fetch("/api/auth/logout", { method: "POST", headers: browser.csrf })).status).toBe(204);
    expect(await ids(await browser.fetch("/api/cart"))).toEqual(guestLines.slice(1));
  });

  it("keeps the guest's saved items a full account list cannot take, says how many, and brings the lines that fit", async () => {
    const user = await createTestUser([], { email: freshEmail() });
    const account = env.CART.getByName(`user:${user.id}`);
    for (let i = 0; i < MAX_SAVED; i++) {
      expect(await account.setQty(`lst_saved_${i}`, 1, 10000)).toBe(true);
      expect(await account.saveForLater(`lst_saved_${i}`)).toBe("saved");
    }
    const [line, ...saved] = await Promise.all([1, 2, 3].map(() => createListingFixture().then((f) => f.listingId)));
    const browser = new Browser();
    for (const id of [line, ...saved])
      expect((await browser.fetch(`/api/cart/items/${id}`, { method: "PUT", body: { qty: 1 } })).status).toBe(200);
    for (const id of saved) expect((await browser.fetch(`/api/cart/items/${id}/save-for-later`, { method: "POST" })).status).toBe(200);

    const res = await browser.fetch("/api/auth/login", { body: { email: user.email, password: "test-password-1" } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.saved_items_not_merged).toBe(2);
    expect(body).not.toHaveProperty("cart_lines_not_merged");
    expect(await ids(await api("/api/cart", { headers: user.headers }))).toEqual([line]);
  });
});
