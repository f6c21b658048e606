import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { SkuGate } from "../../durable-objects/sku-gate";
import { deals } from "../../workers/db/schema";
import { tickDeals } from "../../workers/deals/control-deal";
import { gateFor } from "../../workers/deals/gate-client";
import { createDb } from "../../workers/platform/db";
import { dealAllocation } from "../helpers/deal-allocation";
import { type DealSetup, createDealViaApi, dealSetup, gateConfig } from "./helpers";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const alarmOf = (gate: DurableObjectStub<SkuGate>) => runInDurableObject(gate, (_: SkuGate, state) => state.storage.getAlarm());

/** As if the gate had stopped between its writes and setting the alarm they needed. */
const loseAlarm = (gate: DurableObjectStub<SkuGate>) => runInDurableObject(gate, (_: SkuGate, state) => state.storage.deleteAlarm());

const allocatedOf = async (listingId: string) =>
  (await env.DB.prepare("SELECT allocated FROM inventory WHERE sku_id = ?").bind(listingId).first<{ allocated: number }>())?.allocated;

/** A deal on the setup's listing that ends, through the minute cron, with one unit still held. */
async function endedHoldingOneUnit(s: DealSetup): Promise<{ dealId: string; gate: DurableObjectStub<SkuGate> }> {
  // Sleeps are measured from the window, not from when creation returned: a slow run must not
  // carry the reserve past the deal's end.
  const startsAt = Date.now() + 300;
  const endsAt = Date.now() + 2_500;
  const dealId = await createDealViaApi(s, {
    units: 4,
    starts_at: new Date(startsAt).toISOString(),
    ends_at: new Date(endsAt).toISOString(),
  });
  await sleep(startsAt - Date.now() + 100);
  const gate = gateFor(env, dealId);
  expect((await gate.reserve({ reservationId: "late", shopperId: "s1", qty: 1 })).ok).toBe(true);
  await sleep(endsAt - Date.now() + 100);
  await tickDeals(env);
  expect(await gate.figures()).toMatchObject({ status: "ended", reserved: 1 });
  return { dealId, gate };
}

/** The held unit's hold falls due, and the gate loses the alarm that would return the unit. */
async function dueWithAlarmLost(gate: DurableObjectStub<SkuGate>): Promise<void> {
  await runInDurableObject(gate, (_: SkuGate, state) => {
    state.storage.sql.exec("UPDATE holds SET expires_at = ? WHERE reservation_id = 'late'", Date.now());
  });
  await loseAlarm(gate);
}

/** The test environment with every gate the code asks for by deal id recorded in `asked`. */
function recordingGates(): { env: Env; asked: Set<string> } {
  const gates = env.SKU_GATE as DurableObjectNamespace<SkuGate>;
  const asked = new Set<string>();
  const recording = {
    idFromName: (name: string) => {
      asked.add(name);
      return gates.idFromName(name);
    },
    get: (id: DurableObjectId) => gates.get(id),
  };
  return { env: { ...env, SKU_GATE: recording } as unknown as Env, asked };
}

/**
 * `count` deals that ended just now on one listing, each with its own gate ended with a unit to
 * return. Written straight to the table and the gates: this many through the API (a listing each,
 * as windows on one listing may not overlap) would only slow the test.
 */
async function endedCrowd(count: number): Promise<void> {
  const crowd = `crowd_${crypto.randomUUID()}`;
  const f = await dealAllocation(crowd, { available: count * 2, units: count });
  const now = new Date().toISOString();
  const ids = Array.from({ length: count }, (_, i) => `${crowd}_${i}`);
  const db = createDb(env.DB);
  const [first, ...rest] = ids.map((id) =>
    db.insert(deals).values({
      id,
      listingId: f.listingId,
      productId: f.productId,
      warehouseId: f.warehouseId,
      dealPrice: 99900,
      units: 1,
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: now,
      perUserLimit: 1,
      activeUsers: 100,
      newUsersPerMinute: 600,
      sessionMinutes: 10,
      status: "ended",
      createdBy: "usr_test",
      createdAt: now,
      updatedAt: now,
    }),
  );
  if (first) await db.batch([first, ...rest]);
  for (const dealId of ids) {
    const gate = gateFor(env, dealId);
    await gate.init(
      gateConfig({ dealId, skuId: f.listingId, warehouseId: f.warehouseId, units: 1, startsAt: Date.now() - 60_000, endsAt: Date.now() }),
    );
    await gate.end();
  }
}

/** Runs the gate's alarm until its figures satisfy `done` (it may also go off on its own meanwhile). */
async function alarmUntil(gate: DurableObjectStub<SkuGate>, done: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 40 && !(await done()); i++) {
    await runDurableObjectAlarm(gate);
    await sleep(50);
  }
}

