import { initialEmailStateSql, returnedIds } from "../notifications/email-delivery";
import { clipAtWord } from "../platform/text";
import { listInWords } from "../platform/list-in-words";
import { ALERT_GROUPS } from "../notifications/preferences";
import { money } from "../pages/format";
import { nowIso } from "../platform/time";
import { loadCourierCalendar } from "../delivery/courier-calendar";
import { deliveryDateLabel } from "../delivery/estimate";
import { carrierName } from "./carriers";
import { DUE_INPUTS, type DueInputs, dueByOf } from "./due-date-columns";
import { opsMoveWords } from "./ops-move-words";
import type { OrderEvent } from "./transitions";
import type { OrderStatus } from "./state-machine";

/** Channels every notification goes out on. */
export const CHANNELS = ["email", "sms"] as const;

/** What a message says of its order, read once per event when it is sent. */
export interface NotifiedOrder {
  id: string;
  /** The order's total, in paise. */
  total: number;
  /** Money given back so far, in paise. */
  refunded: number;
  /** Why the move that caused the message was made, as its transition recorded it. */
  reason: string;
  /**
   * The costliest line's title as bought (the order list's headline), or null for an order without
   * lines; for a message about a return, of the lines sent back.
   */
  lead_title: string | null;
  /**
   * For a message about a return, the units of the lead line going back and how many were bought:
   * a shopper returning 1 of 3 is told so, not that the line went back.
   */
  lead_units?: { back: number; of: number } | null;
  /**
   * For a message about a return, every line going back, costliest first, with its units: each line
   * sent back in part is named as such in the body, not counted among "1 more item".
   */
  back_lines?: { title: string; back: number; of: number }[] | null;
  /** How many lines the order has; for a message about a return, how many were sent back. */
  lines: number;
  /** The courier and tracking number ops gave, when they did (as they shipped it, or since). */
  shipment?: { carrier: string; tracking_number: string } | null;
  /** Who made the move, as its event names them ("shopper:usr_…"): a cancellation tells the shopper's own from one made for them. */
  actor?: string;
  /** How the order was paid for, and where that payment stands, when the message reads them; null without a payment. */
  payment?: { method: string; status: string } | null;
  /** While the order is on its way, the day it is due by (as on its page); null or absent otherwise. */
  delivery_by?: string | null;
}

/** A message as the shopper receives it: a subject short enough for an SMS, and the message itself. */
export interface NotificationText {
  subject: string;
  body: string;
}

const REFUND_TIME = "Banks take up to 7 working days to show it.";

/** Titles longer than this are cut at a word in a subject, which must fit an SMS with the rest of its words. */
const SUBJECT_TITLE_CHARS = 48;

/** A title cut to `max` characters at a word boundary, with an ellipsis when anything was cut. */
export function shortTitle(title: string, max = SUBJECT_TITLE_CHARS): string {
  return clipAtWord(title, max);
}

/**
 * What the shopper bought, as the order list names it: the costliest line's title and "and 2 more
 * items" for the rest. A shopper with several orders in flight tells them apart by what is in them,
 * never by an id; the id stays in the body for a call to support.
 */
export function orderNamed(o: Pick<NotifiedOrder, "id" | "lead_title" | "lead_units" | "lines">, titleChars?: number): string {
  if (!o.lead_title) return `order ${o.id}`;
  const more = o.lines - 1;
  const title = `${someOf(o.lead_units)}${titleChars ? shortTitle(o.lead_title, titleChars) : o.lead_title}`;
  return more > 0 ? `${title} and ${more} more ${more === 1 ? "item" : "items"}` : title;
}

/** "1 of 3 × " before a line's title when only some of its units go back, as the sellers' messages write it. */
const someOf = (units: NotifiedOrder["lead_units"]) => (units && units.back < units.of ? `${units.back} of ${units.of} × ` : "");

/**
 * The lines a return sends back, in a body: each one, "1 of 3 × " before those going back in part,
 * as `orderNamed` writes the one line of a return of one. Several titles are cut as a subject cuts
 * its one, so the message stays short enough for an SMS.
 */
function returnNamed(o: NotifiedOrder): string {
  const lines = o.back_lines ?? [];
  if (lines.length < 2) return orderNamed(o);
  return listInWords(lines.map((l) => `${someOf(l)}${shortTitle(l.title)}`));
}

/** The verb that agrees with `orderNamed`: an order named with "and 2 more items" is several things. */
const several = (o: Pick<NotifiedOrder, "lead_title" | "lines">, one: string, many: string) => (o.lead_title && o.lines > 1 ? many : one);

