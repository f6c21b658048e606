import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { loadProductBody } from "../../workers/catalog/product-page";
import { projectionKey, readProjection, writeProjection } from "../../workers/catalog/projection";
import type { ProductDoc } from "../../workers/catalog/product-view";
import { SECOND_READ_WINDOW_MS, WriteBackPolicy } from "../../workers/catalog/write-back";
import { createProduct } from "./fixtures";

async function readFromD1(productId: string): Promise<void> {
  const ctx = createExecutionContext();
  expect(await loadProductBody(env, ctx, productId)).not.toBeNull();
  await waitOnExecutionContext(ctx);
}

describe("KV write-back from the read path", () => {
  it("writes a never-projected page on its second read from D1, not its first", async () => {
    const f = await createProduct([{ price: 49900, units: 5 }]);
    await env.CATALOG_KV.delete(projectionKey(f.productId));
    await readFromD1(f.productId);
    expect(await env.CATALOG_KV.get(projectionKey(f.productId))).toBeNull();
    await readFromD1(f.productId);
    expect((await readProjection(env.CATALOG_KV, f.productId))?.view.id).toBe(f.productId);
  });

  it("rewrites an aged-out projection on its first read", async () => {
    const f = await createProduct([{ price: 29900, units: 5 }]);
    await readFromD1(f.productId);
    await readFromD1(f.productId);
    const doc = (await readProjection(env.CATALOG_KV, f.productId)) as ProductDoc;
    const aged = { ...doc, built_at: "2020-01-01T00:00:00.000Z", view: { ...doc.view, title: "Aged copy" } };
    await env.CATALOG_KV.delete(projectionKey(f.productId));
    expect(await writeProjection(env.CATALOG_KV, aged)).toBe(true);
    await readFromD1(f.productId);
    const rewritten = await readProjection(env.CATALOG_KV, f.productId);
    expect(rewritten?.built_at).not.toBe(aged.built_at);
    expect(rewritten?.view.title).not.toBe("Aged copy");
  });

  it("forgets a first read after the window and keeps its memory bounded", () => {
    const policy = new WriteBackPolicy(SECOND_READ_WINDOW_MS, 2);
    const t = 1_000_000;
    expect(policy.shouldWrite("a", false, t)).toBe(false);
    expect(policy.shouldWrite("a", false, t + SECOND_READ_WINDOW_MS + 1)).toBe(false);
    expect(policy.shouldWrite("a", false, t + SECOND_READ_WINDOW_MS + 2)).toBe(true);
    // "b" is pushed out by "c" and "d", so its next read counts as a first read again.
    expect(policy.shouldWrite("b", false, t)).toBe(false);
    expect(policy.shouldWrite("c", false, t)).toBe(false);
    expect(policy.shouldWrite("d", false, t)).toBe(false);
    expect(policy.shouldWrite("b", false, t + 1)).toBe(false);
    expect(policy.shouldWrite("d", false, t + 1)).toBe(true);
    expect(policy.shouldWrite("z", true, t)).toBe(true);
  });
});
