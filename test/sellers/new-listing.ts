import { expect } from "vitest";
import { createProduct } from "../catalog/fixtures";
import { createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";

/** A seller with a listing created through the API, so it starts with no stock at all. */
export async function sellerWithNewListing() {
  const f = await createProduct([{ price: 60000, mrp: 70000, units: 10 }]);
  const other = await createProduct([{ price: 60000, mrp: 70000, units: 10 }]);
  const seller = await createTestUser(["seller"], { sellerId: f.sellerIds[0] });
  const created = await api("/api/seller/listings", {
    headers: seller.headers,
    body: { product_id: other.productId, price: 59000, mrp: 70000 },
  });
  expect(created.status).toBe(201);
  const { id } = (await created.json()) as { id: string };
  return { f, seller, id };
}
