import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { GateJournalBatch } from "../../workers/deals/gate-types";
import { auditSku } from "../../workers/inventory/audit";
import { applyGateJournal, consumeInventoryJournal } from "../../workers/inventory/journal-consumer";
import type { Envelope } from "../../workers/platform/outbox";
import { dealAllocation } from "../helpers/deal-allocation";

/** The test database, recording how many statements each batch sent to D1. */
function countingBatches(): { db: D1Database; statements: number[] } {
  const statements: number[] = [];
  const db = new Proxy(env.DB, {
    get(target, prop) {
      if (prop === "batch") {
        return (list: D1PreparedStatement[]) => {
          statements.push(list.length);
          return target.batch(list);
        };
      }
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { db, statements };
}

describe("inventory-journal consumer", () => {
  it("books a gate's sales once however often the batch is delivered, and keeps a malformed message for ops at once", async () => {
    const f = await dealAllocation("deal_jc", { available: 10, units: 5 });
    const at = new Date().toISOString();
    const body: GateJournalBatch = {
      source: "sku-gate",
      dealId: "deal_jc",
      skuId: f.listingId,
      warehouseId: f.warehouseId,
      entries: [
        { seq: 1, kind: "reserve", reservationId: "r1", qty: 2, at },
        { seq: 2, kind: "commit", reservationId: "r1", qty: 2, at },
        { seq: 3, kind: "return", reservationId: null, qty: 3, at },
      ],
    };
    const messages = [
      { id: "m1", timestamp: new Date(), attempts: 1, body: { outboxId: 0, body } },
      { id: "m2", timestamp: new Date(), attempts: 2, body: { outboxId: 0, body } },
      { id: "m3", timestamp: new Date(), attempts: 1, body: { outboxId: 0, body: { nonsense: true } } },
    ];
    const batch = createMessageBatch<Envelope<unknown>>("inventory-journal", messages);
    const ctx = createExecutionContext();
    await consumeInventoryJournal(batch, env, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks.sort()).toEqual(["m1", "m2", "m3"]);
    expect(result.retryMessages).toEqual([]);
    const kept = await env.DB.prepare(
      "SELECT body, reason FROM dead_letters WHERE queue = 'inventory-journal' AND message_id = 'm3'",
    ).first<{
      body: string;
      reason: string;
    }>();
    expect(kept && JSON.parse(kept.body)).toEqual(messages[2]?.body);
    expect(kept?.reason).toMatch(/^unreadable: source: .*; dealId: /);
    expect(await auditSku(env.DB, f.listingId)).toMatchObject({ conserved: true, available: 8, allocated: 0, sold: 2 });
  });

  it("writes every hold, claim and release as its own journal row, at the balances between the sales around it, once", async () => {
    const f = await dealAllocation("deal_jn", { available: 10, units: 6 });
    const at = new Date().toISOString();
    const notes = Array.from({ length: 300 }, (_, i) => ({ seq: 10 + i, kind: "reserve" as const, reservationId: `h${i}`, qty: 1, at }));
    const body: GateJournalBatch = {
      source: "sku-gate",
      dealId: "deal_jn",
      skuId: f.listingId,
      warehouseId: f.warehouseId,
      entries: [
        { seq: 1, kind: "reserve", reservationId: "r1", qty: 2, at },
        { seq: 2, kind: "claim", reservationId: "r1:ord", qty: 2, at },
        { seq: 3, kind: "commit", reservationId: "r1:ord", qty: 2, at },
        { seq: 4, kind: "reserve", reservationId: "r2", qty: 1, at },
        { seq: 5, kind: "expire", reservationId: "r2", qty: 1, at },
        { seq: 6, kind: "commit", reservationId: "r3", qty: 1, at },
        ...notes,
      ],
    };
    const { db: counting, statements } = countingBatches();
    await applyGateJournal(counting, body);
    await applyGateJournal(counting, body);
    // The 300 holds after the last sale are one statement, not 300.
    expect(statements[0]).toBeLessThan(20);

    const { results } = await env.DB.prepare(
      "SELECT kind, ref, reason, allocated_after AS allocated, sold_after AS sold FROM inventory_journal WHERE sku_id = ? AND ref LIKE 'deal_jn#%' ORDER BY id",
    )
      .bind(f.listingId)
      .all<{ kind: string; ref: string; reason: string; allocated: number; sold: number }>();
    expect(results).toHaveLength(306);
    expect(results.slice(0, 6)).toMatchObject([
      { kind: "deal_note", ref: "deal_jn#1", reason: "deal deal_jn reserve r1", allocated: 6, sold: 0 },
      { kind: "deal_note", ref: "deal_jn#2", reason: "deal deal_jn claim r1:ord", allocated: 6, sold: 0 },
      { kind: "deal_sale", ref: "deal_jn#3", allocated: 4, sold: 2 },
      { kind: "deal_note", ref: "deal_jn#4", allocated: 4, sold: 2 },
      { kind: "deal_note", ref: "deal_jn#5", reason: "deal deal_jn expire r2", allocated: 4, sold: 2 },
      { kind: "deal_sale", ref: "deal_jn#6", allocated: 3, sold: 3 },
    ]);
    expect(results.at(-1)).toMatchObject({ ref: "deal_jn#309", reason: "deal deal_jn reserve h299", allocated: 3, sold: 3 });
    expect(await auditSku(env.DB, f.listingId)).toMatchObject({ conserved: true, allocated: 3, sold: 3 });
  });

  it("books a sale-day batch of interleaved holds and sales in a few statements, each entry its own row at its own balances", async () => {
    const f = await dealAllocation("deal_jr", { available: 1000, units: 700 });
    const at = new Date().toISOString();
    const entries = Array.from({ length: 600 }, (_, k) => [
      { seq: 2 * k + 1, kind: "reserve" as const, reservationId: `h${k}`, qty: 1, at },
      { seq: 2 * k + 2, kind: "commit" as const, reservationId: `h${k}`, qty: 1, at },
    ]).flat();
    const body: GateJournalBatch = { source: "sku-gate", dealId: "deal_jr", skuId: f.listingId, warehouseId: f.warehouseId, entries };
    const before = await env.DB.prepare("SELECT version FROM inventory WHERE sku_id = ?").bind(f.listingId).first<{ version: number }>();
    const { db: counting, statements } = countingBatches();
    await applyGateJournal(counting, body);
    await applyGateJournal(counting, body);
    // 1,200 entries: three runs (a run is at most 500 entries), each an UPDATE and an INSERT.
    expect(statements).toEqual([6, 6]);
    const { results } = await env.DB.prepare(
      "SELECT kind, ref, allocated_after AS allocated, sold_after AS sold FROM inventory_journal WHERE ref LIKE 'deal_jr#%' ORDER BY id",
    ).all<{ kind: string; ref: string; allocated: number; sold: number }>();
    expect(results.map((r) => r.ref)).toEqual(entries.map((e) => `deal_jr#${e.seq}`));
    // Each hold is written at the balances before its sale, each sale at the balances just after it.
    expect(results).toEqual(
      entries.map((e, i) => {
        const sold = Math.floor((i + 1) / 2);
        return { kind: e.kind === "commit" ? "deal_sale" : "deal_note", ref: `deal_jr#${e.seq}`, allocated: 700 - sold, sold };
      }),
    );
    const row = await env.DB.prepare("SELECT allocated, sold, version FROM inventory WHERE sku_id = ?").bind(f.listingId).first();
    // Each sale counts as one change of the row, as when each had a statement of its own.
    expect(row).toEqual({ allocated: 100, sold: 600, version: (before?.version ?? 0) + 600 });
    expect(await auditSku(env.DB, f.listingId)).toMatchObject({ conserved: true, allocated: 100, sold: 600 });
  });

  it("books an entry listed twice in one message once", async () => {
    const f = await dealAllocation("deal_jd", { available: 10, units: 5 });
    const at = new Date().toISOString();
    const sale = { seq: 2, kind: "commit" as const, reservationId: "r1", qty: 2, at };
    await applyGateJournal(env.DB, {
      source: "sku-gate",
      dealId: "deal_jd",
      skuId: f.listingId,
      warehouseId: f.warehouseId,
      entries: [{ seq: 1, kind: "reserve", reservationId: "r1", qty: 2, at }, sale, sale],
    });
    expect(await auditSku(env.DB, f.listingId)).toMatchObject({ conserved: true, allocated: 3, sold: 2 });
  });

  it("books a run's sales one by one, as far as the allocation goes, when it cannot cover them all", async () => {
    const f = await dealAllocation("deal_jo", { available: 10, units: 3 });
    const at = new Date().toISOString();
    const versionBefore = (
      await env.DB.prepare("SELECT version FROM inventory WHERE sku_id = ?").bind(f.listingId).first<{ version: number }>()
    )?.version;
    const e = (seq: number, kind: "reserve" | "commit", reservationId: string, qty: number) => ({ seq, kind, reservationId, qty, at });
    // The second sale is more than is left of the allocation once the first is booked.
    const entries = [
      e(1, "reserve", "a", 2),
      e(2, "commit", "a", 2),
      e(3, "reserve", "b", 2),
      e(4, "commit", "b", 2),
      e(5, "commit", "c", 1),
      e(6, "reserve", "d", 1),
    ];
    const body: GateJournalBatch = { source: "sku-gate", dealId: "deal_jo", skuId: f.listingId, warehouseId: f.warehouseId, entries };
    await applyGateJournal(env.DB, body);
    const { results } = await env.DB.prepare(
      "SELECT kind, ref, allocated_after AS allocated, sold_after AS sold FROM inventory_journal WHERE ref LIKE 'deal_jo#%' ORDER BY id",
    ).all();
    // That sale alone stays out of the ledger.
    expect(results).toEqual([
      { kind: "deal_note", ref: "deal_jo#1", allocated: 3, sold: 0 },
      { kind: "deal_sale", ref: "deal_jo#2", allocated: 1, sold: 2 },
      { kind: "deal_note", ref: "deal_jo#3", allocated: 1, sold: 2 },
      { kind: "deal_sale", ref: "deal_jo#5", allocated: 0, sold: 3 },
      { kind: "deal_note", ref: "deal_jo#6", allocated: 0, sold: 3 },
    ]);
    const row = await env.DB.prepare("SELECT allocated, sold, version FROM inventory WHERE sku_id = ?").bind(f.listingId).first();
    expect(row).toEqual({ allocated: 0, sold: 3, version: (versionBefore ?? 0) + 2 });
  });

  it("records an entry of a kind it does not know as a note, and still books the sales in the same message", async () => {
    const f = await dealAllocation("deal_jk", { available: 10, units: 4 });
    const at = new Date().toISOString();
    const body = {
      source: "sku-gate",
      dealId: "deal_jk",
      skuId: f.listingId,
      warehouseId: f.warehouseId,
      entries: [
        { seq: 1, kind: "transfer", reservationId: "r1", qty: 1, at },
        { seq: 2, kind: "commit", reservationId: "r1", qty: 1, at },
      ],
    };
    const batch = createMessageBatch<Envelope<unknown>>("inventory-journal", [
      { id: "k1", timestamp: new Date(), attempts: 1, body: { outboxId: 0, body } },
    ]);
    const ctx = createExecutionContext();
    await consumeInventoryJournal(batch, env, ctx);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(["k1"]);
    const note = await env.DB.prepare("SELECT kind, reason FROM inventory_journal WHERE ref = 'deal_jk#1'").first();
    expect(note).toEqual({ kind: "deal_note", reason: "deal deal_jk transfer r1" });
    expect(await auditSku(env.DB, f.listingId)).toMatchObject({ conserved: true, allocated: 3, sold: 1 });
  });
});
