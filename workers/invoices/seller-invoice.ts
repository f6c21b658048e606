import { type InvoiceView, readOrderInvoices } from "./read-invoices";

/**
 * One of the seller's own tax invoices, as the order's shopper reads it; null for an invoice that is
 * not theirs (another seller's of the same order too) or does not exist. The invoice states the
 * buyer's name and delivery address, as GST requires, and nothing else of the shopper's.
 */
export async function readSellerInvoice(db: D1Database, sellerId: string, invoiceId: string): Promise<InvoiceView | null> {
  const own = await db
    .prepare("SELECT order_id AS orderId FROM invoices WHERE id = ? AND seller_id = ?")
    .bind(invoiceId, sellerId)
    .first<{ orderId: string }>();
  if (!own) return null;
  // Read through the order, so the seller's copy is drawn exactly as the shopper's is.
  const found = await readOrderInvoices(db, own.orderId);
  return found?.invoices.find((i) => i.id === invoiceId) ?? null;
}
