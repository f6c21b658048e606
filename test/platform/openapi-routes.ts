import { api } from "../helpers/http";

/** The access rule an operation publishes as `x-access`. */
export type PublishedAccess = "public" | "signed_in" | string[];

/** One operation of the OpenAPI document, flattened for table-driven tests. */
export interface Operation {
  method: string;
  path: string;
  access: PublishedAccess | undefined;
  pathParams: string[];
  queryParams: { name: string; required: boolean }[];
  headerParams: { name: string; required: boolean }[];
  hasBody: boolean;
  /** The statuses the operation documents. */
  responses: string[];
}

interface OpenApiOperation {
  "x-access"?: PublishedAccess;
  parameters?: { in: string; name: string; required?: boolean }[];
  requestBody?: unknown;
  responses?: Record<string, unknown>;
}

/** Every operation in the served /api/openapi.json: the route table the matrix and fuzz tests are generated from. */
export async function loadOperations(): Promise<Operation[]> {
  const doc = (await (await api("/api/openapi.json")).json()) as { paths: Record<string, Record<string, OpenApiOperation>> };
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const params = op.parameters ?? [];
      ops.push({
        method: method.toUpperCase(),
        path,
        access: op["x-access"],
        pathParams: params.filter((p) => p.in === "path").map((p) => p.name),
        queryParams: params.filter((p) => p.in === "query").map((p) => ({ name: p.name, required: p.required === true })),
        headerParams: params.filter((p) => p.in === "header").map((p) => ({ name: p.name, required: p.required === true })),
        hasBody: op.requestBody !== undefined,
        responses: Object.keys(op.responses ?? {}),
      });
    }
  }
  return ops;
}

/** The operation's path with each `{param}` replaced. */
export function fillPath(path: string, value: (name: string) => string): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(value(name)));
}

/** Methods that change state. */
export const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);
