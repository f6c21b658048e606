import { type ProductDoc, buildProductDoc } from "./product-view";

/** KV key of a product's projection document; the prefix carries the document schema. */
export function projectionKey(productId: string): string {
  return `product:v1:${productId}`;
}

/**
 * How long a projection document is trusted before a read rebuilds it from D1. Changes (deal
 * changes included) are pushed by the catalog consumer and a deal's start is decided at render
 * time; this bound only catches a change whose event is late (a failed relay waits for the
 * minute cron) or that no write path announced.
 */
export const PROJECTION_MAX_AGE_MS = 120_000;

/**
 * Reads a product's projection. KV is eventually consistent across locations; `cacheTtl` is
 * KV's minimum, so an edge location sees a rewrite within about half a minute.
 */
export async function readProjection(kv: KVNamespace, productId: string): Promise<ProductDoc | null> {
  const doc = await kv.get<ProductDoc>(projectionKey(productId), { type: "json", cacheTtl: 30 });
  return doc && doc.schema === 1 ? doc : null;
}

/**
 * Writes a projection unless KV already holds a newer version, so a late or redelivered
 * change message can never put an older document over a newer one. A caller that has just read
 * the key passes what it read (`current`, null for nothing) and saves a second read.
 */
export async function writeProjection(kv: KVNamespace, doc: ProductDoc, current?: ProductDoc | null): Promise<boolean> {
  // KV has no compare-and-set, so this only narrows the window in which an older document can
  // land over a newer one; the document's maximum age bounds what slips through.
  if (current === undefined) current = await kv.get<ProductDoc>(projectionKey(doc.view.id), "json");
  if (current && current.schema === 1 && current.version > doc.version) return false;
  await kv.put(projectionKey(doc.view.id), JSON.stringify(doc));
  return true;
}

/** Rebuilds a product's projection from D1; returns the document, or null if the product is gone. */
export async function rebuildProjection(env: Env, productId: string, now: string): Promise<ProductDoc | null> {
  const doc = await buildProductDoc(env.DB, productId, now);
  if (doc) await writeProjection(env.CATALOG_KV, doc);
  else await env.CATALOG_KV.delete(projectionKey(productId));
  return doc;
}

/** True when a document is too old to serve without rebuilding it. */
export function projectionExpired(doc: ProductDoc, nowMs: number): boolean {
  return nowMs - Date.parse(doc.built_at) > PROJECTION_MAX_AGE_MS;
}
