import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { SkuGate } from "../../durable-objects/sku-gate";
import type { DealRow as GateRow } from "../../durable-objects/sku-gate-schema";
import { SETTLE_MS } from "../../workers/deals/admission";
import { planAdjustment } from "../../workers/deals/adjust-rules";
import { tickDeals } from "../../workers/deals/control-deal";
import { type DealRow, findDeal } from "../../workers/deals/deal-rows";
import { gateFor } from "../../workers/deals/gate-client";
import type { ProductView } from "../../workers/catalog/product-view";
import { readProjection } from "../../workers/catalog/projection";
import { AdjustDealBody } from "../../workers/deals/schemas";
import { applyProductChanges } from "../catalog/queue";
import { createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { type DealSetup, createDealViaApi, dealSetup, gateConfig, liveDealTwoSold, shipGateJournal } from "./helpers";
import { when } from "../../workers/pages/format";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
const inAbout = (ms: number) => new Date(Date.now() + ms).toISOString();

type Problem = { type: string; detail: string; errors?: Array<{ path: string; message: string }> };

function adjust(s: DealSetup, id: string, body: unknown, headers = s.manager.headers) {
  return api(`/api/admin/deals/${id}`, { method: "PATCH", body, headers });
}

/** The gate's deal row as its storage holds it. */
function gateRow(id: string): Promise<GateRow> {
  return runInDurableObject(gateFor(env, id), (_: SkuGate, state) => state.storage.sql.exec<GateRow>("SELECT * FROM deal").one());
}

/**
 * Lets the gate's admission clock have run `ms` since its last step, as that much time passing
 * would, so each step below admits what the settings allow in the same stretch.
 */
function rewindTick(id: string, ms = 5_000) {
  return runInDurableObject(gateFor(env, id), (_: SkuGate, state) => {
    state.storage.sql.exec("UPDATE deal SET last_tick = ? WHERE id = 1", Date.now() - ms);
  });
}

/** A deal that opened half a minute ago (its pre-queue open too), with `waiting` shoppers in line from its first second. */
async function openDealWithLine(s: DealSetup, room: Record<string, number>, waiting = 2_000) {
  const startsAt = Date.now() - 30_000;
  const id = await createDealViaApi(s, {
    starts_at: new Date(startsAt).toISOString(),
    waiting_room: { active_users: 1_000, new_users_per_minute: 60, session_minutes: 10, ...room },
  });
  // Shoppers joined in the deal's first second, reported by an isolate.
  await gateFor(env, id).sync({ preJoins: 0, joins: [[Math.floor(startsAt / 1000), waiting]] });
  return id;
}

/** Admissions the next step makes after `ms` of the gate's clock. */
async function admittedInStep(id: string, ms = 5_000): Promise<number> {
  const gate = gateFor(env, id);
  const before = (await gate.figures()).admitted;
  await rewindTick(id, ms);
  await gate.sync({ preJoins: 0, joins: [] });
  return (await gate.figures()).admitted - before;
}

describe("adjusting a live deal's waiting room", () => {
  it("lets more shoppers in the same stretch of time once new_users_per_minute is raised", async () => {
    const s = await dealSetup(50);
    const id = await openDealWithLine(s, { new_users_per_minute: 60 });
    // Settle the step the line's report made, then measure five seconds at 60 a minute.
    await admittedInStep(id);
    expect(await admittedInStep(id)).toBe(5);

    const res = await adjust(s, id, { waiting_room: { new_users_per_minute: 600 } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "live", waiting_room: { new_users_per_minute: 600, active_users: 1_000 } });
    // The same five seconds at the gate's next step: ten times as many.
    expect(await admittedInStep(id)).toBe(50);
    expect((await findDeal(env.DB, id))?.newUsersPerMinute).toBe(600);
  });

  it("stops admitting once as many shoppers as the lowered active_users are in, and lets more in when raised", async () => {
    const s = await dealSetup(50);
    const id = await openDealWithLine(s, { new_users_per_minute: 6_000, active_users: 1_000 });
    await admittedInStep(id);
    const active = (await gateFor(env, id).figures()).active;
    expect(active).toBeGreaterThan(100);

    expect((await adjust(s, id, { waiting_room: { active_users: active } })).status).toBe(200);
    expect(await admittedInStep(id)).toBe(0);
    expect(await admittedInStep(id)).toBe(0);
    expect((await gateFor(env, id).figures()).active).toBe(active);

    expect((await adjust(s, id, { waiting_room: { active_users: active + 20 } })).status).toBe(200);
    expect(await admittedInStep(id)).toBe(20);
  });

  it("gives the new session length to shoppers admitted after the change, and leaves sessions under way as they were", async () => {
    const s = await dealSetup(50);
    const id = await openDealWithLine(s, { new_users_per_minute: 600, session_minutes: 10 });
    const gate = gateFor(env, id);
    const before = await gate.sync({ preJoins: 0, joins: [] });
    const earlier = before.sessions.lapsesAt.at(-1) as number;
    expect(earlier).toBeGreaterThanOrEqual(Date.now() + 10 * 60_000 - 1_000);

    expect((await adjust(s, id, { waiting_room: { session_minutes: 20 } })).status).toBe(200);
    await rewindTick(id);
    const after = await gate.sync({ preJoins: 0, joins: [] });
    // The earlier group keeps its end; the group admitted now has a session of 20 minutes (up to a twelfth more).
    expect(after.sessions.lapsesAt).toContain(earlier);
    const latest = after.sessions.lapsesAt.at(-1) as number;
    expect(latest).toBeGreaterThanOrEqual(Date.now() + 20 * 60_000 - 1_000);
    expect(latest).toBeLessThanOrEqual(Date.now() + (20 * 60_000 * 13) / 12 + 1_000);
    // Groups stay in the order they were admitted, so a ticket's session is read from its own.
    const started = after.sessions.startedAt;
    expect([...started].sort((a, b) => a - b)).toEqual(started);
    expect(new Set(started).size).toBe(started.length);
  });

  it("refuses a session shorter than the deal's hold, naming the field, and changes nothing", async () => {
    const s = await dealSetup(50);
    const { id } = await liveDealTwoSold(s, { hold_seconds: 600 });
    const res = await adjust(s, id, { waiting_room: { session_minutes: 5 } });
    expect(res.status).toBe(400);
    // In the minutes the form asks in.
    expect(((await res.json()) as Problem).errors).toEqual([
      {
        path: "waiting_room.session_minutes",
        message: "must be at least 10 minutes: the deal holds a unit for 10 minutes, and a hold ends with the shopper's session",
      },
    ]);
    expect((await gateRow(id)).session_ms).toBe(10 * 60_000);
    expect((await findDeal(env.DB, id))?.sessionMinutes).toBe(10);
  });
});

describe("adjusting a deal's end", () => {
  it("keeps a deal live past its old end when the end is extended: neither the gate nor the minute cron ends it then", async () => {
    const s = await dealSetup(30);
    const { id, gate } = await liveDealTwoSold(s, { ends_at: inAbout(1_500) });
    const later = inAbout(3_600_000);
    const res = await adjust(s, id, { ends_at: later });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ends_at: later, status: "live" });
    await sleep(1_600);
    await tickDeals(env);
    expect((await findDeal(env.DB, id))?.status).toBe("live");
    expect((await gate.reserve({ reservationId: "late", shopperId: "u9", qty: 1 })).ok).toBe(true);
    expect((await gate.figures()).status).toBe("live");
  });

  it("ends a deal at its new, earlier end, returning its unsold units so the audit stays conserved", async () => {
    const s = await dealSetup(30);
    const { id, gate } = await liveDealTwoSold(s);
    const sooner = inAbout(1_500);
    expect((await adjust(s, id, { ends_at: sooner })).status).toBe(200);
    expect((await gate.reserve({ reservationId: "b", shopperId: "u2", qty: 1 })).ok).toBe(true);
    await sleep(Date.parse(sooner) - Date.now() + 100);
    expect(await gate.reserve({ reservationId: "c", shopperId: "u3", qty: 1 })).toEqual({ ok: false, reason: "ended" });
    await tickDeals(env);
    expect((await findDeal(env.DB, id))?.status).toBe("ended");
    expect(await gate.release("b", "abandoned")).toBe("done");

    await shipGateJournal(s, id);
    const ops = await createTestUser(["ops"]);
    const audit = await api(`/api/admin/inventory/${s.fixture.listingId}/audit`, { headers: ops.headers });
    expect(await audit.json()).toMatchObject({ conserved: true, journal_agrees: true, available: 28, allocated: 0, sold: 2 });
  });

  it("refuses an end in the past or before the start as a 400, and any change to an ended deal as a 409", async () => {
    const s = await dealSetup(30);
    const { id } = await liveDealTwoSold(s);
    const past = await adjust(s, id, { ends_at: inAbout(-60_000) });
    expect(past.status).toBe(400);
    expect(((await past.json()) as Problem).errors?.map((e) => e.path)).toEqual(["ends_at"]);
    const ended = await api(`/api/admin/deals/${id}/end`, { method: "POST", headers: s.manager.headers });
    expect(ended.status).toBe(200);
    const res = await adjust(s, id, { ends_at: inAbout(3_600_000), waiting_room: { active_users: 5 } });
    expect(res.status).toBe(409);
    expect(((await res.json()) as Problem).detail).toMatch(/has ended/);
    expect((await gateRow(id)).active_users).toBe(1_000);
    expect((await findDeal(env.DB, id))?.activeUsers).toBe(1_000);
  });
});

