import { describe, expect, it } from "vitest";
import { api } from "../helpers/http";
import { createDealViaApi, dealSetup } from "./helpers";

describe("a deal's admin answer", () => {
  it("names the product and the seller, with the listing's own price and MRP beside the deal's", async () => {
    const s = await dealSetup(20);
    const id = await createDealViaApi(s);
    const res = await api(`/api/admin/deals/${id}`, { headers: s.manager.headers });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      product_title: "Test Phone 5G (8GB RAM, 128GB)",
      seller_id: s.fixture.sellerId,
      seller_name: "Test Seller",
      listing_id: s.fixture.listingId,
      deal_price: 99900,
      listing_price: 129900,
      mrp: 149900,
    });
  });
});
