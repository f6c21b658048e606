import type { Hono } from "hono";
import type { AppEnv } from "../../platform/context";
import { type ApiFetch, callApi } from "../api";
import { CreditNote } from "../credit-note";
import { Invoice } from "../invoice";
import { Layout } from "../layout";
import { refusedPage } from "../refused-page";
import type { CreditNoteView, SellerInvoiceView } from "../tax-document";
import { consoleGuard } from "./guard";

/** Where a seller prints one of its own invoices from. */
export function sellerInvoicePath(invoiceId: string): string {
  return `/seller/invoices/${encodeURIComponent(invoiceId)}`;
}

/** Where a seller prints one of its own credit notes from. */
export function sellerCreditNotePath(creditNoteId: string): string {
  return `/seller/credit-notes/${encodeURIComponent(creditNoteId)}`;
}

/** The shopper's order page is not the seller's to open, so a seller's documents lead back to the console. */
const BACK = { href: "/seller#orders", label: "Back to your orders" };

/**
 * Registers the seller's printable copies of its own invoices and credit notes, linked from the
 * console's orders and from each other, drawn as the shopper's are.
 */
export function registerSellerInvoicePage(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  app.get("/seller/invoices/:id", async (c) => {
    const denied = consoleGuard(c, "seller");
    if (denied) return denied;
    const res = await callApi<SellerInvoiceView>(c, fetchApi, `/api/seller/invoices/${encodeURIComponent(c.req.param("id"))}`);
    if (!res.ok) return refusedPage(c, res.problem, { title: "Invoice", personal: true });
    const { credit_notes, ...invoice } = res.data;
    return c.html(
      <Layout degraded={c.var.degraded} viewer={c.var.user} csrf={c.var.csrfToken} title={`Invoice ${invoice.number}`}>
        <Invoice invoice={invoice} creditNotes={credit_notes} creditNoteHref={sellerCreditNotePath} back={BACK} />
      </Layout>,
    );
  });

  app.get("/seller/credit-notes/:id", async (c) => {
    const denied = consoleGuard(c, "seller");
    if (denied) return denied;
    const res = await callApi<CreditNoteView>(c, fetchApi, `/api/seller/credit-notes/${encodeURIComponent(c.req.param("id"))}`);
    if (!res.ok) return refusedPage(c, res.problem, { title: "Credit note", personal: true });
    return c.html(
      <Layout degraded={c.var.degraded} viewer={c.var.user} csrf={c.var.csrfToken} title={`Credit note ${res.data.number}`}>
        <CreditNote note={res.data} invoiceHref={sellerInvoicePath(res.data.invoice.id)} back={BACK} />
      </Layout>,
    );
  });
}
