import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { Browser } from "../accounts/browser";
import { createTestUser } from "../helpers/accounts";
import { createListingFixture } from "../helpers/catalog";
import { api } from "../helpers/http";

// Access rules say who may call a route; these check that each domain also scopes what a caller
// can reach to what is theirs, across the routes that hold other people's things.

describe("ownership behind the declared access", () => {
  it("lets a seller change only its own listings", async () => {
    const mine = await createListingFixture({ price: 50000, mrp: 60000 });
    const theirs = await createListingFixture({ price: 70000, mrp: 80000 });
    const seller = await createTestUser(["seller"], { sellerId: mine.sellerId });

    const patch = await api(`/api/seller/listings/${theirs.listingId}`, { method: "PATCH", body: { price: 100 }, headers: seller.headers });
    expect([403, 404]).toContain(patch.status);
    const stock = await api(`/api/seller/listings/${theirs.listingId}/stock`, {
      method: "PUT",
      body: { warehouse_id: theirs.warehouseId, available: 999 },
      headers: seller.headers,
    });
    expect([403, 404]).toContain(stock.status);
    const receipt = await api(`/api/seller/listings/${theirs.listingId}/stock/receipts`, {
      method: "POST",
      body: { warehouse_id: theirs.warehouseId, units: 999 },
      headers: { ...seller.headers, "idempotency-key": `rcv-${crypto.randomUUID()}` },
    });
    expect([403, 404]).toContain(receipt.status);

    const row = await env.DB.prepare("SELECT price FROM listings WHERE id = ?").bind(theirs.listingId).first<{ price: number }>();
    expect(row?.price).toBe(70000);
    const inv = await env.DB.prepare("SELECT COUNT(*) AS n FROM inventory WHERE sku_id = ?").bind(theirs.listingId).first<{ n: number }>();
    expect(inv?.n ?? 0).toBe(0);

    // The same change on its own listing goes through, so the refusal above is about ownership.
    const own = await api(`/api/seller/listings/${mine.listingId}`, { method: "PATCH", body: { price: 45000 }, headers: seller.headers });
    expect(own.status).toBe(200);
  });

  it("shows a shopper only their own orders", async () => {
    const owner = await createTestUser();
    const other = await createTestUser();
    const orderId = `ord_${crypto.randomUUID().replaceAll("-", "").slice(0, 26)}`;
    const now = new Date().toISOString();
    await env.DB.prepare(
      "INSERT INTO orders (id, user_id, status, idempotency_key, subtotal, total, currency, address, payment_method, created_at, updated_at) VALUES (?, ?, 'confirmed', ?, 1000, 1000, 'INR', '{}', 'upi', ?, ?)",
    )
      .bind(orderId, owner.id, crypto.randomUUID(), now, now)
      .run();

    expect((await api(`/api/orders/${orderId}`, { headers: owner.headers })).status).toBe(200);
    expect((await api(`/api/orders/${orderId}`, { headers: other.headers })).status).toBe(404);
    const list = (await (await api("/api/orders", { headers: other.headers })).json()) as unknown;
    expect(JSON.stringify(list)).not.toContain(orderId);
    const cancel = await api(`/api/orders/${orderId}/cancel`, { method: "POST", body: {}, headers: other.headers });
    expect([403, 404]).toContain(cancel.status);
    const row = await env.DB.prepare("SELECT status FROM orders WHERE id = ?").bind(orderId).first<{ status: string }>();
    expect(row?.status).toBe("confirmed");
  });

  it("keeps one visitor's cart out of another's", async () => {
    const { listingId } = await createListingFixture();
    const a = new Browser();
    const b = new Browser();
    expect((await a.fetch(`/api/cart/items/${listingId}`, { method: "PUT", body: { qty: 1 } })).status).toBe(200);
    const theirs = await b.fetch("/api/cart");
    expect(theirs.status).toBe(200);
    expect(JSON.stringify(await theirs.json())).not.toContain(listingId);
  });
});
