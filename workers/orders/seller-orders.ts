import { pageOf } from "./cursor";
import type { OrderPage, OrderView, PageRequest } from "./queries";
import { dueWindow, handOver, type HandOverClock, type SellerDue } from "./seller-hand-over";
import { sellerPartStatus } from "./seller-part-status";
import { asOrderStatus, type OrderStatus } from "./state-machine";

/** The cursor scope of a seller's order list. */
export const SELLER_ORDERS_SCOPE = "seller";

/** The cursor scope of a seller's list narrowed to the orders `due`: a position there means nothing in the full list. */
export const sellerDueScope = (due: SellerDue) => `seller:due:${due}`;

/** The cursor scope of a seller's list narrowed to one product's orders. */
export const sellerProductScope = (productId: string) => `seller:product:${productId}`;

/** What a page of the seller's orders asks for: a page of all of them, only one, only those due, or only one product's. */
export type SellerOrdersRequest = PageRequest & {
  order?: string | undefined;
  due?: SellerDue | undefined;
  product_id?: string | undefined;
};

/** The cursor scope of the list `page` asks for. */
export function sellerOrdersScope(page: Pick<SellerOrdersRequest, "due" | "product_id">): string {
  if (page.due) return sellerDueScope(page.due);
  if (page.product_id) return sellerProductScope(page.product_id);
  return SELLER_ORDERS_SCOPE;
}

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
  items: Array<Omit<OrderView["items"][number], "image" | "return_days" | "return_qty" | "reviewed">>;
  subtotal: number;
  currency: "INR";
  ship_to: { city: string; state: string; pincode: string };
  /** The seller's own tax invoice for its part of the order, issued when it shipped; null before. */
  invoice: { id: string; number: string } | null;
  /**
   * The seller's credit note cancelling that invoice, or crediting the part that came back, issued when
   * the shipped order was refunded, with the paise it credits; null before.
   */
  credit_note: { id: string; number: string; amount: number } | null;
  /** The IST day (YYYY-MM-DD) the order must leave the seller by, as the new-order message said; null once it shipped or ended. */
  hand_over_by: string | null;
  /** Whether today (IST) is past `hand_over_by`. */
  late: boolean;
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
  credit_note_amount: number | null;
  /** 1 when this line was asked back by the order's return. */
  asked_back: number;
  /** 1 when any line of the order, any seller's, was asked back. */
  order_asked_back: number;
  /** The order's own creation time, which the new-order message counted from. */
  placed_at: string;
  confirmed_at: string | null;
  /** Where the order stands in its list: when it was placed, or in a due list, when it was ready to ship. */
  position_at: string;
}

/** SQL: when the order `id` was confirmed, which it is once at most; a range of transitions_order_idx. */
const confirmedAtSql = (id: string) =>
  `(SELECT t.at FROM order_transitions t WHERE t.order_id = ${id} AND t.to_status = 'confirmed' ORDER BY t.id LIMIT 1)`;

// The page is chosen from the seller's own lines in (created_at, order_id) index order, and CROSS JOIN
// keeps SQLite reading from the page outwards, so a page's cost does not grow with the seller's history. Only orders that were once confirmed reached the
// seller: one cancelled or failed before payment was never theirs to fulfil. The invoice joined is the seller's own
// (one per order and seller), never another seller's of the same order, with the credit note cancelling it (one per invoice).
// One order asked for by id is found by the order's own key instead: the unary plus keeps SQLite from
// walking the seller's index (covering, so otherwise preferred) through all of the seller's history.
const LINES_PAGE = (lines: string) => `
    SELECT DISTINCT i.created_at, i.order_id FROM order_items i
    WHERE ${lines}
      AND EXISTS (SELECT 1 FROM order_transitions t WHERE t.order_id = i.order_id AND t.to_status = 'confirmed')
    ORDER BY i.created_at DESC, i.order_id DESC LIMIT ?4`;

// The orders due are the seller's lines still to ship, oldest ready first: one range of their own
// partial index, which holds only lines of orders confirmed or packed, so the read never walks the
// seller's shipped history nor the rest of the marketplace's backlog, and the page's LIMIT ends it.
// Ready is the later of placing and confirming, what the hand-over day counts from, so the window
// (?5, ?6) selects exactly the orders whose day is late or today. A page position is its ready time.
const DUE_PAGE = (after: string) => `
    SELECT DISTINCT i.ready_to_ship_at AS created_at, i.order_id FROM order_items i
    WHERE i.seller_id = ?1 AND i.ready_to_ship_at >= ?5 AND i.ready_to_ship_at < ?6 ${after}
    ORDER BY i.ready_to_ship_at, i.order_id LIMIT ?4`;

