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
 * Whether `doc` may replace `current`: a newer version always may; at the same version the later
 * read of D1 wins, so an aged-out copy is refreshed but a slower writer cannot undo a faster one.
 */
function supersedes(doc: ProductDoc, current: ProductDoc | null): boolean {
  if (current?.schema !== 1) return true;
  if (doc.version !== current.version) return doc.version > current.version;
  return doc.built_at > current.built_at;
}

/**
 * Writes a projection unless something newer exists, so neither a late or redelivered change
 * message nor a page read from D1 before a change can put an older document over a newer one.
 *
 * Both checks are made just before the put, never against a copy read before the document was
 * built: a seller's change can be applied, and its page rebuilt, while a shopper's read is still
 * building the old page. D1 is asked because a KV read may come from this location's cache and
 * miss a rebuild written elsewhere; KV is asked so a copy of this version read from D1 later is
 * kept, and a write (ten reads' cost, once a second per key) is saved. KV has no compare-and-set,
 * so a change landing between these reads and the put still slips through; the document's
 * maximum age bounds it.
 */
export async function writeProjection(env: Pick<Env, "CATALOG_KV" | "DB">, doc: ProductDoc): Promise<boolean> {
  const [current, latest] = await Promise.all([
    env.CATALOG_KV.get<ProductDoc>(projectionKey(doc.view.id), "json"),
    productVersion(env.DB, doc.view.id),
  ]);
  // Past this version in D1 (or gone): that change's own rebuild writes the page.
  if (latest === null || latest > doc.version) return false;
  if (!supersedes(doc, current)) return false;
  await env.CATALOG_KV.put(projectionKey(doc.view.id), JSON.stringify(doc));
  return true;
}

/** Rebuilds a product's projection from D1; returns the document, or null if the product is gone. */
export async function rebuildProjection(env: Env, productId: string, now: string): Promise<ProductDoc | null> {
  const doc = await buildProductDoc(env.DB, productId, now);
  if (doc) await writeProjection(env, doc);
  else await env.CATALOG_KV.delete(projectionKey(productId));
  return doc;
}

/** True when a document is too old to serve without rebuilding it. */
export function projectionExpired(doc: ProductDoc, nowMs: number): boolean {
  return nowMs - Date.parse(doc.built_at) > PROJECTION_MAX_AGE_MS;
}

/** The product's version in D1, which every change to what its page shows moves on; null if it does not exist. */
export async function productVersion(db: D1Database, productId: string): Promise<number | null> {
  return db.prepare("SELECT version FROM products WHERE id = ?1").bind(productId).first<number>("version");
}
