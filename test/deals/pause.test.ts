import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { SkuGate } from "../../durable-objects/sku-gate";
import { dealState } from "../../workers/deals/edge-state";
import { gateFor, verifyAdmission } from "../../workers/deals/gate-client";
import type { DealState, GateConfig } from "../../workers/deals/gate-types";
import { afterPause, groupEnd, sessionEnd, sessionOverIn } from "../../workers/deals/session-end";
import { readAdmission, signAdmission } from "../../workers/deals/tickets";
import { ADDRESS, checkout, pay, waitForStatus } from "../checkout/support";
import { createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { createDealViaApi, dealSetup, gateConfig } from "./helpers";

const SECRET = env.TICKET_SECRET;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const noJoins = { preJoins: 0, joins: [] };
const START = 1_800_000_000_000;

async function liveGate(overrides: Partial<GateConfig> = {}) {
  const config = gateConfig(overrides);
  const gate = gateFor(env, config.dealId);
  await gate.init(config);
  return { gate, config };
}

/**
 * A live deal of `units` with three-second sessions, one shopper admitted who holds a unit on the
 * deal page until their session ends (`endsAt`, in admission group `group`), then paused.
 */
async function pausedWithPageHold(units: number) {
  const startsAt = Date.now() - 20_000;
  const { gate } = await liveGate({ startsAt, units, activeUsers: 10, newUsersPerMinute: 6000, sessionMinutes: 0.05 });
  const s = await gate.sync({ preJoins: 0, joins: [[Math.floor(startsAt / 1000), 1]] });
  const endsAt = s.sessions.lapsesAt.at(-1) as number;
  const group = s.sessions.startedAt.at(-1) as number;
  const held = await gate.reserve({ reservationId: "page", shopperId: "s1", qty: 1, admittedUntil: endsAt, admittedIn: group });
  expect(held.ok).toBe(true);
  await gate.pause();
  return { gate, endsAt, group };
}

/** Reads one row of the gate's storage. */
function row<T extends Record<string, SqlStorageValue>>(gate: DurableObjectStub<SkuGate>, query: string, ...binds: SqlStorageValue[]) {
  return runInDurableObject(gate, (_: SkuGate, state) => state.storage.sql.exec<T>(query, ...binds).toArray()[0]);
}

const pausedAtOf = async (gate: DurableObjectStub<SkuGate>) =>
  (await row<{ t: number | null }>(gate, "SELECT paused_at AS t FROM deal"))?.t;
// `resume` sets the admission tick to the moment it resumed; read it before the next sync moves it.
const lastTickOf = async (gate: DurableObjectStub<SkuGate>) => (await row<{ t: number }>(gate, "SELECT last_tick AS t FROM deal"))?.t;
const holdOf = (gate: DurableObjectStub<SkuGate>, id: string) =>
  row<{ expires_at: number; admitted_until: number | null; status: string }>(
    gate,
    "SELECT expires_at, admitted_until, status FROM holds WHERE reservation_id = ?",
    id,
  );

function stateWith(sessions: Partial<DealState["sessions"]>, pausedAt: number | null): DealState {
  return {
    dealId: "d",
    status: pausedAt === null ? "live" : "paused",
    startsAt: START,
    endsAt: START + 3_600_000,
    remaining: 10,
    preCount: 0,
    preCursor: 1,
    joinCursor: START + 10_999,
    ahead: { from: 0, step: 1, counts: [] },
    arrivalsPerSecond: 0,
    admitsPerSecond: 1,
    sessions: { startedAt: [], lapsesAt: [], preCursor: [], joinCursor: [], ...sessions },
    pausedAt,
    at: START,
  };
}

describe("session end across a pause", () => {
  it("extends a session still open when the pause began by the pause's length, and leaves one that had lapsed", () => {
    const pausedAt = START + 60_000;
    expect(afterPause(pausedAt + 1, pausedAt, pausedAt + 20 * 60_000)).toBe(pausedAt + 1 + 20 * 60_000);
    expect(afterPause(pausedAt + 5_000, pausedAt, pausedAt)).toBe(pausedAt + 5_000);
    // Lapsed before the pause, or at the very moment it began: the slot was already given back.
    expect(afterPause(pausedAt - 1, pausedAt, pausedAt + 20 * 60_000)).toBe(pausedAt - 1);
    expect(afterPause(pausedAt, pausedAt, pausedAt + 20 * 60_000)).toBe(pausedAt);
    // A clock behind the pause's start never shortens a session.
    expect(afterPause(pausedAt + 5_000, pausedAt, pausedAt - 1_000)).toBe(pausedAt + 5_000);
    // Two pauses add up, each counted for the sessions still open when it began.
    const once = afterPause(pausedAt + 5_000, pausedAt, pausedAt + 10_000);
    expect(afterPause(once, pausedAt + 12_000, pausedAt + 15_000)).toBe(pausedAt + 5_000 + 10_000 + 3_000);
    expect(afterPause(afterPause(pausedAt + 5_000, pausedAt, pausedAt + 1_000), pausedAt + 7_000, pausedAt + 9_000)).toBe(pausedAt + 6_000);
  });

  it("reads a session open when the deal paused as not running out while it stays paused", () => {
    const pausedAt = START + 60_000;
    const sessions = {
      startedAt: [START, START + 5_000],
      lapsesAt: [pausedAt - 1_000, pausedAt + 4_000],
      joinCursor: [START + 4_999, START + 10_999],
    };
    const lapsedTicket = { typ: "wr-ticket" as const, deal: "d", shopper: "s", joinedAt: START + 1_000, pre: false, rank: 0 };
    const openTicket = { ...lapsedTicket, joinedAt: START + 7_000 };
    const paused = stateWith(sessions, pausedAt);
    // Ten minutes into the pause the open session still has the 4 s it had left when it began.
    expect(sessionEnd(openTicket, paused, pausedAt + 600_000)).toBe(pausedAt + 600_000 + 4_000);
    expect(groupEnd(paused, 1, pausedAt + 600_000)).toBe(pausedAt + 604_000);
    expect(sessionEnd(lapsedTicket, paused, pausedAt + 600_000)).toBe(pausedAt - 1_000);
    // Once the deal runs, the gate's own ends are read as they are.
    expect(sessionEnd(openTicket, stateWith(sessions, null), pausedAt + 600_000)).toBe(pausedAt + 4_000);
    expect(groupEnd(paused, 2, pausedAt)).toBeNull();
  });

  it("tells from a deal state made after a token ran out whether its session is over, and otherwise cannot tell", () => {
    const pausedAt = START + 60_000;
    const sessions = { startedAt: [START, START + 5_000], lapsesAt: [pausedAt - 1_000, pausedAt + 4_000] };
    const at = (state: DealState, when: number) => ({ ...state, at: when });
    const running = stateWith(sessions, null);
    const now = pausedAt + 10_000;
    // Running, made after both ends: both over, and so is a group older than every one listed.
    expect(sessionOverIn(at(running, now), START, pausedAt - 1_000, now)).toBe(true);
    expect(sessionOverIn(at(running, now), START + 5_000, pausedAt + 4_000, now)).toBe(true);
    expect(sessionOverIn(at(running, now), START - 5_000, START + 1_000, now)).toBe(true);
    // Paused before the second ended: that session is still running, the first is over.
    const paused = at(stateWith(sessions, pausedAt), now);
    expect(sessionOverIn(paused, START + 5_000, pausedAt + 4_000, now)).toBe(false);
    expect(sessionOverIn(paused, START, pausedAt - 1_000, now)).toBe(true);
    // A state made before the token ran out may not know of a pause since; a group it does not list
    // and is not older than all it lists is not known to it: the gate is asked.
    expect(sessionOverIn(at(running, pausedAt), START + 5_000, pausedAt + 4_000, now)).toBe(false);
    expect(sessionOverIn(at(running, now), START + 7_000, pausedAt + 4_000, now)).toBe(false);
  });
});

describe("SkuGate pause", () => {
  it("stops the session clock while paused and extends open sessions, their holds and slots by the pause on resume", async () => {
    const startsAt = Date.now() - 20_000;
    // Sessions of 3 s, so a pause of a few seconds outlasts one.
    const { gate, config } = await liveGate({
      startsAt,
      units: 10,
      perUserLimit: 1,
      activeUsers: 10,
      newUsersPerMinute: 6000,
      sessionMinutes: 0.05,
    });
    const first = Math.floor(startsAt / 1000);
    const a = await gate.sync({ preJoins: 0, joins: [[first, 1]] });
    const aEnds = a.sessions.lapsesAt.at(-1) as number;
    const aGroup = a.sessions.startedAt.at(-1) as number;
    await sleep(aEnds - Date.now() + 50);
    // Group A has lapsed; group B (three shoppers) is admitted and holds before the pause.
    const b = await gate.sync({ preJoins: 0, joins: [[first + 1, 3]] });
    const bEnds = b.sessions.lapsesAt.at(-1) as number;
    const bGroup = b.sessions.startedAt.at(-1) as number;
    expect(bGroup).not.toBe(aGroup);
    expect(await gate.figures()).toMatchObject({ active: 3 });
    const page = await gate.reserve({ reservationId: "page", shopperId: "sb1", qty: 1, admittedUntil: bEnds, admittedIn: bGroup });
    expect(page.ok && Date.parse(page.expiresAt)).toBe(bEnds);
    expect((await gate.reserve({ reservationId: "ord", shopperId: "sb2", qty: 1, owner: "ord_b2", admittedUntil: bEnds })).ok).toBe(true);
    const orderExpiry = (await holdOf(gate, "ord"))?.expires_at;

    await gate.pause();
    const pausedAt = (await pausedAtOf(gate)) as number;
    expect(pausedAt).toBeLessThan(bEnds);
    // Evicted mid-pause, the gate still knows when the pause began.
    await evictDurableObject(gate);
    await sleep(bEnds - Date.now() + 1_000);
    // B's sessions would have lapsed by now: none has, and the page hold that ends with one waits too.
    await runDurableObjectAlarm(gate);
    expect(await gate.figures()).toMatchObject({ status: "paused", active: 3, reserved: 2 });
    const during = await gate.sync(noJoins);
    expect(during.pausedAt).toBe(pausedAt);
    expect(during.sessions.startedAt).toContain(bGroup);
    expect(await gate.sessionEndOf(bGroup)).toBeGreaterThan(Date.now());
    expect(await gate.sessionEndOf(aGroup)).toBe(aEnds);
    // Tapping "hold" again mid-pause shows the page hold ending as long after a resume as it had left.
    const replay = await gate.reserve({ reservationId: "page", shopperId: "sb1", qty: 1, admittedUntil: bEnds, admittedIn: bGroup });
    expect(replay.ok && Date.parse(replay.expiresAt)).toBeGreaterThan(Date.now());
    // A hold made before the pause can still be paid during it.
    expect(await gate.commit("ord", { owner: "ord_b2", qty: 1 })).toBe("done");
    expect(await gate.figures()).toMatchObject({ active: 2, sold: 1 });

    await gate.resume();
    const shift = ((await lastTickOf(gate)) as number) - pausedAt;
    expect(shift).toBeGreaterThan(3_000);
    const after = await gate.sync(noJoins);
    expect(after.pausedAt).toBeNull();
    const at = (group: number) => after.sessions.lapsesAt[after.sessions.startedAt.indexOf(group)];
    expect(at(bGroup)).toBe(bEnds + shift);
    // A lapsed before the pause: not revived.
    expect(await gate.sessionEndOf(aGroup)).toBe(aEnds);
    expect(after.sessions.lapsesAt.filter((t) => t > Date.now())).toEqual([bEnds + shift]);
    expect(await gate.figures()).toMatchObject({ status: "live", active: 2 });
    // The page hold ends with the extended session; the order's hold keeps its own expiry.
    expect(await holdOf(gate, "page")).toMatchObject({ status: "held", expires_at: bEnds + shift, admitted_until: bEnds + shift });
    expect((await holdOf(gate, "ord"))?.expires_at).toBe(orderExpiry);

    // A shopper of B with a token signed before the pause: the edge still admits it, and the gate
    // holds within the extended session and frees the right slot when they buy.
    const oldToken = await signAdmission(SECRET, config.dealId, "sb3", bEnds, bGroup);
    const claims = await verifyAdmission(env, oldToken, { dealId: config.dealId, shopperIds: ["sb3"] });
    expect(claims).toMatchObject({ shopper: "sb3", exp: bEnds + shift, group: bGroup });
    const late = await gate.reserve({ reservationId: "late", shopperId: "sb3", qty: 1, admittedUntil: bEnds, admittedIn: bGroup });
    expect(late.ok && Date.parse(late.expiresAt)).toBe(bEnds + shift);
    expect(await gate.commit("late")).toBe("done");
    expect(await gate.figures()).toMatchObject({ active: 1, sold: 2 });
    // The page hold, taken over at checkout and paid, frees its shopper's slot too.
    expect(
      (await gate.reserve({ reservationId: "page:o", shopperId: "sb1", qty: 1, owner: "ord_b1", admittedUntil: bEnds, claimFrom: "page" }))
        .ok,
    ).toBe(true);
    expect(await gate.commit("page:o", { owner: "ord_b1", qty: 1 })).toBe("done");
    expect(await gate.figures()).toMatchObject({ active: 0, sold: 3 });
    // A's token stays expired.
    const lapsedToken = await signAdmission(SECRET, config.dealId, "sa1", aEnds, aGroup);
    expect(await verifyAdmission(env, lapsedToken, { dealId: config.dealId, shopperIds: ["sa1"] })).toBeNull();
  });

  it("counts a second pause from the first, ignores a second resume, and adds up separate pauses", async () => {
    const startsAt = Date.now() - 20_000;
    const { gate } = await liveGate({ startsAt, activeUsers: 10, newUsersPerMinute: 6000, sessionMinutes: 10 });
    const s = await gate.sync({ preJoins: 0, joins: [[Math.floor(startsAt / 1000), 2]] });
    const endsAt = s.sessions.lapsesAt.at(-1) as number;
    const group = s.sessions.startedAt.at(-1) as number;
    const endNow = async () => (await gate.sync(noJoins)).sessions.lapsesAt.at(-1);

    await gate.pause();
    const p1 = (await pausedAtOf(gate)) as number;
    await sleep(200);
    expect(await gate.pause()).toBe("paused");
    expect(await pausedAtOf(gate)).toBe(p1);
    await sleep(200);
    expect(await gate.resume()).toBe("live");
    const r1 = (await lastTickOf(gate)) as number;
    expect(r1 - p1).toBeGreaterThanOrEqual(400);
    expect(await gate.resume()).toBe("live");
    expect(await lastTickOf(gate)).toBe(r1);
    expect(await endNow()).toBe(endsAt + (r1 - p1));

    await gate.pause();
    const p2 = (await pausedAtOf(gate)) as number;
    await sleep(300);
    await gate.resume();
    const r2 = (await lastTickOf(gate)) as number;
    expect(await endNow()).toBe(endsAt + (r1 - p1) + (r2 - p2));
    expect(await gate.sessionEndOf(group)).toBe(endsAt + (r1 - p1) + (r2 - p2));
    expect(await gate.figures()).toMatchObject({ active: 2 });
  });

  it("ends a deal while paused: the holds that waited with their sessions go back, and resuming changes nothing", async () => {
    const { gate, endsAt, group } = await pausedWithPageHold(4);
    await sleep(endsAt - Date.now() + 300);
    await runDurableObjectAlarm(gate);
    expect(await gate.figures()).toMatchObject({ reserved: 1 });

    const returned = await gate.end();
    expect(returned.reduce((n, e) => n + e.qty, 0)).toBe(4);
    expect(await holdOf(gate, "page")).toMatchObject({ status: "expired" });
    expect(await gate.figures()).toMatchObject({ status: "ended", reserved: 0, returned: 4, active: 0 });
    expect(await gate.resume()).toBe("ended");
    expect(await gate.pause()).toBe("ended");
    expect(await gate.sessionEndOf(group)).toBe(endsAt);
    expect((await gate.sync(noJoins)).pausedAt).toBeNull();
  });

  it("ends a paused deal before a waiting hold's session would have ended, and still expires that hold on time", async () => {
    // Its one unit is held, so ending returns nothing and journals nothing that would wake the gate anyway.
    const { gate, endsAt } = await pausedWithPageHold(1);
    // An alarm during the pause finds nothing due: the hold waits with its session.
    await runDurableObjectAlarm(gate);
    await gate.end();
    expect(await holdOf(gate, "page")).toMatchObject({ status: "held" });
    expect(await runInDurableObject(gate, (_: SkuGate, state) => state.storage.getAlarm())).not.toBeNull();

    await sleep(endsAt - Date.now() + 300);
    await runDurableObjectAlarm(gate);
    expect(await holdOf(gate, "page")).toMatchObject({ status: "expired" });
    expect(await gate.figures()).toMatchObject({ status: "ended", reserved: 0, returned: 1 });
  });

  it("paused before the start, opens on resume with sessions as long as ever", async () => {
    const startsAt = Date.now() + 300;
    const { gate } = await liveGate({ startsAt, activeUsers: 100, newUsersPerMinute: 6000, sessionMinutes: 0.2 });
    await gate.sync({ preJoins: 5, joins: [] });
    expect(await gate.pause()).toBe("paused");
    // Past the start and the pre-queue's opening: nobody is let in while paused.
    await sleep(startsAt + 3_000 + 300 - Date.now());
    const during = await gate.sync(noJoins);
    expect(during).toMatchObject({ status: "paused", preCursor: 0, sessions: { lapsesAt: [] } });
    expect(await gate.figures()).toMatchObject({ admitted: 0, waiting: 5 });
    expect(await gate.resume()).toBe("live");
    await sleep(200);
    const opened = await gate.sync(noJoins);
    expect(opened.preCursor).toBe(1);
    const [lapse] = opened.sessions.lapsesAt;
    const [began] = opened.sessions.startedAt;
    // A group lapses a session after its stretch (a twelfth of the 12 s session) ends: nothing more.
    expect((lapse as number) - (began as number)).toBe(12_000 + 1_000);
  });

  it("upgrades a gate paused before pauses were recorded: its sessions stop from the upgrade on", async () => {
    const startsAt = Date.now() - 20_000;
    const { gate } = await liveGate({ startsAt, activeUsers: 10, newUsersPerMinute: 6000, sessionMinutes: 10 });
    const endsAt = (await gate.sync({ preJoins: 0, joins: [[Math.floor(startsAt / 1000), 1]] })).sessions.lapsesAt.at(-1) as number;
    await gate.pause();
    await runInDurableObject(gate, (_: SkuGate, state) => {
      state.storage.sql.exec("DROP INDEX admissions_lapse");
      state.storage.sql.exec("ALTER TABLE deal DROP COLUMN paused_at");
      state.storage.sql.exec("UPDATE meta SET value = 4 WHERE key = 'schema_version'");
    });
    await evictDurableObject(gate);
    const before = Date.now();
    expect(await gate.figures()).toMatchObject({ status: "paused" });
    const pausedAt = (await pausedAtOf(gate)) as number;
    expect(pausedAt).toBeGreaterThanOrEqual(before);
    await gate.resume();
    const resumedAt = (await lastTickOf(gate)) as number;
    expect((await gate.sync(noJoins)).sessions.lapsesAt.at(-1)).toBe(endsAt + resumedAt - pausedAt);
  });
});

/** `env` with its SkuGate namespace counting the stubs asked for. */
function countingGates() {
  const counted = { asked: 0 };
  const ns = new Proxy(env.SKU_GATE, {
    get(target, prop) {
      if (prop === "get") counted.asked++;
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { env: { ...env, SKU_GATE: ns } as Env, counted };
}

describe("expired admissions at the edge", () => {
  it("refuses a token whose session is over from the deal state the isolate holds, and asks the gate only across a pause", async () => {
    const startsAt = Date.now() - 20_000;
    const { gate, config } = await liveGate({ startsAt, activeUsers: 10, newUsersPerMinute: 6000, sessionMinutes: 0.05 });
    const first = Math.floor(startsAt / 1000);
    const a = await gate.sync({ preJoins: 0, joins: [[first, 1]] });
    const aEnds = a.sessions.lapsesAt.at(-1) as number;
    const aGroup = a.sessions.startedAt.at(-1) as number;
    await sleep(aEnds - Date.now() + 50);
    // B is admitted after A's session ended; the deal is paused while B's runs.
    const b = await gate.sync({ preJoins: 0, joins: [[first + 1, 1]] });
    const bEnds = b.sessions.lapsesAt.at(-1) as number;
    const bGroup = b.sessions.startedAt.at(-1) as number;
    await gate.pause();
    await sleep(bEnds - Date.now() + 50);
    // The isolate's own view of the deal, as the herd's polls keep it, made after both tokens ran out.
    await dealState(env, { waitUntil: () => undefined }, config.dealId);

    const gates = countingGates();
    const lapsed = await signAdmission(SECRET, config.dealId, "sa1", aEnds, aGroup);
    expect(await verifyAdmission(gates.env, lapsed, { dealId: config.dealId, shopperIds: ["sa1"] })).toBeNull();
    expect(gates.counted.asked).toBe(0);
    // B's session stopped with the pause: the gate says how long it runs now.
    const stopped = await signAdmission(SECRET, config.dealId, "sb1", bEnds, bGroup);
    const claims = await verifyAdmission(gates.env, stopped, { dealId: config.dealId, shopperIds: ["sb1"] });
    expect(claims?.exp).toBeGreaterThan(Date.now());
    expect(gates.counted.asked).toBe(1);
  });
});

describe("waiting room across a pause", () => {
  it("keeps a shopper admitted before a pause longer than their session admitted after it, to hold and check out", async () => {
    const s = await dealSetup(20);
    const dealId = await createDealViaApi(s, {
      units: 5,
      starts_at: new Date(Date.now() + 300).toISOString(),
      waiting_room: { active_users: 10, new_users_per_minute: 6000, session_minutes: 1 },
    });
    // A session of a few seconds rather than a minute, so the pause can outlast it.
    const SESSION_MS = 6_000;
    const gate = gateFor(env, dealId);
    await runInDurableObject(gate, (_: SkuGate, state) => {
      state.storage.sql.exec("UPDATE deal SET session_ms = ? WHERE id = 1", SESSION_MS);
    });
    await sleep(400);
    const user = await createTestUser();
    const poll = async (ticket: string) =>
      (await (await api(`/api/deals/${dealId}/queue`, { headers: { "x-waiting-room-ticket": ticket } })).json()) as {
        status: string;
        paused: boolean;
        admission_token?: string;
        admission_expires_at?: string;
      };
    const untilAdmitted = async (ticket: string) => {
      for (let i = 0; i < 40; i++) {
        const b = await poll(ticket);
        if (b.status === "admitted") return b;
        await sleep(250);
      }
      throw new Error("never admitted");
    };
    const joined = await api(`/api/deals/${dealId}/queue`, { method: "POST", headers: user.headers });
    const { ticket } = (await joined.json()) as { ticket: string };
    const admitted = await untilAdmitted(ticket);
    const oldToken = admitted.admission_token ?? "";
    const endsAt = Date.parse(admitted.admission_expires_at ?? "");
    expect((await readAdmission(SECRET, oldToken))?.group).toEqual(expect.any(Number));

    const pausing = Date.now();
    expect((await api(`/api/admin/deals/${dealId}/pause`, { method: "POST", headers: s.manager.headers })).status).toBe(200);
    const paused = Date.now();
    await sleep(endsAt - Date.now() + 1_500);
    // Past the session's old end, mid-pause: not expired, and the token still names an admitted shopper.
    const during = await poll(ticket);
    expect(during).toMatchObject({ paused: true });
    expect(during.status).not.toBe("expired");
    const holdDuring = await api(`/api/deals/${dealId}/hold`, { headers: user.headers, body: { admission_token: oldToken, qty: 1 } });
    expect(holdDuring.status).toBe(409);
    expect(await holdDuring.json()).toMatchObject({ reason: "paused" });

    const resuming = Date.now();
    expect((await api(`/api/admin/deals/${dealId}/resume`, { method: "POST", headers: s.manager.headers })).status).toBe(200);
    const resumed = Date.now();
    const again = await untilAdmitted(ticket);
    const extendedTo = Date.parse(again.admission_expires_at ?? "");
    // The session's end moved by the pause's length.
    expect(extendedTo - endsAt).toBeGreaterThanOrEqual(resuming - paused);
    expect(extendedTo - endsAt).toBeLessThanOrEqual(resumed - pausing);
    expect((await readAdmission(SECRET, again.admission_token ?? ""))?.exp).toBe(extendedTo);

    // The token from before the pause, past its own expiry, still holds and checks out.
    expect(Date.now()).toBeGreaterThan(endsAt);
    const hold = await api(`/api/deals/${dealId}/hold`, { headers: user.headers, body: { admission_token: oldToken, qty: 1 } });
    expect(hold.status).toBe(201);
    expect(Date.parse(((await hold.json()) as { expires_at: string }).expires_at)).toBe(extendedTo);
    await api(`/api/cart/items/${s.fixture.listingId}`, { method: "PUT", headers: user.headers, body: { qty: 1 } });
    const res = await checkout(user, crypto.randomUUID(), { address: ADDRESS, payment_method: "upi", admission_token: oldToken });
    expect(res.status).toBe(201);
    const placed = (await res.json()) as { order_id: string; payment: { redirect_url: string } };
    await pay(placed.payment.redirect_url);
    await waitForStatus(placed.order_id, ["confirmed"]);
    // Bought within the extended session: the shopper's slot is free for the next in line.
    expect(await gate.figures()).toMatchObject({ sold: 1, reserved: 0, active: 0 });
  });
});
