import type { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { CreditNoteSchema, InvoiceSchema, SellerInvoiceSchema } from "../invoices/schemas";
import type { AppEnv } from "../platform/context";
import { type ApiFetch, type ApiResult, callApi } from "./api";
import { ColumnHeads, TableScroll } from "./components";
import { OrderAddress } from "./order-address";

/** An invoice as GET /api/orders/{id}/invoices answers it. */
export type InvoiceView = z.infer<typeof InvoiceSchema>;

/** A credit note as GET /api/orders/{id}/invoices answers it. */
export type CreditNoteView = z.infer<typeof CreditNoteSchema>;

/** A seller's copy of its invoice, as GET /api/seller/invoices/{id} answers it: with the credit notes cancelling it. */
export type SellerInvoiceView = z.infer<typeof SellerInvoiceSchema>;

/** An order's tax documents: its invoices and the credit notes cancelling them. */
export interface OrderDocuments {
  invoices: InvoiceView[];
  creditNotes: CreditNoteView[];
}

/** Reads an order's invoices and credit notes from the API, for the pages that link or print them. */
export async function fetchOrderDocuments(c: Context<AppEnv>, fetchApi: ApiFetch, orderId: string): Promise<ApiResult<OrderDocuments>> {
  const res = await callApi<{ items: InvoiceView[]; credit_notes: CreditNoteView[] }>(
    c,
    fetchApi,
    `/api/orders/${encodeURIComponent(orderId)}/invoices`,
  );
  return res.ok ? { ...res, data: { invoices: res.data.items, creditNotes: res.data.credit_notes } } : res;
}

// A tax document shows every amount to the paisa, as an accountant reads it, not the shop's rounded rupees.
const rupees = new Intl.NumberFormat("en-IN", { style: "currency", currency: "INR", minimumFractionDigits: 2, maximumFractionDigits: 2 });
const inr = (paise: number) => rupees.format(paise / 100);

/** A state with its GST code in brackets, as tax documents name it. */
export const stateWithCode = (state: string | null, code: string | null) => (state ? `${state}${code ? ` (${code})` : ""}` : (code ?? "—"));

/** The seller with its GSTIN beside the buyer with the delivery address. */
export function DocumentParties(props: { doc: InvoiceView | CreditNoteView }) {
  const d = props.doc;
  return (
    <div class="invoice-parties">
      <section data-invoice-seller>
        <h2>Sold by</h2>
        <p>
          <strong>{d.seller.name}</strong>
          <br />
          GSTIN: <span data-gstin>{d.seller.gstin}</span>
          <br />
          Registered in {stateWithCode(d.seller.state, d.seller.state_code)}
        </p>
      </section>
      <section data-invoice-buyer>
        <h2>Billed and shipped to</h2>
        <OrderAddress address={d.buyer.address} />
      </section>
    </div>
  );
}

/**
 * Print and the way back, under a tax document and left off its paper. The button is shown by
 * app.js: printing needs a script, and the browser's own Print works without one.
 */
export function DocumentActions(props: { back: { href: string; label: string } }) {
  return (
    <p class="no-print">
      <button type="button" data-print hidden>
        Print or save as PDF
      </button>{" "}
      <a href={props.back.href}>{props.back.label}</a>
    </p>
  );
}

/** The lines with their tax (CGST + SGST within a state, IGST between states), the totals and the amount in words. */
export function DocumentLines(props: { doc: InvoiceView | CreditNoteView }) {
  const d = props.doc;
  const intra = d.supply === "intra_state";
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
    <>
      <p class="muted scroll-hint no-print" data-scroll-hint>
        Swipe the table sideways for the tax and the amounts.
      </p>
      <TableScroll label="Lines">
        <table class="data invoice-lines" data-invoice-lines>
          <ColumnHeads columns={["Item", "HSN", "Qty", "Unit price incl. GST", "GST rate", "Taxable value", ...taxHeads, "Amount"]} />
          <tbody>
            {d.lines.map((l) => (
              <tr>
                <td>{l.title}</td>
                <td data-hsn>{l.hsn ?? "—"}</td>
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
              <th scope="row" colspan={5}>
                Total
              </th>
              <td class="amount">{inr(d.totals.taxable_value)}</td>
              {taxCells({ rate: 0, ...d.totals }, false)}
              <td class="amount">
                <strong>{inr(d.totals.amount)}</strong>
              </td>
            </tr>
          </tfoot>
        </table>
      </TableScroll>
      <p data-amount-in-words>
        Amount in words: <strong>{d.amount_in_words}</strong>
      </p>
      <p>
        Tax included in the amount: {inr(d.totals.tax)}. Supply {intra ? "within the state" : "between states"}.
      </p>
    </>
  );
}
