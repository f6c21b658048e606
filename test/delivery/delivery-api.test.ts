import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { setAvailable } from "../../workers/inventory/ledger";
import { estimateDelivery } from "../../workers/delivery/estimate";
import type { DeliveryAnswer } from "../../workers/delivery/schemas";
import { newId } from "../../workers/platform/ids";
import { createProduct } from "../catalog/fixtures";
import { createDealViaApi, dealSetup } from "../deals/helpers";
import { MIGRATED_HOLIDAYS } from "../helpers/courier-calendar";
import { api } from "../helpers/http";

/** A warehouse at `pincode` holding `units` of `listingId`. */
async function stockElsewhere(listingId: string, city: string, pincode: string, units: number): Promise<string> {
  const id = newId("wh");
  await env.DB.prepare("INSERT INTO warehouses (id, name, city, pincode) VALUES (?, ?, ?, ?)").bind(id, `${city} WH`, city, pincode).run();
  await setAvailable(env.DB, { skuId: listingId, warehouseId: id, available: units, ref: `test:${listingId}:${id}` });
  return id;
}

const delivery = (productId: string, query: string) => api(`/api/products/${productId}/delivery?${query}`);

describe("GET /api/products/{id}/delivery", () => {
  it("answers when the buy box's offer arrives, from where, and that cash on delivery is taken", async () => {
    // The fixture's warehouse has no PIN code of its own: it is placed by its city, Pune (411001).
    const f = await createProduct([{ price: 129900, units: 12 }]);
    const res = await delivery(f.productId, "pincode=411014");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toMatch(/^public, max-age=\d+$/);
    const body = (await res.json()) as DeliveryAnswer;
    const expected = estimateDelivery("411001", "411014", new Date(), MIGRATED_HOLIDAYS);
    expect(body).toEqual({
      product_id: f.productId,
      listing_id: f.listingId,
      pincode: "411014",
      deliverable: true,
      from_city: "Pune",
      min_days: 1,
      max_days: 1,
      dispatch_on: expected.dispatchOn,
      earliest: expected.earliest,
      by: expected.latest,
      cod_available: true,
    });
    // Asked again, the same answer comes from the edge, and a client holding it gets a 304.
    const again = await api(`/api/products/${f.productId}/delivery?pincode=411014`, {
      headers: { "if-none-match": res.headers.get("etag") ?? "" },
    });
    expect(again.status).toBe(304);
  });

  it("ships from the stocked warehouse nearest the shopper", async () => {
    const f = await createProduct([{ price: 129900, units: 12 }]);
    await stockElsewhere(f.listingId, "Bengaluru", "562114", 5);
    await stockElsewhere(f.listingId, "Delhi NCR", "122001", 0);
    const bengaluru = (await (await delivery(f.productId, "pincode=560001")).json()) as DeliveryAnswer;
    expect(bengaluru).toMatchObject({ from_city: "Bengaluru", min_days: 2, max_days: 2 });
    const pune = (await (await delivery(f.productId, "pincode=411014")).json()) as DeliveryAnswer;
    expect(pune).toMatchObject({ from_city: "Pune", max_days: 1 });
    // Gurugram holds none, so Delhi is served from another region.
    const delhi = (await (await delivery(f.productId, "pincode=110001")).json()) as DeliveryAnswer;
    expect(delhi).toMatchObject({ deliverable: true, min_days: 4, max_days: 6 });
    expect(delhi.from_city).not.toBe("Delhi NCR");
  });

  it("estimates another seller's offer when asked for it, and refuses cash on delivery above ₹50,000", async () => {
    const f = await createProduct([
      { price: 129900, units: 12 },
      { price: 5_500_000, units: 3 },
    ]);
    const body = (await (await delivery(f.productId, `pincode=411014&listing_id=${f.listingIds[1]}`)).json()) as DeliveryAnswer;
    expect(body).toMatchObject({ listing_id: f.listingIds[1], deliverable: true, cod_available: false });
    const unknown = await delivery(f.productId, "pincode=411014&listing_id=lst_nobody");
    expect(unknown.status).toBe(404);
  });

  it("says an offer out of stock everywhere is not deliverable, with no date", async () => {
    const f = await createProduct([{ price: 129900, units: 0 }]);
    const body = (await (await delivery(f.productId, "pincode=560001")).json()) as DeliveryAnswer;
    expect(body).toMatchObject({
      listing_id: f.listingId,
      deliverable: false,
      from_city: null,
      earliest: null,
      by: null,
      cod_available: false,
    });
  });

  it("delivers a deal's units from the deal's warehouse when the deal took every unit on the shelf", async () => {
    const s = await dealSetup(10);
    await createDealViaApi(s, { units: 10 });
    const body = (await (await delivery(s.fixture.productId, `listing_id=${s.fixture.listingId}&pincode=411014`)).json()) as DeliveryAnswer;
    expect(body).toMatchObject({ listing_id: s.fixture.listingId, deliverable: true, from_city: "Pune" });
    expect(body.by).not.toBeNull();
  });

  it("answers every PIN code from the listing's stock as read once, not a D1 read per PIN code", async () => {
    const f = await createProduct([{ price: 129900, units: 12 }]);
    expect(((await (await delivery(f.productId, "pincode=411014")).json()) as DeliveryAnswer).deliverable).toBe(true);
    // The shelf empties in D1 behind the cache's back: a PIN code never asked before still gets
    // the listing's stock as read a moment ago (it catches up within the cache's minute).
    await env.DB.prepare("UPDATE inventory SET available = 0 WHERE sku_id = ?").bind(f.listingId).run();
    const other = (await (await delivery(f.productId, "pincode=560001")).json()) as DeliveryAnswer;
    expect(other).toMatchObject({ pincode: "560001", deliverable: true, from_city: "Pune" });
  });

  it("refuses a malformed PIN code with a problem naming the field", async () => {
    const f = await createProduct([{ price: 129900, units: 12 }]);
    for (const [pin, words] of [
      ["56000", "6-digit"],
      ["056000", "starts with 0"],
      ["900001", "Army Post Office"],
      ["", "6-digit"],
    ] as const) {
      const res = await delivery(f.productId, `pincode=${pin}`);
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      const problem = (await res.json()) as { errors: { path: string; message: string }[] };
      expect(problem.errors).toEqual([{ path: "pincode", message: expect.stringContaining(words) }]);
    }
    expect((await api(`/api/products/${f.productId}/delivery`)).status).toBe(400);
  });

  it("answers 404 for an unknown product", async () => {
    const res = await delivery("prd_nope", "pincode=560001");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
  });

  it("is documented with its query in the OpenAPI document", async () => {
    const doc = (await (await api("/api/openapi.json")).json()) as { paths: Record<string, { get?: { parameters?: { name: string }[] } }> };
    const names = doc.paths["/api/products/{id}/delivery"]?.get?.parameters?.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(["id", "pincode", "listing_id"]));
  });
});
