import { calendarTag, loadCourierCalendar } from "../delivery/courier-calendar";
import type { CourierCalendar } from "../delivery/holidays";
import { ON_ITS_WAY } from "./delivery-promise";
import { DUE_INPUTS, type DueInputs, dueByOf } from "./due-date-columns";
import type { PaymentMethod } from "../payments/provider";
import { z } from "@hono/zod-openapi";
import { type OrderPosition, pageOf } from "./cursor";
import { type ReturnRequestView, firstDeliveredAt, returnRequestOf } from "./return-reasons";
import { askedBackUnitsSql, returnRefund, returnedUnits } from "./return-lines";
import { type ReturnWindow, departmentOf, returnDays, returnWindow } from "./return-window";
import { SHIPMENT_ROWS, type ShipmentRow, type ShipmentView, shipmentOf } from "./shipment";
import type { OrderStatus } from "./state-machine";
import { type OrderGroup, orderYears, yearRange } from "./order-groups";

/** One entry of an order's timeline. */
export interface TimelineEntry {
  from: string | null;
  to: string;
  actor: string;
  reason: string;
  at: string;
}

/** An order as the shopper's pages and the ops console show it. */
export interface OrderView {
  id: string;
  status: string;
  created_at: string;
  updated_at: string;
  total: number;
  currency: "INR";
  address: Record<string, string>;
  items: Array<{
    listing_id: string;
    product_id: string;
    title: string;
    qty: number;
    unit_price: number;
    mrp: number;
    deal_id: string | null;
    /** The product's picture as it is now (a site path), or null when it has none or is gone. */
    image: string | null;
    /** Days after delivery the line may be returned, by its product's department now; null: never. */
    return_days: number | null;
    /** Units of the line the shopper asked to send back; null when the line was not asked back. */
    return_qty: number | null;
    /** The order's shopper has reviewed the line's product (from this order or another). */
    reviewed: boolean;
  }>;
  payment: {
    id: string;
    method: string;
    status: string;
    amount: number;
    captured: number;
    refunded: number;
    redirect_url: string | null;
  } | null;
  timeline: TimelineEntry[];
  /** Whether the order may be returned, and until when (see `returnWindow`). */
  return_window: {
    /** `requested` once a return was asked for and not declined: an order is returned once. */
    state: ReturnWindow["state"] | "requested";
    until: string | null;
    not_returnable: ReturnWindow["lines"];
    /** Why ops declined the order's return; null unless `state` is `declined`. */
    decline_reason: string | null;
  };
  /** The latest return the shopper asked for, what it takes back, and what became of it. */
  return_request: (ReturnRequestView & ReturnScope) | null;
  /** The courier and tracking number ops gave, once shipped; null before (or when they have not yet). */
  shipment: ShipmentView | null;
  /**
   * While the order is on its way, the day it is due by (YYYY-MM-DD, IST; see `deliveryBy`); null
   * otherwise. Not in the order's ETag: a courier holiday ops add later reaches a client polling
   * with If-None-Match when the order next moves, and the order page on its next visit.
   */
  delivery_by: string | null;
}

/** How much of the order a return takes back, and the money it gives back for it. */
export interface ReturnScope {
  /** Units asked back, of `of_units` in the order. */
  units: number;
  of_units: number;
  /** Paise the return refunds: the asked-back units at the price paid; refunded once accepted. */
  refund_amount: number;
}

/** A row of an order list. */
export interface OrderSummary {
  id: string;
  status: string;
  created_at: string;
  total: number;
  currency: "INR";
  items: number;
}

interface OrderRow {
  id: string;
  userId: string;
  status: string;
  createdAt: string;
  updatedAt: string;
  total: number;
  address: string;
}

/** Reads one order with items, payment and timeline; null when it does not exist or, given `userId`, is someone else's. */
export async function getOrder(db: D1Database, orderId: string, userId: string | null): Promise<OrderView | null> {
  const found = await readOrder(db, orderId);
  if (!found || (userId !== null && found.owner !== userId)) return null;
  if (userId === null) return found.order;
  return { ...found.order, timeline: found.order.timeline.map((t) => ({ ...t, actor: actorRole(t.actor) })) };
}

/**
 * Reads one order and the id of the shopper who placed it, whoever asks, with every setting of its
 * shipment (who set it is for ops' audit); callers decide who may see what.
 */
