import { AppError } from "../platform/errors";
import { type InvoiceDraft, type SoldLine, draftInvoices } from "./drafts";

/** A sold line as the query reads it: the category's rule still in its two columns. */
interface LineRow extends Omit<SoldLine, "rule"> {
  rate: number | null;
  rateAboveBand: number | null;
}

/** An order's lines as invoicing reads them, and the state it was delivered to. */
export interface OrderSale {
  deliveryState: string;
  lines: SoldLine[];
}

/**
 * Reads what an order's invoices need. Order lines, sellers and rates do not change as an order
 * ships, so reading them before the shipment's batch is safe; only the invoice number must be taken
 * inside it.
 */
export async function readOrderSale(db: D1Database, orderId: string): Promise<OrderSale> {
  const [order, lines] = await db.batch([
    db.prepare("SELECT address FROM orders WHERE id = ?").bind(orderId),
    db
      .prepare(
        // The rate is the product's category's own, else its nearest ancestor's that has one; the
        // HSN code the product's own, else its category's.
        `SELECT i.listing_id AS listingId, i.seller_id AS sellerId, i.title, i.qty, i.unit_price AS unitPrice,
           s.name AS sellerName, s.gstin AS sellerGstin, r.gst_rate AS rate, r.gst_rate_above_band AS rateAboveBand,
           COALESCE(p.hsn_code, c.hsn_code) AS hsn
         FROM order_items i
         LEFT JOIN sellers s ON s.id = i.seller_id
         LEFT JOIN products p ON p.id = i.product_id
         LEFT JOIN categories c ON c.id = p.category_id
         LEFT JOIN categories r ON r.id = (
           SELECT a.id FROM categories a
           WHERE a.gst_rate IS NOT NULL AND substr(c.path, 1, length(a.path)) = a.path
           ORDER BY a.depth DESC LIMIT 1)
         WHERE i.order_id = ? ORDER BY i.seller_id, i.listing_id`,
      )
      .bind(orderId),
  ]);
  const row = order?.results[0] as { address: string } | undefined;
  if (!row) throw new AppError("not_found", "No such order.");
  const address = JSON.parse(row.address) as Record<string, string>;
  const sold: SoldLine[] = ((lines?.results ?? []) as LineRow[]).map(({ rate, rateAboveBand, ...line }) => ({
    ...line,
    rule: rate === null ? null : { rate, rateAboveBand },
  }));
  return { deliveryState: address.state ?? "", lines: sold };
}

/** Reads what an order's invoices need and drafts them; refused (409) when a seller cannot be invoiced. */
export async function readInvoiceDrafts(db: D1Database, orderId: string): Promise<InvoiceDraft[]> {
  const sale = await readOrderSale(db, orderId);
  return draftInvoices(sale.lines, sale.deliveryState);
}
