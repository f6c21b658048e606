import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { tickDeals } from "../../workers/deals/control-deal";
import { createDeal } from "../../workers/deals/create-deal";
import { CreateDealBody } from "../../workers/deals/schemas";
import { gateFor } from "../../workers/deals/gate-client";
import { createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { createDealViaApi, dealBody, dealSetup, gateDownEnv, liveDealTwoSold, shipGateJournal } from "./helpers";

async function inventoryOf(skuId: string) {
  return env.DB.prepare("SELECT available, allocated, sold FROM inventory WHERE sku_id = ?").bind(skuId).first();
}

describe("deal administration", () => {
  it("creates a deal once for a retried request, carving the units out of the ledger", async () => {
    const s = await dealSetup(50);
    const headers = { ...s.manager.headers, "idempotency-key": "create-once-1234" };
    const body = dealBody(s);
    const first = await api("/api/admin/deals", { body, headers });
    expect(first.status).toBe(201);
    const deal = (await first.json()) as { id: string; status: string };
    expect(deal.status).toBe("scheduled");
    expect(first.headers.get("location")).toBe(`/api/admin/deals/${deal.id}`);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    // The retry is answered as the first request was, and says it is a replay.
    const retry = await api("/api/admin/deals", { body, headers });
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(retry.headers.get("location")).toBe(`/api/admin/deals/${deal.id}`);
    expect(((await retry.json()) as { id: string }).id).toBe(deal.id);
    const other = await api("/api/admin/deals", { body: { ...body, units: 11 }, headers });
    expect(other.status).toBe(422);
    // Every setting counts: a different hold time or waiting room is a different deal, not this one.
    for (const changed of [
      { ...body, hold_seconds: 120 },
      { ...body, waiting_room: { ...body.waiting_room, active_users: 5 } },
      { ...body, waiting_room: { ...body.waiting_room, new_users_per_minute: 60 } },
      { ...body, waiting_room: { ...body.waiting_room, session_minutes: 3 } },
    ]) {
      const res = await api("/api/admin/deals", { body: changed, headers });
      expect(res.status).toBe(422);
      expect(((await res.json()) as { type: string }).type).toBe("/problems/idempotency-mismatch");
    }
    expect(await inventoryOf(s.fixture.listingId)).toMatchObject({ available: 40, allocated: 10 });
    expect((await gateFor(env, deal.id).figures()).remaining).toBe(10);
  });

  it("rejects bad times and numbers with a 400 listing the fields, and writes nothing", async () => {
    const s = await dealSetup(50);
    const res = await api("/api/admin/deals", {
      body: dealBody(s, {
        units: 0,
        starts_at: new Date(Date.now() - 3_600_000).toISOString(),
        ends_at: new Date(Date.now() - 7_200_000).toISOString(),
        per_user_limit: 0,
      }),
      headers: { ...s.manager.headers, "idempotency-key": "bad-input-1234" },
    });
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { errors: Array<{ path: string }> };
    expect(problem.errors.map((e) => e.path)).toEqual(expect.arrayContaining(["units", "per_user_limit"]));
    const count = await env.DB.prepare("SELECT COUNT(*) AS n FROM deals WHERE listing_id = ?")
      .bind(s.fixture.listingId)
      .first<{ n: number }>();
    expect(count?.n).toBe(0);
    expect(await inventoryOf(s.fixture.listingId)).toMatchObject({ available: 50, allocated: 0 });
    const times = await api("/api/admin/deals", {
      body: dealBody(s, { ends_at: new Date(Date.now() - 1000).toISOString() }),
      headers: { ...s.manager.headers, "idempotency-key": "bad-times-1234" },
    });
    expect(((await times.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toContain("ends_at");
  });

  it("names a missing Idempotency-Key and the body's bad fields in one refusal", async () => {
    const s = await dealSetup(50);
    const both = await api("/api/admin/deals", { body: dealBody(s, { units: 0, per_user_limit: 0 }), headers: s.manager.headers });
    expect(both.status).toBe(400);
    const problem = (await both.json()) as { errors: Array<{ path: string; message: string }> };
    expect(problem.errors.map((e) => e.path)).toEqual(expect.arrayContaining(["idempotency-key", "units", "per_user_limit"]));
    expect(problem.errors.find((e) => e.path === "idempotency-key")?.message).toBe("Send an Idempotency-Key header");

    // A good body without the key is refused for the key alone, and a body that is not JSON for the key first.
    const keyOnly = await api("/api/admin/deals", { body: dealBody(s), headers: s.manager.headers });
    expect(((await keyOnly.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toEqual(["idempotency-key"]);
    const notJson = await api("/api/admin/deals", {
      body: "{units:",
      headers: { ...s.manager.headers, "content-type": "application/json" },
    });
    expect(notJson.status).toBe(400);
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM deals WHERE listing_id = ?").bind(s.fixture.listingId).first()).toEqual({
      n: 0,
    });
  });

  it("refuses a per-shopper limit above the deal's units, naming the field, and writes nothing", async () => {
    const s = await dealSetup(50);
    const res = await api("/api/admin/deals", {
      body: dealBody(s, { units: 1, per_user_limit: 10 }),
      headers: { ...s.manager.headers, "idempotency-key": "limit-over-units-1234" },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toEqual(["per_user_limit"]);
    const count = await env.DB.prepare("SELECT COUNT(*) AS n FROM deals WHERE listing_id = ?")
      .bind(s.fixture.listingId)
      .first<{ n: number }>();
    expect(count?.n).toBe(0);
    expect(await inventoryOf(s.fixture.listingId)).toMatchObject({ available: 50, allocated: 0 });
  });

  it("refuses a deal starting more than a year ahead, whose units would be kept from sale till then, and writes nothing", async () => {
    const s = await dealSetup(50);
    const starts = Date.now() + 366 * 86_400_000;
    const res = await api("/api/admin/deals", {
      body: dealBody(s, { starts_at: new Date(starts).toISOString(), ends_at: new Date(starts + 3_600_000).toISOString() }),
      headers: { ...s.manager.headers, "idempotency-key": "starts-too-far-1234" },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: Array<{ path: string; message: string }> }).errors).toEqual([
      { path: "starts_at", message: "must be within 365 days from now" },
    ]);
    expect(await inventoryOf(s.fixture.listingId)).toMatchObject({ available: 50, allocated: 0 });
  });

  it("refuses a hold longer than the shopper's session, saying what it may be, and writes nothing", async () => {
    const s = await dealSetup(50);
    const room = { active_users: 100, new_users_per_minute: 60, session_minutes: 10 };
    const res = await api("/api/admin/deals", {
      body: dealBody(s, { hold_seconds: 900, waiting_room: room }),
      headers: { ...s.manager.headers, "idempotency-key": "hold-over-session-1234" },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: Array<{ path: string; message: string }> }).errors).toEqual([
      {
        path: "hold_seconds",
        message: "must be between 10 and 600 seconds: a held unit is let go when the shopper's 10-minute session ends",
      },
    ]);
    const count = await env.DB.prepare("SELECT COUNT(*) AS n FROM deals WHERE listing_id = ?")
      .bind(s.fixture.listingId)
      .first<{ n: number }>();
    expect(count?.n).toBe(0);
    expect(await inventoryOf(s.fixture.listingId)).toMatchObject({ available: 50, allocated: 0 });

    // A hold as long as the session is what was asked for; one left out fits a short session.
    const whole = await api("/api/admin/deals", {
      body: dealBody(s, { units: 5, hold_seconds: 600, waiting_room: room }),
      headers: { ...s.manager.headers, "idempotency-key": "hold-is-session-1234" },
    });
    expect(whole.status).toBe(201);
    expect(await whole.json()).toMatchObject({ hold_seconds: 600 });
    const later = {
      starts_at: new Date(Date.now() + 2 * 3_600_000).toISOString(),
      ends_at: new Date(Date.now() + 3 * 3_600_000).toISOString(),
    };
    const short = await api("/api/admin/deals", {
      body: dealBody(s, { units: 5, ...later, waiting_room: { ...room, session_minutes: 4 } }),
      headers: { ...s.manager.headers, "idempotency-key": "hold-left-out-1234" },
    });
    expect(short.status).toBe(201);
    expect(await short.json()).toMatchObject({ hold_seconds: 240, waiting_room: { session_minutes: 4 } });
  });

  it("creates one deal of two made at once for the same listing and window under different keys", async () => {
    const s = await dealSetup(50);
    const body = dealBody(s, { units: 10 });
    const [a, b] = await Promise.all(
      ["at-once-a-1234", "at-once-b-1234"].map((key) =>
        api("/api/admin/deals", { body, headers: { ...s.manager.headers, "idempotency-key": key } }),
      ),
    );
    expect([a?.status, b?.status].sort()).toEqual([201, 409]);
    const refused = (await (a?.status === 409 ? a : b)?.json()) as { type: string; detail: string };
    expect(refused.type).toBe("/problems/conflict");
    expect(refused.detail).toMatch(/already covers this listing in that window/);
    const count = await env.DB.prepare("SELECT COUNT(*) AS n FROM deals WHERE listing_id = ?")
      .bind(s.fixture.listingId)
      .first<{ n: number }>();
    expect(count?.n).toBe(1);
    // The refused creation carved nothing out of the ledger.
    expect(await inventoryOf(s.fixture.listingId)).toMatchObject({ available: 40, allocated: 10 });
  });

  it("leaves no deal behind when a creation made at once finds the stock taken by the other", async () => {
    const s = await dealSetup(10);
    const windows = [1, 3].map((h) => ({
      starts_at: new Date(Date.now() + h * 3_600_000).toISOString(),
      ends_at: new Date(Date.now() + (h + 1) * 3_600_000).toISOString(),
    }));
    const [a, b] = await Promise.all(
      windows.map((w, i) =>
        api("/api/admin/deals", {
          body: dealBody(s, { units: 10, ...w }),
          headers: { ...s.manager.headers, "idempotency-key": `stock-once-${i}-1234` },
        }),
      ),
    );
    expect([a?.status, b?.status].sort()).toEqual([201, 409]);
    const count = await env.DB.prepare("SELECT COUNT(*) AS n FROM deals WHERE listing_id = ?")
      .bind(s.fixture.listingId)
      .first<{ n: number }>();
    expect(count?.n).toBe(1);
    expect(await inventoryOf(s.fixture.listingId)).toMatchObject({ available: 0, allocated: 10 });
  });

  it("accepts a waiting room letting in fewer shoppers at once than one shopper may buy units", async () => {
    const s = await dealSetup(50);
    const res = await api("/api/admin/deals", {
      body: dealBody(s, { units: 10, per_user_limit: 2, waiting_room: { active_users: 1, new_users_per_minute: 60, session_minutes: 10 } }),
      headers: { ...s.manager.headers, "idempotency-key": "one-at-a-time-1234" },
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ per_user_limit: 2, waiting_room: { active_users: 1 } });
  });

  it("refuses more units than the ledger has, and shoppers may not create deals", async () => {
    const s = await dealSetup(5);
    const res = await api("/api/admin/deals", {
      body: dealBody(s, { units: 6 }),
      headers: { ...s.manager.headers, "idempotency-key": "too-many-1234" },
    });
    expect(res.status).toBe(409);
    // The refusal names the field and the most one warehouse can give, so a client can say what would fit.
    expect(await res.json()).toMatchObject({ errors: [{ path: "units" }], deal_units: 5 });
    const shopper = await createTestUser();
    const denied = await api("/api/admin/deals", { body: dealBody(s), headers: { ...shopper.headers, "idempotency-key": "shopper-1234" } });
    expect(denied.status).toBe(403);
    expect(await inventoryOf(s.fixture.listingId)).toMatchObject({ available: 5, allocated: 0 });
  });

  it("pauses, resumes and ends, returning unsold units so the audit stays conserved", async () => {
    const s = await dealSetup(30);
    const { id, gate } = await liveDealTwoSold(s);
    expect((await gate.reserve({ reservationId: "b", shopperId: "u2", qty: 1 })).ok).toBe(true);

    expect((await api(`/api/admin/deals/${id}/pause`, { method: "POST", headers: s.manager.headers })).status).toBe(200);
    expect(await gate.reserve({ reservationId: "c", shopperId: "u3", qty: 1 })).toEqual({ ok: false, reason: "paused" });
    expect((await api(`/api/admin/deals/${id}/resume`, { method: "POST", headers: s.manager.headers })).status).toBe(200);

    const figures = await api(`/api/admin/deals/${id}`, { headers: s.manager.headers });
    expect(((await figures.json()) as { figures: object }).figures).toMatchObject({ sold: 2, reserved: 1, remaining: 7 });

    const ended = await api(`/api/admin/deals/${id}/end`, { method: "POST", headers: s.manager.headers });
    const endedDeal = (await ended.json()) as { status: string; ended_at: string };
    expect(endedDeal.status).toBe("ended");
    // The end answers when it ended as the deal records it, and ending again changes nothing.
    const read = await api(`/api/admin/deals/${id}`, { headers: s.manager.headers });
    expect(((await read.json()) as { ended_at: string }).ended_at).toBe(endedDeal.ended_at);
    const again = await api(`/api/admin/deals/${id}/end`, { method: "POST", headers: s.manager.headers });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { ended_at: string }).ended_at).toBe(endedDeal.ended_at);
    // The open hold is released after the end: its unit goes back to the ledger too.
    expect(await gate.release("b", "abandoned")).toBe("done");

    // What the queue would deliver: the gate's whole journal (the end's entries again included).
    await shipGateJournal(s, id);

    const ops = await createTestUser(["ops"]);
    const audit = await api(`/api/admin/inventory/${s.fixture.listingId}/audit`, { headers: ops.headers });
    expect(audit.status).toBe(200);
    expect(await audit.json()).toMatchObject({ conserved: true, journal_agrees: true, available: 28, allocated: 0, sold: 2, reserved: 0 });
    const forbidden = await api(`/api/admin/inventory/${s.fixture.listingId}/audit`, { headers: s.manager.headers });
    expect(forbidden.status).toBe(403);
  });

  it("says a deal ended before it sold out is ended, not sold out, to its manager and to shoppers", async () => {
    const s = await dealSetup(10);
    const early = await createDealViaApi(s, {
      units: 5,
      starts_at: new Date(Date.now() + 3_600_000).toISOString(),
      ends_at: new Date(Date.now() + 7_200_000).toISOString(),
    });
    expect((await api(`/api/admin/deals/${early}/end`, { method: "POST", headers: s.manager.headers })).status).toBe(200);
    // Its gate told to end again (a retried end whose first answer was lost) keeps its word.
    expect(await gateFor(env, early).end()).toEqual(await gateFor(env, early).end());
    expect((await api(`/api/admin/deals/${early}/end`, { method: "POST", headers: s.manager.headers })).status).toBe(200);
    const read = await api(`/api/admin/deals/${early}`, { headers: s.manager.headers });
    expect(((await read.json()) as { figures: object }).figures).toMatchObject({ status: "ended", sold: 0, returned: 5 });
    const joined = await api(`/api/deals/${early}/queue`, { method: "POST" });
    expect(((await joined.json()) as { status: string }).status).toBe("ended");
  });

  it("ends every deal whose window closed even when one deal's gate keeps failing", async () => {
    const window = () => ({
      units: 4,
      starts_at: new Date(Date.now() + 300).toISOString(),
      ends_at: new Date(Date.now() + 900).toISOString(),
    });
    const a = await dealSetup(10);
    const b = await dealSetup(10);
    const broken = await createDealViaApi(a, window());
    const fine = await createDealViaApi(b, window());
    await new Promise((r) => setTimeout(r, 1_000));
    const gates = env.SKU_GATE as DurableObjectNamespace;
    const failing = {
      ...env,
      SKU_GATE: {
        idFromName: (name: string) => gates.idFromName(name),
        get: (id: DurableObjectId) =>
          id.equals(gates.idFromName(broken)) ? { end: () => Promise.reject(new Error("gate unavailable")) } : gates.get(id),
      },
    } as unknown as Env;
    expect((await tickDeals(failing)).ended).toBe(1);
    expect(await inventoryOf(b.fixture.listingId)).toMatchObject({ available: 10, allocated: 0 });
    expect(await inventoryOf(a.fixture.listingId)).toMatchObject({ available: 6, allocated: 4 });
    // The gate is back: the next tick ends the other one.
    await tickDeals(env);
    expect(await inventoryOf(a.fixture.listingId)).toMatchObject({ available: 10, allocated: 0 });
    expect((await env.DB.prepare("SELECT status FROM deals WHERE id = ?").bind(fine).first<{ status: string }>())?.status).toBe("ended");
  });

  it("opens a deal when its window starts and ends it when the window closes, returning what did not sell", async () => {
    const s = await dealSetup(20);
    const id = await createDealViaApi(s, {
      units: 8,
      starts_at: new Date(Date.now() + 60_000).toISOString(),
      ends_at: new Date(Date.now() + 120_000).toISOString(),
    });
    // The ticks are given their time, so a slow creation cannot carry the first one past the end.
    await tickDeals(env, new Date(Date.now() + 61_000).toISOString());
    const live = await env.DB.prepare("SELECT status FROM deals WHERE id = ?").bind(id).first<{ status: string }>();
    expect(live?.status).toBe("live");
    await tickDeals(env, new Date(Date.now() + 121_000).toISOString());
    const ended = await env.DB.prepare("SELECT status FROM deals WHERE id = ?").bind(id).first<{ status: string }>();
    expect(ended?.status).toBe("ended");
    expect(await inventoryOf(s.fixture.listingId)).toMatchObject({ available: 20, allocated: 0 });
  });

  it("gives back the units of a deal whose setup failed and was never retried, so the listing can have a deal again", async () => {
    const s = await dealSetup(20);
    // The gate cannot be set up: the creation fails after the units left the ledger.
    const gateDown = gateDownEnv();
    const input = CreateDealBody.parse(dealBody(s, { units: 8 }));
    await expect(createDeal(gateDown, input, "stuck-setup-1234", s.manager.id)).rejects.toThrow("gate unavailable");
    const stuck = await env.DB.prepare("SELECT id, status FROM deals WHERE listing_id = ?")
      .bind(s.fixture.listingId)
      .first<{ id: string; status: string }>();
    expect(stuck?.status).toBe("setting_up");
    expect(await inventoryOf(s.fixture.listingId)).toMatchObject({ available: 12, allocated: 8 });
    const blocked = await api("/api/admin/deals", {
      body: dealBody(s),
      headers: { ...s.manager.headers, "idempotency-key": "next-deal-1234" },
    });
    expect(blocked.status).toBe(409);

    // A retry may still come within the grace: the tick leaves the deal alone.
    await tickDeals(env);
    expect(await inventoryOf(s.fixture.listingId)).toMatchObject({ available: 12, allocated: 8 });

    const later = new Date(Date.now() + 6 * 60_000).toISOString();
    await tickDeals(env, later);
    const ended = await env.DB.prepare("SELECT status FROM deals WHERE id = ?").bind(stuck?.id).first<{ status: string }>();
    expect(ended?.status).toBe("ended");
    expect(await inventoryOf(s.fixture.listingId)).toMatchObject({ available: 20, allocated: 0 });
    // Another tick moves nothing more.
    expect(await tickDeals(env, later)).toMatchObject({ abandoned: 0 });
    expect(await inventoryOf(s.fixture.listingId)).toMatchObject({ available: 20, allocated: 0 });
    const ops = await createTestUser(["ops"]);
    const audit = await api(`/api/admin/inventory/${s.fixture.listingId}/audit`, { headers: ops.headers });
    expect(await audit.json()).toMatchObject({ conserved: true, journal_agrees: true, available: 20, allocated: 0 });
    // A late retry of the failed creation is told the deal ended, and a new deal can be made.
    const retried = await api("/api/admin/deals", {
      body: input,
      headers: { ...s.manager.headers, "idempotency-key": "stuck-setup-1234" },
    });
    expect(((await retried.json()) as { status: string }).status).toBe("ended");
    const next = await api("/api/admin/deals", {
      body: dealBody(s),
      headers: { ...s.manager.headers, "idempotency-key": "next-deal-5678" },
    });
    expect(next.status).toBe(201);
  });

  it("does not finish a setup so late that the tick may be ending it: the late retry ends it instead", async () => {
    const s = await dealSetup(20);
    const gateDown = gateDownEnv();
    const input = CreateDealBody.parse(dealBody(s, { units: 8 }));
    await expect(createDeal(gateDown, input, "late-retry-1234", s.manager.id)).rejects.toThrow("gate unavailable");
    // The retry comes 4 min 45 s after the setup began: inside the tick's grace, but too close
    // to it for the retry to finish the setup without racing a tick that ends it.
    await env.DB.prepare("UPDATE deals SET created_at = ? WHERE idempotency_key = 'late-retry-1234'")
      .bind(new Date(Date.now() - 285_000).toISOString())
      .run();
    const retried = await api("/api/admin/deals", {
      body: input,
      headers: { ...s.manager.headers, "idempotency-key": "late-retry-1234" },
    });
    expect(((await retried.json()) as { status: string }).status).toBe("ended");
    expect(await inventoryOf(s.fixture.listingId)).toMatchObject({ available: 20, allocated: 0 });
    const later = new Date(Date.now() + 60_000).toISOString();
    expect(await tickDeals(env, later)).toMatchObject({ abandoned: 0 });
    expect(await inventoryOf(s.fixture.listingId)).toMatchObject({ available: 20, allocated: 0 });
  });

  it("answers bad waiting-room input with 400 and unknown deals with 404", async () => {
    const s = await dealSetup(20);
    const id = await createDealViaApi(s, { units: 2 });
    const hold = await api(`/api/deals/${id}/hold`, { body: { admission_token: "x", qty: 0 } });
    expect(hold.status).toBe(400);
    expect(((await hold.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toContain("qty");
    expect((await api(`/api/deals/${id}/queue`)).status).toBe(400);
    expect((await api("/api/deals/deal_nope/queue", { method: "POST" })).status).toBe(404);
    expect((await gateFor(env, id).figures()).reserved).toBe(0);
  });
});
