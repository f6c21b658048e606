import { pageOf } from "./cursor";
import type { OrderPage, OrderView, PageRequest } from "./queries";
import { asOrderStatus, type OrderStatus } from "./state-machine";

/** The cursor scope of a seller's order list. */
export const SELLER_ORDERS_SCOPE = "seller";

/**
 * One order as a seller sees it: only the seller's own lines with the prices they sold at, where the
 * order stands, and where it goes (city and PIN code, for dispatch planning). Never the other
 * sellers' lines, the order total, the shopper's name, street or phone, or anything of the payment.
 */
export interface SellerOrderView {
  id: string;
  status: OrderStatus;
  created_at: string;
  updated_at: string;
  /** The lines as sold: the seller list reads no products, so they carry no picture. */
  items: Array<Omit<OrderView["items"][number], "image" | "return_days" | "return_qty">>;
  subtotal: number;
  currency: "INR";
  ship_to: { city: string; state: string; pincode: string };
  /** The seller's own tax invoice for its part of the order, issued when it shipped; null before. */
  invoice: { id: string; number: string } | null;
  /** The seller's credit note cancelling that invoice, issued when the shipped order was refunded; null before. */
  credit_note: { id: string; number: string } | null;
}

type Line = SellerOrderView["items"][number];

interface Row extends Line {
  id: string;
  status: string;
  created_at: string;
  updated_at: string;
  address: string;
  invoice_id: string | null;
  invoice_number: string | null;
  credit_note_id: string | null;
  credit_note_number: string | null;
}

// The page is chosen from the seller's own lines in (created_at, order_id) index order, and CROSS JOIN
// keeps SQLite reading from the page outwards, so a page's cost does not grow with the seller's history. Only orders that were once confirmed reached the
// seller: one cancelled or failed before payment was never theirs to fulfil. The invoice joined is the seller's own
// (one per order and seller), never another seller's of the same order, with the credit note cancelling it (one per invoice).
// One order asked for by id is found by the order's own key instead: the unary plus keeps SQLite from
// walking the seller's index (covering, so otherwise preferred) through all of the seller's history.
const PAGE = (lines: string) => `
  WITH page AS (
    SELECT DISTINCT i.created_at, i.order_id FROM order_items i
    WHERE ${lines}
      AND EXISTS (SELECT 1 FROM order_transitions t WHERE t.order_id = i.order_id AND t.to_status = 'confirmed')
    ORDER BY i.created_at DESC, i.order_id DESC LIMIT ?4
  )
  SELECT o.id, o.status, p.created_at, o.updated_at, o.address,
         i.listing_id, i.product_id, i.title, i.qty, i.unit_price, i.mrp, i.deal_id,
         inv.id AS invoice_id, inv.number AS invoice_number, cn.id AS credit_note_id, cn.number AS credit_note_number
  FROM page p CROSS JOIN orders o ON o.id = p.order_id CROSS JOIN order_items i ON i.order_id = p.order_id AND i.seller_id = ?1
    LEFT JOIN invoices inv ON inv.order_id = p.order_id AND inv.seller_id = ?1
    LEFT JOIN credit_notes cn ON cn.invoice_id = inv.id
  ORDER BY p.created_at DESC, p.order_id DESC, i.listing_id`;

/** The statement of a page of the seller's orders, or of the one order asked for: exported for its plan's test. */
export function sellerOrdersStatement(
  sellerId: string,
  page: PageRequest & { order?: string | undefined },
): { sql: string; binds: unknown[] } {
  const { cursor, order } = page;
  const after = cursor ? "AND (i.created_at, i.order_id) < (?2, ?3)" : "";
  const binds = [sellerId, cursor?.at ?? null, cursor?.id ?? null, page.limit + 1];
  if (order === undefined) return { sql: PAGE(`i.seller_id = ?1 ${after}`), binds };
  return { sql: PAGE(`i.order_id = ?5 AND +i.seller_id = ?1 ${after}`), binds: [...binds, order] };
}

/**
 * A page of the orders holding the seller's listings, newest first; with `order`, just that order
 * when it holds the seller's lines, else an empty page, so another seller's order id reveals nothing.
 */
export async function listSellerOrders(
  db: D1Database,
  sellerId: string,
  page: PageRequest & { order?: string | undefined },
): Promise<OrderPage<SellerOrderView>> {
  const { sql, binds } = sellerOrdersStatement(sellerId, page);
  const { results } = await db
    .prepare(sql)
    .bind(...binds)
    .all<Row>();
  return pageOf(group(results), page.limit, SELLER_ORDERS_SCOPE);
}

function group(rows: Row[]): SellerOrderView[] {
  const orders = new Map<string, SellerOrderView>();
  for (const r of rows) {
    let order = orders.get(r.id);
    if (!order) {
      order = {
        id: r.id,
        status: asOrderStatus(r.status),
        created_at: r.created_at,
        updated_at: r.updated_at,
        items: [],
        subtotal: 0,
        currency: "INR",
        ship_to: shipTo(r.address),
        invoice: r.invoice_id && r.invoice_number ? { id: r.invoice_id, number: r.invoice_number } : null,
        credit_note: r.credit_note_id && r.credit_note_number ? { id: r.credit_note_id, number: r.credit_note_number } : null,
      };
      orders.set(r.id, order);
    }
    const { listing_id, product_id, title, qty, unit_price, mrp, deal_id } = r;
    order.items.push({ listing_id, product_id, title, qty, unit_price, mrp, deal_id });
    order.subtotal += qty * unit_price;
  }
  return [...orders.values()];
}

function shipTo(address: string): SellerOrderView["ship_to"] {
  const a = JSON.parse(address) as Partial<Record<string, string>>;
  return { city: a.city ?? "", state: a.state ?? "", pincode: a.pincode ?? "" };
}
