import { describe, expect, it } from "vitest";
import { api } from "../helpers/http";

interface Operation {
  "x-access"?: unknown;
  security?: Record<string, string[]>[];
  responses?: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
}

async function operations(): Promise<Array<[string, Operation]>> {
  const doc = (await (await api("/api/openapi.json")).json()) as { paths: Record<string, Record<string, Operation>> };
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]): [string, Operation] => [`${method.toUpperCase()} ${path}`, op]),
  );
}

describe("the OpenAPI document's errors and access", () => {
  it("declares every error's body as a problem document a client can type", async () => {
    const doc = (await (await api("/api/openapi.json")).json()) as {
      components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
    };
    expect(doc.components.schemas.Problem?.required).toEqual(expect.arrayContaining(["type", "title", "status", "detail", "instance"]));
    expect(Object.keys(doc.components.schemas.Problem?.properties ?? {})).toContain("errors");
    const untyped: string[] = [];
    for (const [name, op] of await operations()) {
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        if (!/^[45]/.test(status)) continue;
        const schema = response.content?.["application/problem+json"]?.schema;
        if (!schema?.$ref) untyped.push(`${name} ${status}`);
      }
    }
    expect(untyped).toEqual([]);
  });

  it("says which operations need a bearer token or a session, as their access rule does", async () => {
    const ops = await operations();
    const wrong = ops.filter(([, op]) => (op["x-access"] === "public") !== (op.security === undefined)).map(([name]) => name);
    expect(wrong).toEqual([]);
    const signedIn = ops.find(([name]) => name === "GET /api/orders")?.[1];
    expect(signedIn?.security).toEqual([{ bearer: [] }, { session: [] }]);
  });
});