describe("SkuGate alarm", () => {
  it("gets its alarm back when it next starts with holds open and journal rows unsent, and expires and ships them", async () => {
    const config = gateConfig({ units: 5, holdSeconds: 1 });
    const gate = gateFor(env, config.dealId);
    await gate.init(config);
    expect((await gate.reserve({ reservationId: "open", shopperId: "s1", qty: 1 })).ok).toBe(true);
    expect((await gate.reserve({ reservationId: "sold", shopperId: "s2", qty: 1 })).ok).toBe(true);
    expect(await gate.commit("sold")).toBe("done");
    await loseAlarm(gate);
    await evictDurableObject(gate);

    expect(await gate.figures()).toMatchObject({ reserved: 1, sold: 1, journalPending: 3 });
    expect(await alarmOf(gate)).not.toBeNull();
    await sleep(1_100);
    await alarmUntil(gate, async () => (await gate.figures()).journalPending === 0);
    expect(await gate.figures()).toMatchObject({ reserved: 0, sold: 1, remaining: 4, journalPending: 0 });
  });

  it("is set again by the minute cron for an ended deal still owing the ledger units, which then go back", async () => {
    const s = await dealSetup(20);
    const { gate } = await endedHoldingOneUnit(s);
    const allocated = () => allocatedOf(s.fixture.listingId);
    // The unit held when the deal ended stays allocated until its hold expires and the gate says so.
    expect(await allocated()).toBe(1);
    // Its hold falls due and the gate loses its alarm, with the deal's end still unshipped.
    await dueWithAlarmLost(gate);

    await tickDeals(env);
    expect(await alarmOf(gate)).not.toBeNull();
    await alarmUntil(gate, async () => (await allocated()) === 0);
    expect(await gate.figures()).toMatchObject({ reserved: 0, journalPending: 0, returned: 4 });
    expect(await allocated()).toBe(0);
    // Nothing is owed any more: later ticks leave the gate alone.
    expect((await tickDeals(env)).rearmed).toBe(0);
  });

  it("is set again by the minute cron for an ended deal while a later deal on its listing is live", async () => {
    const s = await dealSetup(20);
    const { gate } = await endedHoldingOneUnit(s);
    await dueWithAlarmLost(gate);
    const next = await createDealViaApi(s, {
      units: 5,
      starts_at: new Date(Date.now() + 300).toISOString(),
      ends_at: new Date(Date.now() + 3_600_000).toISOString(),
    });
    await sleep(400);

    await tickDeals(env);
    expect((await env.DB.prepare("SELECT status FROM deals WHERE id = ?").bind(next).first<{ status: string }>())?.status).toBe("live");
    expect(await alarmOf(gate)).not.toBeNull();
    // The ended deal's unit goes back to the shelf; the live deal's five stay allocated to it.
    await alarmUntil(gate, async () => (await allocatedOf(s.fixture.listingId)) === 5);
    expect(await gate.figures()).toMatchObject({ reserved: 0, journalPending: 0, returned: 4 });
    expect(await allocatedOf(s.fixture.listingId)).toBe(5);
  });

  it("leaves a settled deal's gate alone while an earlier deal on its listing still owes a unit", async () => {
    const s = await dealSetup(20);
    const owing = await endedHoldingOneUnit(s);
    const settled = await createDealViaApi(s, {
      units: 3,
      starts_at: new Date(Date.now() + 300).toISOString(),
      ends_at: new Date(Date.now() + 900).toISOString(),
    });
    await sleep(1_000);
    await tickDeals(env);
    const gate = gateFor(env, settled);
    await alarmUntil(gate, async () => (await gate.figures()).journalPending === 0);
    expect(await gate.figures()).toMatchObject({ status: "ended", reserved: 0, journalPending: 0, returned: 3 });
    // The next tick finds it owes nothing more.
    await tickDeals(env);

    for (let i = 0; i < 2; i++) {
      const { env: recording, asked } = recordingGates();
      await tickDeals(recording);
      expect(asked.has(settled)).toBe(false);
      expect(asked.has(owing.dealId)).toBe(true);
    }
  });

  it("is set again by the minute cron for an ended deal with more than 50 later-ended deals still to check", async () => {
    const s = await dealSetup(20);
    // The deal was checked once while its alarm stood; then a crowd of deals ended after it.
    const { gate } = await endedHoldingOneUnit(s);
    await endedCrowd(55);
    await dueWithAlarmLost(gate);

    // The crowd, never checked, goes first and fills the first tick.
    expect((await tickDeals(env)).rearmed).toBe(50);
    expect(await alarmOf(gate)).toBeNull();
    for (let i = 0; i < 4 && (await alarmOf(gate)) === null; i++) await tickDeals(env);
    expect(await alarmOf(gate)).not.toBeNull();
    await alarmUntil(gate, async () => (await allocatedOf(s.fixture.listingId)) === 0);
    expect(await allocatedOf(s.fixture.listingId)).toBe(0);
  });
});
