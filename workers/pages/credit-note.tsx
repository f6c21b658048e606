import type { Hono } from "hono";
import { CREDIT_NOTE_REASON_WORDS } from "../invoices/issue-credit-notes";
import type { AppEnv } from "../platform/context";
import type { ApiFetch } from "./api";
import { personalPage } from "./cache";
import { invoicePath } from "./invoice";
import { day } from "./format";
import { Layout } from "./layout";
import { refusedPage } from "./refused-page";
import { type CreditNoteView, DocumentActions, DocumentLines, DocumentParties, fetchOrderDocuments, stateWithCode } from "./tax-document";

/**
 * A credit note as it is printed: the invoice it cancels with its date, why, then the invoice's
 * parties, lines, tax and totals, all credited. Its links lead to the order's pages unless
 * `invoiceHref` and `back` say otherwise (the seller's console).
 */
export function CreditNote(props: { note: CreditNoteView; invoiceHref?: string; back?: { href: string; label: string } }) {
  const n = props.note;
  return (
    <article class="invoice" data-credit-note={n.number}>
      <h1>Credit note</h1>
      <dl class="invoice-facts">
        <div>
          <dt>Credit note number</dt>
          <dd data-credit-note-number>{n.number}</dd>
        </div>
        <div>
          <dt>Credit note date</dt>
          <dd>
            <time datetime={n.credit_note_date}>{day(n.credit_note_date)}</time>
          </dd>
        </div>
        <div>
          <dt>Against invoice</dt>
          <dd data-original-invoice>
            <a href={props.invoiceHref ?? invoicePath(n.order_id, n.invoice.id)}>{n.invoice.number}</a> dated{" "}
            <time datetime={n.invoice.invoice_date}>{day(n.invoice.invoice_date)}</time>
          </dd>
        </div>
        <div>
          <dt>Order</dt>
          <dd>{n.order_id}</dd>
        </div>
        <div>
          <dt>Place of supply</dt>
          <dd>{stateWithCode(n.place_of_supply.state, n.place_of_supply.state_code)}</dd>
        </div>
      </dl>
      <p data-credit-note-reason>
        Reason: <strong>{CREDIT_NOTE_REASON_WORDS[n.reason]}</strong>.{" "}
        {n.reason === "part_return_accepted"
          ? `This credit note cancels the goods of invoice ${n.invoice.number} that came back, listed below.`
          : `This credit note cancels invoice ${n.invoice.number} in full.`}
      </p>
      <DocumentParties doc={n} />
      <DocumentLines doc={n} />
      <p class="muted">This is a computer-generated credit note and needs no signature.</p>
      <DocumentActions back={props.back ?? { href: `/orders/${encodeURIComponent(n.order_id)}`, label: "Back to the order" }} />
    </article>
  );
}

/** Registers the printable credit note page, for the order's shopper and for ops, as the invoice page is. */
export function registerCreditNotePage(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  app.get("/orders/:id/credit-notes/:creditNoteId", async (c) => {
    if (!c.var.user) return c.redirect(`/signin?next=${encodeURIComponent(new URL(c.req.url).pathname)}`, 303);
    personalPage(c);
    const res = await fetchOrderDocuments(c, fetchApi, c.req.param("id"));
    if (!res.ok) return refusedPage(c, res.problem, { title: "Credit note", personal: true });
    const note = res.data.creditNotes.find((n) => n.id === c.req.param("creditNoteId"));
    if (!note) {
      return refusedPage(c, { status: 404, detail: "This order has no such credit note." }, { title: "Credit note", personal: true });
    }
    return c.html(
      <Layout degraded={c.var.degraded} viewer={c.var.user} csrf={c.var.csrfToken} title={`Credit note ${note.number}`}>
        <CreditNote note={note} />
      </Layout>,
    );
  });
}