/** "your Kettle", but "1 of 3 × Kettle" alone: "your 1 of 3" reads as if the shopper had only one. */
const yourReturn = (o: NotifiedOrder) => (someOf(o.back_lines?.[0] ?? o.lead_units) ? returnNamed(o) : `your ${returnNamed(o)}`);

/** The order's name in a subject: its lead title cut to fit. */
const inSubject = (o: NotifiedOrder) => orderNamed(o, SUBJECT_TITLE_CHARS);

/** Ops' words as a sentence of the message: they may or may not have ended it. */
export const sentence = (words: string) => (/[.!?]$/.test(words.trim()) ? words.trim() : `${words.trim()}.`);

/** " with Delhivery (AWB 1234567890123)" when the courier is known; nothing when it is not yet. */
const withCourier = (o: NotifiedOrder) => (o.shipment ? ` with ${o.shipment.carrier} (AWB ${o.shipment.tracking_number})` : "");

/** Who cancelled, and why when someone other than the shopper did and said why. */
function whoCancelled(o: NotifiedOrder): string {
  if (o.actor?.split(":")[0] === "shopper") return `You cancelled your order of ${orderNamed(o)}.`;
  const why = o.reason.trim();
  // Ops' move without words of their own records the generic ones, which say nothing more here.
  if (!why || why === opsMoveWords("cancelled")) return `We cancelled your order of ${orderNamed(o)}.`;
  return `We cancelled your order of ${orderNamed(o)}: ${sentence(why)}`;
}

/**
 * What becomes of the shopper's money once an order is cancelled. A captured payment's refund is a
 * message of its own, with its amount, once it starts; an authorization not yet taken is let go.
 */
function moneyAfterCancelling(payment: { method: string; status: string } | null): string {
  if (payment?.method === "cod") return "Nothing is due on delivery.";
  if (payment?.status === "captured" || payment?.status === "refunded")
    return "What you paid goes back to the way you paid: we'll tell you when the refund starts.";
  if (payment?.status === "authorized") return "The amount held for it is released to the way you paid.";
  return "Nothing was charged.";
}

/** ", arriving by Sun, 13 Dec" while the order is on its way; nothing once it is not, or where no day is known. */
const arriving = (o: NotifiedOrder) => (o.delivery_by ? `, arriving by ${deliveryDateLabel(o.delivery_by)}` : "");

/** The order's id at the end of a body, for a call to support. */
const ref = (o: NotifiedOrder) => `Order ${o.id}.`;

/**
 * Every message a shopper can be sent, by what it is called. Amounts are written as the site writes
 * them, so the message and the order page agree to the paisa.
 */
const MESSAGES = {
  order_confirmed: (o: NotifiedOrder) => ({
    subject: `Order confirmed: ${inSubject(o)}`,
    body: `Thank you: your order of ${orderNamed(o)} (${money(o.total)}) is confirmed${o.delivery_by ? ` and should reach you by ${deliveryDateLabel(o.delivery_by)}` : ""}. We'll tell you when it ships. ${ref(o)}`,
  }),
  order_cancelled: (o: NotifiedOrder) => ({
    subject: `Cancelled: ${inSubject(o)}`,
    body: `${whoCancelled(o)} ${moneyAfterCancelling(o.payment ?? null)} ${ref(o)}`,
  }),
  order_shipped: (o: NotifiedOrder) => ({
    subject: `Shipped: ${inSubject(o)}`,
    body: `Your ${orderNamed(o)} ${several(o, "is on its way", "are on their way")}${withCourier(o)}${arriving(o)}. Follow it on your order page. ${ref(o)}`,
  }),
  order_delivered: (o: NotifiedOrder) => ({
    subject: `Delivered: ${inSubject(o)}`,
    body: `Your ${orderNamed(o)} ${several(o, "was delivered", "were delivered")}. Something not right? You can ask to return ${several(o, "it", "them")} from your order page. ${ref(o)}`,
  }),
  return_requested: (o: NotifiedOrder) => ({
    subject: `Return requested: ${inSubject(o)}`,
    body: `We have your request to return ${yourReturn(o)}. We'll tell you what we decide. ${ref(o)}`,
  }),
  return_accepted: (o: NotifiedOrder) => ({
    subject: `Return accepted: refund of ${money(o.refunded)} started for ${inSubject(o)}`,
    body: `We accepted your return of ${returnNamed(o)} and started a refund of ${money(o.refunded)} to the way you paid. ${REFUND_TIME} ${ref(o)}`,
  }),
  return_declined: (o: NotifiedOrder) => ({
    subject: `Return declined: ${inSubject(o)}`,
    body: `We could not accept your return of ${returnNamed(o)}: ${sentence(o.reason)} ${ref(o)}`,
  }),
  order_refunded: (o: NotifiedOrder) => ({
    subject: `Refund of ${money(o.refunded)} started for ${inSubject(o)}`,
    body: `We started a refund of ${money(o.refunded)} for your ${orderNamed(o)} to the way you paid. ${REFUND_TIME} ${ref(o)}`,
  }),
  return_received: (o: NotifiedOrder) => ({
    subject: `Return received: ${inSubject(o)}`,
    body: `The items you sent back (${returnNamed(o)}) reached our warehouse. Thank you. ${ref(o)}`,
  }),
} satisfies Record<string, (o: NotifiedOrder) => NotificationText>;

