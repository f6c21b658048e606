import { loadCourierCalendar } from "../delivery/courier-calendar";
import { deliveryDateLabel, dispatchDate } from "../delivery/estimate";
import type { CourierCalendar } from "../delivery/holidays";
import { initialEmailStateSql, returnedIds } from "../notifications/email-delivery";
import type { ReturnCondition } from "../inventory/returns";
import { CHANNELS, type NotificationText, type Recorded, sentence, shortTitle } from "../orders/notifications";
import { money } from "../pages/format";
import { receiptConditionOf } from "../orders/return-receipt";
import { askedBackUnitsSql } from "../orders/return-lines";
import { RETURN_REASON_WORDS, parseRequestWords } from "../orders/return-reasons";
import type { OrderStatus } from "../orders/state-machine";
import type { OrderEvent } from "../orders/transitions";
import { nowIso } from "../platform/time";

/**
 * Messages to sellers about their part of an order: a new order to pack, an order cancelled before
 * it shipped, a return asked for and how it ended (accepted, declined, refunded after all once
 * declined, the goods back). Every user of each seller with lines in the order is told, of that
 * seller's lines only, in the same notifications table (and so the same Updates page and mail
 * delivery) as shoppers. They are the seller's work, not alerts: never capped, and mailed whatever
 * the user chose of stock alerts, as a shopper's messages about their own orders are.
 */

/** What each message to a seller is called. */
export const SELLER_ORDER_KINDS = [
  "seller_new_order",
  "seller_order_cancelled",
  "seller_return_requested",
  "seller_return_accepted",
  "seller_return_declined",
  "seller_return_received",
  "seller_refunded_after_decline",
] as const;

export type SellerOrderKind = (typeof SELLER_ORDER_KINDS)[number];

/**
 * Where the seller's order list shows just this order: on a busy day the list's first page has moved
 * on from it by the time the seller reads the message.
 */
export const sellerOrderPath = (orderId: string) => `/seller?order=${encodeURIComponent(orderId)}#orders`;

/** Where a seller follows the returns of its sales. */
export const SELLER_RETURNS_LINK = "/seller/returns";

/**
 * How a requested return ends, from the seller's side. A refund ops make of a delivered order on
 * their own (delivered → refunded) is not among them: no line was asked back, no goods come back,
 * and the seller's credit note already says its invoice was cancelled; unless they had declined its
 * return, which told its sellers the sale stands (`refundAfterDecline`).
 */
const RETURN_OUTCOMES: Partial<Record<OrderStatus, SellerOrderKind>> = {
  refunded: "seller_return_accepted",
  delivered: "seller_return_declined",
};

/** The kinds about a return: they name only the seller's lines asked back, and only their sellers are told. */
const ABOUT_A_RETURN: ReadonlySet<SellerOrderKind> = new Set([
  "seller_return_requested",
  "seller_return_accepted",
  "seller_return_declined",
  "seller_return_received",
  "seller_refunded_after_decline",
]);

/** Statuses a seller has been told of the order in and that still come before shipping. */
const TOLD_NOT_SHIPPED: ReadonlySet<OrderStatus> = new Set(["confirmed", "packed"]);

/**
 * What a transition tells the order's sellers, if anything. A cancellation is news only to sellers
 * told of the order, so only one from confirmed or packed: an order cancelled or failed before
 * payment never reached them.
 */
export function sellerOrderKind(from: OrderStatus | null, to: OrderStatus): SellerOrderKind | undefined {
  if (to === "confirmed") return "seller_new_order";
  if (to === "cancelled" && from !== null && TOLD_NOT_SHIPPED.has(from)) return "seller_order_cancelled";
  if (to === "return_requested") return "seller_return_requested";
  if (from === "return_requested") return RETURN_OUTCOMES[to];
  // Only a refund that accepted a return can be received back (`receiveReturn` refuses any other).
  if (from === "refunded" && to === "return_received") return "seller_return_received";
  return undefined;
}

/** One of the seller's lines as a message names it. */
export interface SellerLine {
  listing_id: string;
  title: string;
  qty: number;
  /** Units asked back, for a message about a return; null when the line is not coming back. */
  back: number | null;
  /** The line's worth as sold (unit price × quantity), in paise: the costliest leads. */
  value: number;
}

