import { describe, expect, it } from "vitest";
import { createTestUser, type TestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { createProduct } from "../catalog/fixtures";
import { buyBoxStatus } from "../../workers/sellers/buy-box-status";

interface BuyBox {
  status: string;
  price?: number;
  note: string;
}

async function ownBuyBox(seller: TestUser, listingId: string): Promise<BuyBox | undefined> {
  const res = await api("/api/seller/listings", { headers: seller.headers });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { items: { id: string; buy_box: BuyBox }[] };
  return body.items.find((i) => i.id === listingId)?.buy_box;
}

describe("a seller's buy box", () => {
  it("says the listing is shown first when it is the cheapest offer with stock", async () => {
    const f = await createProduct([
      { price: 4100000, mrp: 4500000, units: 5 },
      { price: 4199900, mrp: 4500000, units: 8 },
    ]);
    const seller = await createTestUser(["seller"], { sellerId: f.sellerIds[0] });
    const box = await ownBuyBox(seller, f.listingIds[0]!);
    expect(box).toMatchObject({ status: "yours" });
    expect(box?.price).toBeUndefined();
    expect(box?.note).toContain("Your offer is shown first");
  });

  it("names the price of another seller's cheaper offer, and lowering below it through the price change wins", async () => {
    const f = await createProduct([
      { price: 4250000, mrp: 4500000, units: 5 },
      { price: 4199900, mrp: 4500000, units: 8 },
    ]);
    const seller = await createTestUser(["seller"], { sellerId: f.sellerIds[0] });
    expect(await ownBuyBox(seller, f.listingIds[0]!)).toEqual({
      status: "other_seller",
      price: 4199900,
      note: "Another seller's offer at ₹41,999 is shown first. Price below ₹41,999 to be shown first (at the same price, the better-rated seller is).",
    });

    const changed = await api(`/api/seller/listings/${f.listingIds[0]}`, {
      method: "PATCH",
      headers: seller.headers,
      body: { price: 4189900 },
    });
    expect(changed.status).toBe(200);
    // The change's own answer already says so, and so does the list read straight after.
    expect(((await changed.json()) as { buy_box: BuyBox }).buy_box.status).toBe("yours");
    expect(await ownBuyBox(seller, f.listingIds[0]!)).toMatchObject({ status: "yours" });
    // The seller who was shown first now sees the price to beat.
    const rival = await createTestUser(["seller"], { sellerId: f.sellerIds[1] });
    expect(await ownBuyBox(rival, f.listingIds[1]!)).toMatchObject({ status: "other_seller", price: 4189900 });
  });

  it("at the same price says the better-rated seller is shown first, without promising a win", async () => {
    // The first offer's seller is rated 4.5, the other's 4.0.
    const f = await createProduct([
      { price: 4199900, mrp: 4500000, units: 5 },
      { price: 4199900, mrp: 4500000, units: 8 },
    ]);
    const lowerRated = await createTestUser(["seller"], { sellerId: f.sellerIds[1] });
    const box = await ownBuyBox(lowerRated, f.listingIds[1]!);
    expect(box).toMatchObject({ status: "other_seller", price: 4199900 });
    expect(box?.note).toBe(
      "Another seller's offer at the same price, ₹41,999, is shown first: at the same price, the better-rated seller is shown first. Price below ₹41,999 to be shown first.",
    );
  });

  it("says an out-of-stock listing is not shown first whatever its price, and so does an inactive one", async () => {
    const f = await createProduct([
      { price: 4000000, mrp: 4500000, units: 5 },
      { price: 4199900, mrp: 4500000, units: 8 },
    ]);
    const seller = await createTestUser(["seller"], { sellerId: f.sellerIds[0] });
    const counted = await api(`/api/seller/listings/${f.listingIds[0]}/stock`, {
      method: "PUT",
      headers: seller.headers,
      body: { warehouse_id: f.warehouseId, available: 0 },
    });
    expect(counted.status).toBe(200);
    const out = await ownBuyBox(seller, f.listingIds[0]!);
    expect(out).toMatchObject({ status: "out_of_stock", price: 4199900 });
    expect(out?.note).toContain("Out of stock: an offer with no units for sale is never shown first while another seller has some");
    expect(out?.note).toContain("Another seller's offer at ₹41,999 is shown first.");

    const restocked = await api(`/api/seller/listings/${f.listingIds[0]}/stock`, {
      method: "PUT",
      headers: seller.headers,
      body: { warehouse_id: f.warehouseId, available: 3 },
    });
    expect(restocked.status).toBe(200);
    expect(await ownBuyBox(seller, f.listingIds[0]!)).toMatchObject({ status: "yours" });

    const paused = await api(`/api/seller/listings/${f.listingIds[0]}`, {
      method: "PATCH",
      headers: seller.headers,
      body: { active: false },
    });
    expect(paused.status).toBe(200);
    const inactive = await ownBuyBox(seller, f.listingIds[0]!);
    expect(inactive).toMatchObject({ status: "inactive", price: 4199900 });
    expect(inactive?.note).toContain("Inactive: shoppers never see this listing, whatever its price.");
  });

  it("says a sold-out product is sold out for every seller, with no price to beat", async () => {
    const f = await createProduct([
      { price: 4000000, mrp: 4500000, units: 0 },
      { price: 4199900, mrp: 4500000, units: 0 },
    ]);
    const seller = await createTestUser(["seller"], { sellerId: f.sellerIds[1] });
    const box = await ownBuyBox(seller, f.listingIds[1]!);
    expect(box?.status).toBe("out_of_stock");
    expect(box?.price).toBeUndefined();
    expect(box?.note).toContain("as is every other offer of this product");
  });

  it("is described in the OpenAPI document with every status", async () => {
    const doc = (await (await api("/api/openapi.json")).json()) as {
      components: { schemas: Record<string, { properties?: Record<string, { enum?: string[] }>; required?: string[] }> };
    };
    expect(doc.components.schemas.SellerListing?.required).toContain("buy_box");
    expect(doc.components.schemas.SellerBuyBox?.properties?.status?.enum).toEqual(["yours", "other_seller", "inactive", "out_of_stock"]);
  });

  it("weighs the listing's own figures before the summary's", () => {
    const facts = {
      listingId: "lst_a",
      active: true,
      available: 4,
      price: 50000,
      buyBoxListingId: "lst_a",
      buyBoxPrice: 50000,
      productStock: 4,
    };
    expect(buyBoxStatus(facts).status).toBe("yours");
    expect(buyBoxStatus({ ...facts, active: false }).status).toBe("inactive");
    expect(buyBoxStatus({ ...facts, available: 0, productStock: 0 })).toMatchObject({ status: "out_of_stock" });
    expect(buyBoxStatus({ ...facts, buyBoxListingId: "lst_b", buyBoxPrice: 49950 }).note).toContain("Price below ₹499.50");
    // Another seller shown first while nobody has stock is no price to beat.
    expect(buyBoxStatus({ ...facts, available: 0, buyBoxListingId: "lst_b", buyBoxPrice: 40000, productStock: 0 }).price).toBeUndefined();
  });
});
