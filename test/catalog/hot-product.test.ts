import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { app } from "../../workers/app";
import { answerHotProduct } from "../../workers/catalog/hot-product";
import { requestPath } from "../../workers/platform/request-path";
import { ORIGIN, api } from "../helpers/http";
import { createTestUser } from "../helpers/accounts";
import { createProduct } from "./fixtures";

/** Asks until the page is remembered by this isolate and answered before the router. */
async function untilHot(productId: string): Promise<Response> {
  for (let i = 0; i < 50; i++) {
    await (await api(`/api/products/${productId}`)).arrayBuffer();
    const answered = viaEdge(productId);
    if (answered) return answered;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${productId} never became hot`);
}

function viaEdge(productId: string, init: RequestInit = {}, on: Env = env): Response | null {
  const request = new Request(`${ORIGIN}/api/products/${productId}`, init);
  return answerHotProduct(request, requestPath(request.url), on, createExecutionContext());
}

async function viaApp(productId: string, init: RequestInit = {}): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(`${ORIGIN}/api/products/${productId}`, init), env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

/** Every header but the per-request id, sorted. */
function headersOf(res: Response): [string, string][] {
  return [...res.headers].filter(([name]) => name !== "x-request-id").sort(([a], [b]) => a.localeCompare(b));
}

describe("hot product pages answered before the router", () => {
  it("answers exactly as the app does: the same status, headers and body", async () => {
    const f = await createProduct([{ price: 54900, units: 30 }]);
    const edge = await untilHot(f.productId);
    const slow = await viaApp(f.productId);
    expect(edge.status).toBe(200);
    expect(slow.headers.get("x-cache")).toBe("hit");
    expect(headersOf(edge)).toEqual(headersOf(slow));
    expect(await edge.text()).toBe(await slow.text());
    expect(edge.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("answers 304 to a client holding the current version, and keeps its request id", async () => {
    const f = await createProduct([{ price: 74900, units: 30 }]);
    const etag = (await untilHot(f.productId)).headers.get("etag") ?? "";
    const res = viaEdge(f.productId, { headers: { "if-none-match": etag, "x-request-id": "trace-0123456789" } });
    expect(res?.status).toBe(304);
    expect(res?.headers.get("etag")).toBe(etag);
    expect(res?.headers.get("x-request-id")).toBe("trace-0123456789");
    const slow = await viaApp(f.productId, { headers: { "if-none-match": etag } });
    expect(slow.status).toBe(304);
    expect(headersOf(res as Response)).toEqual(headersOf(slow));
  });

  it("leaves to the app what the front door would treat differently", async () => {
    const f = await createProduct([{ price: 34900, units: 30 }]);
    await untilHot(f.productId);
    const user = await createTestUser();
    expect(viaEdge(f.productId, { headers: user.headers })).toBeNull();
    expect(viaEdge(f.productId, { headers: { cookie: "__Host-session=whatever" } })).toBeNull();
    expect(viaEdge(f.productId, { method: "DELETE" })).toBeNull();
    expect(viaEdge(f.productId, {}, { ...env, SHED_MODE: "on" } as unknown as Env)).toBeNull();
    expect(viaEdge("prd_never_asked_for")).toBeNull();
    // Through the Worker, those are the app's answers: 405 for the method, degraded under shedding.
    expect((await api(`/api/products/${f.productId}`, { method: "DELETE" })).status).toBe(405);
  });
});
