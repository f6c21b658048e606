import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { type Envelope, relayOutbox } from "../../workers/platform/outbox";

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
});
