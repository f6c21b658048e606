import { env } from "cloudflare:workers";
import { setAvailable } from "../../workers/inventory/ledger";
import { newId } from "../../workers/platform/ids";
import { nowIso } from "../../workers/platform/time";
import { createListingFixture, type Fixture } from "../helpers/catalog";

/** A product to compare: its attributes and its one offer's price, MRP and sellable units. */
export interface ComparedSpec {
  title: string;
  brand?: string;
  attributes: Record<string, string>;
  price: number;
  mrp: number;
  units: number;
  image?: string;
}

/**
 * Products of one leaf category (a fresh one), each with one listing stocked through the ledger,
 * so their pages' buy box and availability are what a shopper would see. Ids in the order given.
 */
export async function createComparable(specs: ComparedSpec[]): Promise<{ base: Fixture; ids: string[]; listingIds: string[] }> {
  const [first, ...rest] = specs;
  if (!first) throw new Error("at least one product");
  const base = await createListingFixture({ title: first.title, brand: first.brand ?? "Testbrand", price: first.price, mrp: first.mrp });
  await env.DB.prepare("UPDATE categories SET name = 'Mobile Phones' WHERE id = ?").bind(base.categoryId).run();
  await env.DB.prepare("UPDATE products SET attributes = ?, image = ? WHERE id = ?")
    .bind(JSON.stringify(first.attributes), first.image ?? null, base.productId)
    .run();
  const ids = [base.productId];
  const listingIds = [base.listingId];
  const now = nowIso();
  for (const spec of rest) {
    const productId = newId("prd");
    const listingId = newId("lst");
    await env.DB.batch([
      env.DB.prepare(
        "INSERT INTO products (id, title, brand, category_id, attributes, image, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      ).bind(
        productId,
        spec.title,
        spec.brand ?? "Testbrand",
        base.categoryId,
        JSON.stringify(spec.attributes),
        spec.image ?? null,
        now,
        now,
      ),
      env.DB.prepare(
        "INSERT INTO listings (id, product_id, seller_id, price, mrp, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?)",
      ).bind(listingId, productId, base.sellerId, spec.price, spec.mrp, now, now),
    ]);
    ids.push(productId);
    listingIds.push(listingId);
  }
  for (const [i, spec] of specs.entries()) {
    await setAvailable(env.DB, {
      skuId: listingIds[i]!,
      warehouseId: base.warehouseId,
      available: spec.units,
      ref: `fixture:${listingIds[i]}`,
    });
  }
  return { base, ids, listingIds };
}

/** Two phones differing in storage and colour, the second without a network; a third with few left. */
export const PHONES: ComparedSpec[] = [
  {
    title: "Comparephone 5 (8GB RAM, 128GB, Black)",
    attributes: { brand: "Testbrand", storage: "128GB", ram: "8GB RAM", colour: "Black", network: "5G" },
    price: 1999900,
    mrp: 2499900,
    units: 40,
    image: "/art/phone/black.svg",
  },
  {
    title: "Comparephone 5 (8GB RAM, 256GB, Blue)",
    attributes: { brand: "Testbrand", storage: "256GB", ram: "8GB RAM", colour: "Blue" },
    price: 2299900,
    mrp: 2699900,
    units: 3,
  },
  {
    title: "Otherphone 2 (8GB RAM, 128GB, Black)",
    brand: "Otherbrand",
    attributes: { brand: "Otherbrand", storage: "128GB", ram: "8GB RAM", colour: "Black", os: "Android" },
    price: 1499900,
    mrp: 1599900,
    units: 0,
  },
];
