import type { Hono } from "hono";
import type { AppEnv } from "../../platform/context";
import { type ApiFetch, callApi } from "../api";
import { Invoice } from "../invoice";
import { Layout } from "../layout";
import { refusedPage } from "../refused-page";
import type { InvoiceView } from "../tax-document";
import { consoleGuard } from "./guard";

/** Where a seller prints one of its own invoices from. */
export function sellerInvoicePath(invoiceId: string): string {
  return `/seller/invoices/${encodeURIComponent(invoiceId)}`;
}

/**
 * Registers the seller's printable copy of its own invoice, linked from the console's orders. The
 * shopper's order page is not the seller's to open, so the invoice leads back to the console.
 */
export function registerSellerInvoicePage(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  app.get("/seller/invoices/:id", async (c) => {
    const denied = consoleGuard(c, "seller");
    if (denied) return denied;
    const res = await callApi<InvoiceView>(c, fetchApi, `/api/seller/invoices/${encodeURIComponent(c.req.param("id"))}`);
    if (!res.ok) return refusedPage(c, res.problem, { title: "Invoice", personal: true });
    return c.html(
      <Layout degraded={c.var.degraded} viewer={c.var.user} csrf={c.var.csrfToken} title={`Invoice ${res.data.number}`}>
        <Invoice invoice={res.data} creditNote={undefined} back={{ href: "/seller#orders", label: "Back to your orders" }} />
      </Layout>,
    );
  });
}