describe("adjusting a deal before it opens", () => {
  it("shows a new price and start on the product page once the change is applied, and opens the deal at the new start", async () => {
    const s = await dealSetup(30);
    const id = await createDealViaApi(s, { starts_at: inAbout(3_600_000), ends_at: inAbout(7_200_000) });
    await applyProductChanges(s.fixture.productId);
    expect((await readProjection(env.CATALOG_KV, s.fixture.productId))?.deals).toMatchObject([{ id, deal_price: 99_900 }]);
    const startsAt = inAbout(1_500);
    const res = await adjust(s, id, { deal_price: 89_900, starts_at: startsAt, per_user_limit: 3 });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ deal_price: 89_900, starts_at: startsAt, per_user_limit: 3, status: "scheduled" });
    expect(await gateRow(id)).toMatchObject({ starts_at: Date.parse(startsAt), per_user_limit: 3 });

    // Shoppers join before the new start: the pre-queue, in random order.
    const gate = gateFor(env, id);
    await gate.sync({ preJoins: 40, joins: [] });
    expect(await gate.reserve({ reservationId: "early", shopperId: "u1", qty: 1 })).toEqual({ ok: false, reason: "not_live" });
    await applyProductChanges(s.fixture.productId);
    expect((await readProjection(env.CATALOG_KV, s.fixture.productId))?.deals).toMatchObject([
      { id, deal_price: 89_900, starts_at: startsAt },
    ]);

    await sleep(Date.parse(startsAt) - Date.now() + 100);
    await tickDeals(env);
    expect((await findDeal(env.DB, id))?.status).toBe("live");
    const page = (await (await api(`/api/products/${s.fixture.productId}`)).json()) as ProductView;
    expect(page.deal).toMatchObject({ id, deal_price: 89_900, starts_at: startsAt });
    expect((await gate.reserve({ reservationId: "now", shopperId: "u1", qty: 3 })).ok).toBe(true);

    // The pre-queue opens once the new start's reports have settled, an hour before the old start.
    await sleep(Date.parse(startsAt) + SETTLE_MS + 200 - Date.now());
    await gate.sync({ preJoins: 0, joins: [] });
    await sleep(500);
    const opened = await gate.sync({ preJoins: 0, joins: [] });
    expect(opened.preCount).toBe(40);
    expect(opened.preCursor).toBeGreaterThan(0);
  });

  it("does not open a deal at its old start once the start is moved later", async () => {
    const s = await dealSetup(30);
    const id = await createDealViaApi(s, { starts_at: inAbout(1_500) });
    const later = inAbout(1_800_000);
    expect((await adjust(s, id, { starts_at: later })).status).toBe(200);
    await sleep(1_600);
    await tickDeals(env);
    expect((await findDeal(env.DB, id))?.status).toBe("scheduled");
    expect(await gateFor(env, id).reserve({ reservationId: "r", shopperId: "u1", qty: 1 })).toEqual({ ok: false, reason: "not_live" });
  });

  it("refuses a price not below the listing's and a limit above the units, listing both fields, and changes nothing", async () => {
    const s = await dealSetup(30);
    const id = await createDealViaApi(s, { starts_at: inAbout(3_600_000), ends_at: inAbout(7_200_000), units: 4 });
    const res = await adjust(s, id, { deal_price: 10_000_000, per_user_limit: 5, waiting_room: { active_users: 5 } });
    expect(res.status).toBe(400);
    const errors = ((await res.json()) as Problem).errors;
    expect(errors?.map((e) => e.path)).toEqual(["deal_price", "per_user_limit"]);
    // In rupees, as a client shows it, not the paise it is stored in.
    expect(errors?.[0]?.message).toBe("must be below the listing's price of ₹1,299");
    expect(await findDeal(env.DB, id)).toMatchObject({ dealPrice: 99_900, perUserLimit: 1, activeUsers: 1_000 });
    expect(await gateRow(id)).toMatchObject({ per_user_limit: 1, active_users: 1_000 });
  });
});

