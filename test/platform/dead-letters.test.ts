import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Envelope } from "../../workers/platform/outbox";
import { sendChunks } from "../../workers/platform/dead-letters";
import { dispatchQueue } from "../../workers/platform/queues";
import { createTestUser } from "../helpers/accounts";
import { dealAllocation } from "../helpers/deal-allocation";
import { consolePost } from "../helpers/forms";
import { api } from "../helpers/http";

async function deadLetter(queue: string, messages: Array<{ id: string; body: unknown }>, on: Env = env) {
  const batch = createMessageBatch<Envelope<unknown>>(
    queue,
    messages.map((m) => ({ id: m.id, timestamp: new Date(), attempts: 1, body: m.body as Envelope<unknown> })),
  );
  const ctx = createExecutionContext();
  await dispatchQueue(batch, on, ctx);
  return getQueueResult(batch, ctx);
}

/** A listing with a deal allocation, and the gate journal batch that books one of its units sold. */
async function dealSale(dealId: string) {
  const f = await dealAllocation(dealId, { available: 10, units: 3 });
  const at = new Date().toISOString();
  const body = {
    outboxId: 0,
    body: {
      source: "sku-gate",
      dealId,
      skuId: f.listingId,
      warehouseId: f.warehouseId,
      entries: [{ seq: 1, kind: "commit", reservationId: "r1", qty: 1, at }],
    },
  };
  return { f, body };
}

/** The app's env with a D1 that refuses every batch, as during an outage. */
function refusingD1(): Env {
  return {
    ...env,
    DB: new Proxy(env.DB, {
      get(target, prop) {
        if (prop === "batch") return () => Promise.reject(new Error("D1 unavailable"));
        const value = Reflect.get(target, prop);
        return typeof value === "function" ? value.bind(target) : value;
      },
    }),
  } as Env;
}

async function keptOf(queue: string) {
  const { results } = await env.DB.prepare("SELECT message_id, body, reason FROM dead_letters WHERE queue = ? ORDER BY id")
    .bind(queue)
    .all<{ message_id: string; body: string; reason: string }>();
  return results.map((r) => ({ ...r, body: JSON.parse(r.body) as unknown }));
}

async function inventoryOf(skuId: string) {
  return env.DB.prepare("SELECT available, allocated, sold FROM inventory WHERE sku_id = ?").bind(skuId).first();
}

