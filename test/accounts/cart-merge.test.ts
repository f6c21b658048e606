import { describe, expect, it } from "vitest";
import { createListingFixture } from "../helpers/catalog";
import { Browser, freshEmail } from "./browser";

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
});
