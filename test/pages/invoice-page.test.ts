import { day } from "../../workers/pages/format";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createTestUser } from "../helpers/accounts";
import { ORIGIN, api } from "../helpers/http";
import { documentsOf, invoicesOf, lineOf, move, packedOrder, paidPackedOrder, shopperAndOps, taxedListing } from "../invoices/support";

/** The text of a page without its tags, spacing collapsed, as a reader (or a printer) sees it. */
function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, " ")
    .replaceAll("&amp;", "&")
    .replace(/\s+/g, " ");
}

async function shippedOrderOfTwoSellers() {
  const { shopper, ops } = await shopperAndOps();
  const local = await taxedListing({ stateCode: "29", name: "Bengaluru Threads", title: "Cotton Kurta", rate: [5, 18], hsn: "620520" });
  const remote = await taxedListing({ stateCode: "27", name: "Pune Appliances", title: "Split AC", rate: [28] });
  const orderId = await packedOrder(shopper.id, [lineOf(local, 105_000, 2, "Cotton Kurta"), lineOf(remote, 3_999_999, 1, "Split AC")]);
  return { shopper, ops, local, remote, orderId };
}

describe("invoices on the order pages", () => {
  it("links each seller's invoice from the shopper's order page once it ships, not before", async () => {
    const { shopper, ops, orderId } = await shippedOrderOfTwoSellers();
    const before = await (await api(`/orders/${orderId}`, { headers: shopper.headers })).text();
    expect(before).not.toContain("data-invoice-links");
    expect((await move(orderId, "shipped", ops)).status).toBe(200);
    const invoices = await invoicesOf(orderId, shopper);
    expect(invoices).toHaveLength(2);
    const page = await (await api(`/orders/${orderId}`, { headers: shopper.headers })).text();
    for (const i of invoices) {
      expect(page).toContain(`href="/orders/${orderId}/invoices/${i.id}"`);
      expect(textOf(page)).toContain(`Invoice ${i.number} from ${i.seller.name}`);
    }
    const opsPage = await (await api(`/ops/orders/${orderId}`, { headers: ops.headers })).text();
    for (const i of invoices) expect(opsPage).toContain(`href="/orders/${orderId}/invoices/${i.id}"`);
  });

  it("prints a tax invoice an accountant can read: seller and GSTIN, buyer, lines with their tax, totals and the amount in words", async () => {
    const { shopper, ops, local, remote, orderId } = await shippedOrderOfTwoSellers();
    expect((await move(orderId, "shipped", ops)).status).toBe(200);
    const [threads, appliances] = await invoicesOf(orderId, shopper);

    const res = await api(`/orders/${orderId}/invoices/${threads!.id}`, { headers: shopper.headers });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("private");
    const text = textOf(await res.text());
    expect(text).toContain("Tax invoice");
    expect(text).toContain(`Invoice number ${threads!.number}`);
    expect(text).toMatch(/Invoice date \d{1,2} [A-Z][a-z]{2} \d{4}/);
    expect(text).toContain(`Sold by Bengaluru Threads GSTIN: ${local.gstin} Registered in Karnataka (29)`);
    expect(text).toContain("Billed and shipped to Asha Rao 12 MG Road Bengaluru, Karnataka 560001 Phone 9876543210");
    expect(text).toContain("Place of supply Karnataka (29)");
    // Two ₹1,050 kurtas at 5%: ₹2,000 taxable, ₹50 CGST and ₹50 SGST.
    // Each line names its goods' HSN code, as a GST invoice must; a category without one shows a dash.
    expect(text).toContain("Item HSN Qty Unit price incl. GST GST rate Taxable value CGST SGST Amount");
    expect(text).toContain("Cotton Kurta 620520 2 ₹1,050.00 5% ₹2,000.00 ₹50.00 @2.5% ₹50.00 @2.5% ₹2,100.00");
    expect(text).toContain("Total ₹2,000.00 ₹50.00 ₹50.00 ₹2,100.00");
    expect(text).toContain("Amount in words: Rupees Two Thousand One Hundred only");
    expect(text).toContain("This is a computer-generated invoice");

    const other = textOf(await (await api(`/orders/${orderId}/invoices/${appliances!.id}`, { headers: shopper.headers })).text());
    expect(other).toContain(`GSTIN: ${remote.gstin} Registered in Maharashtra (27)`);
    expect(other).toContain("Taxable value IGST Amount");
    expect(other).toContain("Split AC — 1 ₹39,999.99 28% ₹31,249.99 ₹8,750.00 @28% ₹39,999.99");
    expect(other).toContain("Rupees Thirty-Nine Thousand Nine Hundred Ninety-Nine and Ninety-Nine Paise only");

    // Ops open it from their order page; anyone else finds no such order.
    expect((await api(`/orders/${orderId}/invoices/${threads!.id}`, { headers: ops.headers })).status).toBe(200);
    const stranger = await createTestUser();
    const refused = await api(`/orders/${orderId}/invoices/${threads!.id}`, { headers: stranger.headers });
    expect(refused.status).toBe(404);
    expect(await refused.text()).not.toContain(local.gstin);
    expect((await api(`/orders/${orderId}/invoices/inv_nosuch`, { headers: shopper.headers })).status).toBe(404);
  });

  it("links each invoice's credit note once the order is refunded, from both order pages and the invoice itself", async () => {
    const { shopper, ops } = await shopperAndOps();
    const local = await taxedListing({ stateCode: "29", name: "Bengaluru Threads", title: "Cotton Kurta", rate: [5, 18] });
    const remote = await taxedListing({ stateCode: "27", name: "Pune Appliances", title: "Split AC", rate: [28] });
    const orderId = await paidPackedOrder(shopper.id, [
      lineOf(local, 105_000, 2, "Cotton Kurta"),
      lineOf(remote, 3_999_999, 1, "Split AC"),
    ]);
    for (const to of ["shipped", "delivered"]) expect((await move(orderId, to, ops)).status).toBe(200);
    const before = await (await api(`/orders/${orderId}`, { headers: shopper.headers })).text();
    expect(before).toContain("data-invoice-links");
    expect(before).not.toContain("Credit note");

    expect((await move(orderId, "refunded", ops)).status).toBe(200);
    const { items: invoices, credit_notes: notes } = await documentsOf(orderId, shopper);
    expect(notes).toHaveLength(2);
    const page = await (await api(`/orders/${orderId}`, { headers: shopper.headers })).text();
    const opsPage = await (await api(`/ops/orders/${orderId}`, { headers: ops.headers })).text();
    for (const [k, n] of notes.entries()) {
      const href = `href="/orders/${orderId}/credit-notes/${n.id}"`;
      expect(page).toContain(href);
      expect(opsPage).toContain(href);
      expect(textOf(page)).toContain(
        `Invoice ${invoices[k]!.number} from ${invoices[k]!.seller.name} , cancelled by Credit note ${n.number}`,
      );

      const invoicePage = textOf(await (await api(`/orders/${orderId}/invoices/${invoices[k]!.id}`, { headers: shopper.headers })).text());
      expect(invoicePage).toContain(`Cancelled by credit note ${n.number} dated ${day(n.credit_note_date)}`);
    }
  });

  it("prints a credit note against its invoice: the invoice's number and date, why, the lines with their tax, totals and the amount in words", async () => {
    const { shopper, ops } = await shopperAndOps();
    const local = await taxedListing({ stateCode: "29", name: "Bengaluru Threads", title: "Cotton Kurta", rate: [5, 18], hsn: "620520" });
    const orderId = await paidPackedOrder(shopper.id, [lineOf(local, 105_000, 2, "Cotton Kurta")]);
    for (const to of ["shipped", "delivered"]) expect((await move(orderId, to, ops)).status).toBe(200);
    expect(
      (await api(`/api/orders/${orderId}/return`, { method: "POST", headers: shopper.headers, body: { reason: "size_fit" } })).status,
    ).toBe(200);
    expect((await move(orderId, "refunded", ops)).status).toBe(200);
    const {
      items: [invoice],
      credit_notes: [note],
    } = await documentsOf(orderId, shopper);

    const res = await api(`/orders/${orderId}/credit-notes/${note!.id}`, { headers: shopper.headers });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("private");
    const html = await res.text();
    expect(html).toContain(`<title>Credit note ${note!.number}`);
    expect(html).toContain(`href="/orders/${orderId}/invoices/${invoice!.id}"`);
    const text = textOf(html);
    expect(text).toContain("Credit note Credit note number");
    expect(text).toMatch(new RegExp(`Credit note number CN\\d{2}-\\d{2}/000001 Credit note date ${day(note!.credit_note_date)}`));
    expect(text).toContain(`Against invoice ${invoice!.number} dated ${day(invoice!.invoice_date)}`);
    expect(text).toContain("Reason: Goods returned: the return was accepted and the order refunded in full");
    expect(text).toContain(`Sold by Bengaluru Threads GSTIN: ${local.gstin} Registered in Karnataka (29)`);
    expect(text).toContain("Billed and shipped to Asha Rao 12 MG Road Bengaluru, Karnataka 560001 Phone 9876543210");
    expect(text).toContain("Cotton Kurta 620520 2 ₹1,050.00 5% ₹2,000.00 ₹50.00 @2.5% ₹50.00 @2.5% ₹2,100.00");
    expect(text).toContain("Total ₹2,000.00 ₹50.00 ₹50.00 ₹2,100.00");
    expect(text).toContain("Amount in words: Rupees Two Thousand One Hundred only");
    expect(text).toContain("This is a computer-generated credit note");
    // Printed or saved like its invoice, and the way back stays off the paper.
    expect(html).toMatch(
      /<p class="no-print"><button type="button" data-print="true" hidden="">Print or save as PDF<\/button> <a href="\/orders\//,
    );

    expect((await api(`/orders/${orderId}/credit-notes/${note!.id}`, { headers: ops.headers })).status).toBe(200);
    const stranger = await createTestUser();
    const refused = await api(`/orders/${orderId}/credit-notes/${note!.id}`, { headers: stranger.headers });
    expect(refused.status).toBe(404);
    expect(await refused.text()).not.toContain(note!.number);
    expect((await api(`/orders/${orderId}/credit-notes/cn_nosuch`, { headers: shopper.headers })).status).toBe(404);
    // The invoice's own id is no credit note's.
    expect((await api(`/orders/${orderId}/credit-notes/${invoice!.id}`, { headers: shopper.headers })).status).toBe(404);
    const guest = await exports.default.fetch(new Request(`${ORIGIN}/orders/${orderId}/credit-notes/${note!.id}`, { redirect: "manual" }));
    expect(guest.status).toBe(303);
    expect(guest.headers.get("location")).toBe(`/signin?next=${encodeURIComponent(`/orders/${orderId}/credit-notes/${note!.id}`)}`);
  });

  it("prints without the shop's header, navigation and footer", async () => {
    const appCss = await (await env.ASSETS.fetch("https://shop.test/static/app.css")).text();
    expect(appCss).toContain("@media print");
    const print = appCss.slice(appCss.indexOf("@media print"));
    expect(print).toMatch(/\.site-header,[\s\S]*\.site-nav,[\s\S]*\.site-footer,[\s\S]*\{\s*display: none;/);
  });
});
