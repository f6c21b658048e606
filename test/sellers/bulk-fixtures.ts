import { env } from "cloudflare:workers";
import { setAvailable } from "../../workers/inventory/ledger";
import { newId } from "../../workers/platform/ids";
import { nowIso } from "../../workers/platform/time";
import { createProduct } from "../catalog/fixtures";
import { createTestUser, type TestUser } from "../helpers/accounts";

/** One seller's catalogue for bulk updates: three products it lists (each stocked in one warehouse), a second warehouse, and another seller's listing. */
export interface BulkShop {
  seller: TestUser;
  sellerId: string;
  /** The seller's listings, in the order of `productIds`. */
  listingIds: string[];
  productIds: string[];
  warehouseId: string;
  otherWarehouseId: string;
  /** Another seller's listing of the first product. */
  theirs: string;
}

export async function bulkShop(): Promise<BulkShop> {
  const first = await createProduct([
    { price: 80000, mrp: 90000, units: 20 },
    { price: 81000, mrp: 90000, units: 5 },
  ]);
  const sellerId = first.sellerIds[0]!;
  const listingIds = [first.listingId];
  const productIds = [first.productId];
  const now = nowIso();
  for (const price of [50000, 30000]) {
    const other = await createProduct([{ price: price + 1000, mrp: price * 2, units: 3 }]);
    const listingId = newId("lst");
    await env.DB.prepare(
      "INSERT INTO listings (id, product_id, seller_id, price, mrp, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?)",
    )
      .bind(listingId, other.productId, sellerId, price, price * 2, now, now)
      .run();
    await setAvailable(env.DB, { skuId: listingId, warehouseId: first.warehouseId, available: 10, ref: `fixture:${listingId}` });
    listingIds.push(listingId);
    productIds.push(other.productId);
  }
  const otherWarehouseId = newId("wh");
  await env.DB.prepare("INSERT INTO warehouses (id, name, city) VALUES (?, 'Second WH', 'Nagpur')").bind(otherWarehouseId).run();
  const seller = await createTestUser(["seller"], { sellerId });
  return { seller, sellerId, listingIds, productIds, warehouseId: first.warehouseId, otherWarehouseId, theirs: first.listingIds[1]! };
}

/** Row counts of everything a bulk update may write, to show a refused one wrote nothing. */
export async function writtenCounts() {
  const tables = ["listings", "inventory", "inventory_journal", "outbox", "idempotency_keys"];
  const counts = await env.DB.batch(tables.map((t) => env.DB.prepare(`SELECT COUNT(*) AS n FROM ${t}`)));
  const versions = await env.DB.prepare("SELECT COALESCE(SUM(version), 0) AS v FROM inventory").first<{ v: number }>();
  const edits = await env.DB.prepare("SELECT MAX(updated_at) AS at FROM listings").first<{ at: string }>();
  return {
    ...Object.fromEntries(tables.map((t, i) => [t, (counts[i]!.results[0] as { n: number }).n])),
    versions: versions!.v,
    lastEdit: edits!.at,
  };
}
