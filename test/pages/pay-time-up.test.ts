import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { PAYMENT_WINDOW_MS } from "../../workers/checkout/payment-window";
import { clockTime } from "../../workers/pages/format";
import { pay, placeWithoutSaga, shopperWithCart, stockedListing } from "../checkout/support";
import { browserSession } from "../helpers/forms";
import { api, readerText as text, servedAt } from "../helpers/http";

const MINUTE = 60_000;

/**
 * An order placed and not paid for, whose saga has not yet noticed its window closing, with the
 * shopper's browser session and the time the order page gave to pay by.
 */
async function unpaidOrder() {
  const f = await stockedListing(3, 41399_00);
  const user = await shopperWithCart([[f.listingId, 1]]);
  const placed = await placeWithoutSaga(user);
  const row = await env.DB.prepare("SELECT created_at AS at FROM orders WHERE id = ?").bind(placed.order_id).first<{ at: string }>();
  const checkedOutAt = Date.parse(row!.at);
  const session = await browserSession(user);
  const payPage = new URL(placed.payment.redirect_url!).pathname;
  const payBy = `${clockTime(new Date(checkedOutAt + PAYMENT_WINDOW_MS).toISOString())} IST`;
  return { orderId: placed.order_id, checkedOutAt, cookie: session.cookie, payPage, payBy, redirectUrl: placed.payment.redirect_url! };
}

/** Moves the clock the storefront and the payment page read to `ms` after checkout. */
function clockAt(checkedOutAt: number, ms: number): void {
  vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
  vi.setSystemTime(checkedOutAt + ms);
}

async function page(path: string, cookie: string): Promise<string> {
  const res = await api(path, { headers: { cookie } });
  expect(res.status).toBe(200);
  return res.text();
}

function listRow(html: string, orderId: string): string {
  const start = html.indexOf(`data-order-id="${orderId}"`);
  expect(start).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf("</li>", start));
}

async function providerStatus(payPage: string): Promise<string | undefined> {
  const ref = payPage.split("/").at(-1);
  const row = await env.DB.prepare("SELECT status FROM psp_payments WHERE ref = ?").bind(ref).first<{ status: string }>();
  return row?.status;
}

afterEach(() => {
  vi.useRealTimers();
});

describe("an order past its time to pay, before checkout has failed it", () => {
  it("is no longer offered for payment on its page, in the order list or at checkout, which say the time ran out", async () => {
    const o = await unpaidOrder();
    clockAt(o.checkedOutAt, PAYMENT_WINDOW_MS + MINUTE);

    const orderPage = await page(`/orders/${o.orderId}`, o.cookie);
    expect(text(orderPage)).toContain(
      `The time to pay ran out at ${o.payBy}, so this order was not placed. Nothing was charged, and its items went back on sale.`,
    );
    expect(text(orderPage)).toContain("Time to pay ran out");
    expect(orderPage).not.toContain(o.payPage);
    expect(text(orderPage)).not.toContain("Complete payment");
    expect(text(orderPage)).not.toContain("Awaiting payment");

    const row = listRow(await page("/orders", o.cookie), o.orderId);
    expect(text(row)).toContain(`The time to pay ran out at ${o.payBy}: nothing was charged, and its items went back on sale.`);
    expect(row).not.toContain("data-complete-payment");
    expect(text(row)).not.toContain("Pay by");

    const checkout = await page("/checkout", o.cookie);
    expect(checkout).toContain(`data-unpaid-order="${o.orderId}"`);
    expect(text(checkout)).toContain(`whose time to pay ran out at ${o.payBy}. Nothing was charged, and its items went back on sale.`);
    expect(checkout).not.toContain(o.payPage);
  });

  it("offers the payment until then, on the order page and on the payment page", async () => {
    const o = await unpaidOrder();
    clockAt(o.checkedOutAt, PAYMENT_WINDOW_MS - MINUTE);
    const served = await api(`/orders/${o.orderId}`, { headers: { cookie: o.cookie } });
    const orderPage = await served.text();
    expect(orderPage).toContain(o.payPage);
    expect(text(orderPage)).toContain(`Pay by ${o.payBy}`);
    // The page keeps time by the storefront's clock, stamped on it as served, whatever the
    // shopper's says: a minute is left.
    const deadline = orderPage.match(/data-pay-deadline="([^"]+)"/)?.[1] ?? "";
    expect(deadline).toBe(new Date(o.checkedOutAt + PAYMENT_WINDOW_MS).toISOString());
    const left = Date.parse(deadline) - servedAt(served);
    expect(left).toBeGreaterThan(MINUTE - 10_000);
    expect(left).toBeLessThanOrEqual(MINUTE);
    const payment = await page(o.payPage, o.cookie);
    expect(payment).toContain('value="pay"');
  });

  it("is refused by the payment page, which says the time ran out and charges nothing", async () => {
    const o = await unpaidOrder();
    // The payment page drawn in time, its Pay pressed after the window closed.
    expect(await page(o.payPage, o.cookie)).toContain('value="pay"');
    clockAt(o.checkedOutAt, PAYMENT_WINDOW_MS + MINUTE);

    const shown = await page(o.payPage, o.cookie);
    expect(shown).not.toContain('value="pay"');
    expect(text(shown)).toContain(`The time to pay for this order ran out at ${o.payBy}. Nothing was charged.`);

    const res = await pay(o.redirectUrl);
    expect(res.status).toBe(409);
    expect(text(await res.text())).toContain(`The time to pay for this order ran out at ${o.payBy}. Nothing was charged.`);
    expect(await providerStatus(o.payPage)).toBe("requires_action");
    const ours = await env.DB.prepare("SELECT status FROM payments WHERE order_id = ?").bind(o.orderId).first<{ status: string }>();
    expect(ours?.status).toBe("pending");
  });
});
