import { createExecutionContext, createMessageBatch, getQueueResult, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { consumeCatalogChanges } from "../../workers/catalog/consumer";
import { CACHE_ORIGIN } from "../../workers/catalog/edge-cache";
import { productCacheKey } from "../../workers/catalog/product-page";
import { PURGE_AGAIN_AFTER_SECONDS } from "../../workers/catalog/purge";
import { sharedPageKey } from "../../workers/pages/cache";
import type { Envelope } from "../../workers/platform/outbox";
import { createListingFixture } from "../helpers/catalog";
import { api, ORIGIN } from "../helpers/http";

let nextOutboxId = 7_000_000 + Math.floor(Math.random() * 1_000_000);

/** Applies a price change to a product as the catalog consumer would; returns its context, background work still running. */
async function applyPriceChange(productId: string, listingId: string, price: number): Promise<ExecutionContext> {
  await env.DB.prepare("UPDATE listings SET price = ? WHERE id = ?").bind(price, listingId).run();
  const change: Envelope<unknown> = {
    outboxId: nextOutboxId++,
    body: { type: "product.changed", product_id: productId, reason: "listing_updated", at: new Date().toISOString() },
  };
  const batch = createMessageBatch("catalog-changes", [
    { id: `purge-${change.outboxId}`, timestamp: new Date(), attempts: 1, body: change },
  ]);
  const ctx = createExecutionContext();
  await consumeCatalogChanges(batch, env, ctx);
  return ctx;
}

/** Gives the edge's copy, stored in `waitUntil` after the response, a moment to land. */
const stored = () => new Promise((r) => setTimeout(r, 50));

describe("product page purge", () => {
  it("keeps one copy of a product page whatever campaign tags its links carry, and purges it", async () => {
    const f = await createListingFixture({ price: 129900, mrp: 149900, title: "Tagphone 3" });
    const path = `/products/${f.productId}`;
    const first = await api(`${path}?utm_source=mail&utm_campaign=sale`);
    expect(first.headers.get("x-page-cache")).toBe("miss");
    await first.text();
    await stored();
    expect((await api(`${path}?fbclid=abc`)).headers.get("x-page-cache")).toBe("hit");
    expect((await api(path)).headers.get("x-page-cache")).toBe("hit");

    await applyPriceChange(f.productId, f.listingId, 119900);
    const after = await api(`${path}?utm_source=mail&utm_campaign=sale`);
    expect(after.headers.get("x-page-cache")).toBe("miss");
    expect(await after.text()).toContain("₹1,199");
  });

  it("purges the page again once no isolate can still be answering from the JSON it remembered before the change", async () => {
    const f = await createListingFixture({ price: 129900, mrp: 149900, title: "Lagphone 4" });
    const path = `/products/${f.productId}`;
    const pageKey = sharedPageKey(new URL(path, ORIGIN));
    const jsonKey = new Request(`${CACHE_ORIGIN}${productCacheKey(f.productId)}`);
    expect(await (await api(path)).text()).toContain("₹1,299");
    await stored();
    const oldPage = await caches.default.match(pageKey!);
    const oldJson = await caches.default.match(jsonKey);
    expect(oldPage).toBeDefined();
    expect(oldJson).toBeDefined();

    const ctx = await applyPriceChange(f.productId, f.listingId, 119900);
    // Just after the purge, another isolate renders the page from the JSON it still remembers,
    // and a load that read the projection before the rebuild lands: both old, both stored again.
    await caches.default.put(pageKey!, oldPage!);
    await caches.default.put(jsonKey, oldJson!);
    const meanwhile = await api(path);
    expect(meanwhile.headers.get("x-page-cache")).toBe("hit");
    expect(await meanwhile.text()).toContain("₹1,299");

    // The consumer asked for a second purge through its queue, a few seconds later; the live
    // queue delivers it, and then the page is rendered afresh.
    await waitOnExecutionContext(ctx);
    const started = Date.now();
    let page = "";
    while (Date.now() - started < 10_000) {
      page = await (await api(path)).text();
      if (page.includes("₹1,199")) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(page).toContain("₹1,199");
    expect(Date.now() - started).toBeGreaterThanOrEqual((PURGE_AGAIN_AFTER_SECONDS - 1) * 1000);
  });

  it("purges a product again when its delayed request arrives, and acknowledges the request", async () => {
    const f = await createListingFixture({ price: 129900, mrp: 149900, title: "Purgephone 5" });
    const path = `/products/${f.productId}`;
    await (await api(path)).text();
    await stored();
    const batch = createMessageBatch("catalog-changes", [
      {
        id: `again-${f.productId}`,
        timestamp: new Date(),
        attempts: 1,
        body: { outboxId: 0, body: { type: "products.purge_again", product_ids: [f.productId] } },
      },
    ]);
    const ctx = createExecutionContext();
    await consumeCatalogChanges(batch, env, ctx);
    await expect(getQueueResult(batch, ctx)).resolves.toMatchObject({ explicitAcks: [`again-${f.productId}`] });
    expect((await api(path)).headers.get("x-page-cache")).toBe("miss");
  });
});
