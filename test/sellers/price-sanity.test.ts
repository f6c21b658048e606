import { describe, expect, it } from "vitest";
import { tooFarBelowMrp } from "../../workers/sellers/price-sanity";
import { createTestUser } from "../helpers/accounts";
import { createProduct } from "../catalog/fixtures";
import { api } from "../helpers/http";

describe("a listing's price against its MRP", () => {
  it("may go down to a tenth of the MRP, and no further", () => {
    expect(tooFarBelowMrp(7_000, 70_000)).toBe(false);
    expect(tooFarBelowMrp(6_999, 70_000)).toBe(true);
    expect(tooFarBelowMrp(70_000, 70_000)).toBe(false);
  });

  it("refuses a new listing priced under a tenth of its MRP, naming the price, and lists nothing", async () => {
    const f = await createProduct([{ price: 60000, mrp: 70000, units: 10 }]);
    const seller = await createTestUser(["seller"], { sellerId: f.sellerIds[0] });
    const res = await api("/api/seller/listings", {
      method: "POST",
      headers: { ...seller.headers, "idempotency-key": `new-${crypto.randomUUID()}` },
      body: { product_id: f.productId, price: 100, mrp: 200000 },
    });
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { errors: { path: string; message: string }[] };
    expect(problem.errors).toEqual([{ path: "price", message: "₹1 is less than a tenth of the MRP (₹2,000): check for a missing digit." }]);
  });
});
