import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { GateJournalBatch } from "../../workers/deals/gate-types";
import { auditSku } from "../../workers/inventory/audit";
import { allocateToDealStatements } from "../../workers/inventory/deal-ledger";
import { consumeInventoryJournal } from "../../workers/inventory/journal-consumer";
import { setAvailable } from "../../workers/inventory/ledger";
import type { Envelope } from "../../workers/platform/outbox";
import { createListingFixture } from "../helpers/catalog";

describe("inventory-journal consumer", () => {
  it("books a gate's sales once however often the batch is delivered, and retries a malformed message", async () => {
    const f = await createListingFixture();
    await setAvailable(env.DB, { skuId: f.listingId, warehouseId: f.warehouseId, available: 10, ref: "jc-count" });
    await env.DB.batch(
      allocateToDealStatements(
        env.DB,
        { skuId: f.listingId, warehouseId: f.warehouseId, qty: 5, ref: "deal_jc:allocate", reason: "t" },
        new Date().toISOString(),
      ),
    );
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
    expect(result.explicitAcks.sort()).toEqual(["m1", "m2"]);
    expect(result.retryMessages.map((m) => m.msgId)).toEqual(["m3"]);
    expect(await auditSku(env.DB, f.listingId)).toMatchObject({ conserved: true, available: 8, allocated: 0, sold: 2 });
  });
});
