import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

describe("front door", () => {
  it("answers an unknown route with a 404 problem carrying the request id", async () => {
    const res = await exports.default.fetch("https://shop.test/api/nope");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.status).toBe(404);
    expect(body.request_id).toBe(res.headers.get("x-request-id"));
  });

  it("serves the OpenAPI 3.1 document", async () => {
    const res = await exports.default.fetch("https://shop.test/api/openapi.json");
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string };
    expect(doc.openapi).toBe("3.1.0");
  });
});
