import type { Background } from "./background";
import { sql } from "drizzle-orm";
import { outbox } from "../db/schema";
import type { Db } from "./context";
import { countSql } from "./count-sql";
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
 * How long a relay has the rows it took to send them. Far longer than a send takes, so a row is
 * sent twice only when its relay died between sending and marking it; then the rows wait this
 * long for the next relay, late but never lost.
 */
export const RELAY_CLAIM_MS = 30_000;

/** Takes up to `limit` of a topic's pending rows no other relay has, oldest first, for `claimedUntil`. */
function claimPending(d1: D1Database, topic: OutboxTopic, limit: number, now: string, claimedUntil: string): D1PreparedStatement {
  return d1
    .prepare(
      `UPDATE outbox SET claimed_until = ?4 WHERE id IN (
         SELECT id FROM outbox WHERE topic = ?1 AND sent_at IS NULL AND (claimed_until IS NULL OR claimed_until <= ?3)
         ORDER BY id LIMIT ?2)
       RETURNING id, payload`,
    )
    .bind(topic, limit, now, claimedUntil);
}

const TOPICS: readonly OutboxTopic[] = ["catalog", "order", "journal"];

/**
 * Sends pending outbox rows to their queues and marks them sent. Run right after a write
 * (in waitUntil) and by cron, so a failed send is retried. On a sale day many writes each start
 * a relay at once; if each read the oldest pending rows they would all send the same ones, and
 * the queues would carry the backlog once per relay. So a relay first claims its rows, by one
 * conditional write per topic, and concurrent relays send disjoint rows; consumers still
 * deduplicate on `outboxId` for the rare row sent twice. Each topic is taken on its own, up to
 * `limit` rows, so a queue that keeps failing leaves its rows pending without holding back the
 * other topics behind them; a failed send gives its rows back at once for the next relay.
 */
export async function relayOutbox(env: Env, limit = 500): Promise<number> {
  const nowMs = Date.now();
  const now = new Date(nowMs).toISOString();
  const claimedUntil = new Date(nowMs + RELAY_CLAIM_MS).toISOString();
  // One round trip: the relay runs after nearly every write.
  const taken = await env.DB.batch<{ id: number; payload: string }>(
    TOPICS.map((topic) => claimPending(env.DB, topic, limit, now, claimedUntil)),
  );
  let sent = 0;
  for (const [t, topic] of TOPICS.entries()) {
    // RETURNING gives rows in no set order; consumers see each topic oldest first.
    const rows = (taken[t]?.results ?? []).sort((a, b) => a.id - b.id).map((r) => ({ id: r.id, body: JSON.parse(r.payload) as unknown }));
    sent += await sendRows(env, topic, rows, async (ids, err) => {
      await env.DB.prepare(
        "UPDATE outbox SET attempts = attempts + 1, claimed_until = NULL WHERE id IN (SELECT value FROM json_each(?1)) AND sent_at IS NULL",
      )
        .bind(ids)
        .run();
      console.error(JSON.stringify({ level: "warn", message: "outbox relay failed; cron will retry", topic, error: String(err) }));
    });
  }
  return sent;
}

/**
 * Sends rows to the topic's queue in order, a `sendBatch` call per hundred (its limit), and marks
 * each call's rows sent once it went through. A call that failed hands its row ids (a JSON array)
 * to `failed` and the rest go on. Returns how many rows were sent.
 */
async function sendRows(
  env: Env,
  topic: OutboxTopic,
  rows: ReadonlyArray<{ id: number; body: unknown }>,
  failed: (ids: string, err: unknown) => Promise<void>,
): Promise<number> {
  let sent = 0;
  for (let i = 0; i < rows.length; i += 100) {
    const chunk = rows.slice(i, i + 100);
    const ids = JSON.stringify(chunk.map((r) => r.id));
    try {
      await queueFor(env, topic).sendBatch(chunk.map((r) => ({ body: { outboxId: r.id, body: r.body } satisfies Envelope<unknown> })));
      await env.DB.prepare("UPDATE outbox SET sent_at = ?2 WHERE id IN (SELECT value FROM json_each(?1)) AND sent_at IS NULL")
        .bind(ids, nowIso())
        .run();
      sent += chunk.length;
    } catch (err) {
      await failed(ids, err);
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

/**
 * Sends outbox rows their writer has just inserted and marks them sent, as `relayRow` does for
 * one, for a step that writes many (a page of a seller's change). A failed send leaves its rows
 * pending for the cron to relay; returns how many were sent.
 */
export function relayRows(env: Env, topic: OutboxTopic, rows: ReadonlyArray<{ id: number; body: unknown }>): Promise<number> {
  return sendRows(env, topic, rows, async (_ids, err) => {
    console.error(JSON.stringify({ level: "warn", message: "outbox rows send failed; cron will relay them", topic, error: String(err) }));
  });
}

/** Relays a write's outbox rows right after the answer; the minute cron retries what this fails to send. */
export function relaySoon(env: Env, ctx: Background): void {
  ctx.waitUntil(
    relayOutbox(env).catch((err) => console.error(JSON.stringify({ level: "warn", message: "relay failed", error: String(err) }))),
  );
}

/**
 * How many outbox rows wait to be relayed, as a statement to batch with others (one row, `n`),
 * counted up to `cap` when given one (see `countSql`); read from outbox_pending_idx.
 */
export function unrelayedCountStatement(d1: D1Database, cap?: number): D1PreparedStatement {
  return d1.prepare(countSql({ from: "outbox", where: "sent_at IS NULL" }, cap));
}

/** Deletes relayed rows older than a day so the table stays small. */
export async function pruneOutbox(db: Db): Promise<void> {
  const cutoff = new Date(Date.now() - 24 * 3600 * 1000).toISOString();
  await db.delete(outbox).where(sql`${outbox.sentAt} IS NOT NULL AND ${outbox.sentAt} < ${cutoff}`);
}
