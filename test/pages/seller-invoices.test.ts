import { describe, expect, it } from "vitest";
import { createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { lineOf, packedOrder, shopperAndOps, taxedListing } from "../invoices/support";
import { twoSellerRefundedOrder, twoSellerShippedOrder } from "../invoices/two-sellers";
import { opsMove } from "../orders/returns-seed";

/** The seller console's row for one order. */
function orderRow(html: string, orderId: string): string {
  return new RegExp(`<tr data-order-id="${orderId}">[\\s\\S]*?</tr>`).exec(html)?.[0] ?? "";
}

describe("a seller's invoices in the seller console", () => {
  it("links the seller's own invoice from a shipped order's row, never the other seller's of the order", async () => {
    const { orderId, sellerA, invoiceA, invoiceB } = await twoSellerShippedOrder();
    const console_ = await (await api("/seller", { headers: sellerA.headers })).text();
    const row = orderRow(console_, orderId);
    expect(row).toContain(`<a href="/seller/invoices/${invoiceA.id}">Invoice ${invoiceA.number}</a>`);
    expect(console_).not.toContain(invoiceB.id);
  });

  it("says a row's invoice comes with shipping before the order ships", async () => {
    const { shopper } = await shopperAndOps();
    const f = await taxedListing({ stateCode: "29" });
    const orderId = await packedOrder(shopper.id, [lineOf(f, 49_900)]);
    const seller = await createTestUser(["seller"], { sellerId: f.sellerId });
    const row = orderRow(await (await api("/seller", { headers: seller.headers })).text(), orderId);
    expect(row).toContain("Issued when shipped");
    expect(row).not.toContain("/seller/invoices/");
  });

  it("says no invoice is coming for an order cancelled before it shipped", async () => {
    const { shopper, ops } = await shopperAndOps();
    const f = await taxedListing({ stateCode: "29" });
    const orderId = await packedOrder(shopper.id, [lineOf(f, 49_900)]);
    expect((await opsMove(orderId, ops, { to: "cancelled", reason: "customer asked" })).status).toBe(200);
    const seller = await createTestUser(["seller"], { sellerId: f.sellerId });
    const row = orderRow(await (await api("/seller", { headers: seller.headers })).text(), orderId);
    expect(row).toContain("None: it did not ship");
    expect(row).not.toContain("Issued when shipped");
  });

  it("prints the seller's own invoice, with the buyer it names, and leads back to the console", async () => {
    const { orderId, sellerA, invoiceA } = await twoSellerShippedOrder();
    const res = await api(`/seller/invoices/${invoiceA.id}`, { headers: sellerA.headers });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("no-store");
    const html = await res.text();
    expect(html).toContain(`<dd data-invoice-number="true">${invoiceA.number}</dd>`);
    expect(html).toContain("Lotus Textiles");
    expect(html).toContain("Cotton Kurta");
    expect(html).toContain("Asha Rao");
    expect(html).not.toContain("Steam Iron");
    expect(html).toContain('<a href="/seller#orders">Back to your orders</a>');
    // The shopper's order page is not the seller's to open.
    expect(html).not.toContain(`href="/orders/${orderId}"`);
  });

  it("refuses a seller another seller's invoice page of the same order with 404, and anyone but a seller", async () => {
    const { shopper, ops, sellerA, invoiceB } = await twoSellerShippedOrder();
    const theirs = await api(`/seller/invoices/${invoiceB.id}`, { headers: sellerA.headers });
    expect(theirs.status).toBe(404);
    const html = await theirs.text();
    expect(html).not.toContain(invoiceB.number);
    expect(html).not.toContain("Steam Iron");
    expect((await api(`/seller/invoices/${invoiceB.id}`, { headers: shopper.headers })).status).toBe(403);
    expect((await api(`/seller/invoices/${invoiceB.id}`, { headers: ops.headers })).status).toBe(403);
  });
});

describe("a seller's credit notes in the seller console", () => {
  it("lists the seller's own credit note beside its invoice in a refunded order's row, never the other seller's", async () => {
    const { orderId, sellerA, creditNoteA, creditNoteB } = await twoSellerRefundedOrder();
    const console_ = await (await api("/seller", { headers: sellerA.headers })).text();
    const row = orderRow(console_, orderId);
    expect(row).toContain(`<a href="/seller/credit-notes/${creditNoteA.id}">Credit note ${creditNoteA.number}</a>`);
    expect(console_).not.toContain(creditNoteB.id);
  });

  it("says on the seller's printed invoice which credit note cancelled it, linking the seller's own copy", async () => {
    const { orderId, sellerA, invoiceA, creditNoteA } = await twoSellerRefundedOrder();
    const html = await (await api(`/seller/invoices/${invoiceA.id}`, { headers: sellerA.headers })).text();
    expect(html).toContain(`Cancelled by credit note <a href="/seller/credit-notes/${creditNoteA.id}">${creditNoteA.number}</a>`);
    expect(html).not.toContain(`/orders/${orderId}/credit-notes/`);
  });

  it("prints the seller's own credit note, naming the invoice it cancels with a link to the seller's copy, and leads back to the console", async () => {
    const { orderId, sellerA, invoiceA, creditNoteA } = await twoSellerRefundedOrder();
    const res = await api(`/seller/credit-notes/${creditNoteA.id}`, { headers: sellerA.headers });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("no-store");
    const html = await res.text();
    expect(html).toContain(`<dd data-credit-note-number="true">${creditNoteA.number}</dd>`);
    expect(html).toContain(`<a href="/seller/invoices/${invoiceA.id}">${invoiceA.number}</a>`);
    expect(html).toContain("Cotton Kurta");
    expect(html).not.toContain("Steam Iron");
    expect(html).toContain('<a href="/seller#orders">Back to your orders</a>');
    expect(html).not.toContain(`href="/orders/${orderId}`);
  });

  it("refuses a seller another seller's credit note page with 404, and anyone but a seller", async () => {
    const { shopper, ops, sellerA, creditNoteB } = await twoSellerRefundedOrder();
    const theirs = await api(`/seller/credit-notes/${creditNoteB.id}`, { headers: sellerA.headers });
    expect(theirs.status).toBe(404);
    const html = await theirs.text();
    expect(html).not.toContain(creditNoteB.id);
    expect(html).not.toContain("Steam Iron");
    expect((await api(`/seller/credit-notes/${creditNoteB.id}`, { headers: shopper.headers })).status).toBe(403);
    expect((await api(`/seller/credit-notes/${creditNoteB.id}`, { headers: ops.headers })).status).toBe(403);
  });
});