export async function readOrder(
  db: D1Database,
  orderId: string,
): Promise<{ owner: string; order: OrderView; shipments: ShipmentRow[] } | null> {
  const [[order, items, payment, timeline, shipped], calendar] = await Promise.all([
    db.batch([
      db
        .prepare(
          `SELECT o.id, o.user_id AS userId, o.status, o.created_at AS createdAt, o.updated_at AS updatedAt, o.total, o.address, ${DUE_INPUTS}
           FROM orders o WHERE o.id = ?`,
        )
        .bind(orderId),
      db
        .prepare(
          // A LEFT JOIN: a line outlives its product, and keeps its snapshotted title without a picture.
          `SELECT i.listing_id, i.product_id, i.title, i.qty, i.unit_price, i.mrp, i.deal_id, ${askedBackUnitsSql("i")} AS return_qty, p.image,
           c.path AS category_path,
           EXISTS (SELECT 1 FROM reviews r WHERE r.product_id = i.product_id AND r.user_id = (SELECT o.user_id FROM orders o WHERE o.id = i.order_id)) AS reviewed
         FROM order_items i LEFT JOIN products p ON p.id = i.product_id LEFT JOIN categories c ON c.id = p.category_id
         WHERE i.order_id = ? ORDER BY i.listing_id`,
        )
        .bind(orderId),
      db
        .prepare(
          "SELECT id, method, status, amount, captured_amount AS captured, refunded_amount AS refunded, provider_ref AS ref FROM payments WHERE order_id = ?",
        )
        .bind(orderId),
      db
        .prepare("SELECT from_status AS 'from', to_status AS 'to', actor, reason, at FROM order_transitions WHERE order_id = ? ORDER BY id")
        .bind(orderId),
      db.prepare(SHIPMENT_ROWS).bind(orderId),
    ]),
    loadCourierCalendar(db),
  ]);
  const row = order?.results[0] as (OrderRow & DueInputs) | undefined;
  if (!row) return null;
  const rows = (items?.results ?? []) as Array<
    Omit<OrderView["items"][number], "return_days" | "reviewed"> & {
      category_path: string | null;
      reviewed: number;
    }
  >;
  const lines = rows.map(({ category_path, reviewed, ...line }) => ({
    ...line,
    reviewed: Boolean(reviewed),
    department: departmentOf(category_path),
  }));
  const steps = (timeline?.results ?? []) as unknown as TimelineEntry[];
  const address = JSON.parse(row.address) as Record<string, string>;
  const asked = returnRequestOf(steps);
  const returnable = returnWindow(
    firstDeliveredAt(steps),
    lines,
    new Date(),
    asked?.outcome === "declined" ? (asked.decline_reason ?? "") : null,
  );
  const shipments = (shipped?.results ?? []) as unknown as ShipmentRow[];
  const pay = payment?.results[0] as (Omit<NonNullable<OrderView["payment"]>, "redirect_url"> & { ref: string | null }) | undefined;
  const view: OrderView = {
    id: row.id,
    status: row.status,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
    total: row.total,
    currency: "INR",
    address,
    items: lines.map(({ department, ...line }) => ({ ...line, return_days: returnDays(department) })),
    delivery_by: dueByOf(row, calendar.holidays),
    payment: pay
      ? {
          id: pay.id,
          method: pay.method,
          status: pay.status,
          amount: pay.amount,
          captured: pay.captured,
          refunded: pay.refunded,
          redirect_url: pay.status === "pending" ? paymentPageOf(pay.ref) : null,
        }
      : null,
    timeline: steps,
    return_window: {
      // An order is returned once: the window a return was asked in is spent, whatever the calendar says.
      state: asked && returnable.state !== "declined" ? "requested" : returnable.state,
      until: returnable.until,
      not_returnable: returnable.lines,
      decline_reason: returnable.state === "declined" ? returnable.reason : null,
    },
    return_request: asked ? { ...asked, ...returnScope(lines) } : null,
    shipment: shipmentOf(shipments),
  };
  return { owner: row.userId, order: view, shipments };
}

/** What a return takes back of these lines, and what it refunds. */
function returnScope(lines: Parameters<typeof returnRefund>[0]): ReturnScope {
  const { units, of } = returnedUnits(lines);
  return { units, of_units: of, refund_amount: returnRefund(lines) };
}

/**
 * A transition's actor as its shopper may see it: the role alone ("ops", "system"), never the
 * staff member's account id stored beside it for the audit.
 */
function actorRole(actor: string): string {
  const colon = actor.indexOf(":");
  return colon < 0 ? actor : actor.slice(0, colon);
}

