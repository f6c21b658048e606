import type { z } from "@hono/zod-openapi";
import type { Context, Hono } from "hono";
import type { InvoiceSchema } from "../invoices/schemas";
import type { AppEnv } from "../platform/context";
import { type ApiFetch, callApi } from "./api";
import { personalPage } from "./cache";
import { ColumnHeads } from "./components";
import { Layout } from "./layout";
import { OrderAddress } from "./order-address";
import { refusedPage } from "./refused-page";

/** An invoice as GET /api/orders/{id}/invoices answers it. */
export type InvoiceView = z.infer<typeof InvoiceSchema>;

// An invoice shows every amount to the paisa, as an accountant reads it, not the shop's rounded rupees.
const rupees = new Intl.NumberFormat("en-IN", { style: "currency", currency: "INR", minimumFractionDigits: 2, maximumFractionDigits: 2 });
const inr = (paise: number) => rupees.format(paise / 100);

/** Where an order's invoice is printed from. */
export function invoicePath(orderId: string, invoiceId: string): string {
  return `/orders/${encodeURIComponent(orderId)}/invoices/${encodeURIComponent(invoiceId)}`;
}

/** An order's invoices, or none when the API gives none (not shipped yet, or not to be had now). */
export async function orderInvoices(c: Context<AppEnv>, fetchApi: ApiFetch, orderId: string): Promise<InvoiceView[]> {
  const res = await callApi<{ items: InvoiceView[] }>(c, fetchApi, `/api/orders/${encodeURIComponent(orderId)}/invoices`);
  return res.ok ? res.data.items : [];
}

/** A link per seller's invoice of a shipped order; nothing before it ships. */
export function InvoiceLinks(props: { orderId: string; invoices: InvoiceView[] }) {
  if (props.invoices.length === 0) return null;
  return (
    <section data-invoice-links>
      <h2>Invoices</h2>
      <ul>
        {props.invoices.map((i) => (
          <li>
            <a href={invoicePath(props.orderId, i.id)}>Invoice {i.number}</a> <span class="muted">from {i.seller.name}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

const stateWithCode = (state: string | null, code: string | null) => (state ? `${state}${code ? ` (${code})` : ""}` : (code ?? "—"));

/** A tax invoice as it is printed: seller and buyer, the lines with their tax, totals and the amount in words. */
function Invoice(props: { invoice: InvoiceView }) {
  const inv = props.invoice;
  const intra = inv.supply === "intra_state";
  const taxHeads = intra ? ["CGST", "SGST"] : ["IGST"];
  const taxCells = (l: { rate: number; cgst: number; sgst: number; igst: number }, rates: boolean) => {
    const rate = (r: number) => (rates ? <span class="muted"> @{r}%</span> : null);
    return intra
      ? [
          <td class="amount">
            {inr(l.cgst)}
            {rate(l.rate / 2)}
          </td>,
          <td class="amount">
            {inr(l.sgst)}
            {rate(l.rate / 2)}
          </td>,
        ]
      : [
          <td class="amount">
            {inr(l.igst)}
            {rate(l.rate)}
          </td>,
        ];
  };
  return (
    <article class="invoice" data-invoice={inv.number}>
      <h1>Tax invoice</h1>
      <dl class="invoice-facts">
        <div>
          <dt>Invoice number</dt>
          <dd data-invoice-number>{inv.number}</dd>
        </div>
        <div>
          <dt>Invoice date</dt>
          <dd>
            <time datetime={inv.invoice_date}>{inv.invoice_date}</time>
          </dd>
        </div>
        <div>
          <dt>Order</dt>
          <dd>{inv.order_id}</dd>
        </div>
        <div>
          <dt>Place of supply</dt>
          <dd data-place-of-supply>{stateWithCode(inv.place_of_supply.state, inv.place_of_supply.state_code)}</dd>
        </div>
      </dl>
      <div class="invoice-parties">
        <section data-invoice-seller>
          <h2>Sold by</h2>
          <p>
            <strong>{inv.seller.name}</strong>
            <br />
            GSTIN: <span data-gstin>{inv.seller.gstin}</span>
            <br />
            Registered in {stateWithCode(inv.seller.state, inv.seller.state_code)}
          </p>
        </section>
        <section data-invoice-buyer>
          <h2>Billed and shipped to</h2>
          <OrderAddress address={inv.buyer.address} />
        </section>
      </div>
      <table class="data invoice-lines" data-invoice-lines>
        <ColumnHeads columns={["Item", "Qty", "Unit price incl. GST", "GST rate", "Taxable value", ...taxHeads, "Amount"]} />
        <tbody>
          {inv.lines.map((l) => (
            <tr>
              <td>{l.title}</td>
              <td>{l.qty}</td>
              <td class="amount">{inr(l.unit_price)}</td>
              <td>{l.rate}%</td>
              <td class="amount">{inr(l.taxable_value)}</td>
              {taxCells(l, true)}
              <td class="amount">{inr(l.amount)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-invoice-totals>
            <th scope="row" colspan={4}>
              Total
            </th>
            <td class="amount">{inr(inv.totals.taxable_value)}</td>
            {taxCells({ rate: 0, ...inv.totals }, false)}
            <td class="amount">
              <strong>{inr(inv.totals.amount)}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
      <p data-amount-in-words>
        Amount in words: <strong>{inv.amount_in_words}</strong>
      </p>
      <p>
        Tax included in the amount: {inr(inv.totals.tax)}. Supply {intra ? "within the state" : "between states"}.
      </p>
      <p class="muted">This is a computer-generated invoice and needs no signature.</p>
      <p class="no-print">
        <a href={`/orders/${encodeURIComponent(inv.order_id)}`}>Back to the order</a>
      </p>
    </article>
  );
}

/** Registers the printable invoice page, for the order's shopper and for ops (whom the API lets read any order's). */
export function registerInvoicePage(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  app.get("/orders/:id/invoices/:invoiceId", async (c) => {
    if (!c.var.user) return c.redirect(`/signin?next=${encodeURIComponent(new URL(c.req.url).pathname)}`, 303);
    personalPage(c);
    const orderId = c.req.param("id");
    const res = await callApi<{ items: InvoiceView[] }>(c, fetchApi, `/api/orders/${encodeURIComponent(orderId)}/invoices`);
    if (!res.ok) return refusedPage(c, res.problem, { title: "Invoice", personal: true });
    const invoice = res.data.items.find((i) => i.id === c.req.param("invoiceId"));
    if (!invoice) return refusedPage(c, { status: 404, detail: "This order has no such invoice." }, { title: "Invoice", personal: true });
    return c.html(
      <Layout degraded={c.var.degraded} viewer={c.var.user} csrf={c.var.csrfToken} title={`Invoice ${invoice.number}`}>
        <Invoice invoice={invoice} />
      </Layout>,
    );
  });
}
