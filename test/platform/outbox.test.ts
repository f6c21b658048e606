import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { type Envelope, RELAY_CLAIM_MS, relayOutbox } from "../../workers/platform/outbox";

/** A queue that records what it was sent. */
function recordingQueue() {
  const sent: Envelope<unknown>[] = [];
  const queue = {
    sendBatch: async (messages: Array<{ body: Envelope<unknown> }>) => {
      sent.push(...messages.map((m) => m.body));
    },
  };
  return { sent, queue };
}

/** Marks whatever earlier tests left pending as sent, so a test counts only its own rows. */
async function nothingPending() {
  await env.DB.prepare("UPDATE outbox SET sent_at = ? WHERE sent_at IS NULL").bind(new Date().toISOString()).run();
}

async function addPending(topic: string, rows: number, payload: unknown) {
  await env.DB.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
     INSERT INTO outbox (topic, payload, created_at) SELECT ?2, ?3, ?4 FROM n`,
  )
    .bind(rows, topic, JSON.stringify(payload), new Date().toISOString())
    .run();
}

describe("outbox relay", () => {
  it("keeps relaying other topics while one topic's queue keeps failing with a full backlog", async () => {
    await addPending("order", 500, { type: "order.transition" });
    await addPending("catalog", 1, { type: "listing.changed" });
    const catalog = recordingQueue();
    const journal = recordingQueue();
    const broken = {
      sendBatch: async () => {
        throw new Error("queue unavailable");
      },
    };
    const on = { ...env, ORDER_EVENTS: broken, CATALOG_CHANGES: catalog.queue, INVENTORY_JOURNAL: journal.queue } as unknown as Env;

    expect(await relayOutbox(on)).toBe(1);
    expect(catalog.sent.map((m) => m.body)).toEqual([{ type: "listing.changed" }]);
    const left = await env.DB.prepare("SELECT topic, COUNT(*) AS n FROM outbox WHERE sent_at IS NULL GROUP BY topic").all();
    expect(left.results).toEqual([{ topic: "order", n: 500 }]);
  });

  it("sends each pending row once when many relays run at once, as after a burst of writes", async () => {
    await nothingPending();
    await addPending("catalog", 250, { type: "listing.changed" });
    const catalog = recordingQueue();
    const on = { ...env, CATALOG_CHANGES: catalog.queue } as unknown as Env;

    const counts = await Promise.all(Array.from({ length: 4 }, () => relayOutbox(on)));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(250);
    const ids = catalog.sent.map((m) => m.outboxId);
    expect(new Set(ids).size).toBe(250);
    expect(ids).toHaveLength(250);
    const left = await env.DB.prepare("SELECT COUNT(*) AS n FROM outbox WHERE topic = 'catalog' AND sent_at IS NULL").first("n");
    expect(left).toBe(0);
  });

  it("leaves rows another relay is sending alone, and sends them once that relay's claim has run out", async () => {
    await nothingPending();
    await addPending("catalog", 3, { type: "listing.changed" });
    // A relay took these rows and died before marking them sent.
    await env.DB.prepare("UPDATE outbox SET claimed_until = ? WHERE topic = 'catalog' AND sent_at IS NULL")
      .bind(new Date(Date.now() + RELAY_CLAIM_MS).toISOString())
      .run();
    const catalog = recordingQueue();
    const on = { ...env, CATALOG_CHANGES: catalog.queue } as unknown as Env;
    expect(await relayOutbox(on)).toBe(0);

    await env.DB.prepare("UPDATE outbox SET claimed_until = ? WHERE topic = 'catalog' AND sent_at IS NULL")
      .bind(new Date(Date.now() - 1).toISOString())
      .run();
    expect(await relayOutbox(on)).toBe(3);
    // Oldest first, as the consumer expects.
    const ids = catalog.sent.map((m) => m.outboxId);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it("gives a failed send's rows back at once, so the next relay sends them", async () => {
    await nothingPending();
    await addPending("order", 2, { type: "order.transition" });
    const broken = {
      sendBatch: async () => {
        throw new Error("queue unavailable");
      },
    };
    expect(await relayOutbox({ ...env, ORDER_EVENTS: broken } as unknown as Env)).toBe(0);
    const order = recordingQueue();
    expect(await relayOutbox({ ...env, ORDER_EVENTS: order.queue } as unknown as Env)).toBe(2);
    const attempts = await env.DB.prepare("SELECT attempts FROM outbox WHERE topic = 'order' ORDER BY id DESC LIMIT 2").all<{
      attempts: number;
    }>();
    expect(attempts.results.map((r) => r.attempts)).toEqual([1, 1]);
  });
});
