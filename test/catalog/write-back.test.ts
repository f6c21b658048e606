import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { loadProductBody } from "../../workers/catalog/product-page";
import { PROJECTION_MAX_AGE_MS, projectionKey, readProjection, rebuildProjection, writeProjection } from "../../workers/catalog/projection";
import type { ProductDoc, ProductView } from "../../workers/catalog/product-view";
import { refreshProductSummary } from "../../workers/catalog/summary";
import { SECOND_READ_WINDOW_MS, WriteBackPolicy } from "../../workers/catalog/write-back";
import { nowIso } from "../../workers/platform/time";
import { createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { createProduct } from "./fixtures";
import { applyProductChanges } from "./queue";

/**
 * A D1 binding that runs `meanwhile` just after the first batch, the one that builds the page: the
 * read path then goes on to write back a page read before whatever `meanwhile` changed.
 */
function afterPageRead(d1: D1Database, meanwhile: () => Promise<unknown>): D1Database {
  let ran = false;
  return new Proxy(d1, {
    get(target, prop) {
      if (prop === "batch") {
        return async (statements: D1PreparedStatement[]) => {
          const results = await target.batch(statements);
          if (!ran) {
            ran = true;
            await meanwhile();
          }
          return results;
        };
      }
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** A product whose projection has aged out, so its next read rebuilds the page from D1 and writes it back. */
async function agedOutProduct(price: number) {
  const f = await createProduct([{ price, mrp: 90000, units: 20 }]);
  await rebuildProjection(env, f.productId, new Date(Date.now() - PROJECTION_MAX_AGE_MS - 60_000).toISOString());
  return f;
}

async function shownPrice(productId: string): Promise<number | undefined> {
  const res = await api(`/api/products/${productId}`);
  return ((await res.json()) as ProductView).buy_box?.price;
}

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
    expect(await writeProjection(env, aged)).toBe(true);
    await readFromD1(f.productId);
    const rewritten = await readProjection(env.CATALOG_KV, f.productId);
    expect(rewritten?.built_at).not.toBe(aged.built_at);
    expect(rewritten?.view.title).not.toBe("Aged copy");
  });

  it("does not put back the old price when a seller's change is applied while a page read before it is being written back", async () => {
    const f = await agedOutProduct(80000);
    const seller = await createTestUser(["seller"], { sellerId: f.sellerId });
    const racing = {
      ...env,
      DB: afterPageRead(env.DB, async () => {
        const res = await api(`/api/seller/listings/${f.listingId}`, { method: "PATCH", headers: seller.headers, body: { price: 75000 } });
        expect(res.status).toBe(200);
        expect((await applyProductChanges(f.productId)).retryMessages).toEqual([]);
        expect((await readProjection(env.CATALOG_KV, f.productId))?.view.buy_box?.price).toBe(75000);
      }),
    } as Env;
    const ctx = createExecutionContext();
    const page = await loadProductBody(racing, ctx, f.productId);
    // That request read D1 before the change, so it may show the old price itself.
    expect((JSON.parse(page!.body) as ProductView).buy_box?.price).toBe(80000);
    await waitOnExecutionContext(ctx);
    expect(await shownPrice(f.productId)).toBe(75000);
  });

  it("does not write back a page D1 has moved past before the change reaches KV", async () => {
    const f = await agedOutProduct(80000);
    // A change whose catalog message has not been applied yet, or whose rebuilt page this
    // location's KV does not show yet.
    const racing = {
      ...env,
      DB: afterPageRead(env.DB, async () => {
        await env.DB.batch([
          env.DB.prepare("UPDATE listings SET price = 75000 WHERE id = ?").bind(f.listingId),
          ...refreshProductSummary(env.DB, f.productId, nowIso()),
        ]);
      }),
    } as Env;
    const ctx = createExecutionContext();
    expect(await loadProductBody(racing, ctx, f.productId)).not.toBeNull();
    await waitOnExecutionContext(ctx);
    expect(await shownPrice(f.productId)).toBe(75000);
  });

  it("does not build pages from a KV copy behind D1, as in a location the change's purge never reached", async () => {
    const f = await createProduct([{ price: 90000, units: 5 }]);
    const productId = f.productId;
    // KV still holds the page from before the change, as it does for a while in other locations.
    const before = (await rebuildProjection(env, productId, nowIso())) as ProductDoc;
    await env.DB.batch([
      env.DB.prepare("UPDATE listings SET price = 85000 WHERE id = ?").bind(f.listingIds[0]),
      ...refreshProductSummary(env.DB, productId, nowIso()),
    ]);
    expect((await readProjection(env.CATALOG_KV, productId))?.version).toBe(before.version);
    const page = (await (await api(`/api/products/${productId}`)).json()) as ProductView;
    expect(page.offers[0]?.price).toBe(85000);
    // Not written back from here: the change's own rebuild reaches KV, and every location still
    // behind writing it too would only run into KV's one write a second per key.
    const ctx = createExecutionContext();
    await loadProductBody(env, ctx, productId);
    await waitOnExecutionContext(ctx);
    expect((await readProjection(env.CATALOG_KV, productId))?.version).toBe(before.version);
    // The HTML page lives at the edge no longer than the JSON it is built from stays fresh.
    const html = await api(`/products/${productId}`);
    expect(html.headers.get("cache-control")).toMatch(/s-maxage=(\d|10)\b/);
  });

  it("serves a young KV document when D1 cannot tell its version", async () => {
    const f = await createProduct([{ price: 91000, units: 5 }]);
    await rebuildProjection(env, f.productId, nowIso());
    const noVersions = {
      ...env,
      DB: new Proxy(env.DB, {
        get(target, prop) {
          if (prop === "prepare") {
            return (sql: string) => {
              if (sql.startsWith("SELECT version FROM products")) throw new Error("D1 unavailable");
              return target.prepare(sql);
            };
          }
          const value = Reflect.get(target, prop);
          return typeof value === "function" ? value.bind(target) : value;
        },
      }),
    } as Env;
    const loaded = await loadProductBody(noVersions, createExecutionContext(), f.productId);
    expect((JSON.parse(loaded?.body ?? "{}") as ProductView).offers[0]?.price).toBe(91000);
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
