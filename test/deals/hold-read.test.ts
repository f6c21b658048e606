import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { SkuGate } from "../../durable-objects/sku-gate";
import { gateFor, holdIdFor } from "../../workers/deals/gate-client";
import { admissionFor, admittedShopper } from "../checkout/deal-support";
import { ADDRESS, pay, waitForStatus } from "../checkout/support";
import { api } from "../helpers/http";

type HoldAnswer = { reservation_id: string; deal_id: string; status: string; qty: number; expires_at: string };

const readHold = (dealId: string, token: string, headers: Record<string, string>) =>
  api(`/api/deals/${dealId}/hold?admission_token=${encodeURIComponent(token)}`, { headers });

/** An admitted shopper who took the deal page's hold; the hold as the POST answered it. */
async function shopperHolding() {
  const s = await admittedShopper();
  const token = await admissionFor(s.dealId, s.user.id);
  const res = await api(`/api/deals/${s.dealId}/hold`, { headers: s.user.headers, body: { admission_token: token, qty: 1 } });
  expect(res.status).toBe(201);
  return { ...s, token, hold: (await res.json()) as HoldAnswer };
}

describe("GET /api/deals/{id}/hold", () => {
  it("answers the shopper's hold and its expiry, as the POST gave them", async () => {
    const { user, dealId, token, hold } = await shopperHolding();
    const res = await readHold(dealId, token, user.headers);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(await res.json()).toEqual({
      ...hold,
      status: "held",
      paused: false,
      order_status: null,
      more_allowed: null,
      over_limit: false,
      // The admission's turn, which this hold lasts to the end of (the turn is shorter than the deal's hold).
      turn_ends_at: hold.expires_at,
    });
  });

  it("says where the order that took the hold over stands, and how many more the shopper may buy", async () => {
    const s = await admittedShopper(2);
    const token = await admissionFor(s.dealId, s.user.id);
    expect((await api(`/api/deals/${s.dealId}/hold`, { headers: s.user.headers, body: { admission_token: token, qty: 1 } })).status).toBe(
      201,
    );
    const placed = await api("/api/checkout", {
      method: "POST",
      headers: { ...s.user.headers, "idempotency-key": crypto.randomUUID() },
      body: { address: ADDRESS, payment_method: "upi", admission_token: token },
    });
    expect(placed.status).toBe(201);
    const order = (await placed.json()) as { order_id: string; payment: { redirect_url: string } };
    const awaiting = (await (await readHold(s.dealId, token, s.user.headers)).json()) as Record<string, unknown>;
    expect(awaiting).toMatchObject({ status: "claimed", order_status: "held", more_allowed: 1 });

    await pay(order.payment.redirect_url);
    await waitForStatus(order.order_id, ["confirmed"]);
    let paid: Record<string, unknown> = {};
    for (let i = 0; i < 100 && paid.order_status !== "committed"; i++) {
      paid = (await (await readHold(s.dealId, token, s.user.headers)).json()) as Record<string, unknown>;
      if (paid.order_status !== "committed") await scheduler.wait(50);
    }
    expect(paid).toMatchObject({ status: "claimed", order_status: "committed", more_allowed: 1 });
  });

  it("says how the hold ended: released, or expired once its time ran out, without giving anything back itself", async () => {
    const { user, dealId, token } = await shopperHolding();
    const gate = gateFor(env, dealId);
    await runInDurableObject(gate, (_: SkuGate, state) => {
      state.storage.sql.exec("UPDATE holds SET expires_at = ?", Date.now() - 1);
    });
    // As a gate woken after the hold's time: nothing in its memory says the hold is not due yet.
    await evictDurableObject(gate);
    const res = await readHold(dealId, token, user.headers);
    expect(((await res.json()) as HoldAnswer).status).toBe("expired");
    expect(await gate.figures()).toMatchObject({ reserved: 1 });

    const other = await shopperHolding();
    expect(await gateFor(env, other.dealId).release(await holdIdFor(other.dealId, other.user.id), "test")).toBe("done");
    const released = await readHold(other.dealId, other.token, other.user.headers);
    expect(released.status).toBe(200);
    expect(((await released.json()) as HoldAnswer).status).toBe("released");
  });

  it("answers 404 when the admitted shopper holds nothing", async () => {
    const { user, dealId } = await admittedShopper();
    const res = await readHold(dealId, await admissionFor(dealId, user.id), user.headers);
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
  });

  it("refuses an admission issued to someone else, or for another deal, with 403", async () => {
    const { user, dealId } = await shopperHolding();
    const foreign = await readHold(dealId, await admissionFor(dealId, "usr_someone_else"), user.headers);
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get("content-type")).toContain("application/problem+json");
    const otherDeal = await readHold(dealId, await admissionFor("deal_other", user.id), user.headers);
    expect(otherDeal.status).toBe(403);
  });

  it("refuses a missing or malformed token with 400 naming the field", async () => {
    const { user, dealId } = await shopperHolding();
    for (const path of [`/api/deals/${dealId}/hold`, `/api/deals/${dealId}/hold?admission_token=not%20a%20token`]) {
      const res = await api(path, { headers: user.headers });
      expect(res.status).toBe(400);
      const problem = (await res.json()) as { errors: { path: string }[] };
      expect(problem.errors.map((e) => e.path)).toEqual(["admission_token"]);
    }
  });

  it("is published in the OpenAPI document beside the POST", async () => {
    const doc = (await (await api("/api/openapi.json")).json()) as { paths: Record<string, Record<string, { "x-access"?: unknown }>> };
    expect(doc.paths["/api/deals/{id}/hold"]?.get?.["x-access"]).toBe("public");
    expect(doc.paths["/api/deals/{id}/hold"]?.post).toBeDefined();
  });
});
