import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { setAvailable } from "../../workers/inventory/ledger";
import { WISHLIST_LIMIT } from "../../workers/wishlist/schemas";
import { stockedListing } from "../checkout/support";
import { createDealViaApi, dealSetup } from "../deals/helpers";
import { createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { fillWishlist, save, savedRows, unsave, wishlistOf } from "./support";

describe("wishlist API", () => {
  it("refuses guests with a 401 problem on every route", async () => {
    const f = await stockedListing();
    for (const [method, path] of [
      ["GET", "/api/wishlist"],
      ["GET", `/api/wishlist/${f.productId}`],
      ["PUT", `/api/wishlist/${f.productId}`],
      ["DELETE", `/api/wishlist/${f.productId}`],
    ] as const) {
      const res = await api(path, { method });
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(((await res.json()) as { type: string }).type).toBe("/problems/unauthenticated");
    }
  });

  it("saves once however often it is saved, newest first, and removes idempotently", async () => {
    const a = await stockedListing(10, 50000);
    const b = await stockedListing(10, 70000);
    const user = await createTestUser();
    const saved = await save(user, a.productId);
    expect(saved.status).toBe(201);
    expect(saved.headers.get("location")).toBe(`/api/wishlist/${a.productId}`);
    const again = await save(user, a.productId);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { product_id: string }).product_id).toBe(a.productId);
    expect((await save(user, b.productId)).status).toBe(201);
    const items = await wishlistOf(user);
    expect(items.map((i) => [i.product_id, i.price, i.price_when_saved, i.price_dropped, i.availability])).toEqual([
      [b.productId, 70000, 70000, false, "in_stock"],
      [a.productId, 50000, 50000, false, "in_stock"],
    ]);
    const entry = await api(`/api/wishlist/${a.productId}`, { headers: user.headers });
    expect(await entry.json()).toEqual({ product_id: a.productId, saved: true });

    expect((await unsave(user, a.productId)).status).toBe(204);
    expect((await unsave(user, a.productId)).status).toBe(204);
    expect((await wishlistOf(user)).map((i) => i.product_id)).toEqual([b.productId]);
    expect(await (await api(`/api/wishlist/${a.productId}`, { headers: user.headers })).json()).toEqual({
      product_id: a.productId,
      saved: false,
    });
  });

  it("keeps each shopper's wishlist their own", async () => {
    const f = await stockedListing();
    const asha = await createTestUser();
    const ravi = await createTestUser();
    await save(asha, f.productId);
    expect(await wishlistOf(ravi)).toEqual([]);
    expect((await unsave(ravi, f.productId)).status).toBe(204);
    expect((await wishlistOf(asha)).map((i) => i.product_id)).toEqual([f.productId]);
  });

  it("shows the price dropped once the seller lowers it, from the price when saved", async () => {
    const f = await stockedListing(10, 129900);
    const seller = await createTestUser(["seller"], { sellerId: f.sellerId });
    const user = await createTestUser();
    await save(user, f.productId);
    const patch = await api(`/api/seller/listings/${f.listingId}`, { method: "PATCH", headers: seller.headers, body: { price: 99900 } });
    expect(patch.status).toBe(200);
    const [item] = await wishlistOf(user);
    expect(item).toMatchObject({ price: 99900, price_when_saved: 129900, price_dropped: true });
    // Saving again keeps the first price, so the drop still shows.
    expect((await (await save(user, f.productId)).json()) as object).toMatchObject({ price_when_saved: 129900, price_dropped: true });
  });

  it("says sold out, never the count, once the stock is gone", async () => {
    const f = await stockedListing(3);
    const user = await createTestUser();
    await save(user, f.productId);
    expect((await wishlistOf(user))[0]?.availability).toBe("few_left");
    await setAvailable(env.DB, { skuId: f.listingId, warehouseId: f.warehouseId, available: 0, ref: `empty-${f.listingId}` });
    const [item] = await wishlistOf(user);
    expect(item?.availability).toBe("sold_out");
    expect(JSON.stringify(item)).not.toMatch(/"(stock|available|units)"/);
  });

  it("shows the product's upcoming deal with its start, and once it opens, its price as a drop", async () => {
    const upcoming = await dealSetup();
    const user = await createTestUser();
    await save(user, upcoming.fixture.productId);
    const startsAt = new Date(Date.now() + 3_600_000).toISOString();
    const dealId = await createDealViaApi(upcoming, { starts_at: startsAt, ends_at: new Date(Date.now() + 7_200_000).toISOString() });
    expect((await wishlistOf(user))[0]?.deal).toMatchObject({ id: dealId, status: "upcoming", deal_price: 99900, starts_at: startsAt });

    const live = await dealSetup();
    await save(user, live.fixture.productId);
    const liveId = await createDealViaApi(live, { starts_at: new Date(Date.now() + 200).toISOString() });
    await new Promise((r) => setTimeout(r, 250));
    const item = (await wishlistOf(user)).find((i) => i.product_id === live.fixture.productId);
    expect(item).toMatchObject({ deal: { id: liveId, status: "live" }, price: 99900, price_when_saved: 129900, price_dropped: true });
  });

  it("answers 404 for an unknown product and 400 for a malformed id, saving nothing", async () => {
    const user = await createTestUser();
    const missing = await save(user, "prd_no_such_product");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toContain("application/problem+json");
    const bad = await save(user, "not a product!");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(["product_id"]);
    expect(await savedRows(user.id)).toBe(0);
    // The list is whole: a parameter a client expects to page it by is refused by name, not ignored.
    const paged = await api("/api/wishlist?limit=1", { headers: user.headers });
    expect(paged.status).toBe(400);
    expect(((await paged.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(["limit"]);
    expect((await api("/api/wishlist", { headers: user.headers })).status).toBe(200);
  });

  it(`holds at most ${WISHLIST_LIMIT} products: one more is a 409 and changes nothing`, async () => {
    const f = await stockedListing();
    const extra = await stockedListing();
    const user = await createTestUser();
    await fillWishlist(user.id, f.productId, f.categoryId);
    const full = await save(user, extra.productId);
    expect(full.status).toBe(409);
    expect(full.headers.get("content-type")).toContain("application/problem+json");
    expect(((await full.json()) as { detail: string }).detail).toContain(`${WISHLIST_LIMIT}`);
    expect(await savedRows(user.id)).toBe(WISHLIST_LIMIT);
    // A product already saved is still answered as saved; removing one makes room.
    expect((await save(user, `${f.productId}_w7`)).status).toBe(200);
    await unsave(user, `${f.productId}_w7`);
    expect((await save(user, extra.productId)).status).toBe(201);
  });

  it("refuses a cookie session's save without its CSRF token", async () => {
    const f = await stockedListing();
    const user = await createTestUser();
    const res = await api(`/api/wishlist/${f.productId}`, {
      method: "PUT",
      headers: { cookie: `__Host-session=${user.token}`, origin: "https://shop.test", "sec-fetch-site": "same-origin" },
    });
    expect(res.status).toBe(403);
    expect(await savedRows(user.id)).toBe(0);
  });

  it("documents every route in the OpenAPI document", async () => {
    const doc = (await (await api("/api/openapi.json")).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths["/api/wishlist"] ?? {})).toEqual(["get"]);
    expect(Object.keys(doc.paths["/api/wishlist/{product_id}"] ?? {}).sort()).toEqual(["delete", "get", "put"]);
  });
});
