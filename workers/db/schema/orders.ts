import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/**
 * The shopper's group of an order's status: `in_progress` until delivered, `delivered`,
 * `returns` (a return asked for, refunded or received back, or a delivered order refunded by
 * ops) and `cancelled` (cancelled, its payment failed, or refunded after a cancellation: only a
 * cancellation gives stock back, and it records that before the money). The status values are
 * `ORDER_STATUSES`; the schema keeps this SQL so that the generated column and its migration
 * need nothing else.
 */
export const STATUS_GROUP_SQL = sql.raw(`CASE
  WHEN status = 'delivered' THEN 'delivered'
  WHEN status IN ('cancelled', 'payment_failed') OR (status = 'refunded' AND cancel_restocked_at IS NOT NULL) THEN 'cancelled'
  WHEN status IN ('return_requested', 'refunded', 'return_received') THEN 'returns'
  ELSE 'in_progress' END`);

/** Orders; (user_id, idempotency_key) is UNIQUE so one checkout key makes at most one order. */
export const orders = sqliteTable(
  "orders",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull(),
    status: text("status").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    subtotal: integer("subtotal").notNull(),
    total: integer("total").notNull(),
    currency: text("currency").notNull().default("INR"),
    address: text("address", { mode: "json" }).$type<Record<string, string>>().notNull(),
    paymentMethod: text("payment_method").notNull(),
    dealId: text("deal_id"),
    sagaId: text("saga_id"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
    /**
     * When a cancellation's stock and money were both given back. Unset is the safe default: a
     * cancel that dies between its steps leaves the order unsettled, and the minute cron finishes it.
     */
    cancelSettledAt: text("cancel_settled_at"),
    /**
     * When a cancellation's stock was all given back, so a retry waiting on the money does not
     * give it back again. Unset until then: a cancel that dies mid-way redoes the stock step,
     * which is idempotent.
     */
    cancelRestockedAt: text("cancel_restocked_at"),
    /** How often the cron tried to settle this cancellation and failed; sets when it tries next. */
    cancelAttempts: integer("cancel_attempts").notNull().default(0),
    /** When the cron next tries to settle this cancellation; unset is due now. */
    cancelRetryAt: text("cancel_retry_at"),
    /**
     * When the minute cron next looks at this order's checkout saga. Checkout sets it, and the saga
     * clears it when it has nothing more to do, so only orders whose saga may be stuck are ever due.
     */
    sagaCheckAt: text("saga_check_at"),
    /** How often the cron found the saga stuck and tried to start it again; sets when it looks next. */
    sagaResumes: integer("saga_resumes").notNull().default(0),
    /**
     * When the restock cron found nothing of this ended order left to put back on the shelf (see
     * `finishRestocks`). Unset until then however long that takes: a sale that reaches the ledger
     * days late is still restocked.
     */
    restocksDoneAt: text("restocks_done_at"),
    /** When the restock cron last worked on this order; the least recently worked on go first. */
    restocksTriedAt: text("restocks_tried_at"),
    /**
     * Set on an order that shipped before tax invoicing existed and still owes an invoice or a credit
     * note; the minute cron issues them and clears it. An order shipped since is invoiced in the batch
     * that ships it and never sets it.
     */
    invoicesOwed: integer("invoices_owed").notNull().default(0),
    /**
     * The delivery address's phone as a 10-digit Indian mobile number (see `normalizePhone`), kept
     * beside the address JSON so ops can find a caller's orders through an index. Checkout writes
     * it; null only where the address held no number that normalizes.
     */
    phone: text("phone"),
    /**
     * The group a shopper finds the order under in their list (`STATUS_GROUP_SQL`): computed by
     * SQLite from the status, never written, so no transition can leave it behind.
     */
    statusGroup: text("status_group").generatedAlwaysAs(STATUS_GROUP_SQL, { mode: "virtual" }),
  },
  (t) => [
    uniqueIndex("orders_user_idem_uq").on(t.userId, t.idempotencyKey),
    // The id breaks ties of created_at as the lists' keyset does, so a page of one shopper's orders
    // (theirs, or ops finding them by email) is read in order from here without a sort.
    index("orders_user_idx").on(t.userId, t.createdAt, t.id),
    // Ops find the orders delivered to a caller's phone number, newest first, from one range here.
    // A shopper's orders in one group of their list ("cancelled", "delivered", ...), read newest
    // first as one range of this index, with a year a narrower range of the same.
    index("orders_user_group_idx").on(t.userId, t.statusGroup, t.createdAt, t.id),
    index("orders_phone_idx").on(t.phone, t.createdAt, t.id),
    // Keyset pages of one status (the ops console) read this index in order, newest or oldest first.
    index("orders_status_created_idx").on(t.status, t.createdAt, t.id),
    // Only a status change writes updated_at, so it says since when an order is in its status: the
    // ops overview finds the order longest in a queue (waiting to be packed, a return waiting for
    // a decision) with one seek here instead of reading the whole queue.
    index("orders_status_updated_idx").on(t.status, t.updatedAt),
    // Only cancellations still to settle (and refunds, which share the status) are in it, so the
    // cron's look at the last day never reads the settled ones again.
    index("orders_cancel_unsettled_idx")
      .on(t.updatedAt)
      .where(sql`${t.status} IN ('cancelled', 'refunded') AND ${t.cancelSettledAt} IS NULL`),
    // Only orders whose saga has not ended are in it, so the cron's look never reads settled orders.
    index("orders_saga_check_idx").on(t.sagaCheckAt).where(sql`${t.sagaCheckAt} IS NOT NULL`),
    // Only ended orders the restock cron has not found done with are in it, in the order it takes
    // them, so its look each minute never reads the orders of the past again.
    index("orders_restocks_owed_idx")
      .on(t.restocksTriedAt, t.createdAt)
      .where(sql`${t.status} IN ('cancelled', 'refunded', 'payment_failed') AND ${t.restocksDoneAt} IS NULL`),
    // Only orders still owed their tax documents are in it, so the invoicing backfill's look each
    // minute reads those few and never the shipped orders of the past.
    index("orders_invoices_owed_idx").on(t.createdAt, t.id).where(sql`${t.invoicesOwed} = 1`),
  ],
);

