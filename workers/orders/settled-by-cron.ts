/**
 * Cancellations the minute crons settle, as SQL over an order `o`: those made after the payment
 * was authorized (a cancel from `created` is its saga's to finish).
 */
export const SETTLED_BY_CRON =
  "EXISTS (SELECT 1 FROM order_transitions t WHERE t.order_id = o.id AND t.to_status = 'cancelled' AND t.from_status <> 'created')";

/**
 * Orders whose sold units the minute cron puts back on the shelf, as SQL over an order `o`: the
 * cancellations it settles, and checkouts that failed once their payment was authorized. The saga
 * commits stock only then, so one whose commit was refused part way may have sold a line its
 * compensation found nothing to restock of yet.
 */
export const RESTOCKED_BY_CRON = `(${SETTLED_BY_CRON} OR EXISTS (SELECT 1 FROM order_transitions t WHERE t.order_id = o.id AND t.to_status = 'payment_failed' AND t.from_status = 'payment_authorized'))`;
