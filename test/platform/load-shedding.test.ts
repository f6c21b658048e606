import { env } from "cloudflare:workers";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { AppEnv } from "../../workers/platform/context";
import { edgeMayAnswer } from "../../workers/platform/edge-answer";
import { renderError } from "../../workers/platform/front-door";
import { SHED_RETRY_AFTER_SECONDS, decideShedding, loadShedding } from "../../workers/platform/load-shedding";
import { ORIGIN, api } from "../helpers/http";
import { underRehearsal } from "../helpers/overload";

describe("load shedding", () => {
  it("sheds recommendations and reviews first and keeps browse, cart and checkout", () => {
    const busy = { inFlight: 201, maxInFlight: 200, mode: "auto" as const };
    expect(decideShedding("/api/recommendations", busy)).toBe("shed");
    expect(decideShedding("/api/products/prd_1/reviews", busy)).toBe("shed");
    expect(decideShedding("/api/reviews/rev_1/helpful", busy)).toBe("shed");
    expect(decideShedding("/reviews/rev_1/helpful", busy)).toBe("shed");
    expect(decideShedding("/api/products/prd_1/reviews/mine", busy)).toBe("shed");
    expect(decideShedding("/products/prd_1/reviews", busy)).toBe("shed");
    // Moderation stays up: it is how ops take down abuse while the sale is at its busiest.
    expect(decideShedding("/api/admin/reviews/rev_1", busy)).toBe("degraded");
    expect(decideShedding("/ops/reviews", busy)).toBe("degraded");
    expect(decideShedding("/api/products", busy)).toBe("degraded");
    expect(decideShedding("/api/cart", busy)).toBe("degraded");
    expect(decideShedding("/api/checkout", busy)).toBe("degraded");
    expect(decideShedding("/api/recommendations", { ...busy, inFlight: 200 })).toBe("serve");
  });

  it("answers a shed route with a 503 problem, Retry-After and X-Degraded during a rehearsal", async () => {
    const res = await underRehearsal("/api/recommendations?product_id=prd_1");
    expect(res.status).toBe(503);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(res.headers.get("x-degraded")).toBe("1");
  });

  it("keeps serving other routes during a rehearsal, marked degraded", async () => {
    const res = await underRehearsal("/api/openapi.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("x-degraded")).toBe("1");
  });

  it("sheds when more requests are in flight in the isolate than allowed", async () => {
    // The real middleware in a small app whose one route stays in flight until released.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const app = new Hono<AppEnv>()
      .use(loadShedding)
      .get("/api/products", async (c) => {
        await held;
        return c.text("ok");
      })
      .get("/api/recommendations", (c) => c.text("picks"));
    app.onError(renderError);
    const tight = { ...env, SHED_MAX_IN_FLIGHT: "1" } as unknown as Env;

    const slow = app.request("/api/products", {}, tight);
    const busy = await app.request("/api/recommendations", {}, tight);
    expect(busy.status).toBe(503);
    expect(busy.headers.get("retry-after")).toBe(String(SHED_RETRY_AFTER_SECONDS));
    release();
    expect((await slow).status).toBe(200);
    // With the slow request done, the same call is served again.
    expect((await app.request("/api/recommendations", {}, tight)).status).toBe(200);
  });

  it("at exactly the limit in flight, an answer before the router is left to the app, which marks it degraded", async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const app = new Hono<AppEnv>()
      .use(loadShedding)
      .get("/api/slow", async (c) => {
        await held;
        return c.text("ok");
      })
      .get("/api/products/:id", (c) => c.text("page"));
    const tight = { ...env, SHED_MAX_IN_FLIGHT: "1" } as unknown as Env;
    const page = `${ORIGIN}/api/products/prd_1`;
    const edgeTakes = () => edgeMayAnswer(new Request(page), tight, "/api/products/prd_1");
    // The edge answers only once it knows the front door's headers, which it learns in the background.
    for (let i = 0; i < 50 && !edgeTakes(); i++) await scheduler.wait(10);

    // Below the limit both serve normally.
    expect(edgeTakes()).toBe(true);
    expect((await app.request(page, {}, tight)).headers.get("x-degraded")).toBeNull();

    const slow = app.request("/api/slow", {}, tight);
    expect(edgeTakes()).toBe(false);
    expect((await app.request(page, {}, tight)).headers.get("x-degraded")).toBe("1");
    release();
    await slow;
  });

  it("serves normally when not overloaded", async () => {
    const res = await api("/api/openapi.json");
    expect(res.headers.get("x-degraded")).toBeNull();
  });
});