/**
 * Order lines, with price and title snapshotted at checkout. `created_at` repeats the order's, so a
 * seller's lines page newest first from one index range however many orders the seller has.
 */
export const orderItems = sqliteTable(
  "order_items",
  {
    orderId: text("order_id")
      .notNull()
      .references(() => orders.id),
    listingId: text("listing_id").notNull(),
    productId: text("product_id").notNull(),
    sellerId: text("seller_id").notNull(),
    title: text("title").notNull(),
    qty: integer("qty").notNull(),
    unitPrice: integer("unit_price").notNull(),
    mrp: integer("mrp").notNull(),
    dealId: text("deal_id"),
    reservationId: text("reservation_id"),
    // A column added to a filled table needs a default; the migration copies each order's time in.
    createdAt: text("created_at").notNull().default(""),
    /**
     * When the shopper asked to return the order this line is in, repeated from the transition log
     * (which stays the one record of the request and its reason) so that a seller's returns are one
     * index range. Set in the batch that moves the order; unset on a line never asked back.
     */
    returnRequestedAt: text("return_requested_at"),
    /**
     * How many of the line's units the shopper asked to send back (1 to `qty`), stamped with
     * `return_requested_at`; unset on a line never asked back. The refund, the credit notes and the
     * units put back on sale are all this many, not the line's `qty`.
     */
    returnQuantity: integer("return_quantity"),
    /**
     * The listing's own price (paise) when the order was placed, before any deal: on a deal line,
     * what the deal gave away per unit is this less `unit_price`. Unset on lines from before it was kept.
     */
    listPrice: integer("list_price"),
    /**
     * While the order is to leave its sellers (confirmed or packed): when it became ready to pack, the
     * later of its placing and its confirmation, which its hand-over day counts from. Kept by the batch
     * of every status change, so a seller's orders still to ship are one range of their own index,
     * whatever their history or the rest of the marketplace's backlog.
     */
    readyToShipAt: text("ready_to_ship_at"),
  },
  (t) => [
    primaryKey({ columns: [t.orderId, t.listingId] }),
    // A seller's lines still to ship, oldest ready first: their late and due-today lists.
    index("order_items_seller_to_ship_idx").on(t.sellerId, t.readyToShipAt, t.orderId).where(sql`${t.readyToShipAt} IS NOT NULL`),
    index("order_items_seller_idx").on(t.sellerId, t.createdAt, t.orderId),
    // A seller's lines of one product newest first: its console's orders while it shows that product.
    index("order_items_seller_product_idx").on(t.sellerId, t.productId, t.createdAt, t.orderId),
    // A seller's returned lines newest first: only lines asked back are in it, so the seller's returns
    // page and their count of returns awaiting a decision never read the many lines that stayed sold.
    index("order_items_seller_returns_idx").on(t.sellerId, t.returnRequestedAt, t.orderId).where(sql`${t.returnRequestedAt} IS NOT NULL`),
    // Deal lines by their gate hold, for a sale that reaches the ledger after its order was cancelled.
    index("order_items_deal_hold_idx").on(t.reservationId).where(sql`${t.dealId} IS NOT NULL`),
    // A deal's lines in the order they were placed, so its results read its own lines and no others.
    index("order_items_deal_idx").on(t.dealId, t.createdAt).where(sql`${t.dealId} IS NOT NULL`),
  ],
);

