import { describe, expect, it } from "vitest";
import { api } from "../helpers/http";

type Operation = { responses?: Record<string, { description?: string }>; requestBody?: unknown };

describe("the OpenAPI document's implied answers", () => {
  it("declare what the front door answers for every operation: a bad credential, an oversized or non-JSON body, a missing CSRF token", async () => {
    const doc = (await (await api("/api/openapi.json")).json()) as { paths: Record<string, Record<string, Operation>> };
    const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ at: `${method.toUpperCase()} ${path}`, op })),
    );
    const missing = (test: (o: { at: string; op: Operation }) => boolean, status: string) =>
      ops
        .filter(test)
        .filter(({ op }) => !op.responses?.[status])
        .map(({ at }) => at);
    expect(missing(() => true, "401")).toEqual([]);
    const withBody = (o: { op: Operation }) => o.op.requestBody !== undefined;
    expect(missing(withBody, "413")).toEqual([]);
    const withJson = (o: { op: Operation }) => JSON.stringify(o.op.requestBody ?? {}).includes('"application/json"');
    expect(missing(withJson, "415")).toEqual([]);
    expect(missing(withBody, "403")).toEqual([]);
    expect(doc.paths["/api/categories"]?.get?.responses?.["401"]?.description).toMatch(/send none to read as a guest/);
  });
});
