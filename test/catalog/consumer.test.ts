import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { CatalogChange } from "../../workers/catalog/changes";
import { CATALOG_CONSUMER, DEDUPE_PRUNE_MINUTE, pruneCatalogDedupe } from "../../workers/catalog/consumer";
import { createDb } from "../../workers/platform/db";
import type { ProductDoc, ProductView } from "../../workers/catalog/product-view";
import { projectionKey, readProjection, writeProjection } from "../../workers/catalog/projection";
import type { Envelope } from "../../workers/platform/outbox";
import { createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { createDealViaApi, dealSetup } from "../deals/helpers";
import { createProduct } from "./fixtures";
import { deliver } from "./queue";

let nextOutboxId = 9_000_000 + Math.floor(Math.random() * 1_000_000);

function change(productId: string): Envelope<CatalogChange> {
  return {
    outboxId: nextOutboxId++,
    body: { type: "product.changed", product_id: productId, reason: "listing_updated", at: new Date().toISOString() },
  };
}

async function cachedPage(path: string): Promise<ProductView> {
  for (let i = 0; i < 50; i++) {
    const res = await api(path);
    const body = (await res.json()) as ProductView;
    if (res.headers.get("x-cache") === "hit") return body;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("page never cached");
}

describe("catalog change consumer", () => {
  it("rebuilds the projection and purges the cached page after a seller's price change", async () => {
    const f = await createProduct([{ price: 80000, mrp: 90000, units: 20 }]);
    const path = `/api/products/${f.productId}`;
    expect((await cachedPage(path)).buy_box?.price).toBe(80000);

    const seller = await createTestUser(["seller"], { sellerId: f.sellerId });
    expect(
      (await api(`/api/seller/listings/${f.listingId}`, { method: "PATCH", headers: seller.headers, body: { price: 75000 } })).status,
    ).toBe(200);
    // The cached page keeps the old price until the change is applied.
    const row = await env.DB.prepare("SELECT id, payload FROM outbox WHERE topic = 'catalog' AND payload LIKE ? ORDER BY id DESC LIMIT 1")
      .bind(`%${f.productId}%`)
      .first<{ id: number; payload: string }>();
    expect(JSON.parse(row!.payload)).toMatchObject({ type: "product.changed", product_id: f.productId, listing_id: f.listingId });

    const result = await deliver([{ envelope: { outboxId: row!.id, body: JSON.parse(row!.payload) } }]);
    expect(result.retryMessages).toEqual([]);
    expect((await readProjection(env.CATALOG_KV, f.productId))?.view.buy_box?.price).toBe(75000);
    const res = await api(path);
    expect(res.headers.get("x-cache")).not.toBe("hit");
    expect(((await res.json()) as ProductView).buy_box?.price).toBe(75000);
  });

  it("shows a paused deal as paused and takes an ended one off the product page once the deal's change is applied", async () => {
    const s = await dealSetup(30);
    const productId = s.fixture.productId;
    const path = `/api/products/${productId}`;
    const id = await createDealViaApi(s, { starts_at: new Date(Date.now() + 200).toISOString() });
    await new Promise((r) => setTimeout(r, 250));
    await deliver([{ envelope: change(productId) }]);
    expect((await cachedPage(path)).deal?.id).toBe(id);

    let seen = (await env.DB.prepare("SELECT MAX(id) AS id FROM outbox").first<{ id: number }>())?.id ?? 0;
    /** Delivers the product's catalog changes written since the last call, as the relay would. */
    const applyNewChanges = async () => {
      const { results } = await env.DB.prepare("SELECT id, payload FROM outbox WHERE topic = 'catalog' AND id > ? AND payload LIKE ?")
        .bind(seen, `%${productId}%`)
        .all<{ id: number; payload: string }>();
      seen = Math.max(seen, ...results.map((r) => r.id));
      if (results.length > 0) await deliver(results.map((r) => ({ envelope: { outboxId: r.id, body: JSON.parse(r.payload) } })));
    };
    const act = async (action: "pause" | "resume" | "end") => {
      expect((await api(`/api/admin/deals/${id}/${action}`, { method: "POST", headers: s.manager.headers })).status).toBe(200);
      await applyNewChanges();
      return (await cachedPage(path)).deal;
    };

    // A page read from D1 before the pause, still on its way to KV, must not make the deal live again.
    const beforePause = (await readProjection(env.CATALOG_KV, productId)) as ProductDoc;
    expect(await act("pause")).toMatchObject({ id, status: "paused" });
    expect(await writeProjection(env, beforePause)).toBe(false);
    expect((await readProjection(env.CATALOG_KV, productId))?.deals.find((d) => d.id === id)?.status).toBe("paused");

    expect(await act("resume")).toMatchObject({ id, status: "live" });
    expect(await act("end")).toBeNull();
  });

  it("applies a redelivered change once", async () => {
    const f = await createProduct([{ price: 80000, mrp: 90000, units: 20 }]);
    const m = change(f.productId);
    const first = await deliver([{ envelope: m }]);
    expect(first.explicitAcks).toHaveLength(1);
    expect((await readProjection(env.CATALOG_KV, f.productId))?.view.title).toBe("Test Phone 5G (8GB RAM, 128GB)");

    await env.DB.prepare("UPDATE products SET title = 'Renamed', version = version + 1 WHERE id = ?").bind(f.productId).run();
    const again = await deliver([{ envelope: m, attempts: 2 }]);
    expect(again.explicitAcks).toHaveLength(1);
    // Acknowledged without being applied a second time.
    expect((await readProjection(env.CATALOG_KV, f.productId))?.view.title).toBe("Test Phone 5G (8GB RAM, 128GB)");
    const applied = await env.DB.prepare("SELECT COUNT(*) AS n FROM processed_messages WHERE message_id = ?")
      .bind(String(m.outboxId))
      .first<{ n: number }>();
    expect(applied?.n).toBe(1);

    // A new change is applied, and several changes to one product in a batch all get acked.
    const later = await deliver([{ envelope: change(f.productId) }, { envelope: change(f.productId) }]);
    expect(later.explicitAcks).toHaveLength(2);
    expect((await readProjection(env.CATALOG_KV, f.productId))?.view.title).toBe("Renamed");
  });

  it("never lets an older document overwrite a newer one", async () => {
    const f = await createProduct([{ price: 80000, mrp: 90000, units: 20 }]);
    await deliver([{ envelope: change(f.productId) }]);
    const doc = (await readProjection(env.CATALOG_KV, f.productId)) as ProductDoc;
    const newer: ProductDoc = { ...doc, version: doc.version + 5, view: { ...doc.view, title: "Newer" } };
    expect(await writeProjection(env, newer)).toBe(true);
    expect(await writeProjection(env, doc)).toBe(false);
    expect(JSON.parse((await env.CATALOG_KV.get(projectionKey(f.productId)))!).view.title).toBe("Newer");
  });

  it("keeps a malformed message for ops at once, and still applies the rest of its batch", async () => {
    const f = await createProduct([{ price: 80000, mrp: 90000, units: 20 }]);
    const malformed = { outboxId: nextOutboxId++, body: { type: "something.else" } };
    const good = change(f.productId);
    const result = await deliver([{ envelope: malformed }, { envelope: good }]);
    expect(result.retryMessages).toEqual([]);
    expect(result.explicitAcks.sort()).toEqual([`msg-${malformed.outboxId}-0`, `msg-${good.outboxId}-1`].sort());
    const kept = await env.DB.prepare("SELECT body, reason FROM dead_letters WHERE queue = 'catalog-changes' AND message_id = ?")
      .bind(`msg-${malformed.outboxId}-0`)
      .first<{ body: string; reason: string }>();
    expect(kept && { ...kept, body: JSON.parse(kept.body) }).toEqual({ body: malformed, reason: "unreadable: not a catalog change" });
    expect((await readProjection(env.CATALOG_KV, f.productId))?.view.buy_box?.price).toBe(80000);
  });

  it("forgets dedupe records only once no redelivery can arrive", async () => {
    const old = String(nextOutboxId++);
    const recent = String(nextOutboxId++);
    await env.DB.batch([
      env.DB.prepare("INSERT INTO processed_messages (consumer, message_id, processed_at) VALUES (?, ?, ?)").bind(
        CATALOG_CONSUMER,
        old,
        "2020-01-01T00:00:00.000Z",
      ),
      env.DB.prepare("INSERT INTO processed_messages (consumer, message_id, processed_at) VALUES (?, ?, ?)").bind(
        CATALOG_CONSUMER,
        recent,
        new Date().toISOString(),
      ),
    ]);
    const at = new Date();
    at.setUTCMinutes(DEDUPE_PRUNE_MINUTE);
    await pruneCatalogDedupe(createDb(env.DB), at);
    const left = await env.DB.prepare("SELECT message_id FROM processed_messages WHERE message_id IN (?, ?)")
      .bind(old, recent)
      .all<{ message_id: string }>();
    expect(left.results.map((r) => r.message_id)).toEqual([recent]);
  });
});