/**
 * A cheap version stamp of an order for ETags (status, last change, transition count, latest
 * shipment, and for an order on its way the courier calendar its due day counts with): the order
 * page polls with If-None-Match and gets a 304 from one indexed read while nothing moves.
 */
export async function orderVersion(db: D1Database, orderId: string, userId: string): Promise<string | null> {
  const [row, calendar] = await Promise.all([
    db
      .prepare(
        `SELECT o.status, o.updated_at AS updatedAt, (SELECT COUNT(*) FROM order_transitions t WHERE t.order_id = o.id) AS n,
              (SELECT status FROM payments p WHERE p.order_id = o.id) AS payment,
              (SELECT MAX(s.id) FROM shipments s WHERE s.order_id = o.id) AS shipment
       FROM orders o WHERE o.id = ? AND o.user_id = ?`,
      )
      .bind(orderId, userId)
      .first<{ status: string; updatedAt: string; n: number; payment: string | null; shipment: number | null }>(),
    loadCourierCalendar(db),
  ]);
  // A shipment added or corrected after the move changes the order as the shopper sees it, not its
  // status; so does a courier closure on its way, which moves the day it is due by.
  const due = ON_ITS_WAY.has(row?.status ?? "") ? `.${calendarTag(calendar.holidays)}` : "";
  return row ? `W/"${row.status}.${row.n}.${row.payment ?? "none"}.${row.shipment ?? 0}.${Date.parse(row.updatedAt)}${due}"` : null;
}

/** Which way a list runs: newest first to look back, oldest first to work a queue in the order it filled. */
export const ORDER_SORTS = ["newest", "oldest"] as const;
export type OrderSort = (typeof ORDER_SORTS)[number];

/** A request for one page: its size and, after the first, where the previous page ended. */
export interface PageRequest {
  limit: number;
  cursor?: OrderPosition | undefined;
}

/** One page of an order list. */
export interface OrderPage<T> {
  items: T[];
  next_cursor: string | null;
}

/** The cursor scope of the shopper's own list (one sort only). */
export const MY_ORDERS_SCOPE = "mine";

/** The cursor scope of one ops list: a position is only meaningful within the same status and sort. */
export function opsListScope(status: OrderStatus, sort: OrderSort): string {
  return `ops:${status}:${sort}`;
}

/**
 * The keyset clause and ordering for a page: rows strictly past the cursor's (created_at, id), with
 * the id breaking ties between orders placed in the same millisecond.
 */
export function keyset(sort: OrderSort, cursor: OrderPosition | undefined): { after: string; order: string; binds: string[] } {
  const [cmp, dir] = sort === "newest" ? ["<", "DESC"] : [">", "ASC"];
  return {
    after: cursor ? ` AND (o.created_at, o.id) ${cmp} (?, ?)` : "",
    order: ` ORDER BY o.created_at ${dir}, o.id ${dir}`,
    binds: cursor ? [cursor.at, cursor.id] : [],
  };
}

/** A line as a shopper recognises it in their list: its product, title and picture. */
export interface LeadItem {
  product_id: string | null;
  title: string;
  image: string | null;
}

/** How many lines' pictures a row of my orders carries: a glance at the order, not its whole content. */
export const ORDER_PICTURES = 4;

/** A row of the shopper's own list: the summary, and what the order was, as a shopper remembers it. */
export interface MyOrderSummary extends OrderSummary {
  /** The costliest line (by line total, then listing id), or null for an order without lines. */
  lead_item: LeadItem | null;
  /** The first lines' pictures in the same order, the lead first: "the one with the charger in it". */
  item_images: LeadItem[];
  /** How many lines the order has: the list says "and 2 more" beside the lead. */
  lines: number;
  /** How many of its lines' products the shopper has not reviewed: the list offers a review while any is left. */
  unreviewed: number;
  /** Where the shopper completes a payment that waits for them; null otherwise. */
  payment_url: string | null;
  /** While the order is on its way, the day it is due by, as on its own page; null otherwise. */
  delivery_by: string | null;
}

/** The payment page of a payment the provider knows by `ref`, for a shopper to complete it. */
function paymentPageOf(ref: string | null): string | null {
  return ref ? `/psp-sandbox/pay/${ref}` : null;
}

