import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { app } from "../../workers/app";
import { createTestUser, type TestUser } from "../helpers/accounts";
import { ORIGIN } from "../helpers/http";
import { ADDRESS, shopperWithCart, stockOf, stockedListing, waitForStatus } from "../checkout/support";

interface Placed {
  order_id: string;
  payment: { redirect_url: string | null };
}

/** Calls the app as a deployment with DEMO_MODE set to `demo` would run it. */
async function asDeployment(
  demo: "true" | "false",
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Response> {
  const ctx = createExecutionContext();
  // The generated Env types DEMO_MODE as the literal in wrangler.toml; a deployment may set either.
  const deployment = { ...env, DEMO_MODE: demo } as unknown as Env;
  const request = new Request(`${ORIGIN}${path}`, { redirect: "manual", ...init });
  const res = await app.fetch(request, deployment, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

function placeOrder(demo: "true" | "false", user: TestUser): Promise<Response> {
  return asDeployment(demo, "/api/checkout", {
    method: "POST",
    headers: { ...user.headers, "idempotency-key": crypto.randomUUID(), "content-type": "application/json" },
    body: JSON.stringify({ address: ADDRESS, payment_method: "upi" }),
  });
}

function payOnSandbox(demo: "true" | "false", redirectUrl: string): Promise<Response> {
  return asDeployment(demo, new URL(redirectUrl).pathname, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ decision: "pay" }).toString(),
  });
}

async function orderStatus(orderId: string): Promise<string | undefined> {
  return (await env.DB.prepare("SELECT status FROM orders WHERE id = ?").bind(orderId).first<{ status: string }>())?.status;
}

describe("payment sandbox outside demo mode", () => {
  it("does not exist: nobody can confirm an order by pressing pay", async () => {
    const f = await stockedListing(10);
    const user = await shopperWithCart([[f.listingId, 1]]);
    // An order left pending from before the sandbox was switched off.
    const placed = (await (await placeOrder("true", user)).json()) as Placed;
    const redirectUrl = placed.payment.redirect_url ?? "";
    expect(redirectUrl).toMatch(/\/psp-sandbox\/pay\/psp_/);

    const page = await asDeployment("false", new URL(redirectUrl).pathname);
    expect(page.status).toBe(404);
    const paid = await payOnSandbox("false", redirectUrl);
    expect(paid.status).toBe(404);
    expect(await orderStatus(placed.order_id)).toBe("created");
    const payment = await env.DB.prepare("SELECT status FROM payments WHERE order_id = ?")
      .bind(placed.order_id)
      .first<{ status: string }>();
    expect(payment?.status).toBe("pending");

    const ops = await createTestUser(["ops"]);
    expect((await asDeployment("false", "/psp-sandbox/settings", { headers: ops.headers })).status).toBe(404);
    expect((await asDeployment("false", "/psp-sandbox/settings", { method: "PUT", headers: ops.headers, body: "{}" })).status).toBe(404);
  });

  it("is left out of the API contract, which demo mode still documents", async () => {
    const sandboxPaths = async (demo: "true" | "false") => {
      const doc = (await (await asDeployment(demo, "/api/openapi.json")).json()) as { paths: Record<string, unknown> };
      expect(Object.keys(doc.paths)).toContain("/api/checkout");
      return Object.keys(doc.paths).filter((p) => p.startsWith("/psp-sandbox/"));
    };
    expect(await sandboxPaths("false")).toEqual([]);
    expect((await sandboxPaths("true")).length).toBeGreaterThan(0);
  });

  it("refuses checkout with a problem naming the missing payment provider, holding no stock", async () => {
    const f = await stockedListing(10);
    const user = await shopperWithCart([[f.listingId, 2]]);
    const res = await placeOrder("false", user);
    expect(res.status).toBe(503);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const problem = (await res.json()) as { type: string; detail: string };
    expect(problem.type).toBe("/problems/payments-unavailable");
    expect(problem.detail).toContain("no payment provider is configured");
    expect(await stockOf(f.listingId)).toMatchObject({ available: 10, reserved: 0 });
    const orders = await env.DB.prepare("SELECT COUNT(*) AS n FROM orders WHERE user_id = ?").bind(user.id).first<{ n: number }>();
    expect(orders?.n).toBe(0);
  });

  it("tells a shopper at the checkout page that payments are unavailable, not that the shop is busy", async () => {
    const f = await stockedListing(10);
    const user = await shopperWithCart([[f.listingId, 1]]);
    const cookie = `__Host-session=${user.token}`;
    const cart = await (await asDeployment("false", "/cart", { headers: { cookie } })).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(cart)?.[1] ?? "";
    const res = await asDeployment("false", "/checkout", {
      method: "POST",
      headers: { cookie, origin: ORIGIN, "sec-fetch-site": "same-origin", "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        _csrf: csrf,
        idempotency_key: crypto.randomUUID(),
        ...ADDRESS,
        payment_method: "upi",
      }).toString(),
    });
    expect(res.status).toBe(503);
    const html = await res.text();
    expect(html).toContain("no payment provider is configured");
    expect(html).not.toContain("very busy");
  });
});

describe("payment sandbox in demo mode", () => {
  it("serves the payment page and confirms the order paid on it, as before", async () => {
    const f = await stockedListing(10);
    const user = await shopperWithCart([[f.listingId, 1]]);
    const res = await placeOrder("true", user);
    expect(res.status).toBe(201);
    const placed = (await res.json()) as Placed;
    const redirectUrl = placed.payment.redirect_url ?? "";
    expect((await asDeployment("true", new URL(redirectUrl).pathname)).status).toBe(200);
    expect((await payOnSandbox("true", redirectUrl)).status).toBe(303);
    expect(await waitForStatus(placed.order_id, ["confirmed"])).toBe("confirmed");
  });
});
