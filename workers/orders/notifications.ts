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
  refunded: "order_refunded",
};

/** At most this many notifications per shopper and channel per hour; a sale day must not become spam. */
export const NOTIFICATIONS_PER_HOUR = 10;

/**
 * Records the notifications an order event causes, one per channel. The (event, channel) UNIQUE
 * index makes a redelivered event a no-op, and the insert only happens while the shopper is under
 * the hourly limit. Returns how many were recorded.
 */
export async function notifyForEvent(db: D1Database, event: OrderEvent): Promise<number> {
  const kind = NOTIFY_ON[event.to];
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
