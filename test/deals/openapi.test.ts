import { describe, expect, it } from "vitest";
import { api } from "../helpers/http";

describe("deal routes in the OpenAPI document", () => {
  it("publishes every deal and waiting-room route with its access rule", async () => {
    const doc = (await (await api("/api/openapi.json")).json()) as { paths: Record<string, Record<string, { "x-access"?: unknown }>> };
    expect(doc.paths["/api/admin/deals"]?.post?.["x-access"]).toEqual(["deal_manager"]);
    expect(doc.paths["/api/admin/deals"]?.get?.["x-access"]).toEqual(["deal_manager"]);
    expect(doc.paths["/api/admin/deals/{id}"]?.get?.["x-access"]).toEqual(["deal_manager", "ops"]);
    for (const action of ["pause", "resume", "end"]) expect(doc.paths[`/api/admin/deals/{id}/${action}`]?.post).toBeDefined();
    expect(doc.paths["/api/deals/{id}/queue"]?.post?.["x-access"]).toBe("public");
    expect(doc.paths["/api/deals/{id}/queue"]?.get).toBeDefined();
    expect(doc.paths["/api/deals/{id}/hold"]?.post).toBeDefined();
    expect(doc.paths["/api/admin/inventory/{sku_id}/audit"]?.get?.["x-access"]).toEqual(["ops"]);
  });
});