describe("refusals", () => {
  it("refuses each price, start or limit change on a live deal with a 409 naming the field and why, changing nothing", async () => {
    const s = await dealSetup(30);
    const { id } = await liveDealTwoSold(s);
    const before = { row: await findDeal(env.DB, id), gate: await gateRow(id) };
    for (const [field, value, why] of [
      ["deal_price", 89_900, "the deal is live: shoppers have already seen this price"],
      ["starts_at", inAbout(3_600_000), "the deal is live: it has already opened"],
      ["per_user_limit", 3, "the deal is live: shoppers have already bought under this limit"],
    ] as const) {
      // Asked for with a change that is allowed: the whole request is refused.
      const res = await adjust(s, id, { [field]: value, waiting_room: { new_users_per_minute: 9 } });
      expect(res.status).toBe(409);
      expect(((await res.json()) as Problem).errors).toEqual([{ path: field, message: why }]);
    }
    expect(await findDeal(env.DB, id)).toEqual(before.row);
    expect(await gateRow(id)).toEqual(before.gate);
  });

  it("answers bad bodies with a 400 naming the fields, other roles with 403, and unknown deals with 404", async () => {
    const s = await dealSetup(30);
    const id = await createDealViaApi(s, { starts_at: inAbout(3_600_000), ends_at: inAbout(7_200_000) });
    const fields = async (body: unknown) => {
      const res = await adjust(s, id, body);
      expect(res.status).toBe(400);
      return ((await res.json()) as Problem).errors?.map((e) => e.path);
    };
    expect(await fields({})).toEqual(["(root)"]);
    expect(await fields({ waiting_room: {} })).toEqual(["waiting_room"]);
    expect(await fields({ units: 5 })).toEqual(expect.arrayContaining(["units"]));
    expect(await fields({ waiting_room: { active_users: 0, queue: 1 } })).toEqual(
      expect.arrayContaining(["waiting_room.active_users", "waiting_room.queue"]),
    );
    expect(await fields({ waiting_room: { session_minutes: 121, new_users_per_minute: 1.5 } })).toEqual([
      "waiting_room.new_users_per_minute",
      "waiting_room.session_minutes",
    ]);
    expect(await fields({ ends_at: "tomorrow" })).toEqual(["ends_at"]);
    expect(await fields({ starts_at: inAbout(-1_000), ends_at: inAbout(-500) })).toEqual(["starts_at", "ends_at"]);
    expect(await fields({ starts_at: inAbout(7_200_000), ends_at: inAbout(3_600_000) })).toEqual(["ends_at"]);

    const seller = await createTestUser(["seller"], { sellerId: s.fixture.sellerId });
    const shopper = await createTestUser();
    for (const other of [seller, shopper]) {
      expect((await adjust(s, id, { waiting_room: { active_users: 5 } }, other.headers)).status).toBe(403);
    }
    expect((await adjust(s, "deal_nope", { waiting_room: { active_users: 5 } })).status).toBe(404);
    expect(await findDeal(env.DB, id)).toMatchObject({ activeUsers: 1_000 });
  });

  it("refuses moving the window onto another deal of the listing, changing nothing", async () => {
    const s = await dealSetup(30);
    const first = await createDealViaApi(s, { units: 5, starts_at: inAbout(3_600_000), ends_at: inAbout(7_200_000) });
    const second = await createDealViaApi(s, { units: 5, starts_at: inAbout(3 * 3_600_000), ends_at: inAbout(4 * 3_600_000) });
    const res = await adjust(s, first, { ends_at: inAbout(3.5 * 3_600_000) });
    expect(res.status).toBe(409);
    expect(((await res.json()) as Problem).detail).toContain(second);
    expect((await gateRow(first)).ends_at).toBe(Date.parse((await findDeal(env.DB, first))?.endsAt as string));
  });
});

