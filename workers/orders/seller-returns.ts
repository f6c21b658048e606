import type { ReturnCondition } from "../inventory/returns";
import { pageOf } from "./cursor";
import type { OrderPage, OrderView, PageRequest, TimelineEntry } from "./queries";
import { type ReturnReason, returnRequestOf } from "./return-reasons";
import { askedBackUnitsSql } from "./return-lines";
import { receiptConditionOf } from "./return-receipt";

/** Where a return stands, as a seller filters them: waiting for ops, accepted, declined, or its goods back. */
export const SELLER_RETURN_STATUSES = ["requested", "accepted", "declined", "received"] as const;

/** One stage of a return, as the seller's list names it. */
export type SellerReturnStatus = (typeof SELLER_RETURN_STATUSES)[number];

/** The cursor scope of a seller's returns: a position only continues the same list and filter. */
export function sellerReturnsScope(status: SellerReturnStatus | undefined): string {
  return `seller-returns:${status ?? "all"}`;
}

/** A line as it was sold. */
type SoldLine = Pick<OrderView["items"][number], "listing_id" | "product_id" | "title" | "qty" | "unit_price">;

/**
 * One returned order as a seller sees it: its own lines, why the shopper sent them back, what ops
 * decided, the refund on its lines and what became of the goods. Nothing names the shopper: not their
 * name, email, phone or address, and contact details they typed into their note are taken out.
 */
export interface SellerReturnView {
  order_id: string;
  status: SellerReturnStatus;
  placed_at: string;
  requested_at: string;
  reason: ReturnReason;
  note: string | null;
  decision: { outcome: "accepted" | "declined"; at: string; decline_reason: string | null } | null;
  /**
   * When ops refunded the order in full after declining its return; null otherwise. The decline told
   * the seller the sale stands, which from then on it does not: every unit listed was refunded.
   */
  refunded_after_decline_at: string | null;
  items: Array<
    SoldLine & {
      /** Units of the line the shopper sent back (a line kept whole is not listed). */
      return_qty: number;
      /** The returned units at the price paid: what the return gives back for this line. */
      amount: number;
      /** The units put back on sale when the goods came back sellable, and where; null otherwise. */
      back_on_sale: { units: number; warehouse_id: string; warehouse_name: string } | null;
    }
  >;
  subtotal: number;
  /**
   * Paise refunded to the shopper for this seller's returned units, once the return was accepted; or
   * for every unit of the lines listed, once ops refunded the order in full after declining the return.
   */
  refunded: number;
  currency: "INR";
  received: { at: string; condition: ReturnCondition | null } | null;
}

interface Row extends SoldLine {
  return_qty: number;
  order_id: string;
  requested_at: string;
  placed_at: string;
  steps: string;
  back_units: number | null;
  warehouse_id: string | null;
  warehouse_name: string | null;
}

const DECIDED = (decision: string) =>
  `EXISTS (SELECT 1 FROM order_transitions t WHERE t.order_id = i.order_id AND t.from_status = 'return_requested' AND t.to_status = '${decision}')`;
const IN_STATUS = (status: string) => `EXISTS (SELECT 1 FROM orders o WHERE o.id = i.order_id AND o.status = '${status}')`;

// Each filter in SQL, so a page is filled from the seller's returned lines alone. An accepted return
// is refunded and its goods are on their way; once received, the order is return_received.
const FILTERS: Readonly<Record<SellerReturnStatus, string>> = {
  requested: IN_STATUS("return_requested"),
  accepted: `${IN_STATUS("refunded")} AND ${DECIDED("refunded")}`,
  declined: DECIDED("delivered"),
  received: IN_STATUS("return_received"),
};

// The page is chosen from the seller's own lines that were asked back, in the partial index's order
// (seller, request time, order), so a page reads only returns, however much the seller has sold; of
// each order, only the seller's lines that were sent back are listed, a line the shopper kept is not. Only
// the transitions a return writes are read for each order: the request, the decision and the receipt.
const PAGE = (after: string, filter: string) => `
  WITH page AS (
    SELECT DISTINCT i.return_requested_at AS at, i.order_id FROM order_items i
    WHERE i.seller_id = ?1 AND i.return_requested_at IS NOT NULL ${after} ${filter}
    ORDER BY i.return_requested_at DESC, i.order_id DESC LIMIT ?4
  )
  SELECT p.order_id, p.at AS requested_at, o.created_at AS placed_at,
    (SELECT json_group_array(json_array(t.id, t.from_status, t.to_status, t.reason, t.at)) FROM order_transitions t
      WHERE t.order_id = p.order_id AND (t.to_status IN ('return_requested', 'return_received') OR t.from_status = 'return_requested'
        OR (t.from_status = 'delivered' AND t.to_status = 'refunded'))) AS steps,
    i.listing_id, i.product_id, i.title, i.qty, i.unit_price, ${askedBackUnitsSql("i")} AS return_qty,
    j.d_available AS back_units, j.warehouse_id, w.name AS warehouse_name
  FROM page p CROSS JOIN orders o ON o.id = p.order_id
    CROSS JOIN order_items i ON i.order_id = p.order_id AND i.seller_id = ?1 AND i.return_requested_at IS NOT NULL
    LEFT JOIN inventory_journal j ON j.ref = p.order_id || ':return:' || i.listing_id AND j.kind = 'return' AND j.d_available > 0
    LEFT JOIN warehouses w ON w.id = j.warehouse_id
  ORDER BY p.at DESC, p.order_id DESC, i.listing_id`;

