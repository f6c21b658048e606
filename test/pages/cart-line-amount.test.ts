import { describe, expect, it } from "vitest";
import { stockedListing } from "../checkout/support";
import { createTestUser } from "../helpers/accounts";
import { browserSession } from "../helpers/forms";
import { api, readerText } from "../helpers/http";

// Checkout and the order show "₹449 each, ₹1,347" for a line of several; the cart showed the unit
// price alone, so three lines of several units seemed not to add up to its total.
describe("a cart line of several units", () => {
  it("says what it adds to the total beside the unit price, and a line of one only its price", async () => {
    const three = await stockedListing(10, 449_00);
    const one = await stockedListing(10, 1_250_00);
    const user = await createTestUser();
    for (const [id, qty] of [
      [three.listingId, 3],
      [one.listingId, 1],
    ] as const) {
      expect((await api(`/api/cart/items/${id}`, { method: "PUT", headers: user.headers, body: { qty } })).status).toBe(200);
    }
    const { cookie } = await browserSession(user);
    const text = readerText(await (await api("/cart", { headers: { cookie } })).text());
    expect(text).toContain("₹449 each · ₹1,347 for 3");
    expect(text).toContain("₹1,250 each");
    expect(text).not.toContain("₹1,250 each ·");
    expect(text).toContain("Total ₹2,597");
  });

  it("counts only the units that can be bought, as the total does", async () => {
    const few = await stockedListing(2, 300_00);
    const user = await createTestUser();
    expect((await api(`/api/cart/items/${few.listingId}`, { method: "PUT", headers: user.headers, body: { qty: 5 } })).status).toBe(200);
    const { cookie } = await browserSession(user);
    const text = readerText(await (await api("/cart", { headers: { cookie } })).text());
    expect(text).toContain("₹300 each · ₹600 for 2");
    expect(text).toContain("Total ₹600");
  });
});
