import { consumeCatalogChanges } from "../catalog/consumer";
import { consumeInventoryJournal } from "../inventory/journal-consumer";
import { consumeOrderEvents } from "../orders/events-consumer";
import { deadLetterSource, keepDeadLetters } from "./dead-letters";
import type { Envelope } from "./outbox";

/** Routes a queue batch to its consumer by queue name; dead-letter queues' batches are kept in D1. */
export async function dispatchQueue(batch: MessageBatch<Envelope<unknown>>, env: Env, ctx: ExecutionContext): Promise<void> {
  switch (batch.queue) {
    case "catalog-changes":
      return consumeCatalogChanges(batch, env, ctx);
    case "order-events":
      return consumeOrderEvents(batch, env, ctx);
    case "inventory-journal":
      return consumeInventoryJournal(batch, env, ctx);
    default: {
      const source = deadLetterSource(batch.queue);
      if (source) return keepDeadLetters(batch, source, env.DB);
      console.error(JSON.stringify({ level: "error", message: "message on unknown queue", queue: batch.queue }));
      batch.retryAll();
    }
  }
}
