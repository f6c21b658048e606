import type { Context, Hono } from "hono";
import type { AppEnv } from "../platform/context";
import type { ApiFetch } from "./api";
import { personalPage } from "./cache";
import { day, money } from "./format";
import { Layout } from "./layout";
import { refusedPage } from "./refused-page";
import {
  type CreditNoteView,
  DocumentActions,
  DocumentLines,
  DocumentParties,
  type InvoiceView,
  type OrderDocuments,
  fetchOrderDocuments,
  stateWithCode,
} from "./tax-document";

/** Where an order's invoice is printed from. */
export function invoicePath(orderId: string, invoiceId: string): string {
  return `/orders/${encodeURIComponent(orderId)}/invoices/${encodeURIComponent(invoiceId)}`;
}

/** Where an order's credit note is printed from. */
export function creditNotePath(orderId: string, creditNoteId: string): string {
  return `/orders/${encodeURIComponent(orderId)}/credit-notes/${encodeURIComponent(creditNoteId)}`;
}

/** What an order that has not shipped has to show. */
export const NO_DOCUMENTS: OrderDocuments = { invoices: [], creditNotes: [] };

/** An order's invoices and credit notes, or none when the API gives none (not shipped yet, or not to be had now). */
export async function orderInvoices(c: Context<AppEnv>, fetchApi: ApiFetch, orderId: string): Promise<OrderDocuments> {
  const res = await fetchOrderDocuments(c, fetchApi, orderId);
  return res.ok ? res.data : NO_DOCUMENTS;
}

/**
 * How a credit note stands to its invoice: `cancelled` when it credits the whole amount, else how much
 * of it (a part return credits only the goods that came back, and the rest of the invoice stands).
 */
export function creditedWords(credited: number, invoiced: number): { whole: boolean; words: string } {
  return credited >= invoiced
    ? { whole: true, words: "cancelled by" }
    : { whole: false, words: `partly credited (${money(credited)} of ${money(invoiced)}) by` };
}

/** A link per seller's invoice of a shipped order, with the credit note cancelling or crediting part of it once refunded; nothing before it ships. */
export function InvoiceLinks(props: { orderId: string; documents: OrderDocuments }) {
  const { invoices, creditNotes } = props.documents;
  if (invoices.length === 0) return null;
  return (
    <section data-invoice-links>
      <h2>Invoices</h2>
      <ul>
        {invoices.map((i) => {
          const credit = creditNotes.find((n) => n.invoice.id === i.id);
          return (
            <li>
              <a href={invoicePath(props.orderId, i.id)}>Invoice {i.number}</a> <span class="muted">from {i.seller.name}</span>
              {credit && (
                <>
                  {`, ${creditedWords(credit.totals.amount, i.totals.amount).words} `}
                  <a href={creditNotePath(props.orderId, credit.id)} data-credit-note-link>
                    Credit note {credit.number}
                  </a>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** A credit note as the invoice it cancelled or partly credited names it, with the paise it credits. */
export type CreditNoteRef = Pick<CreditNoteView, "id" | "number" | "credit_note_date"> & { amount: number };

/**
 * A tax invoice as it is printed: seller and buyer, the lines with their tax, totals and the amount in
 * words, and the credit notes that cancelled it or credited part of it. Its links lead where its reader reads documents: the
 * shopper's and ops' order pages unless `creditNoteHref` and `back` say otherwise (the seller's console).
 */
export function Invoice(props: {
  invoice: InvoiceView;
  creditNotes: readonly CreditNoteRef[];
  creditNoteHref?: (creditNoteId: string) => string;
  back?: { href: string; label: string };
}) {
  const inv = props.invoice;
  const hrefOf = props.creditNoteHref ?? ((id: string) => creditNotePath(inv.order_id, id));
  return (
    <article class="invoice" data-invoice={inv.number}>
      <h1>Tax invoice</h1>
      {props.creditNotes.map((credit) => {
        // A part return credits some lines: the invoice still stands for the rest, and must not read as void.
        const { whole } = creditedWords(credit.amount, inv.totals.amount);
        const link = (
          <>
            credit note <a href={hrefOf(credit.id)}>{credit.number}</a> dated{" "}
            <time datetime={credit.credit_note_date}>{day(credit.credit_note_date)}</time>
          </>
        );
        return whole ? (
          <p data-cancelled-by>
            <strong>Cancelled by {link}.</strong>
          </p>
        ) : (
          <p data-credited-by>
            <strong>
              Partly credited by {link}: {money(credit.amount)} of {money(inv.totals.amount)}. The rest of this invoice stands.
            </strong>
          </p>
        );
      })}
      <dl class="invoice-facts">
        <div>
          <dt>Invoice number</dt>
          <dd data-invoice-number>{inv.number}</dd>
        </div>
        <div>
          <dt>Invoice date</dt>
          <dd>
            <time datetime={inv.invoice_date}>{day(inv.invoice_date)}</time>
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
      <DocumentParties doc={inv} />
      <DocumentLines doc={inv} />
      <p class="muted">This is a computer-generated invoice and needs no signature.</p>
      <DocumentActions back={props.back ?? { href: `/orders/${encodeURIComponent(inv.order_id)}`, label: "Back to the order" }} />
    </article>
  );
}

/** Registers the printable invoice page, for the order's shopper and for ops (whom the API lets read any order's). */
export function registerInvoicePage(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  app.get("/orders/:id/invoices/:invoiceId", async (c) => {
    if (!c.var.user) return c.redirect(`/signin?next=${encodeURIComponent(new URL(c.req.url).pathname)}`, 303);
    personalPage(c);
    const res = await fetchOrderDocuments(c, fetchApi, c.req.param("id"));
    if (!res.ok) return refusedPage(c, res.problem, { title: "Invoice", personal: true });
    const invoice = res.data.invoices.find((i) => i.id === c.req.param("invoiceId"));
    if (!invoice) return refusedPage(c, { status: 404, detail: "This order has no such invoice." }, { title: "Invoice", personal: true });
    const creditNotes = res.data.creditNotes
      .filter((n) => n.invoice.id === invoice.id)
      .map((n) => ({ id: n.id, number: n.number, credit_note_date: n.credit_note_date, amount: n.totals.amount }));
    return c.html(
      <Layout degraded={c.var.degraded} viewer={c.var.user} csrf={c.var.csrfToken} title={`Invoice ${invoice.number}`}>
        <Invoice invoice={invoice} creditNotes={creditNotes} />
      </Layout>,
    );
  });
}
