import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { outbox } from "../db/schema";
import type { Db } from "./context";
import { createDb } from "./db";
import { nowIso } from "./time";

/** Outbox topics and the queue each is relayed to. */
export type OutboxTopic = "catalog" | "order" | "journal";

/** Every queue message carries the outbox row id, which consumers use to deduplicate redelivery. */
export interface Envelope<T> {
  outboxId: number;
  body: T;
}

function queueFor(env: Env, topic: OutboxTopic): Queue {
  switch (topic) {
    case "catalog":
      return env.CATALOG_CHANGES;
    case "order":
      return env.ORDER_EVENTS;
    case "journal":
      return env.INVENTORY_JOURNAL;
  }
}

/**
 * The outbox insert for a change, to put in the same `db.batch` as the change itself,
 * so the change and its event commit or fail together.
 */
export function outboxInsert(db: Db, topic: OutboxTopic, body: unknown) {
  return db.insert(outbox).values({ topic, payload: JSON.stringify(body), createdAt: nowIso() });
}

/**
 * The outbox insert for a change made by the statement just before it in a D1 batch, as a raw
 * statement that writes the row only if that statement changed exactly one row: a refused
 * conditional change must not announce anything.
 */
export function outboxInsertAfterChange(d1: D1Database, topic: OutboxTopic, body: unknown): D1PreparedStatement {
  return d1
    .prepare("INSERT INTO outbox (topic, payload, created_at) SELECT ?1, ?2, ?3 WHERE changes() = 1")
    .bind(topic, JSON.stringify(body), nowIso());
}

/**
 * Sends pending outbox rows to their queues and marks them sent. Run right after a write
 * (in waitUntil) and by cron, so a failed send is retried; concurrent relays can send a row
 * twice, which consumers absorb by deduplicating on `outboxId`. Each topic is read on its own,
 * up to `limit` rows, so a queue that keeps failing leaves its rows pending without holding
 * back the other topics behind them.
 */
export async function relayOutbox(env: Env, limit = 500): Promise<number> {
  const db = createDb(env.DB);
  const pendingOf = (topic: OutboxTopic) =>
    db
      .select()
      .from(outbox)
      .where(and(eq(outbox.topic, topic), isNull(outbox.sentAt)))
      .orderBy(asc(outbox.id))
      .limit(limit);
  // One round trip: the relay runs after nearly every write.
  const pending = await db.batch([pendingOf("catalog"), pendingOf("order"), pendingOf("journal")]);
  let sent = 0;
  for (const rows of pending) {
    const topic = rows[0]?.topic;
    if (!topic) continue;
    // sendBatch takes at most 100 messages.
    for (let i = 0; i < rows.length; i += 100) {
      const chunk = rows.slice(i, i + 100);
      const ids = chunk.map((r) => r.id);
      try {
        await queueFor(env, topic).sendBatch(
          chunk.map((r) => ({ body: { outboxId: r.id, body: JSON.parse(r.payload) } satisfies Envelope<unknown> })),
        );
        await db
          .update(outbox)
          .set({ sentAt: nowIso() })
          .where(and(inArray(outbox.id, ids), isNull(outbox.sentAt)));
        sent += chunk.length;
      } catch (err) {
        await db
          .update(outbox)
          .set({ attempts: sql`${outbox.attempts} + 1` })
          .where(inArray(outbox.id, ids));
        console.error(JSON.stringify({ level: "warn", message: "outbox relay failed; cron will retry", topic, error: String(err) }));
      }
    }
  }
  return sent;
}

/**
 * Sends one outbox row its writer has just inserted and marks it sent, for a step that hands work
 * on and should not wait for the minute cron. A failed send leaves the row pending for the cron
 * to relay, so the work is late, never lost; true when it was sent.
 */
export async function relayRow(env: Env, topic: OutboxTopic, id: number, body: unknown): Promise<boolean> {
  try {
    await queueFor(env, topic).send({ outboxId: id, body } satisfies Envelope<unknown>);
  } catch (err) {
    console.error(JSON.stringify({ level: "warn", message: "outbox row send failed; cron will relay it", topic, id, error: String(err) }));
    return false;
  }
  await env.DB.prepare("UPDATE outbox SET sent_at = ?2 WHERE id = ?1 AND sent_at IS NULL").bind(id, nowIso()).run();
  return true;
}

/** Relays a write's outbox rows right after the answer; the minute cron retries what this fails to send. */
export function relaySoon(env: Env, ctx: Pick<ExecutionContext, "waitUntil">): void {
  ctx.waitUntil(
    relayOutbox(env).catch((err) => console.error(JSON.stringify({ level: "warn", message: "relay failed", error: String(err) }))),
  );
}

/** How many outbox rows wait to be relayed, as a statement to batch with others (one row, `n`); read from outbox_pending_idx. */
export function unrelayedCountStatement(d1: D1Database): D1PreparedStatement {
  return d1.prepare("SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL");
}

/** Deletes relayed rows older than a day so the table stays small. */
export async function pruneOutbox(db: Db): Promise<void> {
  const cutoff = new Date(Date.now() - 24 * 3600 * 1000).toISOString();
  await db.delete(outbox).where(sql`${outbox.sentAt} IS NOT NULL AND ${outbox.sentAt} < ${cutoff}`);
}
