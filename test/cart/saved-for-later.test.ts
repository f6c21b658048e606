import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { MAX_LINES } from "../../durable-objects/cart";
import { MAX_SAVED } from "../../durable-objects/cart-saved";
import { type TestUser, createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { stockedListing } from "../checkout/support";

interface SavedBody {
  listing_id: string;
  product_id: string | null;
  title: string | null;
  qty: number;
  price: number | null;
  mrp: number | null;
  availability: string;
  deal_id: string | null;
}

interface CartBody {
  items: Array<{ listing_id: string; qty: number; price: number; price_when_added: number; changes: string[] }>;
  totals: { subtotal: number; items: number };
  saved: SavedBody[];
}

const put = (user: TestUser, id: string, qty: number) =>
  api(`/api/cart/items/${id}`, { method: "PUT", headers: user.headers, body: { qty } });
const save = (user: TestUser, id: string) => api(`/api/cart/items/${id}/save-for-later`, { method: "POST", headers: user.headers });
const moveBack = (user: TestUser, id: string) => api(`/api/cart/saved/${id}/move-to-cart`, { method: "POST", headers: user.headers });
const unsave = (user: TestUser, id: string) => api(`/api/cart/saved/${id}`, { method: "DELETE", headers: user.headers });

async function cartOf(user: TestUser): Promise<CartBody> {
  return (await (await api("/api/cart", { headers: user.headers })).json()) as CartBody;
}

/** What the cart holds, as [listing, qty] pairs: its lines and its saved list. */
async function shapeOf(user: TestUser) {
  const cart = await cartOf(user);
  return { lines: cart.items.map((i) => [i.listing_id, i.qty]), saved: cart.saved.map((s) => [s.listing_id, s.qty]) };
}

describe("save for later", () => {
  it("takes a line out of the cart and its totals, and lists it saved with its quantity and today's price", async () => {
    const a = await stockedListing(10, 50000);
    const b = await stockedListing(10, 20000);
    const user = await createTestUser();
    await put(user, a.listingId, 2);
    await put(user, b.listingId, 1);

    const res = await save(user, a.listingId);
    expect(res.status).toBe(200);
    const cart = (await res.json()) as CartBody;
    expect(cart.items.map((i) => i.listing_id)).toEqual([b.listingId]);
    expect(cart.totals).toMatchObject({ subtotal: 20000, items: 1 });
    expect(cart.saved).toEqual([
      expect.objectContaining({
        listing_id: a.listingId,
        product_id: a.productId,
        title: "Test Phone 5G (8GB RAM, 128GB)",
        qty: 2,
        price: 50000,
        mrp: 149900,
        availability: "in_stock",
        deal_id: null,
      }),
    ]);
    // Every device reads the same list: it is the cart object's, not the response's.
    expect(await shapeOf(user)).toEqual({ lines: [[b.listingId, 1]], saved: [[a.listingId, 2]] });
  });

  it("moves a saved item back into the cart with its quantity, and removes one from the list", async () => {
    const a = await stockedListing(10, 50000);
    const b = await stockedListing(10, 20000);
    const user = await createTestUser();
    await put(user, a.listingId, 3);
    await put(user, b.listingId, 1);
    await save(user, a.listingId);
    await save(user, b.listingId);

    const back = await moveBack(user, a.listingId);
    expect(back.status).toBe(200);
    const cart = (await back.json()) as CartBody;
    expect(cart.items.map((i) => [i.listing_id, i.qty, i.price_when_added])).toEqual([[a.listingId, 3, 50000]]);
    expect(cart.totals.subtotal).toBe(150000);
    expect(cart.saved.map((s) => s.listing_id)).toEqual([b.listingId]);

    const removed = await unsave(user, b.listingId);
    expect(removed.status).toBe(200);
    expect(((await removed.json()) as CartBody).saved).toEqual([]);
    expect((await unsave(user, b.listingId)).status).toBe(200);
    expect(await shapeOf(user)).toEqual({ lines: [[a.listingId, 3]], saved: [] });
  });

  it("keeps one entry for a listing saved twice, and a listing added to the cart again leaves the list", async () => {
    const a = await stockedListing();
    const user = await createTestUser();
    await put(user, a.listingId, 2);
    expect((await save(user, a.listingId)).status).toBe(200);
    // Pressed again (another device, a double click): nothing changes.
    expect((await save(user, a.listingId)).status).toBe(200);
    expect(await shapeOf(user)).toEqual({ lines: [], saved: [[a.listingId, 2]] });

    await put(user, a.listingId, 1);
    expect((await save(user, a.listingId)).status).toBe(200);
    expect(await shapeOf(user)).toEqual({ lines: [], saved: [[a.listingId, 1]] });

    await put(user, a.listingId, 4);
    expect(await shapeOf(user)).toEqual({ lines: [[a.listingId, 4]], saved: [] });
    expect((await moveBack(user, a.listingId)).status).toBe(200);
    expect(await shapeOf(user)).toEqual({ lines: [[a.listingId, 4]], saved: [] });
  });

  it("answers 404 for a line neither in the cart nor saved, changing nothing", async () => {
    const a = await stockedListing();
    const b = await stockedListing();
    const user = await createTestUser();
    await put(user, a.listingId, 1);
    for (const res of [await save(user, b.listingId), await moveBack(user, b.listingId), await save(user, "lst_no_such")]) {
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    }
    expect(await shapeOf(user)).toEqual({ lines: [[a.listingId, 1]], saved: [] });
  });

  it("refuses a bad listing id with 400 naming the field, and changes nothing", async () => {
    const a = await stockedListing();
    const b = await stockedListing();
    const user = await createTestUser();
    await put(user, a.listingId, 1);
    await put(user, b.listingId, 1);
    await save(user, b.listingId);
    for (const bad of ["bad%20id", "x".repeat(65), "semi%3Bcolon"]) {
      for (const res of [await save(user, bad), await moveBack(user, bad), await unsave(user, bad)]) {
        expect(res.status).toBe(400);
        expect(res.headers.get("content-type")).toContain("application/problem+json");
        const problem = (await res.json()) as { errors: Array<{ path: string }> };
        expect(problem.errors.map((e) => e.path)).toEqual(["listing_id"]);
      }
    }
    expect(await shapeOf(user)).toEqual({ lines: [[a.listingId, 1]], saved: [[b.listingId, 1]] });
  });

  it("refuses to move an item into a full cart with 409, and keeps it saved", async () => {
    const a = await stockedListing();
    const user = await createTestUser();
    await put(user, a.listingId, 2);
    await save(user, a.listingId);
    const stub = env.CART.getByName(`user:${user.id}`);
    for (let i = 0; i < MAX_LINES; i++) expect(await stub.setQty(`lst_full_${i}`, 1, 10000)).toBe(true);

    const res = await moveBack(user, a.listingId);
    expect(res.status).toBe(409);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(((await res.json()) as { detail: string }).detail).toContain(`Your cart is full (${MAX_LINES} items)`);
    const after = await shapeOf(user);
    expect(after.lines).toHaveLength(MAX_LINES);
    expect(after.lines.map(([id]) => id)).not.toContain(a.listingId);
    expect(after.saved).toEqual([[a.listingId, 2]]);
  });

  it(`keeps at most ${MAX_SAVED} items saved: one more stays in the cart with 409`, async () => {
    const a = await stockedListing();
    const user = await createTestUser();
    const stub = env.CART.getByName(`user:${user.id}`);
    for (let i = 0; i < MAX_SAVED; i++) {
      await stub.setQty(`lst_kept_${i}`, 1, 10000);
      expect(await stub.saveForLater(`lst_kept_${i}`)).toBe("saved");
    }
    await put(user, a.listingId, 1);
    const res = await save(user, a.listingId);
    expect(res.status).toBe(409);
    expect(((await res.json()) as { detail: string }).detail).toContain(`at most ${MAX_SAVED} items saved for later`);
    const after = await shapeOf(user);
    expect(after.lines).toEqual([[a.listingId, 1]]);
    expect(after.saved).toHaveLength(MAX_SAVED);
  });

  it("prices a saved item as the cart does: a seller's new price shows, and moving it back takes that price", async () => {
    const a = await stockedListing(10, 50000);
    const user = await createTestUser();
    await put(user, a.listingId, 1);
    await save(user, a.listingId);
    const seller = await createTestUser(["seller"], { sellerId: a.sellerId });
    const patched = await api(`/api/seller/listings/${a.listingId}`, { method: "PATCH", headers: seller.headers, body: { price: 42000 } });
    expect(patched.status).toBe(200);

    expect((await cartOf(user)).saved.map((s) => [s.listing_id, s.price])).toEqual([[a.listingId, 42000]]);
    const cart = (await (await moveBack(user, a.listingId)).json()) as CartBody;
    // The saved list showed the new price, so the line holds it as seen: no "price dropped" surprise.
    expect(cart.items.map((i) => [i.price, i.price_when_added, i.changes])).toEqual([[42000, 42000, []]]);
  });

  it("says when a saved item is sold out or withdrawn, and keeps a withdrawn one saved rather than move it", async () => {
    const soldOut = await stockedListing(1);
    const withdrawn = await stockedListing();
    const user = await createTestUser();
    await put(user, soldOut.listingId, 1);
    await put(user, withdrawn.listingId, 1);
    await save(user, soldOut.listingId);
    await save(user, withdrawn.listingId);
    await env.DB.prepare("UPDATE inventory SET available = 0 WHERE sku_id = ?").bind(soldOut.listingId).run();
    await env.DB.prepare("UPDATE listings SET active = 0 WHERE id = ?").bind(withdrawn.listingId).run();

    const cart = await cartOf(user);
    expect(new Map(cart.saved.map((s) => [s.listing_id, s.availability]))).toEqual(
      new Map([
        [soldOut.listingId, "sold_out"],
        [withdrawn.listingId, "unavailable"],
      ]),
    );
    expect((await moveBack(user, withdrawn.listingId)).status).toBe(409);
    expect((await shapeOf(user)).saved.map(([id]) => id)).toContain(withdrawn.listingId);
  });

  it("outlives the cart's lines: the expiry alarm takes the lines first and the saved list on its next run", async () => {
    const a = await stockedListing();
    const b = await stockedListing();
    const user = await createTestUser();
    await put(user, a.listingId, 1);
    await put(user, b.listingId, 1);
    await save(user, b.listingId);
    const stub = env.CART.getByName(`user:${user.id}`);

    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await stub.lines()).toEqual([]);
    expect((await stub.saved()).map((s) => s.listingId)).toEqual([b.listingId]);
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await stub.saved()).toEqual([]);
    expect(await runDurableObjectAlarm(stub)).toBe(false);
  });
});
