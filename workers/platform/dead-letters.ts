import { countsBySql } from "./count-sql";
import { retryDelaySeconds } from "./queue-retry";
import { nowIso } from "./time";

/**
 * What a queue gives up on is kept, not lost: each queue's dead-letter queue is consumed into the
 * `dead_letters` table (a dead-letter queue alone drops its messages after a few days), and so is
 * a message its consumer cannot read, at once; ops see them, and once the cause is fixed ops
 * replay them onto their queue. Every consumer applies a
 * message once (by outbox id, by the gate's (deal, seq), by event), so a replay is safe.
 */

/** The queues whose dead letters are kept, each with the producer binding that replays onto it. */
export const REPLAYABLE_QUEUES = {
  "catalog-changes": "CATALOG_CHANGES",
  "order-events": "ORDER_EVENTS",
  "inventory-journal": "INVENTORY_JOURNAL",
} as const satisfies Record<string, keyof Env>;

export type ReplayableQueue = keyof typeof REPLAYABLE_QUEUES;

export const REPLAYABLE_QUEUE_NAMES = Object.keys(REPLAYABLE_QUEUES) as [ReplayableQueue, ...ReplayableQueue[]];

const DLQ_SUFFIX = "-dlq";

/** The queue a dead-letter queue catches messages for, or null for any other queue. */
export function deadLetterSource(queueName: string): ReplayableQueue | null {
  if (!queueName.endsWith(DLQ_SUFFIX)) return null;
  const source = queueName.slice(0, -DLQ_SUFFIX.length);
  return Object.hasOwn(REPLAYABLE_QUEUES, source) ? (source as ReplayableQueue) : null;
}

/** Why the dead-letter queue's messages are kept: their consumer failed on every try. */
export const RETRIES_EXHAUSTED = "retries exhausted";

function keepStatement(db: D1Database, queue: ReplayableQueue, m: Message<unknown>, reason: string, now: string): D1PreparedStatement {
  return db
    .prepare("INSERT INTO dead_letters (queue, message_id, body, received_at, reason) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING")
    .bind(queue, m.id, JSON.stringify(m.body ?? null), now, reason);
}

/** Stores a dead-letter queue's batch; a redelivered message is stored once. Retried whole if D1 fails. */
export async function keepDeadLetters(batch: MessageBatch<unknown>, source: ReplayableQueue, db: D1Database): Promise<void> {
  const now = nowIso();
  try {
    await db.batch(batch.messages.map((m) => keepStatement(db, source, m, RETRIES_EXHAUSTED, now)));
  } catch (err) {
    console.error(JSON.stringify({ level: "error", message: "dead letters not stored; retrying", queue: source, error: String(err) }));
    for (const m of batch.messages) m.retry({ delaySeconds: retryDelaySeconds(m.attempts) });
    return;
  }
  console.error(JSON.stringify({ level: "error", message: "messages dead-lettered", queue: source, count: batch.messages.length }));
  batch.ackAll();
}

/** A message its consumer cannot read, and what is wrong with it. */
export interface Unreadable {
  message: Message<unknown>;
  why: string;
}

/**
 * Keeps messages their consumer cannot read (no envelope, a type it does not know, a body its
 * schema refuses) on their first delivery: retries cannot change them, and would only keep ops
 * waiting the hour before the dead-letter queue has them. Each is acked only once stored; if D1
 * fails they are retried as any failure is, so nothing acked is lost. Once a release reads them,
 * ops replay them like any dead letter.
 */
export async function keepUnreadable(db: D1Database, queue: ReplayableQueue, unreadable: Unreadable[]): Promise<void> {
  if (unreadable.length === 0) return;
  const now = nowIso();
  try {
    await db.batch(unreadable.map((u) => keepStatement(db, queue, u.message, `unreadable: ${u.why}`, now)));
  } catch (err) {
    console.error(JSON.stringify({ level: "error", message: "unreadable messages not stored; retrying", queue, error: String(err) }));
    for (const { message } of unreadable) message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
    return;
  }
  for (const { message, why } of unreadable) {
    console.error(JSON.stringify({ level: "error", message: "unreadable message dead-lettered", queue, id: message.id, why }));
    message.ack();
  }
}