/** Every order state change, with who made it and why: the shopper's timeline and the audit trail. */
export const orderTransitions = sqliteTable(
  "order_transitions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orderId: text("order_id")
      .notNull()
      .references(() => orders.id),
    fromStatus: text("from_status"),
    toStatus: text("to_status").notNull(),
    actor: text("actor").notNull(),
    reason: text("reason").notNull().default(""),
    at: text("at").notNull(),
  },
  (t) => [index("transitions_order_idx").on(t.orderId, t.id)],
);

/**
 * How an order travels: the courier and its tracking number, one row per setting. The latest row of
 * an order is its shipment; the rows before it are the corrections' audit trail (who set what, when),
 * so nothing is ever updated or deleted here. Written in the batch that ships the order, or later by
 * ops adding or correcting it.
 */
export const shipments = sqliteTable(
  "shipments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orderId: text("order_id")
      .notNull()
      .references(() => orders.id),
    /** A carrier of `CARRIERS` (workers/orders/carriers.ts), or `other`. */
    carrier: text("carrier").notNull(),
    /** The courier's name as ops gave it, for `other` only: the list's carriers are named by code. */
    carrierName: text("carrier_name"),
    trackingNumber: text("tracking_number").notNull(),
    /** Who set it, as transitions record actors (`ops:<user id>`). */
    actor: text("actor").notNull(),
    at: text("at").notNull(),
  },
  // An order's rows in the order they were set: its shipment is the last, read with one seek. By
  // courier and AWB: one parcel's number is not given to a second order.
  (t) => [index("shipments_order_idx").on(t.orderId, t.id), index("shipments_awb_idx").on(t.carrier, t.trackingNumber)],
);

/** Payments with the provider's reference; the idempotency key makes a replayed authorize a no-op. */
export const payments = sqliteTable(
  "payments",
  {
    id: text("id").primaryKey(),
    orderId: text("order_id")
      .notNull()
      .references(() => orders.id),
    provider: text("provider").notNull(),
    providerRef: text("provider_ref"),
    method: text("method").notNull(),
    status: text("status").notNull(),
    amount: integer("amount").notNull(),
    capturedAmount: integer("captured_amount").notNull().default(0),
    refundedAmount: integer("refunded_amount").notNull().default(0),
    idempotencyKey: text("idempotency_key").notNull().unique(),
    // One refund at a time per payment: who holds it and until when (see workers/payments/refund-lease.ts).
    refundLease: text("refund_lease"),
    refundLeaseUntil: text("refund_lease_until"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [index("payments_order_idx").on(t.orderId), index("payments_provider_ref_idx").on(t.providerRef)],
);

/** Provider webhook events already applied; a replayed event id is a no-op. */
export const paymentEvents = sqliteTable("payment_events", {
  eventId: text("event_id").primaryKey(),
  paymentId: text("payment_id"),
  type: text("type").notNull(),
  receivedAt: text("received_at").notNull(),
});

/** Idempotency records for unsafe requests, scoped per shopper and kept at least 24 hours. */
export const idempotencyKeys = sqliteTable(
  "idempotency_keys",
  {
    scope: text("scope").notNull(),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    state: text("state", { enum: ["in_flight", "done"] }).notNull(),
    responseStatus: integer("response_status"),
    responseBody: text("response_body"),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] }), index("idem_expiry_idx").on(t.expiresAt)],
);

