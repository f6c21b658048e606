import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createProduct } from "../catalog/fixtures";
import { createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";

async function listingsOf(productId: string, sellerId: string): Promise<number> {
  const row = await env.DB.prepare("SELECT COUNT(*) AS n FROM listings WHERE product_id = ? AND seller_id = ?")
    .bind(productId, sellerId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/** A seller with one listing of their own and a product they do not list yet. */
async function sellerAndNewProduct() {
  const own = await createProduct([{ price: 60000, mrp: 70000, units: 10 }]);
  const other = await createProduct([{ price: 50000, mrp: 70000, units: 10 }]);
  const seller = await createTestUser(["seller"], { sellerId: own.sellerIds[0] });
  return { own, other, seller, sellerId: own.sellerIds[0]! };
}

describe("POST /api/seller/listings with an Idempotency-Key", () => {
  it("answers a retry with the listing it made, and creates it once", async () => {
    const { other, seller, sellerId } = await sellerAndNewProduct();
    const key = crypto.randomUUID();
    const body = { product_id: other.productId, price: 49000, mrp: 70000 };
    const first = await api("/api/seller/listings", { headers: { ...seller.headers, "idempotency-key": key }, body });
    expect(first.status).toBe(201);
    const made = (await first.json()) as { id: string; price: number };
    expect(first.headers.get("location")).toBe(`/api/seller/listings/${made.id}`);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    const again = await api("/api/seller/listings", { headers: { ...seller.headers, "idempotency-key": key }, body });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.headers.get("location")).toBe(`/api/seller/listings/${made.id}`);
    expect(((await again.json()) as { id: string }).id).toBe(made.id);
    expect(await listingsOf(other.productId, sellerId)).toBe(1);

    // Where the answer says the listing is, it is: for its seller alone.
    const read = await api(`/api/seller/listings/${made.id}`, { headers: seller.headers });
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ id: made.id, product_id: other.productId, price: 49000, mrp: 70000 });
    const stranger = await createTestUser(["seller"], { sellerId: other.sellerIds[0] });
    expect((await api(`/api/seller/listings/${made.id}`, { headers: stranger.headers })).status).toBe(404);

    // The same key with other figures is not a retry; without a key, a second create is the plain 409.
    const changed = await api("/api/seller/listings", {
      headers: { ...seller.headers, "idempotency-key": key },
      body: { ...body, price: 48000 },
    });
    expect(changed.status).toBe(422);
    const unkeyed = await api("/api/seller/listings", { headers: seller.headers, body });
    expect(unkeyed.status).toBe(409);
    expect(((await unkeyed.json()) as { listing_id: string }).listing_id).toBe(made.id);
    expect(await listingsOf(other.productId, sellerId)).toBe(1);
  });

  it("refuses a new key for a product already listed, naming that listing", async () => {
    const { own, seller, sellerId } = await sellerAndNewProduct();
    const res = await api("/api/seller/listings", {
      headers: { ...seller.headers, "idempotency-key": crypto.randomUUID() },
      body: { product_id: own.productId, price: 49000, mrp: 70000 },
    });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { listing_id: string }).listing_id).toBe(own.listingId);
    expect(await listingsOf(own.productId, sellerId)).toBe(1);
  });

  it("lists only the seller's listings of the products asked about", async () => {
    const { own, other, seller } = await sellerAndNewProduct();
    const one = await api(`/api/seller/listings?product_id=${own.productId}&product_id=${other.productId}`, { headers: seller.headers });
    expect(one.status).toBe(200);
    const page = (await one.json()) as { items: { id: string; product_id: string }[] };
    expect(page.items.map((l) => [l.id, l.product_id])).toEqual([[own.listingId, own.productId]]);
    const none = (await (await api(`/api/seller/listings?product_id=${other.productId}`, { headers: seller.headers })).json()) as {
      items: unknown[];
    };
    expect(none.items).toEqual([]);
  });
});
