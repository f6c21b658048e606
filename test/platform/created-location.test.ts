import { describe, expect, it } from "vitest";
import { api } from "../helpers/http";

type Operation = { responses?: Record<string, { headers?: Record<string, { description?: string }> }> };

describe("the OpenAPI document's 201s", () => {
  it("document the Location header on every creation that sends one, so a client generated from it can follow it", async () => {
    const doc = (await (await api("/api/openapi.json")).json()) as { paths: Record<string, Record<string, Operation>> };
    const documented = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ at: `${method.toUpperCase()} ${path}`, op })))
      .filter(({ op }) => op.responses?.["201"]?.headers?.location)
      .map(({ at }) => at)
      .sort();
    expect(documented).toEqual([
      "POST /api/admin/deals",
      "POST /api/auth/register",
      "POST /api/checkout",
      "POST /api/orders/{id}/help",
      "POST /api/orders/{id}/help/{help_id}/additions",
      "POST /api/products/{id}/questions",
      "POST /api/seller/listings",
      "POST /api/seller/register",
      "PUT /api/wishlist/{product_id}",
    ]);
    expect(doc.paths["/api/checkout"]?.post?.responses?.["201"]?.headers?.location?.description).toMatch(/Where the created resource/);
  });
});
