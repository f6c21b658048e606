/// <reference types="vite/client" />
import { describe, expect, it } from "vitest";
import wranglerToml from "../../wrangler.toml?raw";
import { LOGIN_ACCOUNT_POLICY, RATE_POLICIES, rateClassFor, servedFromEdge } from "../../workers/platform/rate-limit";
import { createListingFixture } from "../helpers/catalog";
import { randomIp } from "../accounts/browser";
import { createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { inOneRateWindow } from "../helpers/rate-window";

describe("rate limits", () => {
  it("advertises exactly the limits wrangler.toml configures for each binding", () => {
    const configured = new Map<string, { limit: number; period: number }>();
    for (const m of wranglerToml.matchAll(/name = "(RL_\w+)"[\s\S]*?simple = \{ limit = (\d+), period = (\d+) \}/g)) {
      configured.set(m[1] ?? "", { limit: Number(m[2]), period: Number(m[3]) });
    }
    for (const policy of [...Object.values(RATE_POLICIES), LOGIN_ACCOUNT_POLICY]) {
      expect(configured.get(policy.binding), policy.binding).toEqual({ limit: policy.limit, period: policy.period });
    }
  });

  it("classes routes by path, with pages and unknown paths counted as browse", () => {
    expect(rateClassFor("POST", "/api/auth/login")).toBe("auth");
    expect(rateClassFor("PUT", "/api/cart/items/lst_1")).toBe("cart");
    expect(rateClassFor("POST", "/api/checkout")).toBe("checkout");
    expect(rateClassFor("POST", "/api/orders/ord_1/cancel")).toBe("checkout");
    expect(rateClassFor("GET", "/api/admin/deals")).toBe("admin");
    expect(rateClassFor("GET", "/api/seller/listings")).toBe("admin");
    expect(rateClassFor("GET", "/api/products")).toBe("browse");
    expect(rateClassFor("GET", "/products/prd_1")).toBe("browse");
    expect(rateClassFor("POST", "/api/payments/webhook")).toBeNull();
  });

  it("counts reading orders as browsing, so an order page's polling never spends the budget for placing one", async () => {
    expect(rateClassFor("GET", "/api/orders/ord_1")).toBe("browse");
    expect(rateClassFor("GET", "/api/orders")).toBe("browse");
    expect(rateClassFor("HEAD", "/api/orders/ord_1")).toBe("browse");
    expect(rateClassFor("GET", "/api/admin/orders")).toBe("admin");
    const user = await createTestUser();
    const { limit, period } = RATE_POLICIES.checkout;
    // Two order pages open for a minute, polling every three seconds, and the list page.
    for (let i = 0; i <= limit; i++) {
      const read = await api("/api/orders", { headers: user.headers });
      expect(read.status).toBe(200);
      expect(read.headers.get("ratelimit-policy")).toContain('"browse"');
    }
    // Cancelling (a checkout-class write) still has its whole budget, and is still limited by it.
    const statuses: number[] = [];
    let last: Response | undefined;
    await inOneRateWindow(period);
    for (let i = 0; i <= limit; i++) {
      last = await api("/api/orders/ord_nobody/cancel", { method: "POST", headers: user.headers, body: {} });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, limit).every((s) => s === 404)).toBe(true);
    expect(last?.status).toBe(429);
    expect(last?.headers.get("retry-after")).toBe(String(period));
  });

  it("answers the request past a client's auth limit with 429, Retry-After and the IETF headers", async () => {
    const ip = randomIp();
    const { limit, period } = RATE_POLICIES.auth;
    const statuses: number[] = [];
    let last: Response | undefined;
    await inOneRateWindow(period);
    for (let i = 0; i <= limit; i++) {
      last = await api("/api/auth/login", { body: { email: "", password: "" }, headers: { "cf-connecting-ip": ip } });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, limit).every((s) => s === 400)).toBe(true);
    expect(last?.status).toBe(429);
    expect(last?.headers.get("content-type")).toBe("application/problem+json");
    expect(last?.headers.get("retry-after")).toBe(String(period));
    expect(last?.headers.get("ratelimit-policy")).toBe(`"auth";q=${limit};w=${period}`);
    expect(last?.headers.get("ratelimit")).toBe(`"auth";r=0;t=${period}`);
    // Another client is unaffected.
    const other = await api("/api/auth/login", { body: { email: "", password: "" }, headers: { "cf-connecting-ip": randomIp() } });
    expect(other.status).toBe(400);
    // Asking again later in the window is told what is left of it, not the whole period again.
    await scheduler.wait(2_100);
    const again = await api("/api/auth/login", { body: { email: "", password: "" }, headers: { "cf-connecting-ip": ip } });
    expect(again.status).toBe(429);
    const left = Number(again.headers.get("retry-after"));
    expect(left).toBeGreaterThanOrEqual(period - 3);
    expect(left).toBeLessThanOrEqual(period - 2);
    expect(again.headers.get("ratelimit")).toBe(`"auth";r=0;t=${left}`);
    expect(((await again.json()) as { detail: string }).detail).toBe(`Too many requests; try again in ${left} seconds.`);
  });

  it("counts the addresses of one IPv6 /64 together against the sign-in limit", async () => {
    const b = crypto.getRandomValues(new Uint16Array(2));
    const prefix = `2001:db8:${b[0]?.toString(16)}:${b[1]?.toString(16)}`;
    const { limit, period } = RATE_POLICIES.auth;
    const statuses: number[] = [];
    await inOneRateWindow(period);
    // Each attempt from a new address of the same /64, written in a different form.
    for (let i = 0; i <= limit; i++) {
      const ip = i % 2 ? `${prefix}::${(i + 1).toString(16)}` : `${prefix.toUpperCase()}:0:0:0:${(i + 1).toString(16)}`;
      const res = await api("/api/auth/login", { body: { email: "", password: "" }, headers: { "cf-connecting-ip": ip } });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, limit).every((s) => s === 400)).toBe(true);
    expect(statuses[limit]).toBe(429);
    // The neighbouring /64 is another client.
    const next = `2001:db8:${b[0]?.toString(16)}:${((b[1] ?? 0) ^ 1).toString(16)}::1`;
    expect((await api("/api/auth/login", { body: { email: "", password: "" }, headers: { "cf-connecting-ip": next } })).status).toBe(400);
  });

  it("names the policy on allowed responses too", async () => {
    const user = await createTestUser();
    const res = await api("/api/me", { headers: user.headers });
    expect(res.status).toBe(200);
    expect(res.headers.get("ratelimit-policy")).toBe(`"browse";q=${RATE_POLICIES.browse.limit};w=${RATE_POLICIES.browse.period}`);
  });

  it("charges browse requests that reach the origin and refuses the client once the binding does", async () => {
    const ip = randomIp();
    const { limit, period } = RATE_POLICIES.browse;
    let firstRefused = -1;
    let refused: Response | undefined;
    // Charges land after each answer, in the background; on a busy machine they trail the requests,
    // so the client keeps asking (pausing now and then) until the refusal is known.
    const deadline = Date.now() + 20_000;
    for (let i = 0; firstRefused < 0 && (i < limit + 200 || Date.now() < deadline); i++) {
      if (i % 50 === 49) await new Promise((r) => setTimeout(r, i >= limit ? 50 : 10));
      const res = await api("/api/no-such-thing", { headers: { "cf-connecting-ip": ip } });
      if (res.status === 429) {
        firstRefused = i;
        refused = res;
      } else expect(res.status).toBe(404);
    }
    expect(firstRefused).toBeGreaterThanOrEqual(limit);
    expect(refused?.headers.get("content-type")).toBe("application/problem+json");
    expect(Number(refused?.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(refused?.headers.get("retry-after"))).toBeLessThanOrEqual(period);
    expect(refused?.headers.get("ratelimit-policy")).toBe(`"browse";q=${limit};w=${period}`);
    const other = await api("/api/no-such-thing", { headers: { "cf-connecting-ip": randomIp() } });
    expect(other.status).toBe(404);
    // A hot product page, answered from memory for everyone else, is refused to this client too.
    const f = await createListingFixture();
    for (let i = 0; i < 50; i++) {
      const warm = await api(`/api/products/${f.productId}`, { headers: { "cf-connecting-ip": randomIp() } });
      expect(warm.status).toBe(200);
      if (warm.headers.get("x-cache") === "hit") break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect((await api(`/api/products/${f.productId}`, { headers: { "cf-connecting-ip": ip } })).status).toBe(429);
  });

  it("does not charge answers served from the edge, so a herd on a hot product is never throttled by them", async () => {
    const f = await createListingFixture();
    const ip = randomIp();
    const first = await api(`/api/products/${f.productId}`, { headers: { "cf-connecting-ip": ip } });
    expect(first.status).toBe(200);
    const statuses = new Set<number>();
    for (let i = 0; i < RATE_POLICIES.browse.limit + 50; i++) {
      const res = await api(`/api/products/${f.productId}`, { headers: { "cf-connecting-ip": ip } });
      statuses.add(res.status);
      await res.body?.cancel();
    }
    expect([...statuses]).toEqual([200]);
  });

  it("recognises each edge layer's served-from-edge marker, and nothing else", () => {
    const res = (h: Record<string, string>) => new Response(null, { headers: h });
    expect(servedFromEdge(res({ "x-cache": "hit" }))).toBe(true);
    expect(servedFromEdge(res({ "x-cache": "HIT" }))).toBe(true);
    expect(servedFromEdge(res({ "x-page-cache": "hit" }))).toBe(true);
    expect(servedFromEdge(res({ "x-deal-state": "memory" }))).toBe(true);
    expect(servedFromEdge(res({ "x-deal-state": "stale" }))).toBe(true);
    expect(servedFromEdge(res({ "x-cache": "miss" }))).toBe(false);
    expect(servedFromEdge(res({ "x-deal-state": "gate" }))).toBe(false);
    expect(servedFromEdge(res({}))).toBe(false);
  });
});