/** What a message to one seller is about. */
export interface SellerNotice {
  order_id: string;
  /** The seller's lines the message is about: all of them, or for a return those asked back. */
  lines: SellerLine[];
  /** The IST date (YYYY-MM-DD) the order must be handed to the courier by; null when unknown. */
  pack_by: string | null;
  /**
   * For a return request, the shopper's reason in the words they chose it by; for a decline, ops'
   * reason, which the shopper is shown too; null otherwise.
   */
  reason: string | null;
  /** For an accepted return, what the shopper is refunded for this seller's lines, in paise; null otherwise. */
  refund?: number | null;
  /** For goods received back, their condition as the receipt recorded it; null when unknown. */
  condition?: ReturnCondition | null;
}

/** The lines costliest first, as the shopper's messages and order list lead with the costliest. */
const byValue = (lines: readonly SellerLine[]) => [...lines].sort((a, b) => b.value - a.value || a.listing_id.localeCompare(b.listing_id));

/** "2 × Apple iPhone 15 (Black, 128GB)"; for a return, the units coming back, "1 of 2 ×" when not all. */
function lineWords(l: SellerLine, returning: boolean, cut = false): string {
  const title = cut ? shortTitle(l.title) : l.title;
  if (!returning || l.back === null || l.back >= l.qty) return `${returning ? (l.back ?? l.qty) : l.qty} × ${title}`;
  return `${l.back} of ${l.qty} × ${title}`;
}

/** The lines in a subject: the costliest, its title cut to fit an SMS, and "and 2 more items" for the rest. */
export function linesNamed(lines: readonly SellerLine[], returning = false): string {
  const [lead, ...rest] = byValue(lines);
  if (!lead) return "";
  const named = lineWords(lead, returning, true);
  return rest.length > 0 ? `${named} and ${rest.length} more ${rest.length === 1 ? "item" : "items"}` : named;
}

/** Every line in a body, in full: what the seller is to pack, or to expect back. */
export function linesListed(lines: readonly SellerLine[], returning = false): string {
  return byValue(lines)
    .map((l) => lineWords(l, returning))
    .join(", ");
}

/** The message each user of the seller receives: a subject short enough for an SMS, and the message itself. */
export function sellerOrderText(kind: SellerOrderKind, n: SellerNotice): NotificationText {
  const ref = `Order ${n.order_id}.`;
  switch (kind) {
    case "seller_new_order": {
      const by = n.pack_by ? ` Pack and hand over by ${deliveryDateLabel(n.pack_by)}.` : "";
      return {
        subject: `New order to pack: ${linesNamed(n.lines)}`,
        body: `New order to pack: ${linesListed(n.lines)}.${by} ${ref}`,
      };
    }
    case "seller_order_cancelled":
      return {
        subject: `Cancelled, don't ship: order ${n.order_id}`,
        body: `Don't pack or hand over ${linesListed(n.lines)}: the order was cancelled before it shipped. ${ref}`,
      };
    case "seller_return_requested": {
      const why = n.reason ? ` Reason: ${n.reason}.` : "";
      return {
        subject: `Return requested: ${linesNamed(n.lines, true)}`,
        body: `A shopper asked to send back ${linesListed(n.lines, true)}.${why} Ops accept or decline it; once accepted, the units come back to you. ${ref}`,
      };
    }
    case "seller_return_accepted": {
      const refund = n.refund ? `; the shopper is refunded ${money(n.refund)}` : "";
      return {
        subject: `Return accepted: ${linesNamed(n.lines, true)}`,
        body: `Return accepted: ${linesListed(n.lines, true)} ${backUnits(n.lines) === 1 ? "is" : "are"} coming back to you${refund}. ${ref}`,
      };
    }
    case "seller_return_declined": {
      const why = n.reason ? ` Reason: ${sentence(n.reason)}` : "";
      return {
        subject: `Return declined: ${linesNamed(n.lines, true)}`,
        body: `Return declined: the shopper keeps ${linesListed(n.lines, true)} and the sale stands.${why} ${ref}`,
      };
    }
    case "seller_refunded_after_decline":
      return {
        subject: `Refunded after all: ${linesNamed(n.lines)}`,
        body: `Refunded after all: the shopper was refunded in full after their return was declined, so the sale of ${linesListed(n.lines)} no longer stands. ${ref}`,
      };
    case "seller_return_received":
      return {
        subject: `Returned goods received: ${linesNamed(n.lines, true)}`,
        body: `Returned goods received: ${linesListed(n.lines, true)} reached the warehouse${RECEIVED_AS[n.condition ?? "unknown"]}. ${ref}`,
      };
  }
}