describe("the gate's own check of an adjustment", () => {
  it("refuses by its own clock what the deal row may not have caught up with, writing nothing", async () => {
    const opened = gateConfig({ startsAt: Date.now() - 1_000, holdSeconds: 300 });
    const gate = gateFor(env, opened.dealId);
    await gate.init(opened);
    const stored = await gateRow(opened.dealId);
    expect(await gate.adjust({ beforeOpen: true })).toEqual({ ok: false, reason: "opened" });
    expect(await gate.adjust({ startsAt: Date.now() + 60_000 })).toEqual({ ok: false, reason: "opened" });
    expect(await gate.adjust({ perUserLimit: 1, activeUsers: 5 })).toEqual({ ok: false, reason: "opened" });
    expect(await gate.adjust({ endsAt: Date.now() - 1 })).toEqual({ ok: false, reason: "ends_too_soon" });
    expect(await gate.adjust({ sessionMinutes: 4 })).toEqual({ ok: false, reason: "session_under_hold" });
    expect(await gateRow(opened.dealId)).toEqual(stored);
    expect(await gate.adjust({ activeUsers: 5, sessionMinutes: 5 })).toEqual({ ok: true });
    await gate.pause();
    await gate.end();
    expect(await gate.adjust({ activeUsers: 6 })).toEqual({ ok: false, reason: "ended" });
    expect((await gateRow(opened.dealId)).active_users).toBe(5);
  });
});

