import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { consumeOrderEvents } from "../../workers/orders/events-consumer";
import type { OrderEvent } from "../../workers/orders/transitions";
import type { Envelope } from "../../workers/platform/outbox";

/** The order's events as its outbox holds them, oldest first, wrapped as the relay sends them. */
export async function eventsFor(orderId: string): Promise<Array<Envelope<OrderEvent>>> {
  const { results } = await env.DB.prepare("SELECT id, payload FROM outbox WHERE topic = 'order' AND payload LIKE ? ORDER BY id")
    .bind(`%${orderId}%`)
    .all<{ id: number; payload: string }>();
  return results.map((r) => ({ outboxId: r.id, body: JSON.parse(r.payload) as OrderEvent }));
}

/**
 * The events through the order-events consumer as one queue batch, each message new, with `into`
 * as its env; the live queue may deliver the same events too, which the consumer makes harmless.
 */
export async function deliver(envelopes: Array<Envelope<OrderEvent>>, into: Env = env) {
  const batch = createMessageBatch<Envelope<unknown>>(
    "order-events",
    envelopes.map((body, i) => ({ id: `m-${body.outboxId}-${i}-${Math.random()}`, timestamp: new Date(), attempts: 1, body })),
  );
  const ctx = createExecutionContext();
  await consumeOrderEvents(batch, into, ctx);
  return getQueueResult(batch, ctx);
}
