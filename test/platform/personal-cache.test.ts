import { describe, expect, it } from "vitest";
import { createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";

describe("a signed-in API answer that says nothing of caching", () => {
  it("is kept by no shared cache, while answers that say something keep their own words", async () => {
    const seller = await createTestUser(["seller"], { sellerId: "sel_cachetest" });
    const warehouses = await api("/api/seller/warehouses", { headers: seller.headers });
    expect(warehouses.status).toBe(200);
    expect(warehouses.headers.get("cache-control")).toBe("private, no-store");
    const ops = await createTestUser(["ops"]);
    expect((await api("/api/admin/orders?status=packed", { headers: ops.headers })).headers.get("cache-control")).toContain("no-store");
    // A public answer read signed in stays public, and one anyone reads says what it says.
    const categories = await api("/api/categories", { headers: seller.headers });
    expect(categories.headers.get("cache-control")).toContain("public");
  });
});