/** A page of the returns of the seller's sales, the latest asked for first, optionally at one stage. */
export async function listSellerReturns(
  db: D1Database,
  sellerId: string,
  page: PageRequest & { status?: SellerReturnStatus | undefined },
): Promise<OrderPage<SellerReturnView>> {
  const { cursor, status } = page;
  const after = cursor ? "AND (i.return_requested_at, i.order_id) < (?2, ?3)" : "";
  const { results } = await db
    .prepare(PAGE(after, status ? `AND ${FILTERS[status]}` : ""))
    .bind(sellerId, cursor?.at ?? null, cursor?.id ?? null, page.limit + 1)
    .all<Row>();
  return pageOf(group(results), page.limit, sellerReturnsScope(status), (r) => ({ created_at: r.requested_at, id: r.order_id }));
}

function group(rows: Row[]): SellerReturnView[] {
  const returns = new Map<string, SellerReturnView>();
  for (const r of rows) {
    const ret = returns.get(r.order_id) ?? returnOf(r);
    if (!ret) continue;
    returns.set(r.order_id, ret);
    const amount = r.return_qty * r.unit_price;
    ret.items.push({
      listing_id: r.listing_id,
      product_id: r.product_id,
      title: r.title,
      qty: r.qty,
      unit_price: r.unit_price,
      return_qty: r.return_qty,
      amount,
      back_on_sale:
        r.back_units && r.warehouse_id
          ? { units: r.back_units, warehouse_id: r.warehouse_id, warehouse_name: r.warehouse_name ?? r.warehouse_id }
          : null,
    });
    ret.subtotal += amount;
    if (ret.decision?.outcome === "accepted") ret.refunded += amount;
    else if (ret.refunded_after_decline_at) ret.refunded += r.qty * r.unit_price;
  }
  return [...returns.values()];
}

/** The return's request, decision and receipt from its order's transitions; null without a request. */
function returnOf(r: Row): SellerReturnView | null {
  const steps = (JSON.parse(r.steps) as Array<[number, string | null, string, string, string]>)
    .sort((a, b) => a[0] - b[0])
    .map(([, from, to, reason, at]): TimelineEntry => ({ from, to, reason, at, actor: "" }));
  const asked = returnRequestOf(steps);
  if (!asked) return null;
  const receipt = steps.findLast((s) => s.to === "return_received");
  // A decline is final, so a refund from delivered read with it can only have come after it.
  const laterRefund = asked.outcome === "declined" ? steps.find((s) => s.from === "delivered" && s.to === "refunded") : undefined;
  return {
    order_id: r.order_id,
    status: asked.outcome === "pending" ? "requested" : asked.outcome === "declined" ? "declined" : receipt ? "received" : "accepted",
    placed_at: r.placed_at,
    requested_at: r.requested_at,
    reason: asked.reason,
    note: asked.note === null ? null : withoutContacts(asked.note),
    decision:
      asked.outcome === "pending" || !asked.decided_at
        ? null
        : { outcome: asked.outcome, at: asked.decided_at, decline_reason: asked.decline_reason },
    refunded_after_decline_at: laterRefund?.at ?? null,
    items: [],
    subtotal: 0,
    refunded: 0,
    currency: "INR",
    received: receipt ? { at: receipt.at, condition: receiptConditionOf(receipt.reason) } : null,
  };
}

// An email address, or a run of ten or more digits however spaced (a phone number, with or without +91).
const CONTACTS = /[^\s@]+@[^\s@]+\.[^\s@]+|\+?\d(?:[\s-]?\d){9,}/g;

/**
 * The shopper's note without the contact details they may have typed into it ("call me on …"): the
 * note is for ops, who may reach the shopper; a seller gets the shopper's words about the goods only.
 */
export function withoutContacts(note: string): string {
  return note.replace(CONTACTS, "[contact removed]");
}