/**
 * Notifications sent per channel; (event_id, channel) dedupes redelivered events. Order events
 * name their order; wishlist alerts (a deal opening, a price drop) name none.
 */
export const notifications = sqliteTable(
  "notifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    eventId: text("event_id").notNull(),
    channel: text("channel").notNull(),
    userId: text("user_id").notNull(),
    orderId: text("order_id"),
    kind: text("kind").notNull(),
    /** What the shopper was sent: a short subject and the message. Empty on rows from before texts were kept. */
    subject: text("subject").notNull().default(""),
    body: text("body").notNull().default(""),
    /** The page the message is about (an order, a deal, a product), a path on this site. */
    link: text("link"),
    createdAt: text("created_at").notNull(),
    /**
     * Where an email row is in its delivery (`EMAIL_STATES`): `pending` until the provider accepts
     * it, then `sent`; `failed` once given up. Unset on SMS rows, which are only recorded. Rows
     * written before mail was sent are `before_delivery`, so an upgrade does not mail history.
     */
    emailState: text("email_state"),
    /** When the provider accepted the mail, and the Message-ID it gave it. */
    sentAt: text("sent_at"),
    messageId: text("message_id"),
    /** Sends tried and failed; at the limit the row is given up. */
    sendAttempts: integer("send_attempts").notNull().default(0),
    /**
     * No deliverer takes the row before this time: a deliverer's claim while it sends, or the
     * back-off after a failed send. Unset is due now.
     */
    sendClaimedUntil: text("send_claimed_until"),
    /** Why the last send failed, cut short; kept on a given-up row for ops. */
    sendError: text("send_error"),
    /**
     * When the row was given up (`failed`); cleared when it is sent again. Ops send again every mail
     * given up during a provider outage by this time. Rows given up before it was kept carry the
     * earliest time they can have been (when recorded, or last sent again).
     */
    givenUpAt: text("given_up_at"),
    /**
     * Who last sent a given-up row again and when, as order transitions record actors
     * (`ops:<user id>`): the row's own history, as a mail has no other trail.
     */
    resentBy: text("resent_by"),
    resentAt: text("resent_at"),
    /**
     * Where an email row goes when it must not follow the account's address: the notice of an email
     * change, to the address it was changed from, and the confirmation of an account's deletion, sent
     * after the address on the account was erased. Unset on every other row, which goes to the
     * account's address as it is when sent. Cleared once the mail is sent; kept on a given-up row, so
     * ops sending an outage's mails again still reach it.
     */
    toEmail: text("to_email"),
  },
  (t) => [
    uniqueIndex("notifications_event_channel_uq").on(t.eventId, t.channel),
    // Only mails still to send are in it, oldest first, so deliverers and the ops count never read
    // the sent history; given-up mails have their own, for the ops count of them.
    index("notifications_email_pending_idx").on(t.id).where(sql`${t.emailState} = 'pending'`),
    index("notifications_email_failed_idx").on(t.id).where(sql`${t.emailState} = 'failed'`),
    // The given-up mails again, by when they were given up: sending an outage's mails again reads one range of it.
    index("notifications_email_given_up_idx").on(t.givenUpAt, t.id).where(sql`${t.emailState} = 'failed'`),
    index("notifications_user_idx").on(t.userId),
    // The ops order page lists an order's messages newest first; alerts name no order and stay out.
    index("notifications_order_idx").on(t.orderId, t.id).where(sql`${t.orderId} IS NOT NULL`),
    // The hourly cap counts a shopper's recent rows per channel, and the inbox pages them newest first.
    index("notifications_user_channel_created_idx").on(t.userId, t.channel, t.createdAt, t.id),
  ],
);