/**
 * Messages about a return name the lines sent back, not the order's costliest line: a shopper who
 * returned the case of a phone-and-case order is told "Return accepted: ₹499 … for Spigen case".
 */
const ABOUT_THE_RETURN: ReadonlySet<string> = new Set(["return_requested", "return_accepted", "return_declined", "return_received"]);

/** What a notification is called. */
export type NotificationKind = keyof typeof MESSAGES;

/** The transitions a shopper is told about, and what the message is called. */
export const NOTIFY_ON: Partial<Record<OrderStatus, NotificationKind>> = {
  confirmed: "order_confirmed",
  cancelled: "order_cancelled",
  shipped: "order_shipped",
  delivered: "order_delivered",
  return_requested: "return_requested",
  refunded: "order_refunded",
  return_received: "return_received",
};

/**
 * Moves out of a requested return, told as what they are to the shopper: "Return accepted, refund
 * of ₹X started" rather than a bare refund, and "Return declined: why" rather than a second
 * "Delivered".
 */
const RETURN_OUTCOMES: Partial<Record<OrderStatus, NotificationKind>> = {
  refunded: "return_accepted",
  delivered: "return_declined",
};

/** What a transition's notification is called; undefined when the shopper is not told of it. */
export function notificationKind(from: OrderStatus | null, to: OrderStatus): NotificationKind | undefined {
  return (from === "return_requested" ? RETURN_OUTCOMES[to] : undefined) ?? NOTIFY_ON[to];
}

/** The message the shopper receives for a notification of `kind` about `order`. */
export function notificationText(kind: NotificationKind, order: NotifiedOrder): NotificationText {
  return MESSAGES[kind](order);
}

/**
 * At most this many alerts (a deal opening, a price drop, a product back in stock) per shopper and channel per hour: a sale
 * day must not become spam. Messages about the shopper's own orders are not alerts and are never
 * held back, nor do they use up the allowance: a shopper who placed ten orders is still told the
 * eleventh shipped, and still told the deal they saved opened.
 */
export const ALERTS_PER_HOUR = 10;

/** The kinds of message the hourly cap applies to: a shopper's alerts about their saved products. */
export const ALERT_KINDS = ALERT_GROUPS.saved_products;

/**
 * The SQL condition that a shopper is under the hourly cap of alerts on a channel: fewer than `cap`
 * alerts since `since`. Each argument is SQL (a parameter or a column); the count reads the
 * (user, channel, created_at) index, so it costs the shopper's last hour only.
 */
export function underHourlyCap(user: string, channel: string, since: string, cap: string): string {
  const kinds = ALERT_KINDS.map((k) => `'${k}'`).join(", ");
  return `(SELECT COUNT(*) FROM notifications WHERE user_id = ${user} AND channel = ${channel} AND created_at > ${since} AND kind IN (${kinds})) < ${cap}`;
}

/** What a writer of notifications recorded: how many rows, and their ids, for delivery to send. */
export interface Recorded {
  recorded: number;
  ids: number[];
}

const NOTHING: Recorded = { recorded: 0, ids: [] };

/**
 * Records the notifications an order event causes, one per channel, with the text sent. The
 * (event, channel) UNIQUE index makes a redelivered event a no-op (it records, and so returns, no
 * row). Never capped, and mailed whatever the shopper chose of alerts: these are about the
 * shopper's own orders (see ALERTS_PER_HOUR and notifications/preferences.ts).
 */
