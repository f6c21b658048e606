import { createTestUser, type TestUser } from "../helpers/accounts";
import { documentsOf, invoicesOf, lineOf, move, packedOrder, paidPackedOrder, shopperAndOps, taxedListing } from "./support";

/**
 * A shipped order holding two sellers' listings, with each seller's invoice and a seller account
 * for each: for what one seller may see of an order it shares with another. With `paid`, its money
 * is captured, so ops can refund it.
 */
export async function twoSellerShippedOrder(opts: { paid?: boolean } = {}) {
  const { shopper, ops } = await shopperAndOps();
  const a = await taxedListing({ stateCode: "29", name: "Lotus Textiles", title: "Cotton Kurta" });
  const b = await taxedListing({ stateCode: "27", name: "Deccan Electricals", title: "Steam Iron" });
  const lines = [lineOf(a, 49_900, 1, "Cotton Kurta"), lineOf(b, 129_900, 1, "Steam Iron")];
  const orderId = await (opts.paid ? paidPackedOrder : packedOrder)(shopper.id, lines);
  const shipped = await move(orderId, "shipped", ops);
  if (shipped.status !== 200) throw new Error(`shipping: ${shipped.status} ${await shipped.text()}`);
  const invoices = await invoicesOf(orderId, shopper);
  const invoiceOf = (sellerId: string) => {
    const found = invoices.find((i) => i.seller.id === sellerId);
    if (!found) throw new Error(`no invoice of ${sellerId}`);
    return found;
  };
  const sellerA: TestUser = await createTestUser(["seller"], { sellerId: a.sellerId });
  const sellerB: TestUser = await createTestUser(["seller"], { sellerId: b.sellerId });
  return { shopper, ops, orderId, a, b, sellerA, sellerB, invoiceA: invoiceOf(a.sellerId), invoiceB: invoiceOf(b.sellerId) };
}

/** The same order delivered and refunded by ops, with each seller's credit note cancelling its invoice. */
export async function twoSellerRefundedOrder() {
  const order = await twoSellerShippedOrder({ paid: true });
  for (const to of ["delivered", "refunded"]) {
    const res = await move(order.orderId, to, order.ops);
    if (res.status !== 200) throw new Error(`${to}: ${res.status} ${await res.text()}`);
  }
  const notes = (await documentsOf(order.orderId, order.shopper)).credit_notes;
  const noteOf = (invoiceId: string) => {
    const found = notes.find((n) => n.invoice.id === invoiceId);
    if (!found) throw new Error(`no credit note of ${invoiceId}`);
    return found;
  };
  return { ...order, creditNoteA: noteOf(order.invoiceA.id), creditNoteB: noteOf(order.invoiceB.id) };
}
