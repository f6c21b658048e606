import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api } from "../helpers/http";
import { createProduct } from "./fixtures";

async function summary(productId: string) {
  return env.DB.prepare("SELECT buy_box_listing_id, price, stock_total, offer_count, version, updated_at FROM products WHERE id = ?")
    .bind(productId)
    .first();
}

/** Runs the migration that recomputes summaries left behind, as deploying it would. */
async function resyncSummaries(): Promise<void> {
  const migration = env.TEST_MIGRATIONS.find((m) => m.name.includes("resync_product_summaries"));
  expect(migration).toBeDefined();
  await env.DB.batch((migration?.queries ?? []).map((q) => env.DB.prepare(q)));
}

describe("resyncing product summaries", () => {
  it("puts a summary an earlier stock path left behind back in step, and leaves the rest alone", async () => {
    const behind = await createProduct([
      { price: 50000, mrp: 70000, units: 2 },
      { price: 55000, mrp: 70000, units: 9 },
    ]);
    const inStep = await createProduct([{ price: 60000, mrp: 70000, units: 3 }]);
    // Sold out the cheapest offer the way movements did before they refreshed the summary.
    await env.DB.prepare("UPDATE inventory SET available = 0, sold = sold + 2 WHERE sku_id = ?").bind(behind.listingId).run();
    const before = await summary(behind.productId);
    const untouched = await summary(inStep.productId);

    await resyncSummaries();

    expect(await summary(behind.productId)).toEqual({
      ...before,
      buy_box_listing_id: behind.listingIds[1],
      price: 55000,
      stock_total: 9,
    });
    expect(await summary(inStep.productId)).toEqual(untouched);
    const res = await api(`/api/products?category=${behind.categoryId}`);
    expect(((await res.json()) as { items: unknown[] }).items).toEqual([
      expect.objectContaining({ id: behind.productId, price: 55000, availability: "in_stock" }),
    ]);
  });
});
