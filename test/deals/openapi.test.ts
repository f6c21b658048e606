import { describe, expect, it } from "vitest";
import { api } from "../helpers/http";

describe("deal routes in the OpenAPI document", () => {
  it("publishes every deal and waiting-room route with its access rule", async () => {
    const doc = (await (await api("/api/openapi.json")).json()) as { paths: Record<string, Record<string, { "x-access"?: unknown }>> };
    expect(doc.paths["/api/admin/deals"]?.post?.["x-access"]).toEqual(["deal_manager"]);
    expect(doc.paths["/api/admin/deals"]?.get?.["x-access"]).toEqual(["deal_manager"]);
    expect(doc.paths["/api/admin/deals/{id}"]?.get?.["x-access"]).toEqual(["deal_manager", "ops"]);
    expect(doc.paths["/api/admin/deals/{id}/results"]?.get?.["x-access"]).toEqual(["deal_manager", "ops"]);
    for (const action of ["pause", "resume", "end"]) expect(doc.paths[`/api/admin/deals/{id}/${action}`]?.post).toBeDefined();
    expect(doc.paths["/api/deals/{id}/queue"]?.post?.["x-access"]).toBe("public");
    expect(doc.paths["/api/deals/{id}/queue"]?.get).toBeDefined();
    expect(doc.paths["/api/deals/{id}/hold"]?.post).toBeDefined();
    expect(doc.paths["/api/admin/inventory/{sku_id}/audit"]?.get?.["x-access"]).toEqual(["ops"]);
  });

  it("documents the waiting-room ticket header on the join and the poll, bounded as the query parameter is", async () => {
    type Parameter = { name: string; in: string; required?: boolean; schema?: { maxLength?: number } };
    const doc = (await (await api("/api/openapi.json")).json()) as { paths: Record<string, Record<string, { parameters?: Parameter[] }>> };
    for (const method of ["get", "post"]) {
      const parameters = doc.paths["/api/deals/{id}/queue"]?.[method]?.parameters ?? [];
      const header = parameters.find((p) => p.in === "header" && p.name === "x-waiting-room-ticket");
      const query = parameters.find((p) => p.in === "query" && p.name === "ticket");
      expect(header).toMatchObject({ required: false, schema: { maxLength: 1024 } });
      expect(query?.schema?.maxLength).toBe(header?.schema?.maxLength);
    }
  });

  it("documents the waiting room's joins in a deal's live figures and results", async () => {
    type Schema = { properties?: Record<string, Schema>; required?: string[]; description?: string; type?: unknown };
    const doc = (await (await api("/api/openapi.json")).json()) as { components: { schemas: Record<string, Schema> } };
    const figures = doc.components.schemas.DealFigures as Schema & { allOf?: Schema[] };
    const live = JSON.stringify(figures);
    expect(live).toMatch(/"joined":\{[^}]*"description":"Joins to the waiting room/);
    expect(live).toMatch(/"joined_before_open":\{[^}]*"description":"Of `joined`, the joins before the deal opened/);
    const shoppers = doc.components.schemas.DealResults?.properties?.shoppers;
    expect(shoppers?.required).toEqual(["joined", "joined_before_open", "admitted", "ordered", "paid"]);
    expect(shoppers?.properties?.joined?.type).toEqual(["integer", "null"]);
    expect(shoppers?.properties?.joined_before_open?.description).toMatch(/null when the deal's gate could not be asked/);
  });

  it("documents the admin list's items as deals with their product and seller names and their units left", async () => {
    type Schema = {
      $ref?: string;
      properties?: Record<string, { type?: unknown; description?: string }>;
      required?: string[];
      allOf?: Schema[];
    };
    const doc = (await (await api("/api/openapi.json")).json()) as { components: { schemas: Record<string, Schema> } };
    const item = doc.components.schemas.AdminDeal;
    expect(item?.allOf?.[0]?.$ref).toBe("#/components/schemas/Deal");
    expect(doc.components.schemas.Deal?.required).toContain("product_id");
    expect(item?.allOf?.[1]?.required).toEqual(["product_title", "seller_name", "remaining", "sold", "returned"]);
    expect(item?.allOf?.[1]?.properties?.sold?.type).toEqual(["integer", "null"]);
    expect(item?.allOf?.[1]?.properties?.returned?.type).toEqual(["integer", "null"]);
    const remaining = item?.allOf?.[1]?.properties?.remaining;
    expect(remaining?.type).toEqual(["integer", "null"]);
    expect(remaining?.description).toMatch(/^Units neither sold nor held\./);
    expect(remaining?.description).toMatch(/null when its gate could not be asked/);
  });

  it("documents the public list's items as deals with their product's title, brand and picture, MRP and seller's name", async () => {
    type Schema = {
      $ref?: string;
      properties?: Record<string, { nullable?: boolean; type?: unknown }>;
      required?: string[];
      allOf?: Schema[];
    };
    const doc = (await (await api("/api/openapi.json")).json()) as { components: { schemas: Record<string, Schema> } };
    const list = doc.components.schemas.DealList;
    expect(list?.properties?.items).toMatchObject({ items: { $ref: "#/components/schemas/PublicDeal" } });
    const item = doc.components.schemas.PublicDeal;
    expect(item?.allOf?.[0]?.$ref).toBe("#/components/schemas/Deal");
    expect(item?.allOf?.[1]?.required).toEqual(["product_title", "product_brand", "mrp", "product_image", "seller_name"]);
    expect(item?.allOf?.[1]?.properties?.product_image?.type).toEqual(["string", "null"]);
  });
});
