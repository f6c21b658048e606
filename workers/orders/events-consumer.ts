import { applyOrderToRecommendations, reverseOrderFromRecommendations } from "../search/co-purchases";
import { type Unreadable, keepUnreadable } from "../platform/dead-letters";
import type { Envelope } from "../platform/outbox";
import { retryDelaySeconds } from "../platform/queue-retry";
import { mailRecorded } from "../notifications/email-delivery";
import { notifySellersForEvent } from "../sellers/order-notifications";
import { type Recorded, notifyForEvent } from "./notifications";
import { UNSOLD } from "./counter-reversal";
import { recordSale, reverseSale } from "./sales-analytics";
import type { OrderEvent } from "./transitions";

/**
 * Applies one order event for every consumer of the order-events queue. Each consumer is
 * idempotent on its own (the shopper's and the sellers' notifications by (event, channel), sales and recommendation counters by
 * a processed-message row in their own batch), so a redelivered or relayed-twice event is harmless.
 */
export async function applyOrderEvent(env: Env, event: OrderEvent): Promise<Recorded> {
  // The shopper's messages and its sellers' are recorded apart, each idempotent on its own rows.
  const [shopper, sellers] = await Promise.all([notifyForEvent(env.DB, event), notifySellersForEvent(env.DB, event)]);
  const recorded = { recorded: shopper.recorded + sellers.recorded, ids: [...shopper.ids, ...sellers.ids] };
  if (event.to === "confirmed") {
    await recordSale(env.DB, event);
    // "People also bought" and trending counters, owned by the search domain.
    await applyOrderToRecommendations(env.DB, event.orderId, event.at);
  } else if (UNSOLD.has(event.to)) {
    await reverseSale(env.DB, event);
    await reverseOrderFromRecommendations(env.DB, event.orderId, event.at);
  }
  return recorded;
}

/**
 * Applies order events: notifications, recommendation counters, sales analytics. Failures retry
 * with backoff, then go to the DLQ; an event this release cannot read is dead-lettered at once.
 * The emails the batch recorded are sent once every message is settled: a failed send leaves its
 * row for the minute cron's sweep and never retries the event, whose work is safe in D1.
 */
export async function consumeOrderEvents(batch: MessageBatch<Envelope<unknown>>, env: Env, _ctx: ExecutionContext): Promise<void> {
  const unreadable: Unreadable[] = [];
  const toMail: number[] = [];
  for (const message of batch.messages) {
    const event = message.body?.body as OrderEvent | undefined;
    if (event?.type !== "order.transition") {
      unreadable.push({ message, why: `not an order event (type ${JSON.stringify(event?.type ?? null)})` });
      continue;
    }
    try {
      toMail.push(...(await applyOrderEvent(env, event)).ids);
      message.ack();
    } catch (err) {
      console.error(
        JSON.stringify({ level: "warn", message: "order event failed; retrying", outboxId: message.body.outboxId, error: String(err) }),
      );
      message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
    }
  }
  await keepUnreadable(env.DB, "order-events", unreadable);
  await mailRecorded(env, toMail);
}