// The costliest line leads: "a phone and a case" is remembered as the phone. Pictures are the
// products' as they are now, and a product since removed leaves its line the snapshotted title.
// One correlated subquery per row keeps the page one statement. Each picture carries its sort key
// and is put in order in TypeScript: an ORDER BY inside an aggregate needs SQLite 3.44, and the
// order rows reach json_group_array in is not promised by SQL.
const ITEM_IMAGES = `(SELECT json_group_array(json_object('product_id', product_id, 'title', title, 'image', image,
      'line_total', line_total, 'listing_id', listing_id))
    FROM (SELECT i.product_id, i.title, p.image, i.unit_price * i.qty AS line_total, i.listing_id
      FROM order_items i LEFT JOIN products p ON p.id = i.product_id
      WHERE i.order_id = o.id ORDER BY line_total DESC, i.listing_id LIMIT ${ORDER_PICTURES})) AS item_images,
  (SELECT COUNT(*) FROM order_items i WHERE i.order_id = o.id) AS lines,
  (SELECT COUNT(*) FROM order_items i WHERE i.order_id = o.id AND i.product_id IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.product_id = i.product_id AND r.user_id = o.user_id)) AS unreviewed`;

const MY_SUMMARY = `SELECT o.id, o.status, o.created_at, o.total, 'INR' AS currency,
  (SELECT COALESCE(SUM(qty), 0) FROM order_items i WHERE i.order_id = o.id) AS items,
  (SELECT p.provider_ref FROM payments p WHERE p.order_id = o.id AND p.status = 'pending') AS pending_ref,
  ${ITEM_IMAGES},
  ${DUE_INPUTS}
  FROM orders o`;

// Checked rather than cast: a query that drifts from the shape fails here, not in a shopper's page.
const ItemImages = z.array(
  z.object({
    product_id: z.string().nullable(),
    title: z.string(),
    image: z.string().nullable(),
    line_total: z.number(),
    listing_id: z.string(),
  }),
);

/** The pictures costliest line first (then by listing, as the lead is chosen), without their sort keys. */
export function inLineOrder(raw: string): LeadItem[] {
  return ItemImages.parse(JSON.parse(raw))
    .sort((a, b) => b.line_total - a.line_total || (a.listing_id < b.listing_id ? -1 : a.listing_id > b.listing_id ? 1 : 0))
    .map(({ product_id, title, image }) => ({ product_id, title, image }));
}

/** What a shopper narrows their list to: one group of statuses, one year (in India), or both. */
export interface MyOrdersFilter {
  status?: OrderGroup | undefined;
  year?: number | undefined;
}

/**
 * The cursor scope of the shopper's list with a filter: a position in the delivered orders of 2025
 * continues only that list. The unfiltered list keeps `MY_ORDERS_SCOPE`, so its links stay good.
 */
export function myOrdersScope(filter: MyOrdersFilter): string {
  if (!filter.status && !filter.year) return MY_ORDERS_SCOPE;
  return `${MY_ORDERS_SCOPE}:${filter.status ?? "all"}:${filter.year ?? "all"}`;
}

/**
 * The statement of one page of a shopper's list. Each filter narrows one index range, read newest
 * first without a sort: a group is an equality on `status_group` in `orders_user_group_idx`
 * (user, group, time, id), a year a range of creation times in it or in `orders_user_idx`.
 */
export function myOrdersStatement(userId: string, page: PageRequest & MyOrdersFilter): { sql: string; binds: Array<string | number> } {
  const k = keyset("newest", page.cursor);
  const where = ["o.user_id = ?"];
  const binds: Array<string | number> = [userId];
  if (page.status) {
    where.push("o.status_group = ?");
    binds.push(page.status);
  }
  if (page.year) {
    const { from, to } = yearRange(page.year);
    where.push("o.created_at >= ? AND o.created_at < ?");
    binds.push(from, to);
  }
  // Named, as the planner left to itself takes a year's range of orders_user_idx and reads every group in it.
  const from = page.status ? `${MY_SUMMARY} INDEXED BY orders_user_group_idx` : MY_SUMMARY;
  return { sql: `${from} WHERE ${where.join(" AND ")}${k.after}${k.order} LIMIT ?`, binds: [...binds, ...k.binds, page.limit + 1] };
}

/** A page of the shopper's orders, newest first, with the years they could look in. */
export interface MyOrderPageView extends OrderPage<MyOrderSummary> {
  years: number[];
}