export async function notifyForEvent(db: D1Database, event: OrderEvent): Promise<Recorded> {
  const kind = notificationKind(event.from, event.to);
  if (!kind) return NOTHING;
  // The shipment is the order's latest, read with the rest: a message sent after ops corrected the
  // number names the corrected one.
  const row = await db
    .prepare(
      `SELECT o.id, o.total, COALESCE((SELECT p.refunded_amount FROM payments p WHERE p.order_id = o.id), 0) AS refunded,
         COALESCE((SELECT t.reason FROM order_transitions t WHERE t.id = ?2 AND t.order_id = o.id), '') AS reason,
         (SELECT json_array(i.title, i.return_quantity, i.qty) FROM order_items i WHERE i.order_id = o.id AND (?3 = 0 OR i.return_quantity > 0)
           ORDER BY i.unit_price * i.qty DESC, i.listing_id LIMIT 1) AS lead,
         (SELECT COUNT(*) FROM order_items i WHERE i.order_id = o.id AND (?3 = 0 OR i.return_quantity > 0)) AS lines,
         CASE WHEN ?3 = 1 THEN (SELECT json_group_array(json_array(b.title, b.return_quantity, b.qty)) FROM (
           SELECT i.title, i.return_quantity, i.qty FROM order_items i WHERE i.order_id = o.id AND i.return_quantity > 0
           ORDER BY i.unit_price * i.qty DESC, i.listing_id) b) END AS back,
         s.carrier, s.carrier_name, s.tracking_number, o.status, ${DUE_INPUTS},
         (SELECT p.method FROM payments p WHERE p.order_id = o.id) AS pay_method,
         (SELECT p.status FROM payments p WHERE p.order_id = o.id) AS pay_status
       FROM orders o LEFT JOIN shipments s ON s.id = (SELECT MAX(id) FROM shipments WHERE order_id = o.id)
       WHERE o.id = ?1`,
    )
    .bind(event.orderId, event.transitionId, ABOUT_THE_RETURN.has(kind) ? 1 : 0)
    .first<
      Omit<NotifiedOrder, "shipment" | "payment" | "actor" | "lead_title" | "lead_units" | "back_lines"> & {
        /** JSON [title, units asked back, units bought] of the lead line; null without lines. */
        lead: string | null;
        /** For a return, JSON [[title, units asked back, units bought], …] of every line going back. */
        back: string | null;
        carrier: string | null;
        carrier_name: string | null;
        tracking_number: string | null;
        pay_method: string | null;
        pay_status: string | null;
        status: string;
      } & DueInputs
    >();
  if (!row) return NOTHING;
  const {
    carrier,
    carrier_name,
    tracking_number,
    pay_method,
    pay_status,
    lead,
    back: backJson,
    status,
    line_origins,
    ready_at,
    to_pincode,
    ...rest
  } = row;
  const [lead_title, back, of] = lead ? (JSON.parse(lead) as [string, number | null, number]) : [null, null, 0];
  const lead_units = ABOUT_THE_RETURN.has(kind) && back !== null ? { back, of } : null;
  const back_lines = backJson
    ? (JSON.parse(backJson) as [string, number, number][]).map(([title, units, bought]) => ({ title, back: units, of: bought }))
    : null;
  const order = { ...rest, lead_title, lead_units, back_lines };
  const shipment = carrier && tracking_number ? { carrier: carrierName(carrier, carrier_name), tracking_number } : null;
  const payment = pay_method && pay_status ? { method: pay_method, status: pay_status } : null;
  // Worked out as the order's page works it out, so the message and the page name the same day. A
  // message cannot be corrected once sent: without the calendar it names no day rather than one too early.
  const calendar = line_origins ? await loadCourierCalendar(db) : null;
  const delivery_by = calendar && !calendar.fallback ? dueByOf({ status, line_origins, ready_at, to_pincode }, calendar.holidays) : null;
  const text = notificationText(kind, { ...order, shipment, payment, actor: event.actor, delivery_by });
  const now = nowIso();
  const eventId = `order-transition:${event.transitionId}`;
  const results = await db.batch(
    CHANNELS.map((channel) =>
      db
        .prepare(
          `INSERT INTO notifications (event_id, channel, user_id, order_id, kind, subject, body, link, created_at, email_state)
           VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ${initialEmailStateSql("?2")})
           ON CONFLICT (event_id, channel) DO NOTHING
           RETURNING id`,
        )
        .bind(
          eventId,
          channel,
          event.userId,
          event.orderId,
          kind,
          text.subject,
          text.body,
          `/orders/${encodeURIComponent(event.orderId)}`,
          now,
        ),
    ),
  );
  return { recorded: results.reduce((n, r) => n + r.meta.changes, 0), ids: returnedIds(results) };
}
