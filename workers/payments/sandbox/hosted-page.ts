import { html } from "hono/html";
import { CSRF_FIELD } from "../../platform/csrf";
import type { ProviderPayment } from "../provider";

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
 * session cookie and must echo the CSRF token like any other form here.
 */
export function renderHostedPage(payment: ProviderPayment, csrfToken: string | null) {
  const fields = METHOD_FIELDS[payment.method];
  const waiting = payment.status === "requires_action";
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Sandbox payment · ${formatRupees(payment.amount)}</title>
    <style>
      body { font: 16px/1.5 system-ui, sans-serif; max-width: 28rem; margin: 2rem auto; padding: 0 1rem; }
      .banner { background: #fff4d6; padding: .5rem .75rem; border-radius: .5rem; font-size: .875rem; }
      label { display: block; margin: 1rem 0; } input, select { display: block; width: 100%; padding: .5rem; font: inherit; }
      button { padding: .6rem 1.2rem; font: inherit; margin-right: .5rem; } .hint { color: #555; font-size: .875rem; }
    </style>
  </head>
  <body>
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
        : html`<p>This payment is already <strong>${payment.status}</strong>.</p>`
    }
  </body>
</html>`;
}