/** A page of the shopper's orders, newest first, narrowed by `filter`. */
export async function listOrders(db: D1Database, userId: string, page: PageRequest & MyOrdersFilter): Promise<MyOrderPageView> {
  const { sql, binds } = myOrdersStatement(userId, page);
  // The first order's time is one seek at the start of the shopper's range in orders_user_idx.
  const [[listed, first], calendar] = await Promise.all([
    db.batch([db.prepare(sql).bind(...binds), db.prepare("SELECT MIN(created_at) AS at FROM orders WHERE user_id = ?").bind(userId)]),
    loadCourierCalendar(db),
  ]);
  const results = (listed?.results ?? []) as Array<
    Omit<MyOrderSummary, "lead_item" | "item_images" | "payment_url" | "delivery_by"> & {
      item_images: string;
      pending_ref: string | null;
    } & DueInputs
  >;
  const rows = results.map(({ pending_ref, line_origins, ready_at, to_pincode, ...r }) => {
    const images = inLineOrder(r.item_images);
    return {
      ...r,
      lead_item: images[0] ?? null,
      item_images: images,
      payment_url: paymentPageOf(pending_ref),
      delivery_by: dueByOf({ status: r.status, line_origins, ready_at, to_pincode }, calendar.holidays),
    };
  });
  const firstAt = (first?.results[0] as { at: string | null } | undefined)?.at ?? null;
  return { ...pageOf(rows, page.limit, myOrdersScope(page)), years: orderYears(firstAt) };
}

/** A row of the ops lists: what ops may do next depends on the money still held. */
export interface OpsOrderSummary extends OrderSummary {
  /** Captured money not yet refunded, in paise: only this much can be refunded. */
  refundable: number;
  /** Refunded by accepting a return whose goods are not received back yet. */
  return_awaited: boolean;
  /** The title of the costliest line, as the shopper's list leads with it; null for an order without lines. */
  lead_title: string | null;
  /** How many lines the order has. */
  lines: number;
  /** How the shopper chose to pay: a cash-on-delivery parcel is one the courier collects money for. */
  payment_method: PaymentMethod;
  /** While the order is on its way, the day it is due by, as the shopper was told; null otherwise. */
  delivery_by: string | null;
}

/**
 * The ops lists' row of an order `o`: what it is (the line it leads with, as the shopper's list
 * does, so a packer knows the parcel without opening it), how it is paid, and what money is left
 * to move on it, and the day it is due by, so a late parcel stands out.
 */
export const OPS_SUMMARY = `SELECT o.id, o.status, o.created_at, o.total, 'INR' AS currency,
  (SELECT COALESCE(SUM(qty), 0) FROM order_items i WHERE i.order_id = o.id) AS items,
  (SELECT i.title FROM order_items i WHERE i.order_id = o.id ORDER BY i.unit_price * i.qty DESC, i.listing_id LIMIT 1) AS lead_title,
  (SELECT COUNT(*) FROM order_items i WHERE i.order_id = o.id) AS lines,
  o.payment_method,
  COALESCE((SELECT MAX(p.captured_amount - p.refunded_amount, 0) FROM payments p WHERE p.order_id = o.id), 0) AS refundable,
  o.status = 'refunded' AND EXISTS (SELECT 1 FROM order_transitions t
    WHERE t.order_id = o.id AND t.from_status = 'return_requested' AND t.to_status = 'refunded') AS return_awaited,
  ${DUE_INPUTS}
  FROM orders o`;

/** A row as `OPS_SUMMARY` reads it. */
export type OpsSummaryRow = Omit<OpsOrderSummary, "return_awaited" | "delivery_by"> & { return_awaited: number } & DueInputs;

/** Rows read with `OPS_SUMMARY` as the API answers them, due days counted with `calendar`. */
export function opsSummaries(rows: OpsSummaryRow[], calendar: CourierCalendar): OpsOrderSummary[] {
  return rows.map(({ line_origins, ready_at, to_pincode, ...r }) => ({
    ...r,
    return_awaited: r.return_awaited === 1,
    delivery_by: dueByOf({ status: r.status, line_origins, ready_at, to_pincode }, calendar),
  }));
}

/** A page of the orders in one status: the ops console's queues and its look back at finished orders. */
export async function listOrdersByStatus(
  db: D1Database,
  status: OrderStatus,
  page: PageRequest & { sort: OrderSort },
): Promise<OrderPage<OpsOrderSummary>> {
  const k = keyset(page.sort, page.cursor);
  const [{ results }, calendar] = await Promise.all([
    db
      .prepare(`${OPS_SUMMARY} WHERE o.status = ?${k.after}${k.order} LIMIT ?`)
      .bind(status, ...k.binds, page.limit + 1)
      .all<OpsSummaryRow>(),
    loadCourierCalendar(db),
  ]);
  return pageOf(opsSummaries(results, calendar.holidays), page.limit, opsListScope(status, page.sort));
}
