import { env } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../../workers/platform/ids";
import { randomIp } from "../accounts/browser";
import { createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { type Operation, fillPath, loadOperations } from "./openapi-routes";

/** Row count and content hash of every table, to prove a refused request changed nothing. */
async function snapshotD1(): Promise<Record<string, string>> {
  const tables = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%' AND name NOT LIKE '%_fts%' ORDER BY name",
  ).all<{ name: string }>();
  const out: Record<string, string> = {};
  for (const { name } of tables.results) {
    const rows = await env.DB.prepare(`SELECT * FROM "${name}"`).all();
    out[name] = `${rows.results.length}:${await sha256Hex(JSON.stringify(rows.results))}`;
  }
  return out;
}

const printable = fc.string({ unit: fc.constantFrom(..."abcXYZ019 -_.:/;=,!%*'\"{}[]<>\\") });
const anyText = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.constantFrom("", " ", "%", "%00", "../..", "null", "-1", "1e309", "x".repeat(5000)),
);

/** Bodies no strict schema can accept: wrong shapes, broken JSON, or an object with a field nobody declared. */
const badBody = fc.oneof(
  fc
    .jsonValue()
    .filter((v) => v === null || typeof v !== "object" || Array.isArray(v))
    .map((v) => JSON.stringify(v)),
  fc.constantFrom("{", '{"a":', "[1,2", "\u0000", "{}}", "undefined"),
  fc
    .dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 })
    .chain((obj) => fc.string({ minLength: 1, maxLength: 8 }).map((k) => JSON.stringify({ ...obj, [`__undeclared_${k}`]: true }))),
);

const contentType = fc.constantFrom(
  "application/json",
  "application/json; charset=utf-8",
  "text/plain",
  "application/x-www-form-urlencoded",
  "",
);

interface Probe {
  params: string[];
  query: [string, string][];
  body: string;
  type: string;
  header: string;
}

const probe = fc.record({
  params: fc.array(
    anyText.filter((s) => s.length > 0),
    { minLength: 4, maxLength: 4 },
  ),
  query: fc.array(fc.tuple(fc.constantFrom("q", "limit", "cursor", "sort", "price_min", "ticket", "status", "x"), anyText), {
    maxLength: 4,
  }),
  body: badBody,
  type: contentType,
  header: printable,
});

function requestFor(op: Operation, p: Probe, auth: Record<string, string>) {
  const path = fillPath(op.path, (name) => p.params[op.pathParams.indexOf(name) % 4] ?? "x");
  const qs = new URLSearchParams(p.query).toString();
  const headers: Record<string, string> = { ...auth, "cf-connecting-ip": randomIp() };
  for (const h of op.headerParams) headers[h.name] = p.header;
  if (p.type) headers["content-type"] = p.type;
  return api(`${path}${qs ? `?${qs}` : ""}`, { method: op.method, headers, ...(op.hasBody ? { body: p.body } : {}) });
}

let operations: Operation[] = [];
const auth = new Map<string, Record<string, string>>();

beforeAll(async () => {
  operations = await loadOperations();
  // One all-roles user per operation, so every request passes authorization and reaches
  // validation, and no operation's rate limit is spent by another's runs.
  for (const op of operations) {
    const user = await createTestUser(["seller", "deal_manager", "ops"], { sellerId: "sel_fuzz" });
    auth.set(`${op.method} ${op.path}`, user.headers);
  }
});

/** Routes that take no input and whose whole point is to end the caller's sessions: any valid call changes D1. */
const SIGN_OUTS = new Set(["/api/auth/logout", "/api/auth/logout-everywhere"]);

describe("malformed input on every route in the OpenAPI document", () => {
  it("gets a 4xx problem, never a 5xx, for bodies no schema accepts, and changes nothing in D1", async () => {
    const withBody = operations.filter((op) => op.hasBody);
    const before = await snapshotD1();
    for (const op of withBody) {
      await fc.assert(
        fc.asyncProperty(probe, async (p) => {
          const res = await requestFor(op, p, auth.get(`${op.method} ${op.path}`) ?? {});
          const label = `${op.method} ${op.path} ${JSON.stringify(p).slice(0, 300)}`;
          expect(res.status, label).toBeGreaterThanOrEqual(400);
          expect(res.status, label).toBeLessThan(500);
          expect(res.headers.get("content-type"), label).toBe("application/problem+json");
          // The caller holds every role, so a refusal must come from validation, not authorization.
          const { type } = (await res.json()) as { type: string };
          expect(type, label).not.toMatch(/unauthenticated|forbidden/);
        }),
        { numRuns: 12 },
      );
    }
    expect(await snapshotD1()).toEqual(before);
  });

  it("never answers random params, queries and headers with a 5xx on any route, and changes nothing in D1", async () => {
    const before = await snapshotD1();
    for (const op of operations.filter((o) => !SIGN_OUTS.has(o.path))) {
      await fc.assert(
        fc.asyncProperty(probe, async (p) => {
          // Hostile versions of the headers the front door itself reads, on top of the route's own.
          const hostile = {
            cookie: `__Host-session=${p.header}; __Host-guest=${p.header}; __Host-csrf=${p.header}`,
            "x-request-id": p.header,
            "x-csrf-token": p.header,
            ...(p.params[0]?.length && p.params[0].length % 2 ? { authorization: `Bearer ${p.header}` } : {}),
          };
          const res = await requestFor(op, { ...p, body: "{}" }, { ...(auth.get(`${op.method} ${op.path}`) ?? {}), ...hostile });
          const label = `${op.method} ${op.path} ${JSON.stringify(p).slice(0, 300)}`;
          expect(res.status, label).toBeLessThan(500);
          if (res.status >= 400) expect(res.headers.get("content-type"), label).toBe("application/problem+json");
          await res.body?.cancel();
        }),
        { numRuns: 8 },
      );
    }
    expect(await snapshotD1()).toEqual(before);
  });
});
