import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { consumeCatalogChanges } from "../../workers/catalog/consumer";
import type { Envelope } from "../../workers/platform/outbox";

/**
 * Delivers messages to the catalog consumer as the queue would and returns what it acked and
 * retried; `on` is the env it runs with, such as one whose queue records what it is sent.
 */
export async function deliver(messages: { envelope: Envelope<unknown>; attempts?: number }[], on: Env = env) {
  const batch = createMessageBatch<Envelope<unknown>>(
    "catalog-changes",
    messages.map((m, i) => ({ id: `msg-${m.envelope.outboxId}-${i}`, timestamp: new Date(), attempts: m.attempts ?? 1, body: m.envelope })),
  );
  const ctx = createExecutionContext();
  await consumeCatalogChanges(batch, on, ctx);
  return getQueueResult(batch, ctx);
}

/** Delivers a product's catalog changes from the outbox, as the relay would; those already applied are acked without work. */
export async function applyProductChanges(productId: string) {
  const { results } = await env.DB.prepare("SELECT id, payload FROM outbox WHERE topic = 'catalog' AND payload LIKE ? ORDER BY id")
    .bind(`%${productId}%`)
    .all<{ id: number; payload: string }>();
  return deliver(results.map((r) => ({ envelope: { outboxId: r.id, body: JSON.parse(r.payload) } })));
}
