import { describe, expect, it } from "vitest";
import { api } from "../helpers/http";

type Schema = Record<string, unknown>;

/** Every schema in the document combining a $ref with a null in allOf, which no null can satisfy. */
function impossibleNulls(value: unknown, path: string, into: string[]): string[] {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) impossibleNulls(v, `${path}[${i}]`, into);
  } else if (value && typeof value === "object") {
    const o = value as Schema;
    const parts = Array.isArray(o.allOf) ? (o.allOf as Schema[]) : [];
    if (parts.some((p) => typeof p.$ref === "string") && parts.some((p) => Array.isArray(p.type) && p.type.includes("null")))
      into.push(path);
    for (const [k, v] of Object.entries(o)) impossibleNulls(v, `${path}.${k}`, into);
  }
  return into;
}

describe("the OpenAPI document's nullable references", () => {
  it("let null through where the API sends it: a buy box with no offer, a shopper with no review yet", async () => {
    const doc = (await (await api("/api/openapi.json")).json()) as { components: { schemas: Record<string, Schema> } };
    expect(impossibleNulls(doc, "", [])).toEqual([]);
    const props = (name: string) => (doc.components.schemas[name]?.properties ?? {}) as Record<string, Schema>;
    expect(props("MyReview").review).toEqual({ anyOf: [{ $ref: "#/components/schemas/Review" }, { type: "null" }] });
    expect(props("Product").buy_box).toMatchObject({
      anyOf: [{ $ref: "#/components/schemas/Offer" }, { type: "null" }],
      description: expect.stringContaining("best active offer"),
    });
  });
});
