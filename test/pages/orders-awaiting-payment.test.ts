import { describe, expect, it } from "vitest";
import { checkout, pay, shopperWithCart, stockedListing, waitForStatus } from "../checkout/support";
import { browserSession } from "../helpers/forms";
import { api, readerText } from "../helpers/http";
import { PAYMENT_WINDOW_MS } from "../../workers/checkout/payment-window";
import { clockTime } from "../../workers/pages/format";

type Placed = { order_id: string; payment: { redirect_url: string } };

describe("my orders, for an order placed and not yet paid", () => {
  it("says it awaits payment and links to completing it, until it is paid", async () => {
    const f = await stockedListing(10, 41399_00);
    const user = await shopperWithCart([[f.listingId, 1]]);
    const placed = (await (await checkout(user, crypto.randomUUID())).json()) as Placed;
    const { cookie } = await browserSession(user);
    // The order's own page and list link to the payment page on this site.
    const payPage = new URL(placed.payment.redirect_url).pathname;

    const listed = (await (await api("/api/orders", { headers: user.headers })).json()) as {
      items: { id: string; payment_url: string | null }[];
    };
    expect(listed.items.find((o) => o.id === placed.order_id)?.payment_url).toBe(payPage);
    const page = await (await api("/orders", { headers: { cookie } })).text();
    const row = page.slice(
      page.indexOf(`data-order-id="${placed.order_id}"`),
      page.indexOf("</li>", page.indexOf(`data-order-id="${placed.order_id}"`)),
    );
    expect(readerText(row)).toContain("Awaiting payment");
    // Until when it can be paid: past the window the order is not placed, so "later" is not an option.
    const placedAt = Date.parse(
      ((await (await api(`/api/orders/${placed.order_id}`, { headers: user.headers })).json()) as { created_at: string }).created_at,
    );
    const payBy = `Pay by ${clockTime(new Date(placedAt + PAYMENT_WINDOW_MS).toISOString())} IST`;
    expect(readerText(row)).toContain(payBy);
    const orderPage = readerText(await (await api(`/orders/${placed.order_id}`, { headers: { cookie } })).text());
    expect(orderPage).toContain(`Payment is not complete yet. ${payBy}: after that the order is not placed, and nothing is charged.`);
    expect(row).toContain(`<a class="button primary" href="${payPage}" data-complete-payment="true">Complete payment</a>`);

    await pay(placed.payment.redirect_url);
    await waitForStatus(placed.order_id, ["confirmed"]);
    const after = await (await api("/orders", { headers: { cookie } })).text();
    const paidRow = after.slice(
      after.indexOf(`data-order-id="${placed.order_id}"`),
      after.indexOf("</li>", after.indexOf(`data-order-id="${placed.order_id}"`)),
    );
    expect(readerText(paidRow)).not.toContain("Awaiting payment");
    expect(paidRow).not.toContain("data-complete-payment");
    expect(readerText(paidRow)).not.toContain("Pay by");
  });
});