/** What became of returned goods, as the receipt recorded their condition. */
const RECEIVED_AS: Readonly<Record<ReturnCondition | "unknown", string>> = {
  sellable: " in sellable condition and went back on sale",
  damaged: " damaged: kept off sale",
  unknown: "",
};

/** How many units the lines send back. */
const backUnits = (lines: readonly SellerLine[]) => lines.reduce((n, l) => n + (l.back ?? l.qty), 0);

/** Where the message sends the seller in the console: its returns, or the order itself in its order list. */
export function sellerOrderLink(kind: SellerOrderKind, orderId: string): string {
  return ABOUT_A_RETURN.has(kind) ? SELLER_RETURNS_LINK : sellerOrderPath(orderId);
}

/**
 * The IST day a seller must hand an order over by: the dispatch day of when it was placed, which
 * every delivery date the shopper saw counts from, but never before the dispatch day of when it was
 * confirmed, since nothing can be packed before then. A prepaid order whose payment came through
 * after the cut-off (or days later, from a reconciled webhook) would otherwise be due on a day
 * already past. Never a Sunday or a day couriers close in `calendar` either.
 */
export function packByDate(placedAt: string, confirmedAt: string, calendar: CourierCalendar): string {
  // ISO dates sort as the days they name: the later one is last.
  return [dispatchDate(new Date(placedAt), calendar), dispatchDate(new Date(confirmedAt), calendar)].sort()[1] as string;
}

/** The event id of the message about a transition to one seller user: unique per transition and user. */
export const sellerEventId = (transitionId: number, userId: string) => `order-transition:${transitionId}:seller:${userId}`;

/** One seller's part of the order as the read returns it. */
interface SellerRow {
  seller_id: string;
  /** JSON array of SellerLine. */
  lines: string;
  /** JSON array of the seller's user ids. */
  users: string;
  placed_at: string;
  /**
   * The transition's recorded reason: for a return request, the shopper's reason and note; for a
   * decline, ops' reason; for a receipt, its words with the goods' condition.
   */
  reason: string | null;
  /** The seller's asked-back units at the price paid, in paise: its part of a return's refund. */
  refund: number;
}

/**
 * Records the messages an order event causes to its sellers, one per seller user and channel: one
 * read of the order's lines by seller with each seller's users, one batch of an insert per channel.
 * The (event, channel) unique index makes a redelivered or twice-relayed event record nothing.
 */