describe("adjustment rules", () => {
  const now = Date.parse("2099-12-01T06:00:00Z");
  const deal: DealRow = {
    id: "deal_1",
    listingId: "lst_1",
    productId: "prd_1",
    warehouseId: "wh_1",
    dealPrice: 90_000,
    listingPrice: 100_000,
    units: 10,
    startsAt: "2099-12-01T07:00:00.000Z",
    endsAt: "2099-12-01T09:00:00.000Z",
    perUserLimit: 1,
    holdSeconds: 300,
    activeUsers: 100,
    newUsersPerMinute: 600,
    sessionMinutes: 10,
    status: "scheduled",
    idempotencyKey: null,
    createdAt: "2099-11-30T06:00:00.000Z",
    setupFailedAt: null,
    updatedAt: "2099-11-30T06:00:00.000Z",
  };
  const plan = (d: DealRow, body: unknown, at = now) => planAdjustment(d, AdjustDealBody.parse(body), at);

  it("asks the gate for only what changes, and says when the page and window move", () => {
    expect(plan(deal, { waiting_room: { active_users: 50 } })).toMatchObject({
      gate: { beforeOpen: false, activeUsers: 50 },
      windowMoves: false,
      pageChanges: false,
      settings: { activeUsers: 50, newUsersPerMinute: 600 },
    });
    expect(plan(deal, { deal_price: 80_000 })).toMatchObject({ gate: { beforeOpen: true }, pageChanges: true, windowMoves: false });
    expect(plan(deal, { ends_at: "2099-12-01T10:00:00Z" })).toMatchObject({
      gate: { endsAt: Date.parse("2099-12-01T10:00:00Z") },
      settings: { endsAt: "2099-12-01T10:00:00.000Z" },
      windowMoves: true,
    });
  });

  it("lets a live or paused deal change its waiting room and end only", () => {
    const live = { ...deal, status: "live" as const, startsAt: "2099-12-01T05:00:00.000Z" };
    expect(plan(live, { ends_at: "2099-12-01T08:00:00Z" }).settings.endsAt).toBe("2099-12-01T08:00:00.000Z");
    // The detail names the settings in words: the console shows it to the manager as it is.
    expect(() => plan(live, { per_user_limit: 2 })).toThrow(/its per-shopper limit can no longer change/);
    // A scheduled deal whose start passed before the minute cron marked it live has opened too.
    expect(() => plan({ ...live, status: "scheduled" }, { deal_price: 80_000 })).toThrow(/can no longer change/);
    expect(() => plan({ ...deal, status: "paused" }, { deal_price: 80_000, starts_at: "2099-12-01T04:00:00Z" })).toThrow(
      /its price and start cannot change until it is resumed/,
    );
    expect(() => plan({ ...live, endsAt: "2099-12-01T05:30:00.000Z" }, { waiting_room: { active_users: 5 } })).toThrow(
      /end time has passed/,
    );
    expect(() => plan({ ...deal, status: "ended" }, { waiting_room: { active_users: 5 } })).toThrow(/has ended/);
  });

  it("keeps a deal within 14 days and its start before its end", () => {
    expect(() => plan(deal, { ends_at: "2099-12-20T00:00:00Z" })).toThrow(/ends_at/);
    expect(() => plan(deal, { starts_at: "2099-12-01T09:30:00Z" })).toThrow(/starts_at/);
    // Said in India's time, naming the other end, not in UTC and by its field's name.
    try {
      plan(deal, { starts_at: "2099-12-01T09:30:00Z" });
    } catch (err) {
      expect((err as { options: { errors: unknown[] } }).options.errors).toEqual([
        { path: "starts_at", message: `must be before the end, ${when(deal.endsAt)} IST` },
      ]);
      expect(when(deal.endsAt)).not.toContain("Z");
    }
  });
});
