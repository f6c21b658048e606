import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../workers/platform/context";
import { randomIp } from "../accounts/browser";
import { createTestUser } from "../helpers/accounts";
import { createListingFixture } from "../helpers/catalog";
import { api } from "../helpers/http";
import { twoSellerShippedOrder } from "../invoices/two-sellers";
import { MUTATING, type Operation, type PublishedAccess, fillPath, loadOperations } from "./openapi-routes";

type Caller = "guest" | Role;
const CALLERS: Caller[] = ["guest", "shopper", "seller", "deal_manager", "ops"];
const DENIED = new Set(["/problems/unauthenticated", "/problems/forbidden"]);

/** What the route's declared access says this caller gets: in, or refused as a guest (401) or for a missing role (403). */
function expected(access: PublishedAccess, caller: Caller): "allowed" | 401 | 403 {
  if (access === "public") return "allowed";
  if (caller === "guest") return 401;
  if (access === "signed_in") return "allowed";
  // Every account is a shopper, so a shopper-only rule admits every signed-in caller.
  return access.includes(caller) || access.includes("shopper") ? "allowed" : 403;
}

let operations: Operation[] = [];
let sellerId = "";

beforeAll(async () => {
  operations = await loadOperations();
  sellerId = (await createListingFixture()).sellerId;
});

/** A fresh account per call, so a route that ends its caller's session (sign-out) cannot skew later rows. */
async function headersFor(caller: Caller): Promise<Record<string, string>> {
  if (caller === "guest") return {};
  const user = await createTestUser(caller === "shopper" ? [] : [caller], caller === "seller" ? { sellerId } : {});
  return user.headers;
}

describe("authorization matrix (generated from /api/openapi.json)", () => {
  it("covers every operation, each with a declared access rule", () => {
    expect(operations.length).toBeGreaterThan(3);
    const undeclared = operations.filter((op) => op.access === undefined).map((op) => `${op.method} ${op.path}`);
    expect(undeclared).toEqual([]);
  });

  it("documents on every operation the refusals its access rule gives, and the rate limit's 429", () => {
    const missing = operations.flatMap((op) => {
      const want = ["429", ...(op.access === "public" ? [] : ["401"])];
      if (Array.isArray(op.access) && !op.access.includes("shopper")) want.push("403");
      if (op.pathParams.length + op.queryParams.length + op.headerParams.length > 0 || op.hasBody) want.push("400");
      return want.filter((s) => !op.responses.includes(s)).map((s) => `${op.method} ${op.path} ${s}`);
    });
    expect(missing).toEqual([]);
  });

  it("answers every route × every role as its declared access says", async () => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const op of operations) {
      // Mutating routes are the matrix the issue asks for; reads are checked too, as they are cheap.
      for (const caller of CALLERS) {
        const want = expected(op.access ?? [], caller);
        const res = await api(
          fillPath(op.path, () => "matrix_probe"),
          {
            method: op.method,
            headers: { ...(await headersFor(caller)), "cf-connecting-ip": randomIp() },
            ...(op.hasBody || MUTATING.has(op.method) ? { body: {} } : {}),
          },
        );
        const type = res.headers.get("content-type")?.includes("problem") ? ((await res.json()) as { type: string }).type : "";
        const denied = DENIED.has(type);
        const ok = want === "allowed" ? !denied && res.status < 500 : res.status === want && denied;
        if (!ok) mismatches.push(`${op.method} ${op.path} as ${caller}: expected ${want}, got ${res.status} ${type}`);
        checked++;
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBe(operations.length * CALLERS.length);
    // Every route times every role, one after another: it grows with the API and slows with a busy machine.
  }, 120_000);
});

describe("who reads the returns of a sale", () => {
  it("declares a seller's returns and their summary for sellers only, so the matrix refuses guests (401) and other roles (403)", () => {
    const accessOf = (path: string) => operations.find((op) => op.method === "GET" && op.path === path)?.access;
    expect(accessOf("/api/seller/returns")).toEqual(["seller"]);
    expect(accessOf("/api/seller/returns/summary")).toEqual(["seller"]);
  });

  it("declares a seller's payments statement, and its CSV download, for sellers only", () => {
    expect(operations.find((op) => op.method === "GET" && op.path === "/api/seller/payouts")?.access).toEqual(["seller"]);
    expect(operations.find((op) => op.method === "GET" && op.path === "/api/seller/payouts.csv")?.access).toEqual(["seller"]);
  });
});

describe("who reads a tax invoice (the declared access, then whose the invoice is)", () => {
  it("declares the shopper's order invoices for anyone signed in and a seller's own invoice for sellers", () => {
    const accessOf = (method: string, path: string) => operations.find((op) => op.method === method && op.path === path)?.access;
    expect(accessOf("GET", "/api/orders/{id}/invoices")).toBe("signed_in");
    expect(accessOf("GET", "/api/seller/invoices/{id}")).toEqual(["seller"]);
    expect(accessOf("GET", "/api/seller/credit-notes/{id}")).toEqual(["seller"]);
  });

  it("lets the order's shopper and ops read the order's invoices, and each seller exactly its own", async () => {
    const { shopper, ops, orderId, sellerA, sellerB, invoiceA, invoiceB } = await twoSellerShippedOrder();
    const stranger = await createTestUser();
    const dealManager = await createTestUser(["deal_manager"]);
    const status = async (path: string, headers: Record<string, string>) => (await api(path, { headers })).status;
    const order = `/api/orders/${orderId}/invoices`;
    const rows: Array<[string, Record<string, string>, number, number, number]> = [
      // caller, headers, the order's invoices, seller A's invoice, seller B's invoice
      ["guest", {}, 401, 401, 401],
      ["the order's shopper", shopper.headers, 200, 403, 403],
      ["another shopper", stranger.headers, 404, 403, 403],
      ["seller A of the order", sellerA.headers, 404, 200, 404],
      ["seller B of the order", sellerB.headers, 404, 404, 200],
      ["deal manager", dealManager.headers, 404, 403, 403],
      ["ops", ops.headers, 200, 403, 403],
    ];
    const seen = [];
    for (const [caller, headers] of rows) {
      seen.push([
        caller,
        headers,
        await status(order, headers),
        await status(`/api/seller/invoices/${invoiceA.id}`, headers),
        await status(`/api/seller/invoices/${invoiceB.id}`, headers),
      ]);
    }
    expect(seen).toEqual(rows);
  });
});