const PAGE = (page: string, order: "ASC" | "DESC") => `
  WITH page AS (${page}
  )
  SELECT o.id, o.status, o.created_at, p.created_at AS position_at, o.updated_at, o.address, o.created_at AS placed_at, ${confirmedAtSql("p.order_id")} AS confirmed_at,
         i.listing_id, i.product_id, i.title, i.qty, i.unit_price, i.mrp, i.deal_id,
         inv.id AS invoice_id, inv.number AS invoice_number, cn.id AS credit_note_id, cn.number AS credit_note_number,
         (SELECT SUM(l.taxable + l.cgst + l.sgst + l.igst) FROM credit_note_lines l WHERE l.credit_note_id = cn.id) AS credit_note_amount,
         i.return_requested_at IS NOT NULL AS asked_back,
         EXISTS (SELECT 1 FROM order_items x WHERE x.order_id = p.order_id AND x.return_requested_at IS NOT NULL) AS order_asked_back
  FROM page p CROSS JOIN orders o ON o.id = p.order_id CROSS JOIN order_items i ON i.order_id = p.order_id AND i.seller_id = ?1
    LEFT JOIN invoices inv ON inv.order_id = p.order_id AND inv.seller_id = ?1
    LEFT JOIN credit_notes cn ON cn.invoice_id = inv.id
  ORDER BY p.created_at ${order}, p.order_id ${order}, i.listing_id`;

/**
 * The statement of a page of the seller's orders, of the one order asked for, or of the orders due
 * (with `clock`, which decides what is due): exported for its plan's test.
 */
export function sellerOrdersStatement(
  sellerId: string,
  page: SellerOrdersRequest,
  clock?: HandOverClock,
): { sql: string; binds: unknown[] } {
  const { cursor, order, due, product_id: productId } = page;
  const binds = [sellerId, cursor?.at ?? null, cursor?.id ?? null, page.limit + 1];
  if (due !== undefined) {
    if (!clock) throw new Error("Which orders are due depends on the calendar and the time: pass a clock.");
    const { from, before } = dueWindow(due, clock);
    const after = cursor ? "AND (i.ready_to_ship_at, i.order_id) > (?2, ?3)" : "";
    return { sql: PAGE(DUE_PAGE(after), "ASC"), binds: [...binds, from, before] };
  }
  const after = cursor ? "AND (i.created_at, i.order_id) < (?2, ?3)" : "";
  if (productId !== undefined) {
    return { sql: PAGE(LINES_PAGE(`i.seller_id = ?1 AND i.product_id = ?5 ${after}`), "DESC"), binds: [...binds, productId] };
  }
  if (order === undefined) return { sql: PAGE(LINES_PAGE(`i.seller_id = ?1 ${after}`), "DESC"), binds };
  return { sql: PAGE(LINES_PAGE(`i.order_id = ?5 AND +i.seller_id = ?1 ${after}`), "DESC"), binds: [...binds, order] };
}

/**
 * A page of the orders holding the seller's listings, newest first; with `order`, just that order
 * when it holds the seller's lines, else an empty page, so another seller's order id reveals nothing;
 * with `due`, only the orders still to ship that are late or due today, oldest first; with `product_id`,
 * only the orders holding the seller's lines of that product, each with all its lines. Each order still
 * to ship carries the day it must be handed over by, counted with `clock`.
 */
export async function listSellerOrders(
  db: D1Database,
  sellerId: string,
  page: SellerOrdersRequest,
  clock: HandOverClock,
): Promise<OrderPage<SellerOrderView>> {
  const { sql, binds } = sellerOrdersStatement(sellerId, page, clock);
  const { results } = await db
    .prepare(sql)
    .bind(...binds)
    .all<Row>();
  const positions = new Map(results.map((r) => [r.id, r.position_at]));
  return pageOf(group(results, clock), page.limit, sellerOrdersScope(page), (o) => ({
    created_at: positions.get(o.id) ?? o.created_at,
    id: o.id,
  }));
}

function group(rows: Row[], clock: HandOverClock): SellerOrderView[] {
  const orders = new Map<string, SellerOrderView>();
  const askedBack = new Set<string>();
  const orderAskedBack = new Set<string>();
  for (const r of rows) {
    if (r.asked_back) askedBack.add(r.id);
    if (r.order_asked_back) orderAskedBack.add(r.id);
    let order = orders.get(r.id);
    if (!order) {
      const status = asOrderStatus(r.status);
      order = {
        id: r.id,
        status,
        created_at: r.created_at,
        updated_at: r.updated_at,
        items: [],
        subtotal: 0,
        currency: "INR",
        ship_to: shipTo(r.address),
        invoice: r.invoice_id && r.invoice_number ? { id: r.invoice_id, number: r.invoice_number } : null,
        credit_note:
          r.credit_note_id && r.credit_note_number
            ? { id: r.credit_note_id, number: r.credit_note_number, amount: r.credit_note_amount ?? 0 }
            : null,
        ...handOver(status, r.placed_at, r.confirmed_at, clock),
      };
      orders.set(r.id, order);
    }
    const { listing_id, product_id, title, qty, unit_price, mrp, deal_id } = r;
    order.items.push({ listing_id, product_id, title, qty, unit_price, mrp, deal_id });
    order.subtotal += qty * unit_price;
  }
  // The seller sees where its own part stands: a return of only other sellers' goods leaves it delivered.
  for (const [id, order] of orders) {
    order.status = sellerPartStatus(order.status, {
      askedBack: askedBack.has(id),
      credited: order.credit_note !== null,
      orderAskedBack: orderAskedBack.has(id),
    });
  }
  return [...orders.values()];
}

function shipTo(address: string): SellerOrderView["ship_to"] {
  const a = JSON.parse(address) as Partial<Record<string, string>>;
  return { city: a.city ?? "", state: a.state ?? "", pincode: a.pincode ?? "" };
}
