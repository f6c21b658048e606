import { html } from "hono/html";
import { CSRF_FIELD } from "../../platform/csrf";
import { payBy } from "../../pages/pay-window";
import type { ProviderPayment } from "../provider";
import { hostedTimeUp } from "./provider";

const METHOD_FIELDS = {
  upi: html`<label>UPI ID <input name="vpa" value="shopper@okbank" autocomplete="off" /></label>`,
  card: html`<label>Card number <input name="card_number" inputmode="numeric" value="4111111111111111" autocomplete="off" /></label>
    <p class="hint">4000 0000 0000 0002 is always declined.</p>`,
  netbanking: html`<label>Bank <select name="bank"><option>State Bank</option><option>HDFC Bank</option><option>ICICI Bank</option></select></label>`,
  cod: html`<p>Pay in cash when the order is delivered.</p>`,
} as const;

function formatRupees(paise: number): string {
  return `₹${(paise / 100).toLocaleString("en-IN", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/**
 * The sandbox's hosted payment page: the shopper approves or fails the payment, then is sent back.
 * It is served from the storefront's own origin, so a signed-in shopper's form post carries the
 * session cookie and must echo the CSRF token like any other form here, and its styles come from
 * a stylesheet: the store's content security policy refuses inline ones.
 */
export function renderHostedPage(payment: ProviderPayment, csrfToken: string | null, now = Date.now()) {
  const fields = METHOD_FIELDS[payment.method];
  const timeUp = hostedTimeUp(payment, now);
  const waiting = payment.status === "requires_action" && !timeUp;
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Sandbox payment · ${formatRupees(payment.amount)}</title>
    <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
    <link rel="stylesheet" href="/static/psp-sandbox.css" />
  </head>
  <body>
    <main>
    <p class="banner">Sandbox payment provider: no real money moves.</p>
    <h1>Pay ${formatRupees(payment.amount)}</h1>
    <p>Order reference <code>${payment.merchantRef}</code> · ${payment.method.toUpperCase()}</p>
    ${
      waiting
        ? html`<form method="post">
            ${csrfToken ? html`<input type="hidden" name="${CSRF_FIELD}" value="${csrfToken}" />` : ""} ${fields}
            <button name="decision" value="pay" type="submit">Pay</button>
            <button name="decision" value="fail" type="submit">Fail payment</button>
          </form>`
        : timeUp
          ? html`<p data-time-up>The time to pay for this order ran out at ${payBy(payment.createdAt)}. Nothing was charged.</p>
            <p><a href="${payment.returnUrl}">Back to the order</a></p>`
          : html`<p>This payment is already <strong>${payment.status}</strong>.</p>`
    }
    </main>
  </body>
</html>`;
}
