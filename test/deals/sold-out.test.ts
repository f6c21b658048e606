import { createExecutionContext, createMessageBatch, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { ProductView } from "../../workers/catalog/product-view";
import { tickDeals } from "../../workers/deals/control-deal";
import { gateFor } from "../../workers/deals/gate-client";
import type { GateJournalBatch } from "../../workers/deals/gate-types";
import { consumeInventoryJournal } from "../../workers/inventory/journal-consumer";
import type { Envelope } from "../../workers/platform/outbox";
import { applyProductChanges } from "../catalog/queue";
import { createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { createDealViaApi, type DealSetup, dealSetup } from "./helpers";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A live deal of two units on a listing with 50 in stock, both units sold to one shopper. */
async function soldOutDeal(): Promise<{ s: DealSetup; id: string }> {
  const s = await dealSetup(50);
  const id = await createDealViaApi(s, { starts_at: new Date(Date.now() + 200).toISOString(), units: 2, per_user_limit: 2 });
  await sleep(250);
  const gate = gateFor(env, id);
  expect((await gate.reserve({ reservationId: "a", shopperId: "u1", qty: 2 })).ok).toBe(true);
  expect(await gate.commit("a")).toBe("done");
  expect((await gate.figures()).status).toBe("sold_out");
  return { s, id };
}

/** The gate's journal as the inventory-journal queue delivers it to its consumer. */
async function deliverJournal(s: DealSetup, dealId: string): Promise<void> {
  const rows = await runInDurableObject(gateFor(env, dealId), (_gate, state) =>
    state.storage.sql
      .exec<{ seq: number; kind: string; reservation_id: string | null; qty: number; at: number }>("SELECT * FROM journal")
      .toArray(),
  );
  const body: GateJournalBatch = {
    source: "sku-gate",
    dealId,
    skuId: s.fixture.listingId,
    warehouseId: s.fixture.warehouseId,
    entries: rows.map((r) => ({
      seq: r.seq,
      kind: r.kind as GateJournalBatch["entries"][number]["kind"],
      reservationId: r.reservation_id,
      qty: r.qty,
      at: new Date(r.at).toISOString(),
    })),
  };
  const batch = createMessageBatch<Envelope<unknown>>("inventory-journal", [
    { id: `j-${dealId}`, timestamp: new Date(), attempts: 1, body: { outboxId: 0, body } },
  ]);
  await consumeInventoryJournal(batch, env, createExecutionContext());
}

async function dealStatus(id: string): Promise<string | undefined> {
  const row = await env.DB.prepare("SELECT status, sold_out_at FROM deals WHERE id = ?")
    .bind(id)
    .first<{ status: string; sold_out_at: string | null }>();
  // An ended deal says whether it ended by selling out.
  return row?.status === "ended" && row.sold_out_at ? "ended, sold out" : row?.status;
}

describe("a deal that sells out", () => {
  it("ends as its last sale is booked, so the listing sells at its own price again, and shoppers still hear 'sold out'", async () => {
    const { s, id } = await soldOutDeal();
    await applyProductChanges(s.fixture.productId);
    const during = (await (await api(`/api/products/${s.fixture.productId}`)).json()) as ProductView;
    expect(during.deal).toMatchObject({ id, deal_price: 99_900 });

    await deliverJournal(s, id);
    expect(await dealStatus(id)).toBe("ended, sold out");
    await applyProductChanges(s.fixture.productId);
    const after = (await (await api(`/api/products/${s.fixture.productId}`)).json()) as ProductView;
    expect(after.deal).toBeNull();
    expect(after.buy_box?.price).not.toBe(99_900);
    expect(after.availability).toBe("in_stock");

    // The seller's own stock goes in the cart, and through checkout's quote, at the listing's price.
    const shopper = await createTestUser();
    const put = await api(`/api/cart/items/${s.fixture.listingId}`, { method: "PUT", headers: shopper.headers, body: { qty: 1 } });
    expect(put.status).toBe(200);
    const cart = (await (await api("/api/cart", { headers: shopper.headers })).json()) as {
      items: Array<{ price: number; deal_id?: string | null }>;
    };
    expect(cart.items[0]?.price).toBe(after.buy_box?.price);

    // The deal's own pages and its waiting room say it sold out, not that it ended.
    const joined = await api(`/api/deals/${id}/queue`, { method: "POST" });
    expect(((await joined.json()) as { status: string }).status).toBe("sold_out");
    const listed = (await (await api("/api/deals")).json()) as { items: Array<{ id: string; status: string }> };
    expect(listed.items.find((d) => d.id === id)?.status).toBe("sold_out");
    const page = await (await api(`/deals/${id}`)).text();
    expect(page).toContain("Sold out: every unit of this deal has been sold.");
  });

  it("is ended by the minute cron when its journal has not been booked", async () => {
    const { id } = await soldOutDeal();
    // The same tick opens it (its window began) and finds it sold out.
    expect(await dealStatus(id)).toBe("scheduled");
    const tick = await tickDeals(env);
    expect(tick.ended).toBeGreaterThanOrEqual(1);
    expect(await dealStatus(id)).toBe("ended, sold out");
    expect((await gateFor(env, id).figures()).status).toBe("sold_out");
  });

  it("is left selling while units are only held, since unpaid holds may come back", async () => {
    const s = await dealSetup(50);
    const id = await createDealViaApi(s, { starts_at: new Date(Date.now() + 200).toISOString(), units: 2, per_user_limit: 2 });
    await sleep(250);
    expect((await gateFor(env, id).reserve({ reservationId: "a", shopperId: "u1", qty: 2 })).ok).toBe(true);
    await tickDeals(env);
    expect(await dealStatus(id)).toBe("live");
    // Ended at its end time instead, it is not listed as sold out: it ended.
    expect((await api(`/api/admin/deals/${id}/end`, { method: "POST", headers: s.manager.headers })).status).toBe(200);
    expect(await dealStatus(id)).toBe("ended");
    const listed = (await (await api("/api/deals")).json()) as { items: Array<{ id: string }> };
    expect(listed.items.map((d) => d.id)).not.toContain(id);
  });
});
