import { describe, expect, it } from "vitest";
import { shopperWithCart, stockedListing } from "../checkout/support";
import { browserSession, checkoutFields, postForm } from "../helpers/forms";
import { api, readerText } from "../helpers/http";

describe("checkout in a second tab, after the order was placed in the first", () => {
  it("names the order waiting for payment and links to paying it, instead of saying the cart is empty twice", async () => {
    const f = await stockedListing(10, 41399_00);
    const user = await shopperWithCart([[f.listingId, 1]]);
    const { cookie, csrf } = await browserSession(user);
    // Both tabs showed the form; the first places the order and goes on to the payment page.
    const first = await postForm("/checkout", checkoutFields(csrf), cookie);
    expect(first.status).toBe(303);
    const payPage = first.headers.get("location") ?? "";
    expect(payPage).toContain("/psp-sandbox/pay/");
    const orders = (await (await api("/api/orders", { headers: user.headers })).json()) as { items: { id: string }[] };
    const orderId = orders.items[0]?.id ?? "";

    const second = readerText(await (await postForm("/checkout", checkoutFields(csrf), cookie)).text());
    expect(second).toMatch(new RegExp(`Your cart is empty: its items are in order ${orderId} ?, placed`));
    expect(second).toContain("whose payment is not complete yet. Complete payment");
    expect(second.match(/Your cart is empty/g)).toHaveLength(1);
    // Back to checkout from the payment page says the same.
    const back = await (await api("/checkout", { headers: { cookie } })).text();
    expect(back).toContain(`href="${new URL(payPage, "https://x").pathname}">Complete payment</a>`);
  });
});
