import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { SkuGate } from "../../durable-objects/sku-gate";
import { tickDeals } from "../../workers/deals/control-deal";
import { gateFor } from "../../workers/deals/gate-client";
import { createDealViaApi, dealSetup, gateConfig } from "./helpers";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const alarmOf = (gate: DurableObjectStub<SkuGate>) => runInDurableObject(gate, (_: SkuGate, state) => state.storage.getAlarm());

/** As if the gate had stopped between its writes and setting the alarm they needed. */
const loseAlarm = (gate: DurableObjectStub<SkuGate>) => runInDurableObject(gate, (_: SkuGate, state) => state.storage.deleteAlarm());

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
    const dealId = await createDealViaApi(s, {
      units: 4,
      starts_at: new Date(Date.now() + 300).toISOString(),
      ends_at: new Date(Date.now() + 1_000).toISOString(),
    });
    await sleep(400);
    const gate = gateFor(env, dealId);
    expect((await gate.reserve({ reservationId: "late", shopperId: "s1", qty: 1 })).ok).toBe(true);
    await sleep(700);
    await tickDeals(env);
    const allocated = async () =>
      (await env.DB.prepare("SELECT allocated FROM inventory WHERE sku_id = ?").bind(s.fixture.listingId).first<{ allocated: number }>())
        ?.allocated;
    // The unit held when the deal ended stays allocated until its hold expires and the gate says so.
    expect(await allocated()).toBe(1);
    // Its hold falls due and the gate loses its alarm, with the deal's end still unshipped.
    await runInDurableObject(gate, (_: SkuGate, state) => {
      state.storage.sql.exec("UPDATE holds SET expires_at = ? WHERE reservation_id = 'late'", Date.now());
    });
    await loseAlarm(gate);

    await tickDeals(env);
    expect(await alarmOf(gate)).not.toBeNull();
    await alarmUntil(gate, async () => (await allocated()) === 0);
    expect(await gate.figures()).toMatchObject({ reserved: 0, journalPending: 0, returned: 4 });
    expect(await allocated()).toBe(0);
    // Nothing is owed any more: later ticks leave the gate alone.
    expect((await tickDeals(env)).rearmed).toBe(0);
  });
});
