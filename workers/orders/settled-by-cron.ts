/**
 * Cancellations the minute crons settle, as SQL over an order `o`: those made after the payment
 * was authorized (a cancel from `created` is its saga's to finish).
 */
export const SETTLED_BY_CRON =
  "EXISTS (SELECT 1 FROM order_transitions t WHERE t.order_id = o.id AND t.to_status = 'cancelled' AND t.from_status <> 'created')";
