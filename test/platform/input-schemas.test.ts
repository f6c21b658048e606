import { describe, expect, it } from "vitest";
import { api } from "../helpers/http";

type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  maxLength?: number;
  maxItems?: number;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
};

// Formats the validator checks against a fixed-length grammar, so they are bounded too.
const BOUNDED_FORMATS = new Set(["date-time", "date", "email", "uuid"]);

interface Doc {
  paths: Record<
    string,
    Record<
      string,
      { parameters?: { name: string; in: string; schema?: Schema }[]; requestBody?: { content: Record<string, { schema: Schema }> } }
    >
  >;
  components?: { schemas?: Record<string, Schema> };
}

/** Every place in an input schema that would let an unbounded or undeclared value through. */
function loosePlaces(doc: Doc, schema: Schema, where: string, strict: boolean, seen = new Set<string>()): string[] {
  if (schema.$ref) {
    if (seen.has(schema.$ref)) return [];
    seen.add(schema.$ref);
    const target = doc.components?.schemas?.[schema.$ref.replace("#/components/schemas/", "")];
    return target ? loosePlaces(doc, target, where, strict, seen) : [`${where}: unresolved ${schema.$ref}`];
  }
  const out: string[] = [];
  for (const sub of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])])
    out.push(...loosePlaces(doc, sub, where, strict, seen));
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.includes("object")) {
    if (strict && schema.additionalProperties !== false) out.push(`${where}: object accepts undeclared fields`);
    for (const [k, v] of Object.entries(schema.properties ?? {})) out.push(...loosePlaces(doc, v, `${where}.${k}`, strict, seen));
  }
  if (
    types.includes("string") &&
    schema.maxLength === undefined &&
    schema.enum === undefined &&
    schema.const === undefined &&
    !schema.pattern &&
    !BOUNDED_FORMATS.has(schema.format ?? "")
  ) {
    out.push(`${where}: string without a length bound`);
  }
  if (types.includes("array")) {
    if (schema.maxItems === undefined) out.push(`${where}: array without maxItems`);
    if (schema.items) out.push(...loosePlaces(doc, schema.items, `${where}[]`, strict, seen));
  }
  return out;
}

describe("input schemas in the OpenAPI document", () => {
  it("are strict objects with bounded strings and arrays, for every body, path, query and header input", async () => {
    const doc = (await (await api("/api/openapi.json")).json()) as Doc;
    const loose: string[] = [];
    let inputs = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const at = `${method.toUpperCase()} ${path}`;
        for (const p of op.parameters ?? []) {
          inputs++;
          if (p.schema) loose.push(...loosePlaces(doc, p.schema, `${at} ${p.in} ${p.name}`, true));
        }
        for (const [type, media] of Object.entries(op.requestBody?.content ?? {})) {
          inputs++;
          // HTML forms also carry the CSRF field, so only JSON bodies must refuse undeclared fields.
          loose.push(...loosePlaces(doc, media.schema, `${at} body (${type})`, type.includes("json")));
        }
      }
    }
    expect(inputs).toBeGreaterThan(10);
    expect(loose).toEqual([]);
  });
});