describe("dead letters", () => {
  it("keeps what a queue gave up on, once, shows it to ops, and replays it so it is applied", async () => {
    const { f, body } = await dealSale("deal_dl1");
    const first = await deadLetter("inventory-journal-dlq", [{ id: "dl-1", body }]);
    expect(first.ackAll).toBe(true);
    // The dead-letter queue delivers it again: still kept once.
    await deadLetter("inventory-journal-dlq", [{ id: "dl-1", body }]);

    const ops = await createTestUser(["ops"]);
    const listed = (await (await api("/api/admin/dead-letters", { headers: ops.headers })).json()) as {
      counts: Record<string, number>;
      items: Array<{ queue: string; message_id: string; body: unknown }>;
    };
    expect(listed.counts).toEqual({ "catalog-changes": 0, "order-events": 0, "inventory-journal": 1 });
    expect(listed.items).toEqual([expect.objectContaining({ queue: "inventory-journal", message_id: "dl-1", body })]);
    expect((await api("/api/admin/dead-letters", { headers: (await createTestUser()).headers })).status).toBe(403);
    expect(await inventoryOf(f.listingId)).toMatchObject({ allocated: 3, sold: 0 });

    // The cause is fixed; ops send it back from the console, and the ledger books the sale.
    const page = await (await api("/ops", { headers: ops.headers })).text();
    expect(page).toContain("data-dead-letters");
    const replayed = await consolePost("/ops/dead-letters/replay", { queue: "inventory-journal" }, ops.headers);
    expect(replayed.status).toBe(303);
    expect(replayed.headers.get("location")).toBe("/ops?replayed=1");
    for (let i = 0; i < 100 && (await inventoryOf(f.listingId))?.sold !== 1; i++) await scheduler.wait(50);
    expect(await inventoryOf(f.listingId)).toMatchObject({ allocated: 2, sold: 1 });
    const after = (await (await api("/api/admin/dead-letters", { headers: ops.headers })).json()) as { counts: Record<string, number> };
    expect(after.counts["inventory-journal"]).toBe(0);
    expect(await (await api("/ops", { headers: ops.headers })).text()).not.toContain("data-dead-letters");
  });

  it("retries a dead-letter batch it could not store, rather than dropping it", async () => {
    const { body } = await dealSale("deal_dl2");
    const result = await deadLetter("inventory-journal-dlq", [{ id: "dl-2", body }], refusingD1());
    expect(result.explicitAcks).toEqual([]);
    expect(result.ackAll).toBe(false);
    expect(result.retryMessages.map((m) => m.msgId)).toEqual(["dl-2"]);
  });

  it("refuses to replay onto a queue it does not keep, changing nothing", async () => {
    const ops = await createTestUser(["ops"]);
    const res = await api("/api/admin/dead-letters/replay", { method: "POST", headers: ops.headers, body: { queue: "payments" } });
    expect(res.status).toBe(400);
  });

  it("keeps a message its consumer cannot read on its first delivery, acks it, and shows ops why", async () => {
    const mystery = { outboxId: 9, body: { type: "order.mystery" } };
    const result = await deadLetter("order-events", [
      { id: "oe-1", body: mystery },
      { id: "oe-2", body: null },
    ]);
    expect(result.retryMessages).toEqual([]);
    expect(result.explicitAcks.sort()).toEqual(["oe-1", "oe-2"]);

    const ops = await createTestUser(["ops"]);
    const listed = (await (await api("/api/admin/dead-letters", { headers: ops.headers })).json()) as {
      items: Array<{ queue: string; message_id: string; reason: string; body: unknown }>;
    };
    expect(listed.items.filter((i) => i.queue === "order-events")).toEqual([
      expect.objectContaining({ message_id: "oe-1", body: mystery, reason: 'unreadable: not an order event (type "order.mystery")' }),
      expect.objectContaining({ message_id: "oe-2", body: null, reason: "unreadable: not an order event (type null)" }),
    ]);
    // The console shows ops why, which says what to fix before sending them back.
    const board = await (await api("/ops", { headers: ops.headers })).text();
    expect(board).toContain("unreadable: not an order event (type &quot;order.mystery&quot;)");
    // Delivered again (an ack lost on the way): still kept once.
    await deadLetter("order-events", [{ id: "oe-1", body: mystery }]);
    expect((await keptOf("order-events")).map((k) => k.message_id)).toEqual(["oe-1", "oe-2"]);
  });

  it("retries a message it cannot read while it cannot keep it, so nothing acked is lost", async () => {
    const change = { outboxId: 10, body: { type: "product.mystery" } };
    const result = await deadLetter("catalog-changes", [{ id: "cc-1", body: change }], refusingD1());
    expect(result.explicitAcks).toEqual([]);
    expect(result.retryMessages.map((m) => m.msgId)).toEqual(["cc-1"]);
    expect(await keptOf("catalog-changes")).toEqual([]);
  });

  it("replays a message its consumer could not read onto its queue as it came", async () => {
    const change = { outboxId: 11, body: { type: "product.renamed", product_id: "prd_x", title: "New" } };
    expect((await deadLetter("catalog-changes", [{ id: "cc-2", body: change }])).explicitAcks).toEqual(["cc-2"]);
    expect(await keptOf("catalog-changes")).toEqual([{ message_id: "cc-2", body: change, reason: "unreadable: not a catalog change" }]);

    const ops = await createTestUser(["ops"]);
    const res = await api("/api/admin/dead-letters/replay", { method: "POST", headers: ops.headers, body: { queue: "catalog-changes" } });
    expect(await res.json()).toEqual({ replayed: 1 });
    // Its queue delivers it to the consumer again, the same envelope under a new message id; this
    // release still cannot read it, so it is kept again rather than dropped.
    for (let i = 0; i < 200 && (await keptOf("catalog-changes")).length === 0; i++) await scheduler.wait(50);
    const [again, ...more] = await keptOf("catalog-changes");
    expect(more).toEqual([]);
    expect(again).toEqual({ message_id: expect.not.stringMatching(/^cc-2$/), body: change, reason: "unreadable: not a catalog change" });
  });

  it("sends back journal messages of the largest size a gate ships, within a queue send's size limit", async () => {
    const at = new Date().toISOString();
    // A gate ships up to 400 entries in a message, some 80 KB.
    const big = (n: number) => ({
      outboxId: 0,
      body: {
        source: "sku-gate",
        dealId: `deal_big${n}`,
        skuId: "lst_none",
        warehouseId: "wh_none",
        entries: Array.from({ length: 400 }, (_, i) => ({
          seq: i + 1,
          kind: "reserve",
          reservationId: `dh_${"x".repeat(140)}:${i}`,
          qty: 1,
          at,
        })),
      },
    });
    expect(JSON.stringify(big(0)).length).toBeGreaterThan(70_000);
    await deadLetter(
      "inventory-journal-dlq",
      Array.from({ length: 10 }, (_, n) => ({ id: `big-${n}`, body: big(n) })),
    );
    const ops = await createTestUser(["ops"]);
    const res = await api("/api/admin/dead-letters/replay", { method: "POST", headers: ops.headers, body: { queue: "inventory-journal" } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ replayed: 10 });
    const left = await env.DB.prepare("SELECT COUNT(*) AS n FROM dead_letters WHERE queue = 'inventory-journal'").first<{ n: number }>();
    expect(left?.n).toBe(0);
  });

  it("groups a replay into sends under both the message and the byte limit", () => {
    const sized = (bytes: number[]) => bytes.map((b, i) => ({ id: i, bytes: b }));
    expect(sendChunks(sized([80, 80, 80, 80]), 200, 100).map((c) => c.map((m) => m.id))).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(sendChunks(sized([1, 1, 1]), 200, 2).map((c) => c.length)).toEqual([2, 1]);
    // A message larger than the byte limit still goes, on its own.
    expect(sendChunks(sized([300, 1]), 200, 100).map((c) => c.length)).toEqual([1, 1]);
  });
});
