import { env } from "cloudflare:workers";
import { familyKey } from "../../workers/catalog/family";
import { categories, listings, products, sellers, warehouses } from "../../workers/db/schema";
import { createDb } from "../../workers/platform/db";
import { newId } from "../../workers/platform/ids";
import { nowIso } from "../../workers/platform/time";
import { uniqueGstin } from "./gstin";

export interface Fixture {
  categoryId: string;
  sellerId: string;
  productId: string;
  listingId: string;
  warehouseId: string;
}

/**
 * Inserts one category, seller, warehouse, product and listing with fresh ids. The seller is
 * registered for GST in Maharashtra (it is in Pune), so its orders can ship with tax invoices.
 */
export async function createListingFixture(opts: { price?: number; mrp?: number; title?: string; brand?: string } = {}): Promise<Fixture> {
  const db = createDb(env.DB);
  const now = nowIso();
  const f: Fixture = {
    categoryId: newId("cat"),
    sellerId: newId("sel"),
    productId: newId("prd"),
    listingId: newId("lst"),
    warehouseId: newId("wh"),
  };
  const title = opts.title ?? "Test Phone 5G (8GB RAM, 128GB)";
  const brand = opts.brand ?? "Testbrand";
  await db.batch([
    db.insert(categories).values({ id: f.categoryId, slug: f.categoryId, name: "Test category", path: `/${f.categoryId}/`, depth: 0 }),
    db.insert(sellers).values({
      id: f.sellerId,
      name: "Test Seller",
      city: "Pune",
      gstin: uniqueGstin("27"),
      createdAt: now,
    }),
    db.insert(warehouses).values({ id: f.warehouseId, name: "Test WH", city: "Pune" }),
    db.insert(products).values({
      id: f.productId,
      title,
      brand,
      categoryId: f.categoryId,
      family: familyKey({ categoryId: f.categoryId, brand, title }),
      createdAt: now,
      updatedAt: now,
    }),
    db.insert(listings).values({
      id: f.listingId,
      productId: f.productId,
      sellerId: f.sellerId,
      price: opts.price ?? 129900,
      mrp: opts.mrp ?? 149900,
      createdAt: now,
      updatedAt: now,
    }),
  ]);
  return f;
}
