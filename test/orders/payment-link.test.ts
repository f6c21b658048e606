import { describe, expect, it } from "vitest";
import { api } from "../helpers/http";
import { checkout, shopperWithCart, stockedListing } from "../checkout/support";

describe("an unpaid order's payment link", () => {
  it("is the same full URL on the order as checkout gave, so a client resumes the payment either way", async () => {
    const f = await stockedListing();
    const user = await shopperWithCart([[f.listingId, 1]]);
    const placed = (await (await checkout(user, crypto.randomUUID())).json()) as {
      order_id: string;
      payment: { redirect_url: string };
    };
    expect(placed.payment.redirect_url).toMatch(/^https?:\/\/[^/]+\/psp-sandbox\/pay\/psp_/);
    const order = (await (await api(`/api/orders/${placed.order_id}`, { headers: user.headers })).json()) as {
      payment: { redirect_url: string | null };
    };
    expect(order.payment.redirect_url).toBe(placed.payment.redirect_url);
  });
});