/** One kept message, as ops see it. */
export interface DeadLetter {
  id: number;
  queue: ReplayableQueue;
  message_id: string;
  received_at: string;
  /** Why it was kept: its retries ran out, or its consumer could not read it. */
  reason: string;
  body: unknown;
}

/**
 * How many messages each queue keeps, as a statement to batch with others, counted up to `cap`
 * per queue when given one (see `countsBySql`); `countsByQueue` reads its rows. Naming the queues
 * makes it a range of dead_letters_queue_idx per queue.
 */
export function deadLetterCountsStatement(db: D1Database, cap?: number): D1PreparedStatement {
  return db.prepare(countsBySql({ from: "dead_letters", column: "queue" }, REPLAYABLE_QUEUE_NAMES, cap));
}

/** The rows of `deadLetterCountsStatement` as a count for every queue, 0 for a queue that keeps none. */
export function countsByQueue(rows: unknown[] | undefined): Record<ReplayableQueue, number> {
  const byQueue = Object.fromEntries(REPLAYABLE_QUEUE_NAMES.map((q) => [q, 0])) as Record<ReplayableQueue, number>;
  for (const row of (rows ?? []) as Array<{ queue: ReplayableQueue; n: number }>) byQueue[row.queue] = row.n;
  return byQueue;
}

/** How many messages each queue has dead-lettered, and the oldest `limit` of them. */
export async function listDeadLetters(
  db: D1Database,
  limit = 50,
): Promise<{ counts: Record<ReplayableQueue, number>; items: DeadLetter[] }> {
  const [counts, items] = await db.batch([
    deadLetterCountsStatement(db),
    db.prepare("SELECT id, queue, message_id, received_at, reason, body FROM dead_letters ORDER BY id LIMIT ?1").bind(limit),
  ]);
  return {
    counts: countsByQueue(counts?.results),
    items: ((items?.results ?? []) as Array<Omit<DeadLetter, "body"> & { body: string }>).map((r) => ({ ...r, body: JSON.parse(r.body) })),
  };
}

// A sendBatch takes at most 100 messages and 256 KB in all; a gate journal message alone can be 80 KB.
const SEND_MESSAGES = 100;
const SEND_BYTES = 200_000;

/** Groups messages, oldest first, into sendBatch calls under both limits. */
export function sendChunks<T extends { bytes: number }>(messages: T[], maxBytes = SEND_BYTES, maxMessages = SEND_MESSAGES): T[][] {
  const chunks: T[][] = [];
  let chunk: T[] = [];
  let bytes = 0;
  for (const m of messages) {
    if (chunk.length > 0 && (chunk.length >= maxMessages || bytes + m.bytes > maxBytes)) {
      chunks.push(chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.push(m);
    bytes += m.bytes;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

/**
 * Sends up to `limit` of a queue's kept messages back onto it, oldest first, and forgets them once
 * sent. A message sent whose row could not be deleted is sent again by the next replay, which its
 * consumer absorbs. Bodies are read a send at a time. Returns how many were replayed.
 */
export async function replayDeadLetters(env: Env, queue: ReplayableQueue, limit: number): Promise<number> {
  const { results } = await env.DB.prepare("SELECT id, length(body) AS bytes FROM dead_letters WHERE queue = ?1 ORDER BY id LIMIT ?2")
    .bind(queue, limit)
    .all<{ id: number; bytes: number }>();
  const producer = env[REPLAYABLE_QUEUES[queue]] as Queue;
  for (const chunk of sendChunks(results)) {
    const marks = chunk.map(() => "?").join(", ");
    const ids = chunk.map((r) => r.id);
    const { results: rows } = await env.DB.prepare(`SELECT id, body FROM dead_letters WHERE id IN (${marks}) ORDER BY id`)
      .bind(...ids)
      .all<{ id: number; body: string }>();
    await producer.sendBatch(rows.map((r) => ({ body: JSON.parse(r.body) })));
    await env.DB.prepare(`DELETE FROM dead_letters WHERE id IN (${marks})`)
      .bind(...ids)
      .run();
  }
  return results.length;
}
