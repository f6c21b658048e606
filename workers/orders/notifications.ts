import { nowIso } from "../platform/time";
import type { OrderEvent } from "./transitions";
import type { OrderStatus } from "./state-machine";

/** Channels every notification goes out on. */
export const CHANNELS = ["email", "sms"] as const;

/** The transitions a shopper is told about, and what the message is called. */
export const NOTIFY_ON: Partial<Record<OrderStatus, string>> = {
  confirmed: "order_confirmed",
  shipped: "order_shipped",
  delivered: "order_delivered",
  return_requested: "return_requested",
  refunded: "order_refunded",
};

/**
 * Moves out of a requested return, told as what they are to the shopper: "Return accepted, refund
 * of ₹X started" rather than a bare refund, and "Return declined: why" rather than a second
 * "Delivered".
 */
const RETURN_OUTCOMES: Partial<Record<OrderStatus, string>> = {
  refunded: "return_accepted",
  delivered: "return_declined",
};

/** What a transition's notification is called; undefined when the shopper is not told of it. */
export function notificationKind(from: OrderStatus | null, to: OrderStatus): string | undefined {
  return (from === "return_requested" ? RETURN_OUTCOMES[to] : undefined) ?? NOTIFY_ON[to];
}

/** At most this many notifications per shopper and channel per hour; a sale day must not become spam. */
export const NOTIFICATIONS_PER_HOUR = 10;

/**
 * Records the notifications an order event causes, one per channel. The (event, channel) UNIQUE
 * index makes a redelivered event a no-op, and the insert only happens while the shopper is under
 * the hourly limit. Returns how many were recorded.
 */
export async function notifyForEvent(db: D1Database, event: OrderEvent): Promise<number> {
  const kind = notificationKind(event.from, event.to);
  if (!kind) return 0;
  const now = nowIso();
  const hourAgo = new Date(Date.now() - 3600_000).toISOString();
  const eventId = `order-transition:${event.transitionId}`;
  const results = await db.batch(
    CHANNELS.map((channel) =>
      db
        .prepare(
          `INSERT INTO notifications (event_id, channel, user_id, order_id, kind, created_at)
           SELECT ?1, ?2, ?3, ?4, ?5, ?6
           WHERE (SELECT COUNT(*) FROM notifications WHERE user_id = ?3 AND channel = ?2 AND created_at > ?7) < ?8
           ON CONFLICT (event_id, channel) DO NOTHING`,
        )
        .bind(eventId, channel, event.userId, event.orderId, kind, now, hourAgo, NOTIFICATIONS_PER_HOUR),
    ),
  );
  return results.reduce((n, r) => n + r.meta.changes, 0);
}