export async function notifySellersForEvent(db: D1Database, event: OrderEvent): Promise<Recorded> {
  const kind = sellerOrderKind(event.from, event.to) ?? (await refundAfterDecline(db, event));
  if (!kind) return { recorded: 0, ids: [] };
  // A refund after a decline takes every line back, so it names them all, but tells only the sellers told of the decline.
  const allLines = kind === "seller_refunded_after_decline";
  const returning = ABOUT_A_RETURN.has(kind) && !allLines;
  const { results: sellers } = await db
    .prepare(
      `SELECT i.seller_id,
         json_group_array(json_object('listing_id', i.listing_id, 'title', i.title, 'qty', i.qty,
           'back', ${askedBackUnitsSql("i")}, 'value', i.unit_price * i.qty)) AS lines,
         (SELECT json_group_array(r.user_id) FROM user_roles r WHERE r.seller_id = i.seller_id AND r.role = 'seller') AS users,
         (SELECT o.created_at FROM orders o WHERE o.id = ?1) AS placed_at,
         (SELECT t.reason FROM order_transitions t WHERE t.id = ?2 AND t.order_id = ?1) AS reason,
         SUM(i.unit_price * COALESCE(${askedBackUnitsSql("i")}, 0)) AS refund
       FROM order_items i
       WHERE i.order_id = ?1 AND (?3 = 0 OR i.return_requested_at IS NOT NULL)
       GROUP BY i.seller_id
       HAVING ?4 = 0 OR MAX(i.return_requested_at) IS NOT NULL`,
    )
    .bind(event.orderId, event.transitionId, returning ? 1 : 0, allLines ? 1 : 0)
    .all<SellerRow>();
  // Read only for a new order, whose message names the pack-by day: the other kinds name no date.
  const calendar = kind === "seller_new_order" ? await packingCalendar(db) : null;
  const messages = sellers.flatMap((row) => {
    const users = JSON.parse(row.users) as string[];
    if (users.length === 0) return [];
    const lines = (JSON.parse(row.lines) as SellerLine[]).filter((l) => !returning || (l.back ?? 0) > 0);
    if (lines.length === 0) return [];
    const text = sellerOrderText(kind, {
      order_id: event.orderId,
      lines,
      pack_by: calendar && row.placed_at ? packByDate(row.placed_at, event.at, calendar) : null,
      ...returnDetails(kind, row),
    });
    return users.map((user) => ({ event_id: sellerEventId(event.transitionId, user), user_id: user, ...text }));
  });
  if (messages.length === 0) return { recorded: 0, ids: [] };
  const now = nowIso();
  const results = await db.batch(
    CHANNELS.map((channel) =>
      db
        .prepare(
          `INSERT INTO notifications (event_id, channel, user_id, order_id, kind, subject, body, link, created_at, email_state)
           SELECT m.value ->> 'event_id', ?1, m.value ->> 'user_id', ?2, ?3, m.value ->> 'subject', m.value ->> 'body', ?4, ?5,
             ${initialEmailStateSql("?1")}
           FROM json_each(?6) m WHERE true
           ON CONFLICT (event_id, channel) DO NOTHING
           RETURNING id`,
        )
        .bind(channel, event.orderId, kind, sellerOrderLink(kind, event.orderId), now, JSON.stringify(messages)),
    ),
  );
  return { recorded: results.reduce((n, r) => n + r.meta.changes, 0), ids: returnedIds(results) };
}

/**
 * A refund ops make of a delivered order whose return they had declined: the sellers of the lines
 * asked back were told the sale stands, and must be told it no longer does. Any other refund of a
 * delivered order tells no seller (see RETURN_OUTCOMES).
 */
async function refundAfterDecline(db: D1Database, event: OrderEvent): Promise<SellerOrderKind | undefined> {
  if (event.from !== "delivered" || event.to !== "refunded") return undefined;
  const declined = await db
    .prepare("SELECT 1 FROM order_transitions WHERE order_id = ? AND from_status = 'return_requested' AND to_status = 'delivered' LIMIT 1")
    .bind(event.orderId)
    .first();
  return declined ? "seller_refunded_after_decline" : undefined;
}

/**
 * The courier calendar a pack-by day is counted with, or an error when the table could not be read.
 * A message once sent cannot be corrected, and one counted without the calendar could name a
 * festival day the seller cannot hand over on; the order-events queue retries the event with
 * backoff instead, which the (event, channel) unique index makes safe, and the seller is told a
 * few seconds later with the right day.
 */
async function packingCalendar(db: D1Database): Promise<CourierCalendar> {
  const loaded = await loadCourierCalendar(db);
  if (loaded.fallback) throw new Error("courier calendar not read; a pack-by day waits for it");
  return loaded.holidays;
}

/** What a message about a return adds to its lines, from the transition it tells of. */
function returnDetails(kind: SellerOrderKind, row: SellerRow): Pick<SellerNotice, "reason" | "refund" | "condition"> {
  switch (kind) {
    case "seller_return_requested":
      return { reason: returnReasonWords(row.reason) };
    case "seller_return_declined":
      return { reason: row.reason?.trim() || null };
    case "seller_return_accepted":
      return { reason: null, refund: row.refund };
    case "seller_return_received":
      return { reason: null, condition: row.reason ? receiptConditionOf(row.reason) : null };
    default:
      return { reason: null };
  }
}

/** The shopper's reason as they chose it ("Size or fit not right"), never their note: it may hold their phone or email. */
function returnReasonWords(recorded: string | null): string | null {
  const parsed = recorded ? parseRequestWords(recorded) : null;
  return parsed ? RETURN_REASON_WORDS[parsed.reason] : null;
}
